import { emptyFileError } from '../util/errors';
import { detectDelimiter, scanCsvColumns } from './csv-scanner';
import { importGrid } from './grid-import';
import { decodeText } from './text-encoding';
import type { ImportOptions, ImportQuestion, ImportResult } from './types';

/** A CSV/TSV table → a layer (see importGrid): decoded, scanned into field offsets, read as a grid. */
export function importCsv(bytes: Uint8Array, fileName: string, options: ImportOptions = {}, onProgress?: (fraction: number) => void): ImportResult {
  const decoded = decodeText(bytes, options.encoding);
  if (decoded.text.trim() === '') throw emptyFileError(fileName);
  const questions: ImportQuestion[] = [];
  if (decoded.confidence !== 'certain') {
    questions.push({ kind: 'encoding', required: false, encoding: decoded.encoding, confidence: decoded.confidence });
  }
  const delimiter = detectDelimiter(decoded.text);
  const scanned = scanCsvColumns(decoded.text, delimiter, onProgress);
  const grid = {
    rowCount: scanned.rowCount,
    fieldCount: (row: number) => scanned.fieldCount(row),
    cell: (row: number, column: number) => scanned.value(column, row),
    rowNumber: (row: number) => scanned.rowNumber(row),
    blankRowNumbers: scanned.blankRowNumbers,
  };
  return importGrid(grid, { fileName, encoding: decoded.encoding, questions, decimalComma: delimiter === ';' && writesDecimalCommas(scanned) }, options);
}

/** Whether a semicolon CSV writes its numbers with a decimal comma (35,6812) and never with a point. */
function writesDecimalCommas(scanned: ReturnType<typeof scanCsvColumns>): boolean {
  let commas = 0;
  for (let row = 1; row < Math.min(scanned.rowCount, 200); row++) {
    for (let column = 0; column < scanned.fieldCount(row); column++) {
      const value = scanned.value(column, row).trim();
      if (/^[+-]?\d+\.\d+$/.test(value)) return false;
      if (/^[+-]?\d+,\d+$/.test(value)) commas++;
    }
  }
  return commas > 0;
}
