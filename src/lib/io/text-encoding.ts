export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'shift_jis';

/**
 * Decodes a text file the way Japanese office files come: a BOM decides; otherwise valid UTF-8 is
 * UTF-8, and anything else is taken as Shift_JIS (CP932, what Excel writes on Japanese Windows).
 * WHATWG 'shift_jis' is CP932 (it includes ①, ㈱ and the NEC/IBM extensions).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName; guessed: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', guessed: false };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', guessed: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', guessed: false };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', guessed: false };
  } catch {
    return { text: new TextDecoder('shift_jis').decode(bytes), encoding: 'shift_jis', guessed: true };
  }
}
