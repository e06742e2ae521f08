import { isShared } from './shared-memory';

/**
 * Many strings in two typed arrays (UTF-8 bytes + offsets), so a text column's dictionary crosses a
 * thread or goes into IndexedDB as two buffer copies instead of a million string objects.
 */
export interface PackedStrings {
  bytes: Uint8Array;
  /** String i is bytes[offsets[i]] up to bytes[offsets[i + 1]]; length = count + 1. */
  offsets: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packStrings(strings: readonly string[]): PackedStrings {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  let capacity = 16;
  for (const s of strings) capacity += s.length * 3;
  const bytes = new Uint8Array(capacity);
  const offsets = new Uint32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    // ASCII is copied byte by byte; a string with other characters goes through TextEncoder. Measured in
    // Chromium on 1M short ids: encodeInto per string (and a view per call) took 1 s, this 0.1 s.
    let ascii = true;
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      bytes[at + k] = c;
    }
    at += ascii ? s.length : encoder.encodeInto(s, bytes.subarray(at)).written;
    offsets[i + 1] = at;
  }
  return { bytes: bytes.slice(0, at), offsets };
}

export const packedCount = (packed: PackedStrings) => packed.offsets.length - 1;

export function stringAt(packed: PackedStrings, index: number): string {
  const start = packed.offsets[index]!, end = packed.offsets[index + 1]!;
  // TextDecoder does not read shared memory (see shared-memory.ts): a string's bytes are copied first.
  return decoder.decode(isShared(packed.bytes) ? packed.bytes.slice(start, end) : packed.bytes.subarray(start, end));
}

// Decoded once per dictionary and kept while the dictionary lives (packed arrays are never changed).
const unpacked = new WeakMap<PackedStrings, string[]>();

/** All the strings, decoded once and cached. */
export function unpackStrings(packed: PackedStrings): string[] {
  let strings = unpacked.get(packed);
  if (!strings) {
    // Shared bytes are copied once for all the strings, not once per string.
    const own = isShared(packed.bytes) ? { bytes: packed.bytes.slice(), offsets: packed.offsets } : packed;
    strings = Array.from({ length: packedCount(own) }, (_, i) => stringAt(own, i));
    unpacked.set(packed, strings);
  }
  return strings;
}
