/** Encodings offered to the user (WHATWG labels). 'shift_jis' is CP932: it has ①, ㈱ and 髙. */
export const TEXT_ENCODINGS = ['utf-8', 'shift_jis', 'euc-jp', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
/** Any WHATWG encoding label; a .cpg may name one outside TEXT_ENCODINGS (e.g. windows-1250). */
export type TextEncodingName = string;

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** certain: a BOM, a .cpg or valid UTF-8; likely: the only Japanese encoding the bytes are valid in; uncertain: a guess. */
  confidence: 'certain' | 'likely' | 'uncertain';
}

const decodes = (bytes: Uint8Array, encoding: TextEncodingName) => {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Share of characters that are kana or common kanji: high for real Japanese text in the right encoding. */
function japaneseScore(text: string): number {
  if (text.length === 0) return 0;
  const japanese = text.match(/[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]/g)?.length ?? 0;
  const odd = text.match(/[\uff61-\uff9f\ue000-\uf8ff\ufffd]/g)?.length ?? 0; // half-width kana, private use, replacement
  return (japanese - 2 * odd) / text.length;
}

/**
 * Finds the encoding of text bytes: a BOM decides; valid UTF-8 is UTF-8 (the chance that Shift_JIS
 * Japanese is valid UTF-8 is negligible beyond a few characters); UTF-16 without BOM shows as many NUL
 * bytes; otherwise Shift_JIS and EUC-JP are tried and scored by how Japanese the result reads.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', confidence: 'certain' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', confidence: 'certain' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', confidence: 'certain' };
  const sample = bytes.subarray(0, 1 << 20);
  const nulAt = [0, 0];
  for (let i = 0; i < Math.min(sample.length, 4096); i++) if (sample[i] === 0) nulAt[i % 2]!++;
  if (nulAt[1]! > sample.length / 8) return { encoding: 'utf-16le', confidence: 'likely' };
  if (nulAt[0]! > sample.length / 8) return { encoding: 'utf-16be', confidence: 'likely' };
  // A sample may cut a multi-byte character in two; trim to the last line break before testing.
  const lastBreak = sample.length < bytes.length ? sample.lastIndexOf(0x0a) : -1;
  const whole = lastBreak > 0 ? sample.subarray(0, lastBreak + 1) : sample;
  if (decodes(whole, 'utf-8')) return { encoding: 'utf-8', confidence: 'certain' };
  const valid = (['shift_jis', 'euc-jp'] as const).filter((e) => decodes(whole, e));
  if (valid.length === 1) return { encoding: valid[0]!, confidence: 'likely' };
  const candidates = valid.length > 0 ? valid : (['shift_jis', 'euc-jp'] as const);
  const scored = candidates
    .map((encoding) => ({ encoding, score: japaneseScore(new TextDecoder(encoding).decode(whole)) }))
    .sort((a, b) => b.score - a.score);
  return { encoding: scored[0]!.encoding, confidence: 'uncertain' };
}

/** Decodes with the given encoding, or the detected one; a BOM is never part of the text. */
export function decodeText(bytes: Uint8Array, encoding?: TextEncodingName): { text: string } & DetectedEncoding {
  const detected: DetectedEncoding = encoding ? { encoding, confidence: 'certain' } : detectEncoding(bytes);
  const text = new TextDecoder(detected.encoding).decode(bytes); // TextDecoder drops a matching BOM
  return { text, ...detected };
}

/** Maps a .cpg's text (UTF-8, SJIS, 932, ANSI 1252, …) to an encoding; null when it names none we know. */
export function encodingFromCodePage(cpg: string): TextEncodingName | null {
  const value = cpg.trim().toLowerCase().replace(/^ansi\s*/, '');
  if (/^(utf-?8|65001)$/.test(value)) return 'utf-8';
  if (/^(shift[_-]?jis|sjis|cp932|932|windows-31j|ms932|ms_kanji)$/.test(value)) return 'shift_jis';
  if (/^(euc-?jp|20932|51932)$/.test(value)) return 'euc-jp';
  if (/^(latin1|iso-8859-1)$/.test(value)) return 'windows-1252';
  const windows = /^(?:cp|windows-?)?(\d{3,4})$/.exec(value)?.[1];
  if (windows && isKnownEncoding(`windows-${windows}`)) return `windows-${windows}`;
  return isKnownEncoding(value) ? value : null;
}

function isKnownEncoding(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}
