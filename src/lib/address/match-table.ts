import { findColumn, makeTable, numberColumn, textColumn, valueAt, type LayerTable } from '../table/layer-table';
import type { AddressDictionary } from './dictionary';
import { matchAddress, type MatchLevel, type MatchOptions, type MatchReason } from './match';

/** The columns address matching adds (their names are the ones the issue and the lessons use). */
export const MATCH_COLUMNS = { latitude: '緯度', longitude: '経度', level: '一致レベル', matched: '照合住所' } as const;
export const LEVEL_LABELS: Record<MatchLevel, string> = { town: '町字', city: '市区町村', none: '不一致' };

export interface AddressMatchReport {
  town: number;
  city: number;
  none: number;
  /** Rows not matched at town level (first 200), 1-based as the table shows them, with the reason. */
  unmatched: { row: number; address: string; reason: MatchReason }[];
  attribution: string;
}

/**
 * The table with each row's address placed: a point layer (rows matched at town or city level get the
 * town's or city's representative point; the others no geometry) with the columns 緯度, 経度,
 * 一致レベル and 照合住所 added (replacing the table's own 緯度/経度 if it had empty ones).
 */
export function matchTableAddresses(dictionary: AddressDictionary, table: LayerTable, column: string, options: MatchOptions = {}): { data: LayerTable; report: AddressMatchReport } {
  const source = findColumn(table, column);
  if (!source) throw new Error(`no column ${column}`);
  const n = table.rowCount;
  const xy = new Float64Array(n * 2);
  const lats = new Float64Array(n), lons = new Float64Array(n);
  const levels = new Array<string>(n), matched = new Array<string | null>(n);
  const report: AddressMatchReport = { town: 0, city: 0, none: 0, unmatched: [], attribution: dictionary.attribution };
  // Tables repeat addresses (many reports at one 町): each distinct address is matched once.
  const seen = new Map<string, ReturnType<typeof matchAddress>>();
  for (let row = 0; row < n; row++) {
    const address = String(valueAt(source, row) ?? '');
    let result = seen.get(address);
    if (!result) seen.set(address, (result = matchAddress(dictionary, address, options)));
    report[result.level]++;
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
  const after = kept.findIndex((c) => c.name === column) + 1;
  const columns = [...kept.slice(0, after), ...how, ...kept.slice(after), ...where];
  return { data: makeTable(columns, { layout: 'points', xy }, n), report };
}
