/**
 * The cleaning workbench's steps (ワーク②): each one a pure function from a table to a new table, named
 * in a recipe the trainee sees, undoes and replays on a new version of the same file. A step never
 * drops data silently: it reports how many cells it changed and which it could not change.
 */
import type { AddressDictionary } from '../address/dictionary';
import { extent } from '../util/extent';
import { matchAddress } from '../address/match';
import { parseNumber } from '../io/parse-number';
import { parseJapaneseEraDate, parseWesternDate } from '../io/japanese-date';
import { featuresOf, tableFromFeatures } from '../table/geojson-table';
import { columnFromValues, findColumn, makeTable, textColumn, valueAt, withColumn, type LayerTable, type TableColumn, type TableGeometry } from '../table/layer-table';

export type CleaningStep =
  | { op: 'use-row-as-header'; row: number }
  | { op: 'delete-rows'; column: string; match: 'empty' | 'equals' | 'contains'; value?: string }
  | { op: 'rename-column'; column: string; to: string }
  | { op: 'split-address'; column: string }
  | { op: 'half-width'; column: string }
  | { op: 'era-to-western'; column: string }
  | { op: 'to-number'; column: string }
  | { op: 'fill-down'; column: string }
  | { op: 'trim'; column: string }
  | { op: 'standard-names' }
  | { op: 'points-from-columns'; latitude: string; longitude: string }
  | { op: 'join-columns'; columns: string[]; to: string };

export type CleaningOp = CleaningStep['op'];

export interface StepResult {
  /** Cells (or rows, or columns) the step changed. */
  changed: number;
  /** Cells it could not change (e.g. 「不明」 in a column made numeric), first 20, 1-based rows. */
  failed: { row: number; value: string }[];
  failedCount: number;
  /** The step named a column the table does not have (after an earlier step, or in a new file). */
  missingColumn?: string;
}

export interface CleaningContext {
  /** Needed by split-address. */
  dictionary?: AddressDictionary;
}

/** The part columns split-address adds. */
export const ADDRESS_PARTS = ['都道府県', '市区町村', '町字', '番地'] as const;

/** Header variants → the 自治体標準オープンデータセット column names (デジタル庁). */
const STANDARD_NAMES: [RegExp, string][] = [
  [/^(施設名|施設名称|名前|名)$/, '名称'],
  [/^(所在地|住所地|所在地住所|施設住所|住所又は所在地)$/, '住所'],
  [/^(緯度|北緯|lat|latitude|y)(\(.*\))?$/i, '緯度'],
  [/^(経度|東経|lon|lng|longitude|x)(\(.*\))?$/i, '経度'],
  [/^(電話|電話番号|tel|TEL)$/, '電話番号'],
  [/^(url|URL|ホームページ|HP)$/, 'URL'],
  [/^(郵便番号|〒)$/, '郵便番号'],
];

const valuesOf = (column: TableColumn, rows: number) => Array.from({ length: rows }, (_, r) => valueAt(column, r));
const asText = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** The table with only the rows `keep` says (geometry too). */
function keepRows(table: LayerTable, keep: (row: number) => boolean): LayerTable {
  const rows = Array.from({ length: table.rowCount }, (_, r) => r).filter(keep);
  if (table.geometry.layout === 'nested') {
    const features = featuresOf(table).features;
    return tableFromFeatures(rows.map((r) => features[r]!));
  }
  let geometry: TableGeometry = table.geometry;
  if (table.geometry.layout === 'points') {
    const xy = new Float64Array(rows.length * 2);
    const from = table.geometry.xy;
    rows.forEach((r, i) => ((xy[i * 2] = from[r * 2]!), (xy[i * 2 + 1] = from[r * 2 + 1]!)));
    geometry = { layout: 'points', xy };
  }
  const columns = table.columns.map((c) => columnFromValues(c.name, rows.map((r) => valueAt(c, r))));
  return makeTable(columns, geometry, rows.length);
}

/** A column changed cell by cell (blank cells left as they are); `change` returns the new value, or null when it cannot. */
function mapText(table: LayerTable, name: string, change: (text: string) => string | number | null, keepAsText = true): { table: LayerTable; result: StepResult } {
  const column = findColumn(table, name)!;
  const result: StepResult = { changed: 0, failed: [], failedCount: 0 };
  const values = valuesOf(column, table.rowCount).map((value, row) => {
    const text = asText(value);
    if (text.trim() === '') return keepAsText ? value : null;
    const next = change(text);
    if (next === null) {
      result.failedCount++;
      if (result.failed.length < 20) result.failed.push({ row: row + 1, value: text });
      return value;
    }
    if (next !== value) result.changed++;
    return next;
  });
  const built = keepAsText ? textColumn(name, values.map((v) => (v === null || v === undefined ? null : String(v)))) : columnFromValues(name, values);
  return { table: withColumn(table, built), result };
}

const OK = (changed: number): StepResult => ({ changed, failed: [], failedCount: 0 });

/** Applies one step; a step naming a missing column leaves the table as it is and says so. */
export function applyStep(table: LayerTable, step: CleaningStep, context: CleaningContext = {}): { table: LayerTable; result: StepResult } {
  const column = 'column' in step ? step.column : null;
  if (column !== null && !findColumn(table, column)) return { table, result: { ...OK(0), missingColumn: column } };
  switch (step.op) {
    case 'use-row-as-header': {
      if (step.row < 0 || step.row >= table.rowCount) return { table, result: OK(0) };
      const seen = new Set<string>();
      const names = table.columns.map((c, i) => {
        let name = asText(valueAt(c, step.row)).trim() || `列${i + 1}`;
        while (seen.has(name)) name += '_2';
        seen.add(name);
        return name;
      });
      const rest = keepRows(table, (r) => r > step.row);
      return { table: makeTable(rest.columns.map((c, i) => ({ ...c, name: names[i]! })), rest.geometry, rest.rowCount), result: OK(step.row + 1) };
    }
    case 'delete-rows': {
      const source = findColumn(table, step.column)!;
      const value = step.value ?? '';
      const matches = (row: number) => {
        const text = asText(valueAt(source, row)).trim();
        return step.match === 'empty' ? text === '' : step.match === 'equals' ? text === value : value !== '' && text.includes(value);
      };
      const next = keepRows(table, (r) => !matches(r));
      return { table: next, result: OK(table.rowCount - next.rowCount) };
    }
    case 'rename-column': {
      const to = step.to.trim();
      if (to === '' || (to !== step.column && findColumn(table, to))) return { table, result: { ...OK(0), failed: [{ row: 0, value: to }], failedCount: 1 } };
      const columns = table.columns.map((c) => (c.name === step.column ? { ...c, name: to } : c));
      return { table: makeTable(columns, table.geometry, table.rowCount), result: OK(1) };
    }
    case 'standard-names': {
      let changed = 0;
      const taken = new Set(table.columns.map((c) => c.name));
      const columns = table.columns.map((c) => {
        const key = c.name.normalize('NFKC').replace(/\s/g, '').replace(/\((世界測地系|度|deg|wgs84|jgd2011)\)$/i, '');
        const standard = STANDARD_NAMES.find(([pattern]) => pattern.test(key))?.[1];
        if (!standard || standard === c.name || taken.has(standard)) return c;
        taken.add(standard);
        changed++;
        return { ...c, name: standard };
      });
      return { table: makeTable(columns, table.geometry, table.rowCount), result: OK(changed) };
    }
    case 'split-address': {
      if (!context.dictionary) throw new Error('split-address needs the address dictionary');
      const source = findColumn(table, step.column)!;
      const parts = ADDRESS_PARTS.map(() => new Array<string | null>(table.rowCount).fill(null));
      const result: StepResult = OK(0);
      for (let row = 0; row < table.rowCount; row++) {
        const text = asText(valueAt(source, row));
        if (text.trim() === '') continue;
        const match = matchAddress(context.dictionary, text);
        if (!match.parts || match.parts.town === '') {
          result.failedCount++;
          if (result.failed.length < 20) result.failed.push({ row: row + 1, value: text });
          if (match.parts) (parts[0]![row] = match.parts.prefecture), (parts[1]![row] = match.parts.city), (parts[3]![row] = match.parts.rest);
          continue;
        }
        result.changed++;
        [match.parts.prefecture, match.parts.city, match.parts.town, match.parts.rest].forEach((p, i) => (parts[i]![row] = p));
      }
      const at = table.columns.findIndex((c) => c.name === step.column);
      const added = ADDRESS_PARTS.map((name, i) => textColumn(findColumn(table, name) ? `${name}_2` : name, parts[i]!));
      const columns = [...table.columns.slice(0, at + 1), ...added, ...table.columns.slice(at + 1)];
      return { table: makeTable(columns, table.geometry, table.rowCount), result };
    }
    case 'half-width':
      // NFKC: full-width letters and digits to half width, half-width kana to full width, ① → 1, ㈱ → (株).
      return mapText(table, step.column, (t) => t.normalize('NFKC'), false);
    case 'era-to-western':
      return mapText(table, step.column, (t) => parseJapaneseEraDate(t) ?? parseWesternDate(t));
    case 'to-number':
      return mapText(
        table,
        step.column,
        (t) => {
          // Units after the number (120人, 1,000円, 約50m) and the word 約 are left out; anything else stays.
          const stripped = t.normalize('NFKC').trim().replace(/^約/, '').replace(/(人|件|円|千円|万円|m|km|㎡|m2|世帯|歳|台|%|棟|戸|か所|箇所|回|名|kg|t|ha)$/, '');
          const n = parseNumber(stripped);
          return Number.isFinite(n) ? n : null;
        },
        false,
      );
    case 'fill-down': {
      // A blank cell takes the value above it (what a merged cell meant).
      const source = findColumn(table, step.column)!;
      let last: unknown = null, changed = 0;
      const values = valuesOf(source, table.rowCount).map((value) => {
        if (asText(value).trim() !== '') return (last = value);
        if (last !== null) changed++;
        return last;
      });
      return { table: withColumn(table, columnFromValues(step.column, values)), result: OK(changed) };
    }
    case 'trim':
      // Spaces at the ends, and spaces put between characters for looks (東　京 → 東京).
      return mapText(table, step.column, (t) => {
        const trimmed = t.trim();
        return /^(\S[ \u3000]+)+\S$/.test(trimmed) && trimmed.length <= 12 ? trimmed.replace(/[ \u3000]+/g, '') : trimmed;
      });
    case 'join-columns': {
      // 都道府県 + 市区町村 + 町丁目 → one address (police open data keeps them apart). Japanese addresses
      // need no separator; blank parts are left out. Placed after the last column joined.
      const sources = step.columns.map((name) => findColumn(table, name));
      const missing = step.columns.find((_, i) => !sources[i]);
      if (missing !== undefined) return { table, result: { ...OK(0), missingColumn: missing } };
      let name = step.to.trim() || '住所';
      while (findColumn(table, name)) name += '_2';
      const result = OK(0);
      const joined = Array.from({ length: table.rowCount }, (_, row) => {
        const text = sources.map((c) => asText(valueAt(c!, row)).trim()).filter(Boolean).join('');
        if (text) result.changed++;
        return text || null;
      });
      const [, at] = extent(step.columns.map((c) => table.columns.findIndex((t) => t.name === c)));
      const columns = [...table.columns.slice(0, at + 1), textColumn(name, joined), ...table.columns.slice(at + 1)];
      return { table: makeTable(columns, table.geometry, table.rowCount), result };
    }
    case 'points-from-columns': {
      const lat = findColumn(table, step.latitude), lon = findColumn(table, step.longitude);
      if (!lat || !lon) return { table, result: { ...OK(0), missingColumn: !lat ? step.latitude : step.longitude } };
      const xy = new Float64Array(table.rowCount * 2);
      const result = OK(0);
      for (let row = 0; row < table.rowCount; row++) {
        const y = parseNumber(asText(valueAt(lat, row))), x = parseNumber(asText(valueAt(lon, row)));
        const valid = Math.abs(y) <= 90 && Math.abs(x) <= 180;
        xy[row * 2] = valid ? x : NaN;
        xy[row * 2 + 1] = valid ? y : NaN;
        if (valid) result.changed++;
        else {
          result.failedCount++;
          if (result.failed.length < 20) result.failed.push({ row: row + 1, value: `${asText(valueAt(lat, row))}, ${asText(valueAt(lon, row))}` });
        }
      }
      return { table: makeTable(table.columns, { layout: 'points', xy }, table.rowCount), result };
    }
  }
}

/** Applies a recipe in order, from the table as imported. */
export function applyRecipe(base: LayerTable, steps: readonly CleaningStep[], context: CleaningContext = {}): { table: LayerTable; results: StepResult[] } {
  let table = base;
  const results: StepResult[] = [];
  for (const step of steps) {
    const applied = applyStep(table, step, context);
    table = applied.table;
    results.push(applied.result);
  }
  return { table, results };
}

export const needsDictionary = (steps: readonly CleaningStep[]) => steps.some((s) => s.op === 'split-address');
