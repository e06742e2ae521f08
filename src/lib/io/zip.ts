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

const isJunk = (path: string) => path.endsWith('/') || path.split('/').some((part) => part === '__MACOSX' || part.startsWith('._'));

/**
 * Unzips an archive safely. Entries keep only their base names, unless `keepPaths` (curriculum
 * packages, whose files sit in folders): then the caller must refuse paths that leave the package.
 */
export function unzipSafely(bytes: Uint8Array, fileName: string, limits = ZIP_LIMITS, keepPaths = false): NamedBytes[] {
  const entries: NamedBytes[] = [];
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
    const name = keepPaths ? file.name : file.name.split('/').pop()!;
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
