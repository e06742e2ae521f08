import { expect } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';
import type { ImportOptions, ImportResult, SourceFile } from '../../src/lib/io/types';
import type { ErrorCode } from '../../src/lib/util/errors';

/** Imports one file (or several that form one source) and returns the result; fails the test on an error. */
export async function imported(bytes: Uint8Array, name: string, options?: ImportOptions): Promise<ImportResult> {
  return importedFiles([{ name, bytes }], options, name);
}

export async function importedFiles(files: SourceFile[], options?: ImportOptions, sourceName?: string): Promise<ImportResult> {
  const outcomes = await importFiles(files, options && sourceName ? { [sourceName]: options } : {});
  expect(outcomes).toHaveLength(1);
  const outcome = outcomes[0]!;
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.en}`);
  return outcome.result;
}

/** Asserts the file is refused with this code and a message in both languages naming the file. */
export async function expectRefused(bytes: Uint8Array, name: string, code: ErrorCode, files?: SourceFile[]): Promise<void> {
  const outcomes = await importFiles(files ?? [{ name, bytes }]);
  const outcome = outcomes.find((o) => !o.ok);
  expect(outcome, `expected ${code}`).toBeDefined();
  if (!outcome || outcome.ok) return;
  expect(outcome.error.code).toBe(code);
  expect(outcome.error.fileName).toBe(name);
  expect(outcome.error.ja).toContain(name);
  expect(outcome.error.en).toContain(name);
}
