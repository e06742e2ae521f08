/**
 * Two kinds of failure, after mapshaper's stop()/error() split:
 * - UserInputError: the user's file or choice is wrong. Shown as is, in Japanese and English, naming
 *   the file and how to fix it. Crosses the worker boundary as a plain value (see toErrorInfo).
 * - anything else: a bug. Shown as an internal error, never blamed on the user's data.
 */
export type ErrorCode =
  | 'unsupported-format'
  | 'empty-file'
  | 'invalid-json'
  | 'invalid-xml'
  | 'invalid-gpkg'
  | 'not-geojson'
  | 'csv-no-header'
  | 'no-features'
  | 'zip-invalid'
  | 'zip-encrypted'
  | 'zip-too-large'
  | 'file-too-large'
  | 'zip-no-layers'
  | 'shp-missing'
  | 'shp-invalid'
  | 'dbf-invalid'
  | 'fgb-invalid'
  | 'excel-invalid'
  | 'address-dictionary-invalid'
  | 'no-address-column'
  | 'crs-unknown'
  | 'cancelled'
  | 'import-timeout'
  | 'pmtiles-invalid'
  | 'no-point-layer'
  | 'no-polygon-layer'
  | 'storage-failed'
  | 'work-file-invalid'
  | 'curriculum-invalid'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  /** The file the problem is in, when there is one. */
  fileName?: string;
  ja: string;
  en: string;
}

export class UserInputError extends Error {
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(`${info.code}: ${info.en}`);
    this.name = 'UserInputError';
    this.info = info;
  }
}

/** Builds the value that crosses the worker boundary; bugs keep their message for the console only. */
export function toErrorInfo(error: unknown, fileName?: string): ErrorInfo {
  if (error instanceof UserInputError) return { ...error.info, fileName: error.info.fileName ?? fileName };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    fileName,
    ja: `内部エラーが発生しました（${detail}）。作業内容は保存されています。`,
    en: `An internal error occurred (${detail}). Your saved work is kept.`,
  };
}

/** A file with nothing in it. */
export const emptyFileError = (fileName: string) =>
  new UserInputError({ code: 'empty-file', fileName, ja: `${fileName} は空です。`, en: `${fileName} is empty.` });

/** A readable file that holds no feature. */
export const noFeaturesError = (fileName: string) =>
  new UserInputError({ code: 'no-features', fileName, ja: `${fileName} には地物がありません。`, en: `${fileName} contains no features.` });
