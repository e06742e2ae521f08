import { cellReader, findColumn, makeTable, numberColumn, textColumn, valueAt, type LayerTable, type TableColumn } from '../table/layer-table';
import { extent } from '../util/extent';
import { prefectureOfCode } from './prefectures';
import type { AddressDictionary } from './dictionary';
import { matchAddress, type MatchLevel, type MatchOptions, type MatchReason } from './match';

/** The columns address matching adds (their names are the ones the issue and the lessons use). */
export const MATCH_COLUMNS = { latitude: '緯度', longitude: '経度', level: '一致レベル', matched: '照合住所' } as const;
export const LEVEL_LABELS: Record<MatchLevel, string> = { block: '街区', town: '町字', city: '市区町村', none: '不一致' };

export interface AddressMatchReport {
  /** Rows placed at a 街区 (a 街区レベル dictionary was loaded), at their town, at their city, nowhere. */
  block: number;
  town: number;
  city: number;
  none: number;
  /** Rows not matched at town level (first 200), 1-based as the table shows them, with the reason. */
  unmatched: { row: number; address: string; reason: MatchReason }[];
  /** Rows whose ward the dictionary did not know (renamed or new): their town was found in another ward of the city. */
  wardGuessed: number;
  attribution: string;
}

/** A column of 市区町村コード (5 or 6 digits): its first two digits name the prefecture of each row. */
export function findCodeColumn(table: LayerTable): TableColumn | undefined {
  return table.columns.find((c) => /(市区町村|団体|自治体)コード/.test(c.name) && [0, 1, 2].some((row) => prefectureOfCode(String(valueAt(c, row) ?? '')) !== undefined));
}

/**
 * The table with each row's address placed: a point layer (rows matched at town or city level get the
 * town's or city's representative point; the others no geometry) with the columns 緯度, 経度,
 * 一致レベル and 照合住所 added (replacing the table's own 緯度/経度 if it had empty ones). The address is
 * one column, or several joined in order (都道府県 + 市区町村 + 町丁目, as police open data keeps them); a
 * 市区町村コード column gives the prefecture to addresses that leave it out (so 府中市 of 東京都 and of
 * 広島県 are told apart).
 */
export function matchTableAddresses(dictionary: AddressDictionary, table: LayerTable, column: string | readonly string[], options: MatchOptions = {}): { data: LayerTable; report: AddressMatchReport } {
  const addressColumns = typeof column === 'string' ? [column] : column;
  const sources = addressColumns.map((name) => findColumn(table, name));
  if (sources.length === 0 || sources.some((c) => !c)) throw new Error(`no column ${addressColumns.join(', ')}`);
  const codeColumn = findCodeColumn(table);
  const readers = sources.map((c) => cellReader(c!));
  const codes = codeColumn && cellReader(codeColumn);
  const addressAt = (row: number) => {
    let text = '';
    for (const read of readers) text += String(read(row) ?? '').trim();
    const prefecture = codes ? prefectureOfCode(String(codes(row) ?? '')) : undefined;
    return prefecture && text && !text.normalize('NFKC').startsWith(prefecture) ? `${prefecture}${text}` : text;
  };
  const n = table.rowCount;
  const xy = new Float64Array(n * 2);
  const lats = new Float64Array(n), lons = new Float64Array(n);
  const levels = new Array<string>(n), matched = new Array<string | null>(n);
  const report: AddressMatchReport = { block: 0, town: 0, city: 0, none: 0, unmatched: [], wardGuessed: 0, attribution: dictionary.attribution };
  // Tables repeat addresses (many reports at one 町): each distinct address is matched once.
  const seen = new Map<string, ReturnType<typeof matchAddress>>();
  for (let row = 0; row < n; row++) {
    const address = addressAt(row);
    let result = seen.get(address);
    if (!result) seen.set(address, (result = matchAddress(dictionary, address, options)));
    report[result.level]++;
    if (result.wardGuessed) report.wardGuessed++;
    if (result.reason && report.unmatched.length < 200) report.unmatched.push({ row: row + 1, address, reason: result.reason });
    xy[row * 2] = lons[row] = result.lon;
    xy[row * 2 + 1] = lats[row] = result.lat;
    levels[row] = LEVEL_LABELS[result.level];
    matched[row] = result.matched || null;
  }
  // How each address was matched stands right after it, where the trainee looks (not past twenty columns).
  const how = [textColumn(MATCH_COLUMNS.level, levels), textColumn(MATCH_COLUMNS.matched, matched)];
  const where = [numberColumn(MATCH_COLUMNS.latitude, lats), numberColumn(MATCH_COLUMNS.longitude, lons)];
  const names = new Set([...how, ...where].map((c) => c.name));
  const kept = table.columns.filter((c) => !names.has(c.name));
  const after = extent(addressColumns.map((name) => kept.findIndex((c) => c.name === name)))[1] + 1;
  const columns = [...kept.slice(0, after), ...how, ...kept.slice(after), ...where];
  return { data: makeTable(columns, { layout: 'points', xy }, n), report };
}
