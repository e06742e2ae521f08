import { UserInputError } from '../util/errors';
import { extensionOf } from './file-names';

/**
 * How many bytes of memory reading a file takes at its peak, per byte of the file, by format. Measured
 * on this app's importers (Node, 1M-row CSV of 50 MB: text 94 MB + scanned rows 373 MB + table 74 MB ≈
 * 11×); GeoJSON parses into objects first (JSON.parse ≈ 15×); a zip may hold ten times its size.
 */
const PEAK_PER_BYTE: Record<string, number> = { csv: 12, tsv: 12, txt: 12, geojson: 16, json: 16, fgb: 10, shp: 8, dbf: 8, zip: 40 };
const DEFAULT_PEAK_PER_BYTE = 12;

export function estimatedPeakBytes(fileName: string, sizeBytes: number): number {
  return sizeBytes * (PEAK_PER_BYTE[extensionOf(fileName)] ?? DEFAULT_PEAK_PER_BYTE);
}

const mb = (bytes: number) => Math.round(bytes / 1e6).toLocaleString('en');

/**
 * Refuses a file whose import would need more memory than the browser gives (`budgetBytes`), before it
 * is read: a tab that runs out of memory crashes and takes the unsaved work with it.
 */
export function checkFitsInMemory(fileName: string, sizeBytes: number, budgetBytes: number): void {
  const needed = estimatedPeakBytes(fileName, sizeBytes);
  if (needed <= budgetBytes) return;
  throw new UserInputError({
    code: 'file-too-large',
    fileName,
    ja: `${fileName}（${mb(sizeBytes)} MB）は、このブラウザで読み込むにはメモリが足りません（約 ${mb(needed)} MB 必要、使えるのは約 ${mb(budgetBytes)} MB）。ファイルを期間や地域で分けるか、必要な列だけにしてから読み込んでください。`,
    en: `${fileName} (${mb(sizeBytes)} MB) needs more memory than this browser gives (about ${mb(needed)} MB needed, about ${mb(budgetBytes)} MB available). Split the file by period or area, or keep only the columns you need, then load it.`,
  });
}
