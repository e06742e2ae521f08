import { UserInputError } from '../util/errors';
import { importCsv } from './csv';
import { importGeoJson } from './geojson';
import type { ImportResult } from './types';

/** The format handlers by file extension (lower case, without the dot). */
const HANDLERS: Record<string, (bytes: Uint8Array, fileName: string) => ImportResult> = {
  csv: importCsv,
  tsv: importCsv,
  txt: importCsv,
  geojson: importGeoJson,
  json: importGeoJson,
};

export const SUPPORTED_EXTENSIONS = Object.keys(HANDLERS);

/** Imports one file's bytes. Pure: no DOM, runs in the worker and in Node tests. */
export function importFile(bytes: Uint8Array, fileName: string): ImportResult {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const handler = HANDLERS[extension];
  if (!handler) {
    const list = SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(' ');
    throw new UserInputError({
      code: 'unsupported-format',
      fileName,
      ja: `${fileName} は読み込めない形式です。対応している形式: ${list}`,
      en: `${fileName} is not a supported format. Supported: ${list}`,
    });
  }
  return handler(bytes, fileName);
}
