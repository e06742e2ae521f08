import type { CellObject, WorkBook, WorkSheet } from '@e965/xlsx';
import { UserInputError } from '../util/errors';
import { importGrid } from './grid-import';
import type { CellGrid } from './table-layout';
import { columnLetters } from './readability';
import type { ImportOptions, ImportQuestion, ImportResult, ImportWarning } from './types';

export const EXCEL_EXTENSIONS = ['xlsx', 'xlsm', 'xls', 'xlsb', 'ods'];

/** Excel's own limit is 1,048,576 × 16,384; a sheet this large would not fit the browser's memory. */
const MAX_CELLS = 40_000_000;

const excelError = (fileName: string, ja: string, en: string) => new UserInputError({ code: 'excel-invalid', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });

/**
 * An Excel workbook → a layer, through the same table reading as CSV (header past title rows, notes,
 * coordinate columns): the chosen sheet (the first with data by default), merged cells filled with
 * their value, date cells as YYYY-MM-DD, numbers as Excel stores them (not as displayed), formulas by
 * their saved result. SheetJS (Apache-2.0) reads xlsx, xls, xlsb and ods; it is loaded on first use.
 */
export async function importExcel(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const container = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0; // OLE: .xls, or an encrypted .xlsx
  // An .xls may really be HTML or text (as many systems export "Excel" files), which SheetJS reads too.
  if (!zip && !container && !fileName.toLowerCase().endsWith('.xls')) {
    throw excelError(fileName, 'Excel ファイルではありません（中身が Excel の形式ではありません）。', 'is not an Excel file (its contents are not in an Excel format).');
  }
  const { read, utils, SSF } = await import('@e965/xlsx');
  let workbook: WorkBook;
  try {
    workbook = read(bytes, { type: 'array', dense: true, cellNF: true, cellFormula: true, cellHTML: false, cellStyles: false, cellDates: false });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/password|encrypt/i.test(message)) {
      throw excelError(
        fileName,
        'パスワードで保護されたブックは開けません。Excel でパスワードを外して保存し直してから読み込んでください（パスワードはこのアプリに入力しないでください）。',
        'a password-protected workbook cannot be opened. Remove the password in Excel, save, and load it again.',
      );
    }
    throw excelError(fileName, `Excel ファイルとして読めません（${message}）。壊れているか、別の形式です。`, `cannot be read as an Excel file (${message}). It is damaged or another format.`);
  }
  const withData = workbook.SheetNames.filter((name) => {
    const sheet = workbook.Sheets[name];
    return sheet?.['!ref'] !== undefined && (sheet['!data']?.some((row) => row?.some((cell) => cell !== undefined && cell.v !== undefined && cell.v !== '')) ?? false);
  });
  if (withData.length === 0) {
    throw excelError(fileName, `データのあるシートがありません（シート: ${workbook.SheetNames.join('、')}）。`, `no sheet holds data (sheets: ${workbook.SheetNames.join(', ')}).`);
  }
  const sheetName = options.sheet !== undefined && withData.includes(options.sheet) ? options.sheet : withData[0]!;
  const sheet = workbook.Sheets[sheetName]!;
  const range = utils.decode_range(sheet['!ref']!);
  const cells = (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1);
  if (cells > MAX_CELLS) {
    throw excelError(
      fileName,
      `シート「${sheetName}」が大きすぎます（${range.e.r + 1} 行 × ${range.e.c + 1} 列）。CSV で保存するか、必要な列だけのシートにしてください。`,
      `sheet "${sheetName}" is too large (${range.e.r + 1} rows × ${range.e.c + 1} columns). Save it as CSV or keep only the columns needed.`,
    );
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const grid = sheetGrid(sheet, (cell) => cellText(cell, date1904, SSF.is_date));
  const warnings: ImportWarning[] = [];
  if (grid.formulasWithoutValue > 0 && grid.formulasWithoutValue === grid.formulas) {
    throw excelError(
      fileName,
      `シート「${sheetName}」の数式 ${grid.formulas} 個に計算結果が保存されていません。Excel で開いて保存し直してください。`,
      `the ${grid.formulas} formulas of sheet "${sheetName}" have no saved result. Open the file in Excel and save it again.`,
    );
  }
  if (grid.formulasWithoutValue > 0) {
    warnings.push({
      code: 'formulas-without-values',
      ja: `${fileName}: 数式 ${grid.formulasWithoutValue} 個に計算結果が保存されていないため空欄として読みました（${grid.formulaCellsWithoutValue.join('、')}）。`,
      en: `${fileName}: ${grid.formulasWithoutValue} formulas have no saved result and were read as blank (${grid.formulaCellsWithoutValue.join(', ')}).`,
    });
  }
  const merges = sheet['!merges'] ?? [];
  if (merges.length > 0) {
    const names = merges.slice(0, 5).map((m) => utils.encode_range(m));
    warnings.push({
      code: 'merged-cells-filled',
      ja: `${fileName}: 結合されたセル ${merges.length} か所（${names.join('、')}${merges.length > 5 ? 'など' : ''}）は、結合した各セルに同じ値を入れて読みました。`,
      en: `${fileName}: ${merges.length} merged cell ranges (${names.join(', ')}${merges.length > 5 ? ', …' : ''}) were read with their value in every cell they cover.`,
    });
  }
  const questions: ImportQuestion[] = withData.length > 1 ? [{ kind: 'choose-sheet', required: false, names: withData, sheet: sheetName }] : [];
  const result = importGrid(grid, { fileName, questions, warnings, mergedRanges: merges.map((m) => utils.encode_range(m)) }, options);
  // A layer from a workbook with several sheets is named after the sheet too.
  if (withData.length > 1) for (const layer of result.layers) layer.name = `${layer.name}（${sheetName}）`;
  return result;
}

/** A sheet as a grid: blank rows left out (their numbers kept), merged ranges filled from their first cell. */
function sheetGrid(sheet: WorkSheet, text: (cell: CellObject) => string | null) {
  const data = sheet['!data'] ?? [];
  const kept: number[] = [];
  const blankRowNumbers: number[] = [];
  let formulas = 0, formulasWithoutValue = 0;
  const formulaCellsWithoutValue: string[] = [];
  // Blank rows are holes in the dense data (map would skip them): every index is visited.
  const rows: string[][] = Array.from({ length: data.length }, (_, r) =>
    Array.from(data[r] ?? [], (cell, c) => {
      if (!cell) return '';
      if (cell.f !== undefined) {
        formulas++;
        if (cell.v === undefined) {
          formulasWithoutValue++;
          if (formulaCellsWithoutValue.length < 5) formulaCellsWithoutValue.push(`${columnLetters(c)}${r + 1}`);
        }
      }
      return text(cell) ?? '';
    }),
  );
  for (const merge of sheet['!merges'] ?? []) {
    const value = rows[merge.s.r]?.[merge.s.c] ?? '';
    for (let r = merge.s.r; r <= merge.e.r; r++) {
      const row = (rows[r] ??= []);
      for (let c = merge.s.c; c <= merge.e.c; c++) row[c] = value;
    }
  }
  rows.forEach((row, r) => (row.some((v) => v.trim() !== '') ? kept.push(r) : blankRowNumbers.push(r + 1)));
  const grid: CellGrid & { formulas: number; formulasWithoutValue: number; formulaCellsWithoutValue: string[] } = {
    rowCount: kept.length,
    fieldCount: (row) => rows[kept[row]!]!.length,
    cell: (row, column) => rows[kept[row]!]![column] ?? '',
    rowNumber: (row) => kept[row]! + 1,
    blankRowNumbers,
    formulas,
    formulasWithoutValue,
    formulaCellsWithoutValue,
  };
  return grid;
}

/**
 * A cell's value as text: a number as stored (3.14159, not "3.14" as displayed), a date cell as
 * YYYY-MM-DD (with the time when it has one), TRUE/FALSE, an error as its code (#N/A).
 */
function cellText(cell: CellObject, date1904: boolean, isDateFormat: (format: string) => boolean): string | null {
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'n': {
      const value = cell.v as number;
      if (typeof cell.z === 'string' && isDateFormat(cell.z)) return serialToIso(value, date1904);
      return String(value);
    }
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    default:
      return null;
  }
}

/** An Excel date serial (days since 1899-12-30, or 1904-01-01) as ISO, without time-zone shifts. */
function serialToIso(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const ms = Math.round((serial * 86400000) / 1000) * 1000;
  const iso = new Date(epoch + ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}
