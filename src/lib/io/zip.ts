import { Unzip, UnzipInflate } from 'fflate';
import { UserInputError } from '../util/errors';

export interface NamedBytes {
  /** The entry's file name only (folders in the archive are not honoured: no "../" escapes), or its path if asked. */
  name: string;
  bytes: Uint8Array;
}

/** Limits that stop zip bombs while inflating (checked on the bytes really produced, not the header's claim). */
export const ZIP_LIMITS = {
  maxEntries: 2000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  /** Inflated/compressed ratio allowed for entries above 1 MiB; real GIS data stays far below it. */
  maxRatio: 200,
};

/** What the central directory says of each entry: its name decoded right, and whether it is encrypted. */
interface EntryInfo {
  name: string;
  encrypted: boolean;
}

/**
 * Reads the central directory: fflate decodes a name without the UTF-8 flag as Latin-1, but Windows
 * Explorer writes Japanese names in CP932 without it (公園.shp came out as "ö"). Names are decoded as UTF-8
 * when flagged or valid, else as Shift_JIS (CP932). Keyed by the Latin-1 reading fflate gives.
 */
function centralDirectory(bytes: Uint8Array): Map<string, EntryInfo> {
  const entries = new Map<string, EntryInfo>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) return entries;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const latin1 = new TextDecoder('latin1');
  for (let n = 0; n < count && at + 46 <= bytes.length && view.getUint32(at, true) === 0x02014b50; n++) {
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true), extraLength = view.getUint16(at + 30, true), commentLength = view.getUint16(at + 32, true);
    const raw = bytes.subarray(at + 46, at + 46 + nameLength);
    let name: string;
    try {
      name = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      name = flags & 0x800 ? new TextDecoder('utf-8').decode(raw) : new TextDecoder('shift_jis').decode(raw);
    }
    // fflate reads names as UTF-8 when flagged, else Latin-1: both readings are keys.
    entries.set(latin1.decode(raw), { name, encrypted: (flags & 1) === 1 });
    entries.set(new TextDecoder('utf-8').decode(raw), { name, encrypted: (flags & 1) === 1 });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** A path that would leave the folder it is unpacked into. */
const isUnsafePath = (path: string) => /^([/\\]|[a-zA-Z]:)/.test(path) || path.split(/[/\\]/).includes('..');

const isJunk = (path: string) => path.endsWith('/') || path.split('/').some((part) => part === '__MACOSX' || part.startsWith('._'));

/**
 * Unzips an archive safely. Entries keep only their base names, unless `keepPaths` (curriculum
 * packages, whose files sit in folders): then the caller must refuse paths that leave the package.
 */
export function unzipSafely(bytes: Uint8Array, fileName: string, limits = ZIP_LIMITS, keepPaths = false, skipped: string[] = []): NamedBytes[] {
  const entries: NamedBytes[] = [];
  const directory = centralDirectory(bytes);
  if ([...directory.values()].some((e) => e.encrypted)) {
    throw new UserInputError({
      code: 'zip-encrypted',
      fileName,
      ja: `${fileName} はパスワード付き ZIP のため開けません。パスワードを外した ZIP にするか、中のファイルを取り出してから読み込んでください（パスワードはこのアプリに入力しないでください）。`,
      en: `${fileName} is a password-protected ZIP and cannot be opened. Make a ZIP without a password, or take the files out and load them.`,
    });
  }
  let total = 0;
  let entryCount = 0;
  let failure: UserInputError | null = null;
  const fail = (ja: string, en: string) => {
    failure ??= new UserInputError({ code: 'zip-too-large', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });
  };

  const unzip = new Unzip((file) => {
    if (failure || isJunk(file.name)) return;
    if (++entryCount > limits.maxEntries) {
      fail(`ファイル数が多すぎます（上限 ${limits.maxEntries}）。`, `too many files (limit ${limits.maxEntries}).`);
      return;
    }
    const path = directory.get(file.name)?.name ?? file.name;
    // An entry that would climb out of its folder (../x, /etc/x) is not read, and is named in a warning.
    if (isUnsafePath(path)) {
      skipped.push(path);
      return;
    }
    const name = keepPaths ? path : path.split('/').pop()!;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = new UserInputError({ code: 'zip-invalid', fileName, ja: `${fileName} の ${name} を展開できません（${error.message}）。`, en: `${fileName}: cannot inflate ${name} (${error.message}).` });
        return;
      }
      size += chunk.length;
      total += chunk.length;
      const ratio = file.size ? size / file.size : 0;
      if (size > limits.maxEntryBytes || total > limits.maxTotalBytes || (size > 1 << 20 && ratio > limits.maxRatio)) {
        fail(`展開後のサイズが大きすぎます（${name}）。圧縮爆弾の可能性があるため読み込みを中止しました。`, `inflated size too large (${name}); stopped, it may be a zip bomb.`);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) entries.push({ name, bytes: concat(chunks, size) });
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    // Pushing in slices lets the limits stop inflation early.
    const slice = 1 << 20;
    for (let offset = 0; offset < bytes.length && !failure; offset += slice) {
      unzip.push(bytes.subarray(offset, offset + slice), offset + slice >= bytes.length);
    }
  } catch (error) {
    failure ??= new UserInputError({ code: 'zip-invalid', fileName, ja: `${fileName} は壊れているか ZIP ではありません（${(error as Error).message}）。`, en: `${fileName} is damaged or not a ZIP file (${(error as Error).message}).` });
  }
  if (failure) throw failure;
  if (entryCount === 0 && !hasZipSignature(bytes)) {
    throw new UserInputError({ code: 'zip-invalid', fileName, ja: `${fileName} は壊れているか ZIP ではありません。`, en: `${fileName} is damaged or not a ZIP file.` });
  }
  return entries;
}

const hasZipSignature = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * The folder a package's files sit in when it was zipped as a folder: 'level-2/' when every entry is under
 * one top folder holding `rootFile` (curriculum.json, setup.json), '' when the package is at the zip's root.
 */
export function packageFolder(paths: readonly string[], rootFile: string): string {
  const top = paths.map((p) => p.split('/')[0]!);
  return paths.length > 0 && top.every((t) => t === top[0]) && paths.includes(`${top[0]}/${rootFile}`) ? `${top[0]}/` : '';
}
