import { inflateSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { UserInputError } from '../util/errors';
import { ZIP_LIMITS } from './zip';

/**
 * Zips that may hold a file of hundreds of MB (a city setup with its PMTiles base map), read and written
 * without holding it in the page's memory: an entry stored uncompressed is a slice of the zip's Blob (the
 * browser keeps Blobs on disk), small entries are inflated one at a time; writing streams each file into
 * the zip's Blob in parts.
 */
export interface BlobEntry {
  /** The entry's path in the zip. */
  path: string;
  blob: Blob;
}

const invalid = (fileName: string, detail: string) =>
  new UserInputError({ code: 'zip-invalid', fileName, ja: `${fileName} は壊れているか ZIP ではありません（${detail}）。`, en: `${fileName} is damaged or not a ZIP file (${detail}).` });

/** The entries of a zip kept as a Blob; `unsafe` collects paths that would leave the folder (not read). */
export async function readZipBlob(zip: Blob, fileName: string, unsafe: string[] = [], limits = ZIP_LIMITS): Promise<BlobEntry[]> {
  const tailLength = Math.min(zip.size, 22 + 65535);
  const tail = new Uint8Array(await zip.slice(zip.size - tailLength).arrayBuffer());
  const tailView = new DataView(tail.buffer);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tailView.getUint32(i, true) === 0x06054b50) ((end = i), (i = -1));
  if (end === -1) throw invalid(fileName, 'no central directory');
  const count = tailView.getUint16(end + 10, true), size = tailView.getUint32(end + 12, true), offset = tailView.getUint32(end + 16, true);
  if (count > limits.maxEntries) throw new UserInputError({ code: 'zip-too-large', fileName, ja: `${fileName}: ファイル数が多すぎます（上限 ${limits.maxEntries}）。`, en: `${fileName}: too many files (limit ${limits.maxEntries}).` });
  if (offset + size > zip.size) throw invalid(fileName, 'central directory beyond the end');
  const directory = new Uint8Array(await zip.slice(offset, offset + size).arrayBuffer());
  const view = new DataView(directory.buffer);
  const entries: BlobEntry[] = [];
  let total = 0;
  for (let n = 0, at = 0; n < count; n++) {
    if (at + 46 > directory.length || view.getUint32(at, true) !== 0x02014b50) throw invalid(fileName, 'central directory damaged');
    const flags = view.getUint16(at + 8, true), method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true), inflated = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true), extraLength = view.getUint16(at + 30, true), commentLength = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    const raw = directory.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    const path = flags & 0x800 ? new TextDecoder().decode(raw) : decodeName(raw);
    if (path.endsWith('/') || path.split('/').some((p) => p === '__MACOSX' || p.startsWith('._'))) continue;
    if (/^([/\\]|[a-zA-Z]:)/.test(path) || path.split(/[/\\]/).includes('..')) {
      unsafe.push(path);
      continue;
    }
    if (flags & 1) throw new UserInputError({ code: 'zip-encrypted', fileName, ja: `${fileName} はパスワード付き ZIP のため開けません。`, en: `${fileName} is a password-protected ZIP and cannot be opened.` });
    total += inflated;
    if (inflated > limits.maxEntryBytes || total > limits.maxTotalBytes) {
      throw new UserInputError({ code: 'zip-too-large', fileName, ja: `${fileName}: 展開後のサイズが大きすぎます（${path}）。`, en: `${fileName}: inflated size too large (${path}).` });
    }
    const local = new DataView(await zip.slice(localAt, localAt + 30).arrayBuffer());
    if (local.byteLength < 30 || local.getUint32(0, true) !== 0x04034b50) throw invalid(fileName, `${path}: local header`);
    const dataAt = localAt + 30 + local.getUint16(26, true) + local.getUint16(28, true);
    const data = zip.slice(dataAt, dataAt + compressed);
    if (method === 0) entries.push({ path, blob: data });
    else if (method === 8) {
      // Inflated to at most the size the directory states: a bomb lying about it is cut there (and then fails
      // to read as what it claims to be).
      if (inflated > (1 << 20) && inflated / Math.max(1, compressed) > limits.maxRatio) throw new UserInputError({ code: 'zip-too-large', fileName, ja: `${fileName}: 圧縮爆弾の可能性があるため読み込みを中止しました（${path}）。`, en: `${fileName}: stopped, it may be a zip bomb (${path}).` });
      let bytes: Uint8Array;
      try {
        bytes = inflateSync(new Uint8Array(await data.arrayBuffer()), { out: new Uint8Array(inflated) });
      } catch (error) {
        throw invalid(fileName, `${path}: ${(error as Error).message}`);
      }
      entries.push({ path, blob: new Blob([bytes as BlobPart]) });
    } else throw invalid(fileName, `${path}: compression method ${method}`);
  }
  return entries;
}

/** Names without the UTF-8 flag: UTF-8 when valid, else Shift_JIS (Windows Explorer writes CP932). */
function decodeName(raw: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('shift_jis').decode(raw);
  }
}

/** Writes a zip as a Blob, file by file in slices; `store` entries (already compressed data) are not deflated. */
export async function writeZipBlob(entries: readonly (BlobEntry & { store?: boolean })[]): Promise<Blob> {
  let written: Blob = new Blob([]);
  let parts: Uint8Array[] = [];
  let partBytes = 0;
  let failure: Error | null = null;
  // Parts are handed to a Blob every 8 MB, so the zip never sits whole in the page's memory.
  const flush = () => {
    written = new Blob([written, ...(parts as BlobPart[])]);
    parts = [];
    partBytes = 0;
  };
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    parts.push(chunk);
    partBytes += chunk.length;
    if (partBytes > 8 << 20) flush();
  });
  for (const entry of entries) {
    const file = entry.store ? new ZipPassThrough(entry.path) : new ZipDeflate(entry.path, { level: 6 });
    zip.add(file);
    const reader = entry.blob.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      file.push(value, false);
    }
    file.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
  flush();
  return written;
}
