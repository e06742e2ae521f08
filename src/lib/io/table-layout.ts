/**
 * How a table is laid out, as staff keep them in Excel and CSV: a title line or notes above the header,
 * notes below the data, headers such as 緯度（世界測地系）. Pure functions over a grid of cells, shared
 * by the CSV and Excel importers.
 */

/** A spreadsheet's limits (Excel's): a table beyond them is a damaged file, a wrong separator or a bomb. */
export const SPREADSHEET_MAX_ROWS = 1_048_576;
export const SPREADSHEET_MAX_COLUMNS = 16_384;

/** Rows of text cells, as a CSV scanner or a spreadsheet reader gives them (blank rows left out). */
export interface CellGrid {
  rowCount: number;
  fieldCount(row: number): number;
  cell(row: number, column: number): string;
  /** The row's number as the user sees it (the file's record number, the sheet's row number), from 1. */
  rowNumber(row: number): number;
  /** Numbers of the blank rows that were left out (layout blank rows, for the machine-readability check). */
  blankRowNumbers: readonly number[];
}

export interface TableLayout {
  /** Index (in the grid) of the header row; the data starts on the next row. */
  headerRow: number;
  /** Index after the last data row: rows from here on are notes (注・出典 below the table). */
  dataEnd: number;
  /** Whether the header row is clear enough to import without asking the user. */
  confident: boolean;
}

const SCAN_ROWS = 30;
const NOTE_START = /^[※＊*注備出資（(]|^注[:：]|^出典|^資料|^備考/;

/** A row's non-blank values, trimmed, in column order. */
function rowValues(grid: CellGrid, row: number): string[] {
  const values: string[] = [];
  for (let c = 0; c < grid.fieldCount(row); c++) {
    const v = grid.cell(row, c).trim();
    if (v !== '') values.push(v);
  }
  return values;
}

const looksNumeric = (text: string) => /^[+-]?[\d,.０-９，．]+$/.test(text.trim());

/**
 * Finds the header row: the first of the first rows that is about as wide as the rows below it and
 * is made of labels (not numbers). Rows above it (a title, a date, a unit line) are left out with a
 * warning. Notes below the data (one cell starting with ※, 注, 出典…) end the data.
 */
export function detectLayout(grid: CellGrid, headerRow?: number, keepNotes = false): TableLayout {
  const widths = Array.from({ length: Math.min(grid.rowCount, SCAN_ROWS + 20) }, (_, r) => rowValues(grid, r).length);
  let header = headerRow ?? -1;
  let confident = headerRow !== undefined;
  if (header < 0) {
    for (let r = 0; r < Math.min(widths.length - 1, SCAN_ROWS); r++) {
      const below = widths.slice(r + 1, r + 21).sort((a, b) => a - b);
      const typical = below[Math.floor(below.length / 2)] ?? 0;
      const width = widths[r]!;
      if (width < 2 || width < Math.ceil(typical * 0.6)) continue;
      // Labels: mostly not numbers, and mostly different (a title merged across the columns repeats).
      const labels = new Set(rowValues(grid, r).filter((v) => !looksNumeric(v)));
      if (labels.size < width * 0.8) continue;
      header = r;
      // Sure when it is the first row, or every row above is a title line (one value, perhaps merged across).
      confident = Array.from({ length: r }, (_, above) => new Set(rowValues(grid, above)).size).every((n) => n <= 1);
      break;
    }
    if (header < 0) header = 0;
  }
  let dataEnd = grid.rowCount;
  if (rowValues(grid, header).length >= 3 && !keepNotes) {
    while (dataEnd > header + 2) {
      const values = rowValues(grid, dataEnd - 1);
      if (values.length !== 1 || !NOTE_START.test(values[0]!)) break;
      dataEnd--;
    }
  }
  return { headerRow: header, dataEnd, confident };
}

/** The text of the rows from..to (exclusive) for a warning: 「3行目: 避難所一覧（令和6年4月1日現在）」. */
export function describeRows(grid: CellGrid, from: number, to: number, limit = 3): { ja: string; en: string } {
  const lines: { n: number; text: string }[] = [];
  for (let r = from; r < to && lines.length < limit; r++) {
    // A title merged across the columns has its text in every cell: said once.
    const cells = [...new Set(rowValues(grid, r))];
    lines.push({ n: grid.rowNumber(r), text: cells.join(' ').slice(0, 40) });
  }
  const more = to - from - lines.length;
  return {
    ja: lines.map((l) => `${l.n}行目「${l.text}」`).join('、') + (more > 0 ? ` ほか ${more} 行` : ''),
    en: lines.map((l) => `row ${l.n} "${l.text}"`).join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

/**
 * A header as compared with the known names: full-width folded (ＬＡＴ), lower case, without spaces
 * and without what brackets add (緯度（世界測地系）, 緯度(度), lat(deg), 緯度[WGS84]).
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[([【〔［].*?[)\]】〕］]/g, '')
    .replace(/[\s_\-・:：]/g, '');
}

const LATITUDE_KEYS = ['緯度', '北緯', 'lat', 'latitude', 'y', 'y座標', '南北', 'ido', 'ycode', '緯度世界測地系', '緯度wgs84', '世界測地系緯度', '緯度jgd2011'];
const LONGITUDE_KEYS = ['経度', '東経', 'lon', 'lng', 'long', 'longitude', 'x', 'x座標', '東西', 'keido', 'xcode', '経度世界測地系', '経度wgs84', '世界測地系経度', '経度jgd2011'];
const ADDRESS_KEYS = ['住所', '所在地', '住所地', '所在', 'address', '住所1', '所在地住所', '施設住所', '発生場所', '場所', '住所又は所在地', '所在地（住所）'];

/** A header that means latitude (or longitude) loosely: starts with the word and does not name both. */
const LATITUDE_LOOSE = /^(緯度|北緯|lat)/;
const LONGITUDE_LOOSE = /^(経度|東経|lon|lng)/;

export interface ColumnGuess {
  latitude: number;
  longitude: number;
}

/**
 * The latitude and longitude columns by header: exact names first (緯度, lat, Y_CODE…), then names that
 * start with one (緯度（世界測地系）, 北緯（度）, lat(deg)). A single column holding both (緯度経度) is not one.
 */
export function findCoordinateColumns(headers: readonly string[]): ColumnGuess | null {
  const keys = headers.map(headerKey);
  const find = (exact: string[], loose: RegExp, other: RegExp) => {
    for (const candidate of exact) {
      const i = keys.indexOf(candidate);
      if (i !== -1) return i;
    }
    return keys.findIndex((k) => loose.test(k) && !other.test(k.replace(loose, '')));
  };
  const latitude = find(LATITUDE_KEYS, LATITUDE_LOOSE, /経度|lon|lng/);
  const longitude = find(LONGITUDE_KEYS, LONGITUDE_LOOSE, /緯度|lat/);
  return latitude === -1 || longitude === -1 || latitude === longitude ? null : { latitude, longitude };
}

/** The column that holds addresses (住所, 所在地, address…), or -1. */
export function findAddressColumn(headers: readonly string[]): number {
  const keys = headers.map(headerKey);
  for (const candidate of ADDRESS_KEYS.map(headerKey)) {
    const i = keys.indexOf(candidate);
    if (i !== -1) return i;
  }
  return keys.findIndex((k) => /住所|所在地|address/.test(k));
}
