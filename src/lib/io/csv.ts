import { UserInputError, emptyFileError } from '../util/errors';
import { makeTable, textColumn, type TableColumn, type TableGeometry } from '../table/layer-table';
import { baseName } from './file-names';
import { parseJapaneseEraDate, parseWesternDate } from './japanese-date';
import { decodeText } from './text-encoding';
import { detectDelimiter, scanCsvColumns } from './csv-scanner';
import type { ImportOptions, ImportQuestion, ImportResult, ImportWarning } from './types';

const LATITUDE_HEADERS = ['緯度', '北緯', 'lat', 'latitude', 'y', 'y座標', 'ido', 'y_code']; // Y_CODE: e-Stat 小地域 representative points
const LONGITUDE_HEADERS = ['経度', '東経', 'lon', 'lng', 'long', 'longitude', 'x', 'x座標', 'keido', 'x_code'];
/** Columns every dataset of the 自治体標準オープンデータセット has (デジタル庁). */
const MUNICIPAL_STANDARD_COLUMNS = ['都道府県コード又は市区町村コード', '名称', '住所', '緯度', '経度'];

/** NFKC folds full-width letters and digits (ＬＡＴ, １２３) to ASCII, as staff type them in Excel. */
const normalizeHeader = (header: string) => header.normalize('NFKC').trim().toLowerCase();

export function findCoordinateColumns(headers: readonly string[]): { latitude: number; longitude: number } | null {
  const normalized = headers.map(normalizeHeader);
  const find = (candidates: string[]) => {
    for (const candidate of candidates) {
      const i = normalized.indexOf(candidate);
      if (i !== -1) return i;
    }
    return -1;
  };
  const latitude = find(LATITUDE_HEADERS);
  const longitude = find(LONGITUDE_HEADERS);
  return latitude === -1 || longitude === -1 ? null : { latitude, longitude };
}

export function isMunicipalStandardDataset(headers: readonly string[]): boolean {
  return MUNICIPAL_STANDARD_COLUMNS.every((c) => headers.includes(c));
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads "３６．０８", "36.08" or " 1,234.5 " as a number; anything else is NaN. */
export function parseNumber(text: string | undefined): number {
  if (text === undefined) return NaN;
  // Fast path for plain ASCII numbers, the common case in large files (two per row for coordinates):
  // a leading digit, sign or point, and not a 0x/0b/0o literal, which JavaScript would also accept.
  const first = text.charCodeAt(0), second = text.charCodeAt(1) | 0x20;
  if (((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46) && second !== 0x78 && second !== 0x62 && second !== 0x6f) {
    const n = +text;
    if (n === n) return n; // not NaN
  }
  const cleaned = text.normalize('NFKC').replace(/,/g, '').trim();
  return cleaned === '' || !NUMBER.test(cleaned) ? NaN : Number(cleaned);
}

const isLatitude = (v: number) => Number.isFinite(v) && Math.abs(v) <= 90;
const isLongitude = (v: number) => Number.isFinite(v) && Math.abs(v) <= 180;

/**
 * Whether the latitude and longitude columns hold each other's values: most rows have a "latitude"
 * beyond ±90 that would be a valid longitude, and a "longitude" that would be a valid latitude.
 */
export function looksSwapped(rows: readonly string[][], columns: { latitude: number; longitude: number }): boolean {
  let swapped = 0, usable = 0;
  for (const row of rows.slice(0, 1000)) {
    const lat = parseNumber(row[columns.latitude]);
    const lon = parseNumber(row[columns.longitude]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    usable++;
    if (!isLatitude(lat) && isLatitude(lon) && isLongitude(lat)) swapped++;
  }
  return usable > 0 && swapped / usable > 0.5;
}

type ColumnKind = 'number' | 'era-date' | 'text';
/** Columns named as codes or ids stay text even when every value is digits (市区町村コード, 番号, ID). */
const CODE_HEADER = /コード|番号|code|^id$|_id$|^no\.?$/i;

/**
 * How a column's text is stored: numbers (full-width digits and thousands separators folded) when every
 * value is a number, none has a leading zero (08220 stays text) and the header does not name a code; 和暦 dates as ISO when
 * every value is a date and at least one is 和暦; everything else as text.
 */
/** The data rows of a scanned CSV (the header row left out), read cell by cell. */
interface DataRows {
  count: number;
  cell(row: number, column: number): string;
}

function columnKind(header: string, rows: DataRows, column: number): ColumnKind {
  if (CODE_HEADER.test(header.normalize('NFKC'))) return 'text';
  // One pass over the column's cells; each string lives only while it is looked at.
  let present = 0, numbers = true, era = false;
  for (let r = 0; r < rows.count; r++) {
    const v = rows.cell(r, column);
    if (v.trim() === '') continue;
    present++;
    if (numbers && !(Number.isFinite(parseNumber(v)) && !/^[+-]?0\d/.test(v.normalize('NFKC').trim()))) numbers = false;
    if (!era && parseJapaneseEraDate(v) !== null) era = true;
    if (!numbers && !era) return 'text';
  }
  if (present === 0) return 'text';
  if (numbers) return 'number';
  // Only a column with at least one 和暦 value is a date column; then every value must be a date.
  for (let r = 0; r < rows.count; r++) {
    const v = rows.cell(r, column);
    if (v.trim() !== '' && parseJapaneseEraDate(v) === null && parseWesternDate(v) === null) return 'text';
  }
  return 'era-date';
}

/** A CSV/TSV table with latitude/longitude columns becomes a point layer; every row is kept. */
export function importCsv(bytes: Uint8Array, fileName: string, options: ImportOptions = {}, onProgress?: (fraction: number) => void): ImportResult {
  const warnings: ImportWarning[] = [];
  const questions: ImportQuestion[] = [];
  const decoded = decodeText(bytes, options.encoding);
  const text = decoded.text;
  if (text.trim() === '') {
    throw emptyFileError(fileName);
  }
  if (decoded.confidence !== 'certain') {
    questions.push({ kind: 'encoding', required: false, encoding: decoded.encoding, confidence: decoded.confidence });
  }
  const scanned = scanCsvColumns(text, detectDelimiter(text), onProgress);
  const rows: DataRows = { count: scanned.rowCount - 1, cell: (row, column) => scanned.value(column, row + 1) };
  const headerRow = scanned.rowCount > 0 ? scanned.row(0) : undefined;
  if (!headerRow || rows.count <= 0) {
    throw new UserInputError({
      code: 'csv-no-header',
      fileName,
      ja: `${fileName} には見出し行とデータ行が必要です。`,
      en: `${fileName} needs a header row and at least one data row.`,
    });
  }
  const headers = uniqueHeaders(headerRow);
  const firstRows = (n: number) => Array.from({ length: Math.min(n, rows.count) }, (_, r) => headers.map((_, i) => rows.cell(r, i)));
  const preview = { columns: headers, rows: firstRows(5) };
  const found = findCoordinateColumns(headers);
  if (!found) {
    // A table without coordinates is still useful: it can be joined to polygons by a key column.
    warnings.push({
      code: 'table-without-coordinates',
      ja: `${fileName} には緯度・経度の列がないため、表として読み込みました（地図には表示せず、面のレイヤに列で結合できます）。地図に載せるには見出しを「緯度」「経度」にしてください。見つかった列: ${headers.join(', ')}`,
      en: `${fileName} has no latitude/longitude columns, so it was loaded as a table (not mapped; it can be joined to a polygon layer by a key). To map it, name the columns 緯度/経度 (or lat/lon). Columns found: ${headers.join(', ')}`,
    });
  }
  const kinds = headers.map((_, i) => (found && (i === found.latitude || i === found.longitude) ? 'text' : columnKind(headers[i]!, rows, i)));
  const eraColumns = headers.filter((_, i) => kinds[i] === 'era-date');
  if (eraColumns.length > 0) {
    warnings.push({
      code: 'era-dates-converted',
      ja: `${fileName}: 列「${eraColumns.join('」「')}」の和暦を西暦（年-月-日）に直しました。`,
      en: `${fileName}: Japanese-era dates in ${eraColumns.map((c) => `"${c}"`).join(', ')} were converted to YYYY-MM-DD.`,
    });
  }
  const schema = isMunicipalStandardDataset(headers) ? ('municipal-standard' as const) : undefined;
  const layerOf = (geometry: TableGeometry) => ({
    sourceName: fileName,
    fileNames: [fileName],
    layers: [{ name: baseName(fileName), data: makeTable(headers.map((h, i) => buildColumn(h, kinds[i]!, rows, i)), geometry, rows.count), encoding: decoded.encoding, schema }],
    warnings,
    questions,
    preview,
  });
  if (!found) return layerOf({ layout: 'none' });

  const swapped = looksSwapped(firstRows(1000), found);
  if (swapped && options.swapCoordinates === undefined) {
    questions.push({ kind: 'swap-coordinates', required: true });
    return { sourceName: fileName, fileNames: [fileName], layers: [], warnings, questions, preview };
  }
  const columns = options.swapCoordinates ? { latitude: found.longitude, longitude: found.latitude } : found;
  if (options.swapCoordinates) {
    warnings.push({
      code: 'coordinates-swapped',
      ja: `${fileName}: 「${headers[found.latitude]}」を経度、「${headers[found.longitude]}」を緯度として読みました。`,
      en: `${fileName}: read "${headers[found.latitude]}" as longitude and "${headers[found.longitude]}" as latitude.`,
    });
  }

  // Coordinates go straight into one flat array (lon, lat per row; NaN where a row has none).
  let withoutCoordinates = 0;
  const xy = new Float64Array(rows.count * 2);
  for (let r = 0; r < rows.count; r++) {
    const lat = parseNumber(rows.cell(r, columns.latitude));
    const lon = parseNumber(rows.cell(r, columns.longitude));
    const valid = isLatitude(lat) && isLongitude(lon);
    if (!valid) withoutCoordinates++;
    xy[r * 2] = valid ? lon : NaN;
    xy[r * 2 + 1] = valid ? lat : NaN;
  }
  if (withoutCoordinates === rows.count) {
    throw new UserInputError({
      code: 'csv-no-valid-coordinates',
      fileName,
      ja: `${fileName} の「${headers[columns.latitude]}」「${headers[columns.longitude]}」列に有効な座標がありません（${rows.count} 行）。`,
      en: `${fileName}: no row has valid coordinates in columns "${headers[columns.latitude]}"/"${headers[columns.longitude]}" (${rows.count} rows).`,
    });
  }
  if (withoutCoordinates > 0) {
    warnings.push({
      code: 'rows-without-coordinates',
      ja: `${fileName}: ${withoutCoordinates} 行に有効な座標がありません。表には残しますが地図には表示しません。`,
      en: `${fileName}: ${withoutCoordinates} rows have no valid coordinates. They stay in the table but are not mapped.`,
    });
  }
  return layerOf({ layout: 'points', xy });
}

/**
 * One column of the table, straight from the scanned rows (no object per row): numbers as a typed
 * array (an empty cell has no value), 和暦 dates as ISO text, other text as it is (an empty cell stays '').
 */
function buildColumn(header: string, kind: ColumnKind, rows: DataRows, column: number): TableColumn {
  if (kind === 'number') {
    const values = new Float64Array(rows.count);
    for (let r = 0; r < rows.count; r++) {
      const raw = rows.cell(r, column);
      values[r] = raw.trim() === '' ? NaN : parseNumber(raw);
    }
    return { name: header, type: 'number', values };
  }
  const texts = new Array<string | null>(rows.count);
  for (let r = 0; r < rows.count; r++) {
    const raw = rows.cell(r, column);
    texts[r] = kind === 'text' ? raw : raw.trim() === '' ? null : (parseJapaneseEraDate(raw) ?? parseWesternDate(raw));
  }
  return textColumn(header, texts);
}

/** Blank headers get a name (列3) and repeated ones a suffix, so no column overwrites another. */
function uniqueHeaders(row: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return row.map((raw, i) => {
    const name = raw.trim() || `列${i + 1}`;
    const times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    return times === 0 ? name : `${name}_${times + 1}`;
  });
}
