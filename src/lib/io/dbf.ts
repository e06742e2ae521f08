import { UserInputError } from '../util/errors';
import type { Properties } from '../geo/types';
import { detectEncoding, encodingFromCodePage, type DetectedEncoding, type TextEncodingName } from './text-encoding';

export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfTable {
  fields: DbfField[];
  records: Properties[];
  encoding: TextEncodingName;
  /** Where the encoding came from, so the user knows how sure it is. */
  encodingSource: 'option' | 'cpg' | 'language-driver' | 'detected' | 'cpg-contradicted';
  confidence: DetectedEncoding['confidence'];
}

/** dBase language driver ids (byte 29) that name an encoding; 0 means "not said". */
const LANGUAGE_DRIVERS: Record<number, TextEncodingName> = {
  0x13: 'shift_jis', // 932 Japanese
  0x7b: 'shift_jis', // 932 Japanese (Shift-JIS)
  0x4d: 'gbk',
  0x4e: 'euc-kr',
  0x4f: 'big5',
  0x57: 'windows-1252',
  0x03: 'windows-1252',
  0xc8: 'windows-1250',
};

/**
 * Reads a .dbf (dBase III) attribute table. The encoding is, in order: the user's choice, the .cpg,
 * the language driver byte, detection over the text fields (CP932 is the usual answer in Japan, where
 * shapefiles from 国土数値情報 and department GIS often come without .cpg).
 */
export function readDbf(bytes: Uint8Array, fileName: string, cpg?: string, encodingOption?: TextEncodingName): DbfTable {
  const invalid = (ja: string, en: string) => new UserInputError({ code: 'dbf-invalid', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });
  if (bytes.length < 33) throw invalid('属性ファイル（.dbf）が短すぎます。', 'the attribute file (.dbf) is too short.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) throw invalid('.dbf のヘッダが壊れています。', 'the .dbf header is damaged.');

  const rawFields: { nameBytes: Uint8Array; type: string; length: number; offset: number }[] = [];
  let recordOffset = 1; // byte 0 of a record is the deletion flag
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const length = bytes[at + 16]!;
    rawFields.push({ nameBytes: end === -1 ? nameBytes : nameBytes.subarray(0, end), type: String.fromCharCode(bytes[at + 11]!), length, offset: recordOffset });
    recordOffset += length;
  }
  const available = Math.floor((bytes.length - headerLength) / recordLength);
  const count = Math.min(recordCount, available);

  const { encoding, source, confidence } = chooseEncoding(bytes, rawFields, headerLength, recordLength, count, cpg, encodingOption);
  const decoder = new TextDecoder(encoding);
  const seen = new Map<string, number>();
  const fields: DbfField[] = rawFields.map((f, i) => {
    let name = decoder.decode(f.nameBytes).trim() || `FIELD${i + 1}`;
    // Field names must be unique keys; a repeated name gets a suffix rather than overwriting.
    const times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    if (times > 0) name = `${name}_${times + 1}`;
    return { name, type: f.type, length: f.length };
  });

  const records: Properties[] = [];
  for (let r = 0; r < count; r++) {
    const base = headerLength + r * recordLength;
    // Object.fromEntries defines own properties, so a field called __proto__ stays a field.
    records.push(
      Object.fromEntries(
        rawFields.map((f, i) => [fields[i]!.name, readValue(bytes.subarray(base + f.offset, base + f.offset + f.length), f.type, decoder)]),
      ),
    );
  }
  return { fields, records, encoding, encodingSource: source, confidence };
}

function readValue(raw: Uint8Array, type: string, decoder: TextDecoder): string | number | boolean | null {
  switch (type) {
    case 'N':
    case 'F': {
      const text = ascii(raw).trim();
      if (text === '' || /^\*+$/.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'D': {
      const text = ascii(raw).trim();
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : null;
    }
    case 'L': {
      const c = ascii(raw).trim().toUpperCase();
      return 'YT'.includes(c) && c !== '' ? true : 'NF'.includes(c) && c !== '' ? false : null;
    }
    default: {
      const end = raw.indexOf(0);
      return decoder.decode(end === -1 ? raw : raw.subarray(0, end)).replace(/\s+$/, '');
    }
  }
}

const ascii = (raw: Uint8Array) => String.fromCharCode(...raw); // bounded: a header field, 11 bytes at most

function chooseEncoding(
  bytes: Uint8Array,
  fields: readonly { nameBytes: Uint8Array; type: string; length: number; offset: number }[],
  headerLength: number,
  recordLength: number,
  count: number,
  cpg: string | undefined,
  option: TextEncodingName | undefined,
): { encoding: TextEncodingName; source: DbfTable['encodingSource']; confidence: DetectedEncoding['confidence'] } {
  if (option) return { encoding: option, source: 'option', confidence: 'certain' };
  const fromCpg = cpg ? encodingFromCodePage(cpg) : null;
  if (fromCpg && fromCpg !== 'utf-8') return { encoding: fromCpg, source: 'cpg', confidence: 'certain' };
  if (!fromCpg) {
    const fromDriver = LANGUAGE_DRIVERS[bytes[29]!];
    if (fromDriver) return { encoding: fromDriver, source: 'language-driver', confidence: 'likely' };
  }
  const detected = detectEncoding(textBytes(bytes, fields, headerLength, recordLength, count));
  if (fromCpg === 'utf-8') {
    // A .cpg saying UTF-8 over CP932 text (a tool's default, not the data's truth) is not trusted.
    return detected.encoding === 'utf-8' ? { encoding: 'utf-8', source: 'cpg', confidence: 'certain' } : { encoding: detected.encoding, source: 'cpg-contradicted', confidence: 'likely' };
  }
  return { encoding: detected.encoding, source: 'detected', confidence: detected.confidence };
}

/** Field names and the text fields of (up to) the first 5,000 records, joined by newlines, for detection. */
function textBytes(bytes: Uint8Array, fields: readonly { nameBytes: Uint8Array; type: string; length: number; offset: number }[], headerLength: number, recordLength: number, count: number): Uint8Array {
  const parts: Uint8Array[] = fields.map((f) => f.nameBytes);
  for (let r = 0; r < Math.min(count, 5000); r++) {
    const base = headerLength + r * recordLength;
    for (const f of fields) {
      if (f.type !== 'C') continue;
      const value = bytes.subarray(base + f.offset, base + f.offset + f.length);
      const end = value.indexOf(0); // NUL padding would look like UTF-16 to the detector
      parts.push(end === -1 ? value : value.subarray(0, end));
    }
  }
  const joined = new Uint8Array(parts.reduce((s, p) => s + p.length + 1, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    joined[at + part.length] = 0x0a;
    at += part.length + 1;
  }
  return joined;
}
