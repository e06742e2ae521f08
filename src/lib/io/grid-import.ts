import { UserInputError } from '../util/errors';
import { countMarksAndLevels, eStatLayout, eStatNote, withoutMark } from './estat';
import { formatNumber } from '../util/format';
import { makeTable, textColumn, type TableColumn, type TableGeometry } from '../table/layer-table';
import { baseName } from './file-names';
import { parseJapaneseEraDate, parseWesternDate } from './japanese-date';
import { describeRows, detectLayout, findAddressColumn, findCoordinateColumns, SPREADSHEET_MAX_COLUMNS, type CellGrid, type ColumnGuess } from './table-layout';
import type { ImportFix, ImportOptions, ImportQuestion, ImportResult, ImportWarning, RawRows } from './types';
import { checkReadability } from './readability';
import proj4 from 'proj4';
import { parseNumber } from './parse-number';
import { crsFromEpsg, DEFAULT_PLANE_EPSG, isInJapan, JAPAN, type Crs } from './crs';

/** Columns every dataset of the 自治体標準オープンデータセット has (デジタル庁). */
const MUNICIPAL_STANDARD_COLUMNS = ['都道府県コード又は市区町村コード', '名称', '住所', '緯度', '経度'];

export function isMunicipalStandardDataset(headers: readonly string[]): boolean {
  return MUNICIPAL_STANDARD_COLUMNS.every((c) => headers.includes(c));
}

const isLatitude = (v: number) => Number.isFinite(v) && Math.abs(v) <= 90;
const isLongitude = (v: number) => Number.isFinite(v) && Math.abs(v) <= 180;

/** The data rows of a grid (between the header and the notes), read cell by cell. */
interface DataRows {
  count: number;
  cell(row: number, column: number): string;
  /** The cell as a number (NaN when it is none), with the file's decimal mark. */
  number(row: number, column: number): number;
}

/** 「35,6812」 → 「35.6812」: a number written with a decimal comma (semicolon CSVs from Europe). */
const decimalPoint = (text: string) => text.replace(/^(\s*[+-]?\d+),(\d+\s*)$/, '$1.$2');

/**
 * Whether the latitude and longitude columns hold each other's values: most rows have a "latitude"
 * beyond ±90 that would be a valid longitude, and a "longitude" that would be a valid latitude.
 */
function looksSwapped(rows: DataRows, columns: ColumnGuess): boolean {
  let swapped = 0, usable = 0;
  for (let r = 0; r < Math.min(rows.count, 1000); r++) {
    const lat = rows.number(r, columns.latitude);
    const lon = rows.number(r, columns.longitude);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    usable++;
    if (!isLatitude(lat) && isLatitude(lon) && isLongitude(lat)) swapped++;
  }
  return usable > 0 && swapped / usable > 0.5;
}

/**
 * Columns whose values look like latitude and longitude in Japan (20–46°N, 122–154°E) when no header
 * says so (e.g. "Y", "X" or "北" in a department's own table): offered to the user, never used unasked.
 */
function coordinateColumnsByValue(headers: readonly string[], rows: DataRows): ColumnGuess | null {
  const share = (column: number, min: number, max: number) => {
    let inside = 0, present = 0;
    for (let r = 0; r < Math.min(rows.count, 200); r++) {
      const raw = rows.cell(r, column);
      if (raw.trim() === '') continue;
      present++;
      const v = rows.number(r, column);
      if (v >= min && v <= max && !Number.isInteger(v)) inside++;
    }
    return present === 0 ? 0 : inside / present;
  };
  const latitude = headers.findIndex((_, c) => share(c, JAPAN.minLat, JAPAN.maxLat) > 0.9);
  const longitude = headers.findIndex((_, c) => share(c, JAPAN.minLon, JAPAN.maxLon) > 0.9);
  return latitude === -1 || longitude === -1 ? null : { latitude, longitude };
}

type ColumnKind = 'number' | 'era-date' | 'text';
/** Columns named as codes or ids stay text even when every value is digits (市区町村コード, 番号, ID). */
const CODE_HEADER = /コード|番号|code|^id$|_id$|^no\.?$/i;

/**
 * How a column's text is stored: numbers (full-width digits and thousands separators folded) when every
 * value is a number, none has a leading zero (08220 stays text) and the header does not name a code;
 * 和暦 dates as ISO when every value is a date and at least one is 和暦; everything else as text.
 */
function columnKind(header: string, rows: DataRows, column: number): ColumnKind {
  if (CODE_HEADER.test(header.normalize('NFKC'))) return 'text';
  // One pass over the column's cells; each string lives only while it is looked at.
  let present = 0, numbers = true, era = false;
  for (let r = 0; r < rows.count; r++) {
    const v = rows.cell(r, column);
    if (v.trim() === '') continue;
    present++;
    if (numbers && !(Number.isFinite(rows.number(r, column)) && !/^[+-]?0\d/.test(v.normalize('NFKC').trim()))) numbers = false;
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

/** What the reader of the file knows beyond the grid: how its text was decoded, and its own warnings. */
export interface GridSource {
  fileName: string;
  encoding?: string;
  questions?: ImportQuestion[];
  warnings?: ImportWarning[];
  /** Merged cell ranges (C5:C7), for the machine-readability check. */
  mergedRanges?: string[];
  /** Numbers are written with a decimal comma (35,6812): a guess of the CSV reader, said in a warning. */
  decimalComma?: boolean;
}

/** The first rows as they are in the file, for the layout question. */
function rawRows(grid: CellGrid, count = 12): RawRows {
  const n = Math.min(count, grid.rowCount);
  const width = Math.max(0, ...Array.from({ length: n }, (_, r) => grid.fieldCount(r))); // bounded: the first 12 rows
  return {
    numbers: Array.from({ length: n }, (_, r) => grid.rowNumber(r)),
    cells: Array.from({ length: n }, (_, r) => Array.from({ length: Math.min(width, 30) }, (_, c) => grid.cell(r, c))),
  };
}

/** Most rows hold numbers far beyond degrees in both columns: metres of a projected grid, not lon/lat. */
function holdsMetres(rows: DataRows, columns: ColumnGuess): boolean {
  let metres = 0, numbers = 0;
  for (let r = 0; r < Math.min(rows.count, 1000); r++) {
    const a = rows.number(r, columns.latitude), b = rows.number(r, columns.longitude);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    numbers++;
    if (Math.abs(a) > 180 && Math.abs(b) > 180) metres++;
  }
  return numbers > 0 && metres >= numbers * 0.8;
}

/**
 * Rows placed from metres of a plane rectangular zone, `northColumn` read as the northing. When the reading
 * the user did not choose lands the points outside Japan and the other lands them inside, the other is
 * taken and said. Rows without both numbers stay in the table, unlocated and named.
 */
function planePoints(
  rows: DataRows,
  { northColumn, eastColumn }: { northColumn: number; eastColumn: number },
  headers: string[],
  crs: Crs,
  { fileName, warnings, layerOf, rowNumber, chosen }: { fileName: string; warnings: ImportWarning[]; layerOf: (geometry: TableGeometry) => ImportResult; rowNumber: (row: number) => number; chosen: boolean },
): ImportResult {
  const converter = proj4(crs.proj4!, 'EPSG:4326');
  const read = (north: number, east: number) => {
    const xy = new Float64Array(rows.count * 2);
    let landed = 0;
    for (let r = 0; r < rows.count; r++) {
      const northing = rows.number(r, north), easting = rows.number(r, east);
      const [lon, lat] = Number.isFinite(northing) && Number.isFinite(easting) ? converter.forward([easting, northing]) : [NaN, NaN];
      xy[r * 2] = lon!;
      xy[r * 2 + 1] = lat!;
      if (Number.isFinite(lon!) && isInJapan(lon!, lat!)) landed++;
    }
    return { xy, landed };
  };
  let placed = read(northColumn, eastColumn);
  let north = northColumn, east = eastColumn;
  if (!chosen && placed.landed < rows.count / 2) {
    const other = read(eastColumn, northColumn);
    if (other.landed > placed.landed) ((placed = other), (north = eastColumn), (east = northColumn));
  }
  warnings.push({
    code: 'plane-axes',
    ja: `${fileName}: 「${headers[north]}」を北向き（X）、「${headers[east]}」を東向き（Y）の距離（m）として、${crs.label} から緯度・経度に直しました。逆のときは読み込み直して選んでください。`,
    en: `${fileName}: read "${headers[north]}" as the northing (X) and "${headers[east]}" as the easting (Y), in metres of ${crs.label}, and converted them to latitude/longitude. If it is the other way round, load the file again and choose.`,
  });
  const unlocated: number[] = [];
  for (let r = 0; r < rows.count; r++) if (!Number.isFinite(placed.xy[r * 2]!)) unlocated.push(rowNumber(r));
  if (unlocated.length > 0) {
    const where = listRows(unlocated.slice(0, 5), unlocated.length);
    warnings.push({ code: 'rows-without-coordinates', ja: `${fileName}: ${unlocated.length} 行に座標がありません（${where.ja}）。表には残しますが地図には表示しません。`, en: `${fileName}: ${unlocated.length} rows have no coordinates (${where.en}). They stay in the table but are not mapped.` });
  }
  if (placed.landed < (rows.count - unlocated.length) / 2) {
    warnings.push({ code: 'points-far-away', ja: `${fileName}: ${crs.label} として変換すると、多くの点が日本の外に出ます。座標系（系の番号）を確かめてください。`, en: `${fileName}: converted as ${crs.label}, most points land outside Japan. Check the coordinate system (the zone).` });
  }
  const result = layerOf({ layout: 'points', xy: placed.xy });
  return { ...result, layers: result.layers.map((l) => ({ ...l, crsLabel: crs.label })) };
}

/**
 * A table as staff keep it (CSV or a sheet) → a layer: the header row found past title lines, notes
 * below the data left out with a warning, latitude/longitude columns by header (or as the user picked
 * them) → points; a table without them stays a table. Every row is kept.
 */
export function importGrid(grid: CellGrid, source: GridSource, options: ImportOptions = {}): ImportResult {
  const { fileName } = source;
  const warnings: ImportWarning[] = [...(source.warnings ?? [])];
  const questions: ImportQuestion[] = [...(source.questions ?? [])];
  const tooFewRows = () =>
    new UserInputError({
      code: 'csv-no-header',
      fileName,
      ja: `${fileName} には見出し行とデータ行が必要です。`,
      en: `${fileName} needs a header row and at least one data row.`,
    });
  if (grid.rowCount === 0) throw tooFewRows(); // e.g. a sheet whose cells could not be found
  const layout = detectLayout(grid, options.headerRow !== undefined && options.headerRow < grid.rowCount ? options.headerRow : undefined, options.keepNotes);
  if (layout.dataEnd - layout.headerRow - 1 <= 0) throw tooFewRows();
  const headerCells = Array.from({ length: grid.fieldCount(layout.headerRow) }, (_, c) => grid.cell(layout.headerRow, c));
  // An e-Stat table's second header row names its columns: the data starts under it, marks (X, -) are missing.
  const estat = eStatLayout(headerCells, grid, layout.headerRow + 1);
  const first = layout.headerRow + 1 + (estat ? 1 : 0);
  if (layout.dataEnd - first <= 0) throw tooFewRows();
  const toNumber = source.decimalComma ? (text: string) => parseNumber(decimalPoint(text)) : parseNumber;
  const raw = (row: number, column: number) => grid.cell(first + row, column);
  const cellOf = estat ? (row: number, column: number) => withoutMark(estat, raw(row, column), column) : raw;
  const rows: DataRows = { count: layout.dataEnd - first, cell: cellOf, number: (row, column) => toNumber(cellOf(row, column)) };
  if (source.decimalComma) {
    warnings.push({
      code: 'decimal-comma',
      ja: `${fileName}: 区切りが「;」で数値が「35,6812」のように書かれているため、「,」を小数点として読みました。`,
      en: `${fileName}: fields are separated by ";" and numbers written like "35,6812", so "," was read as the decimal mark.`,
    });
  }
  const width = widestRow(grid, first, layout.dataEnd, headerCells.length);
  if (width > SPREADSHEET_MAX_COLUMNS) {
    throw new UserInputError({
      code: 'csv-no-header',
      fileName,
      ja: `${fileName} は列が多すぎます（${formatNumber(width)} 列。表計算ソフトの上限 ${formatNumber(SPREADSHEET_MAX_COLUMNS)} 列を超えます）。区切り文字が正しいか、必要な列だけの表にしてください。`,
      en: `${fileName} has too many columns (${formatNumber(width)}, beyond a spreadsheet's ${formatNumber(SPREADSHEET_MAX_COLUMNS)}). Check the separator, or keep only the columns needed.`,
    });
  }
  const headers = uniqueHeaders(estat?.headers ?? headerCells, width);
  if (estat) {
    const { marks, levels } = countMarksAndLevels(estat, rows.count, raw);
    warnings.push(eStatNote(fileName, estat, marks, levels));
  }
  if (layout.headerRow > 0) {
    const skipped = describeRows(grid, 0, layout.headerRow);
    warnings.push({
      code: 'title-rows-skipped',
      ja: `${fileName}: 見出しを ${grid.rowNumber(layout.headerRow)} 行目とし、その上の ${layout.headerRow} 行（${skipped.ja}）は表に入れていません。`,
      en: `${fileName}: row ${grid.rowNumber(layout.headerRow)} was taken as the header; the ${layout.headerRow} rows above it (${skipped.en}) are not in the table.`,
    });
  }
  if (layout.dataEnd < grid.rowCount) {
    const notes = describeRows(grid, layout.dataEnd, grid.rowCount);
    warnings.push({
      code: 'notes-skipped',
      ja: `${fileName}: 表の下の注記 ${grid.rowCount - layout.dataEnd} 行（${notes.ja}）は表に入れていません。`,
      en: `${fileName}: ${grid.rowCount - layout.dataEnd} note rows below the table (${notes.en}) are not in the table.`,
    });
  }
  const extra = rowsWithExtraFields(grid, first, layout.dataEnd, headerCells.length);
  if (extra.length > 0) {
    const where = listRows(extra);
    warnings.push({
      code: 'rows-extra-fields',
      ja: `${fileName}: ${extra.length} 行が見出しより多くの欄を持っています（${where.ja}）。余分な欄は「列${headerCells.length + 1}」以降の列に入れました。`,
      en: `${fileName}: ${extra.length} rows have more fields than the header (${where.en}). The extra fields are in columns "列${headerCells.length + 1}" onwards.`,
    });
  }

  const byHeader = findCoordinateColumns(headers);
  const chosen = chosenColumns(headers, options);
  const suggested = byHeader ?? coordinateColumnsByValue(headers, rows);
  const found = chosen === undefined ? byHeader : chosen;
  const address = findAddressColumn(headers);
  questions.push({
    kind: 'table-layout',
    required: false,
    // Unsure: title rows of several cells, or coordinates only the values suggest.
    confident: layout.confident && (byHeader !== null || suggested === null),
    headerRow: layout.headerRow,
    raw: rawRows(grid),
    columns: headers,
    // What the user picked (one column may be picked before the other), else what was found or suggested.
    latitude: chosen !== undefined ? picked(headers, options.latitudeColumn) : suggested ? headers[suggested.latitude]! : null,
    longitude: chosen !== undefined ? picked(headers, options.longitudeColumn) : suggested ? headers[suggested.longitude]! : null,
    address: address === -1 ? null : headers[address]!,
  });
  const preview = { columns: headers, rows: Array.from({ length: Math.min(5, rows.count) }, (_, r) => headers.map((_, c) => rows.cell(r, c))) };
  if (!found) {
    // A table without coordinates is still useful: joined to polygons by a key, or its addresses matched.
    warnings.push({
      code: 'table-without-coordinates',
      ja:
        `${fileName} には緯度・経度の列がないため、表として読み込みました（地図には表示せず、面のレイヤに列で結合できます）。` +
        (address !== -1 ? `「データを整える」の「住所照合」で、「${headers[address]}」列の住所から位置を求められます。` : '地図に載せるには、読み込みの画面で緯度・経度の列を選んでください。') +
        ` 見つかった列: ${headers.join(', ')}`,
      en:
        `${fileName} has no latitude/longitude columns, so it was loaded as a table (not mapped; it can be joined to a polygon layer by a key). ` +
        (address !== -1 ? `In "Prepare data" → "Match addresses", its addresses in "${headers[address]}" can be placed. ` : 'To map it, pick the latitude and longitude columns when importing. ') +
        `Columns found: ${headers.join(', ')}`,
    });
  }
  const keepText = new Set(options.keepText ?? []);
  const kinds = headers.map((h, i) => (keepText.has(h) || (found && (i === found.latitude || i === found.longitude)) ? 'text' : columnKind(h, rows, i)));
  const fixes: ImportFix[] = [];
  if (layout.headerRow > 0) fixes.push({ kind: 'header-row', row: grid.rowNumber(layout.headerRow), skipped: layout.headerRow });
  if (layout.dataEnd < grid.rowCount) fixes.push({ kind: 'notes', rows: grid.rowCount - layout.dataEnd });
  if (source.mergedRanges?.length) fixes.push({ kind: 'merged-cells', ranges: source.mergedRanges.length });
  headers.forEach((h, i) => {
    if (kinds[i] === 'era-date') fixes.push({ kind: 'era-dates', column: h });
    if (kinds[i] === 'number' && needsFolding(rows, i)) fixes.push({ kind: 'numbers', column: h });
  });
  const eraColumns = headers.filter((_, i) => kinds[i] === 'era-date');
  if (eraColumns.length > 0) {
    warnings.push({
      code: 'era-dates-converted',
      ja: `${fileName}: 列「${eraColumns.join('」「')}」の和暦を西暦（年-月-日）に直しました。`,
      en: `${fileName}: Japanese-era dates in ${eraColumns.map((c) => `"${c}"`).join(', ')} were converted to YYYY-MM-DD.`,
    });
  }
  const schema = isMunicipalStandardDataset(headers) ? ('municipal-standard' as const) : undefined;
  const readability = checkReadability(grid, layout, { headers, mergedRanges: source.mergedRanges, hasCoordinates: found !== null, addressColumn: address });
  const layerOf = (geometry: TableGeometry): ImportResult => ({
    sourceName: fileName,
    fileNames: [fileName],
    layers: [{ name: baseName(fileName), data: makeTable(headers.map((h, i) => buildColumn(h, kinds[i]!, rows, i)), geometry, rows.count), encoding: source.encoding, schema, readability, fixes }],
    warnings,
    questions,
    preview,
  });
  if (!found) return layerOf({ layout: 'none' });

  // Metres of a plane rectangular zone (公共測量 X/Y, 東西/南北): asked which zone, then converted.
  if (holdsMetres(rows, found)) {
    // Japanese surveying (公共測量) writes X for the northing and Y for the easting, the other way round
    // from GIS: a column headed X / X座標 / 南北 is taken as the northing unless the user says otherwise.
    const pair: [string, string] = [headers[found.longitude]!, headers[found.latitude]!];
    const surveyNorth = /^(x|x座標|南北)/.test(pair[0].normalize('NFKC').toLowerCase()) ? pair[0] : pair[1];
    const north = options.planeNorthColumn && pair.includes(options.planeNorthColumn) ? options.planeNorthColumn : surveyNorth;
    questions.push({ kind: 'plane-axes', required: false, columns: pair, north });
    if (options.crsEpsg === undefined) {
      questions.push({ kind: 'crs', required: true, suggestedEpsg: DEFAULT_PLANE_EPSG });
      return { sourceName: fileName, fileNames: [fileName], layers: [], warnings, questions, preview };
    }
    const crs = crsFromEpsg(options.crsEpsg);
    if (crs?.proj4) {
      const northColumn = headers.indexOf(north), eastColumn = headers.indexOf(pair.find((c) => c !== north)!);
      return planePoints(rows, { northColumn, eastColumn }, headers, crs, { fileName, warnings, layerOf, rowNumber: (r) => grid.rowNumber(first + r), chosen: options.planeNorthColumn !== undefined });
    }
  }

  const swapped = looksSwapped(rows, found);
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

  // Coordinates go straight into one flat array (lon, lat per row; NaN where a row has none). 0,0 is a
  // geocoder's "not found", never a place in Japanese data: such rows are kept unlocated and named.
  const without: number[] = [], zero: number[] = [];
  const xy = new Float64Array(rows.count * 2);
  let inJapan = 0;
  for (let r = 0; r < rows.count; r++) {
    const lat = rows.number(r, columns.latitude);
    const lon = rows.number(r, columns.longitude);
    const isZero = lat === 0 && lon === 0;
    const valid = isLatitude(lat) && isLongitude(lon) && !isZero;
    if (isZero) zero.push(r);
    else if (!valid) without.push(r);
    else if (isInJapan(lon, lat)) inJapan++;
    xy[r * 2] = valid ? lon : NaN;
    xy[r * 2 + 1] = valid ? lat : NaN;
  }
  // Data rows (indexes) named by the row numbers the user sees.
  const rowList = (list: number[]) => listRows(list.slice(0, 5).map((r) => grid.rowNumber(first + r)), list.length);
  if (zero.length > 0) {
    const where = rowList(zero);
    warnings.push({
      code: 'zero-coordinates',
      ja: `${fileName}: ${zero.length} 行の位置が 0,0（位置が見つからなかった印）のため、地図には表示しません（${where.ja}）。表には残します。`,
      en: `${fileName}: ${zero.length} rows are at 0,0 (the mark of a place not found), so they are not mapped (${where.en}). They stay in the table.`,
    });
  }
  if (without.length + zero.length === rows.count) {
    // Nothing to map: the table still loads, as one without coordinate columns does.
    const sample = Array.from({ length: Math.min(3, rows.count) }, (_, r) => `${rows.cell(r, columns.latitude) || '（空）'}, ${rows.cell(r, columns.longitude) || '（空）'}`);
    warnings.push({
      code: 'table-without-coordinates',
      ja: `${fileName}: 「${headers[columns.latitude]}」「${headers[columns.longitude]}」列に緯度・経度として使える値がないため（例: ${sample.join(' / ')}）、表として読み込みました（地図には表示しません）。`,
      en: `${fileName}: columns "${headers[columns.latitude]}"/"${headers[columns.longitude]}" hold no usable latitude/longitude (e.g. ${sample.join(' / ')}), so the file was loaded as a table (not mapped).`,
    });
    return layerOf({ layout: 'none' });
  }
  if (without.length > 0) {
    const where = rowList(without);
    warnings.push({
      code: 'rows-without-coordinates',
      ja: `${fileName}: ${without.length} 行に有効な座標がありません（${where.ja}）。表には残しますが地図には表示しません。`,
      en: `${fileName}: ${without.length} rows have no valid coordinates (${where.en}). They stay in the table but are not mapped.`,
    });
  }
  // Most points in Japan and a few far outside: those few are kept and named (a typo, a swapped pair).
  const located = rows.count - without.length - zero.length;
  if (inJapan >= located * 0.9 && inJapan < located) {
    const outside: number[] = [];
    for (let r = 0; r < rows.count; r++) {
      const lon = xy[r * 2]!, lat = xy[r * 2 + 1]!;
      if (lon === lon && !isInJapan(lon, lat)) outside.push(r);
    }
    const where = rowList(outside);
    warnings.push({
      code: 'points-far-away',
      ja: `${fileName}: ${outside.length} 行の位置が日本の外にあります（${where.ja}）。緯度と経度の取り違えや入力ミスがないか確かめてください（地図には表示しています）。`,
      en: `${fileName}: ${outside.length} rows lie outside Japan (${where.en}). Check for swapped or mistyped coordinates (they are drawn).`,
    });
  }
  return layerOf({ layout: 'points', xy });
}

/** The columns the user picked: undefined when not picked, null when they chose "none" (a table). */
function chosenColumns(headers: readonly string[], options: ImportOptions): ColumnGuess | null | undefined {
  if (options.latitudeColumn === undefined || options.longitudeColumn === undefined) return undefined;
  const latitude = headers.indexOf(options.latitudeColumn), longitude = headers.indexOf(options.longitudeColumn);
  return latitude === -1 || longitude === -1 || latitude === longitude ? null : { latitude, longitude };
}

/** Whether a number column was written so that reading it took folding (１２０, 1,200): a fix to show. */
function needsFolding(rows: DataRows, column: number): boolean {
  for (let r = 0; r < rows.count; r++) {
    const raw = rows.cell(r, column).trim();
    if (raw !== '' && Number.isNaN(Number(raw))) return true;
  }
  return false;
}

/** 「3、7行目など」 / "rows 3, 7, …": the first five row numbers of a warning, and whether there are more. */
function listRows(numbers: readonly number[], count = numbers.length): { ja: string; en: string } {
  const shown = numbers.slice(0, 5);
  return { ja: `${shown.join('、')}行目${count > 5 ? 'など' : ''}`, en: `rows ${shown.join(', ')}${count > 5 ? ', …' : ''}` };
}

const picked = (headers: readonly string[], name: string | undefined) => (name !== undefined && headers.includes(name) ? name : null);

/**
 * How many columns the rows fill: past the header, up to the last field that is not blank (trailing
 * separators, ",,,,", add no data: 100,000 of them in one row once made 100,000 empty columns).
 */
function widestRow(grid: CellGrid, from: number, to: number, headerWidth: number): number {
  let widest = headerWidth;
  for (let r = from; r < to; r++) {
    for (let c = grid.fieldCount(r) - 1; c >= widest; c--) {
      if (grid.cell(r, c).trim() !== '') {
        widest = c + 1;
        break;
      }
    }
  }
  return widest;
}

/** Row numbers (as the user sees them) of rows with non-blank fields beyond the header's width. */
function rowsWithExtraFields(grid: CellGrid, from: number, to: number, width: number): number[] {
  const found: number[] = [];
  for (let r = from; r < to; r++) {
    const n = grid.fieldCount(r);
    if (n <= width) continue;
    for (let c = width; c < n; c++) {
      if (grid.cell(r, c).trim() !== '') {
        found.push(grid.rowNumber(r));
        break;
      }
    }
  }
  return found;
}

/**
 * One column of the table, straight from the grid (no object per row): numbers as a typed array (an
 * empty cell has no value), 和暦 dates as ISO text, other text as it is (an empty cell stays '').
 */
function buildColumn(header: string, kind: ColumnKind, rows: DataRows, column: number): TableColumn {
  if (kind === 'number') {
    const values = new Float64Array(rows.count);
    for (let r = 0; r < rows.count; r++) {
      const raw = rows.cell(r, column);
      values[r] = raw.trim() === '' ? NaN : rows.number(r, column);
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

/**
 * Blank headers get a name (列3) and repeated ones a suffix, so no column overwrites another; data
 * rows wider than the header get columns of their own (列6…) instead of losing their fields.
 */
function uniqueHeaders(row: readonly string[], width: number): string[] {
  const seen = new Map<string, number>();
  return Array.from({ length: Math.max(row.length, width) }, (_, i) => {
    const name = (row[i] ?? '').trim() || `列${i + 1}`;
    const times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    return times === 0 ? name : `${name}_${times + 1}`;
  });
}
