import type { CellObject, WorkBook } from '@e965/xlsx';
import { UserInputError } from '../util/errors';
import { importGrid } from './grid-import';
import type { CellGrid } from './table-layout';
import { columnLetters } from './readability';
import { MAX_SHEET_CELLS, readXlsx, serialToIso, type SheetCells, type WorkbookCells } from './xlsx-reader';
import type { ImportOptions, ImportQuestion, ImportResult, ImportWarning } from './types';

export const EXCEL_EXTENSIONS = ['xlsx', 'xlsm', 'xls', 'xlsb', 'ods'];

/** Excel's own limit is 1,048,576 × 16,384; a sheet this large would not fit the browser's memory. */

const excelError = (fileName: string, ja: string, en: string) => new UserInputError({ code: 'excel-invalid', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });

/**
 * An Excel workbook → a layer, through the same table reading as CSV (header past title rows, notes,
 * coordinate columns): the chosen sheet (the first with data by default), merged cells filled with
 * their value, date cells as YYYY-MM-DD, numbers as Excel stores them (not as displayed), formulas by
 * their saved result. .xlsx/.xlsm are read by the app's own cell reader (xlsx-reader.ts, fast); other
 * formats, and any workbook it cannot read, by SheetJS (Apache-2.0), loaded on first use.
 */
export async function importExcel(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const container = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0; // OLE: .xls, or an encrypted .xlsx
  // An .xls may really be HTML or text (as many systems export "Excel" files), which SheetJS reads too.
  if (!zip && !container && !fileName.toLowerCase().endsWith('.xls')) {
    throw excelError(fileName, 'Excel ファイルではありません（中身が Excel の形式ではありません）。', 'is not an Excel file (its contents are not in an Excel format).');
  }
  let workbook: WorkbookCells | null = null;
  if (zip && /\.xls[xm]$/i.test(fileName)) {
    try {
      workbook = readXlsx(bytes, fileName);
    } catch (error) {
      if (error instanceof UserInputError) throw error; // a zip bomb, refused by the unzipper
      workbook = null; // something unusual: SheetJS reads it
    }
  }
  workbook ??= await readWithSheetJs(bytes, fileName);

  const withData = workbook.names.filter((name) => workbook.hasData(name));
  if (withData.length === 0) {
    throw excelError(fileName, `データのあるシートがありません（シート: ${workbook.names.join('、')}）。`, `no sheet holds data (sheets: ${workbook.names.join(', ')}).`);
  }
  const sheetName = options.sheet !== undefined && withData.includes(options.sheet) ? options.sheet : withData[0]!;
  const sheet = workbook.sheet(sheetName);
  let width = 0;
  for (const row of sheet.rows) width = Math.max(width, row?.length ?? 0);
  if (sheet.rows.length * width > MAX_SHEET_CELLS) {
    throw excelError(
      fileName,
      `シート「${sheetName}」が大きすぎます（${sheet.rows.length} 行 × ${width} 列）。CSV で保存するか、必要な列だけのシートにしてください。`,
      `sheet "${sheetName}" is too large (${sheet.rows.length} rows × ${width} columns). Save it as CSV or keep only the columns needed.`,
    );
  }
  if (sheet.formulasWithoutValue > 0 && sheet.formulasWithoutValue === sheet.formulas) {
    throw excelError(
      fileName,
      `シート「${sheetName}」の数式 ${sheet.formulas} 個に計算結果が保存されていません。Excel で開いて保存し直してください。`,
      `the ${sheet.formulas} formulas of sheet "${sheetName}" have no saved result. Open the file in Excel and save it again.`,
    );
  }
  const warnings: ImportWarning[] = [];
  if (sheet.formulasWithoutValue > 0) {
    warnings.push({
      code: 'formulas-without-values',
      ja: `${fileName}: 数式 ${sheet.formulasWithoutValue} 個に計算結果が保存されていないため空欄として読みました（${sheet.formulaCellsWithoutValue.join('、')}）。`,
      en: `${fileName}: ${sheet.formulasWithoutValue} formulas have no saved result and were read as blank (${sheet.formulaCellsWithoutValue.join(', ')}).`,
    });
  }
  const ranges = sheet.merges.map((m) => `${columnLetters(m.s.c)}${m.s.r + 1}:${columnLetters(m.e.c)}${m.e.r + 1}`);
  if (ranges.length > 0) {
    warnings.push({
      code: 'merged-cells-filled',
      ja: `${fileName}: 結合されたセル ${ranges.length} か所（${ranges.slice(0, 5).join('、')}${ranges.length > 5 ? 'など' : ''}）は、結合した各セルに同じ値を入れて読みました。`,
      en: `${fileName}: ${ranges.length} merged cell ranges (${ranges.slice(0, 5).join(', ')}${ranges.length > 5 ? ', …' : ''}) were read with their value in every cell they cover.`,
    });
  }
  const questions: ImportQuestion[] = withData.length > 1 ? [{ kind: 'choose-sheet', required: false, names: withData, sheet: sheetName }] : [];
  const result = importGrid(sheetGrid(sheet), { fileName, questions, warnings, mergedRanges: ranges }, options);
  // A layer from a workbook with several sheets is named after the sheet too.
  if (withData.length > 1) for (const layer of result.layers) layer.name = `${layer.name}（${sheetName}）`;
  return result;
}

/** A sheet as a grid: blank rows left out (their numbers kept), merged ranges filled from their first cell. */
function sheetGrid(sheet: SheetCells): CellGrid {
  const rows = sheet.rows;
  // Filled only within the cells that hold data: a merge reaching beyond them adds nothing to read, and one
  // over the whole sheet (A1:XFD1048576, a 1 KB file) would be 17 billion cells.
  const lastRow = rows.length - 1;
  let lastColumn = -1;
  for (const row of rows) lastColumn = Math.max(lastColumn, (row?.length ?? 0) - 1);
  for (const merge of sheet.merges) {
    const value = rows[merge.s.r]?.[merge.s.c] ?? '';
    for (let r = merge.s.r; r <= Math.min(merge.e.r, lastRow); r++) {
      const row = (rows[r] ??= []);
      for (let c = merge.s.c; c <= Math.min(merge.e.c, lastColumn); c++) row[c] = value;
    }
  }
  const kept: number[] = [];
  const blankRowNumbers: number[] = [];
  // Blank rows are holes in the array (forEach would skip them): every index is visited.
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row && row.some((v) => v !== undefined && v.trim() !== '')) kept.push(r);
    else blankRowNumbers.push(r + 1);
  }
  return {
    rowCount: kept.length,
    fieldCount: (row) => rows[kept[row]!]!.length,
    cell: (row, column) => rows[kept[row]!]![column] ?? '',
    rowNumber: (row) => kept[row]! + 1,
    blankRowNumbers,
  };
}

/** Any workbook SheetJS reads (.xls, .xlsb, .ods, unusual .xlsx), as the same cells. */
async function readWithSheetJs(bytes: Uint8Array, fileName: string): Promise<WorkbookCells> {
  const { read, SSF } = await import('@e965/xlsx');
  let workbook: WorkBook;
  try {
    workbook = read(bytes, { type: 'array', dense: true, cellNF: true, cellFormula: true, cellHTML: false, cellStyles: false, cellDates: false, cellText: false });
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
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const dataOf = (name: string) => workbook.Sheets[name]?.['!data'] ?? [];
  return {
    names: workbook.SheetNames,
    hasData: (name) => dataOf(name).some((row) => row?.some((cell) => cell !== undefined && cell.v !== undefined && cell.v !== '')),
    sheet: (name) => {
      const result: SheetCells = { rows: [], merges: workbook.Sheets[name]?.['!merges'] ?? [], formulas: 0, formulasWithoutValue: 0, formulaCellsWithoutValue: [] };
      const data = dataOf(name);
      for (let r = 0; r < data.length; r++) {
        const row = data[r];
        if (!row) continue;
        result.rows[r] = Array.from(row, (cell, c) => {
          if (!cell) return '';
          if (cell.f !== undefined) {
            result.formulas++;
            if (cell.v === undefined) {
              result.formulasWithoutValue++;
              if (result.formulaCellsWithoutValue.length < 5) result.formulaCellsWithoutValue.push(`${columnLetters(c)}${r + 1}`);
            }
          }
          return cellText(cell, date1904, SSF.is_date) ?? '';
        });
      }
      return result;
    },
  };
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
