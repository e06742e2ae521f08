/**
 * The machine-readability check: the national rules for tables (「機械判読可能なデータの表記方法の統一ルール」,
 * 総務省 2020), applied to a table as it was in the file, before the importer converted anything (a
 * full-width digit or a 和暦 date can only be seen there). Each problem says where (cells as Excel names
 * them: C5; rows; columns) and how many; the words and the reasons are in the message catalogue.
 */
import { parseJapaneseEraDate } from './japanese-date';
import { extent } from '../util/extent';
import { findAddressColumn, type CellGrid, type TableLayout } from './table-layout';
import { columnNamesOf, valueAt, type LayerTable } from '../table/layer-table';

export const READABILITY_RULES = [
  'title-rows',
  'notes-rows',
  'blank-rows',
  'merged-cells',
  'missing-header',
  'duplicate-header',
  'several-values',
  'number-with-unit',
  'full-width',
  'japanese-era',
  'layout-spaces',
  'platform-characters',
  'leading-zeros',
  'one-column-address',
  'no-coordinates',
] as const;
export type ReadabilityRule = (typeof READABILITY_RULES)[number];

export interface ReadabilityIssue {
  rule: ReadabilityRule;
  /** How many cells, rows or columns. */
  count: number;
  /** The first places (C5, 「3行目」 as numbers, column names), at most 8. */
  where: string[];
}

export interface ReadabilityReport {
  issues: ReadabilityIssue[];
  /** Data rows looked at cell by cell (the first ones of a very large table). */
  rowsChecked: number;
  rowCount: number;
}

/** Cell-level rules look at this many data rows: enough to find the habits of a table, fast at 1M rows. */
const CELL_ROWS = 10_000;
const MAX_WHERE = 8;

const UNIT = /^[+-]?[\d,]+(\.\d+)?\s*(人|件|円|千円|万円|m|km|㎡|m2|世帯|歳|台|%|棟|戸|か所|箇所|回|名|kg|t|ha|時間|分)$/;
const FULL_WIDTH = /[０-９Ａ-Ｚａ-ｚ]/;
// ①, ㈱, ㍻, Ⅲ, ㎡ and half-width kana: characters that differ between systems or fonts.
const PLATFORM = /[\u2460-\u24ff\u2160-\u217f\u3200-\u33ff\uff61-\uff9f]/;
const SPACED_CHARACTERS = /^(\S[ \u3000]+)+\S$/;
const SEVERAL = /\n|;|；/;
const CODE_HEADER = /コード|番号|郵便|code/i;

export function columnLetters(column: number): string {
  let name = '';
  for (let c = column + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/**
 * A cell of a table as it is now, named as a spreadsheet of it would (E5): the column's letter and the row's
 * number with the header in row 1, so `dataRow` 0 is row 2. The workbench shows the same letters and numbers.
 */
export function cellName(columnIndex: number, dataRow: number): string {
  return `${columnLetters(Math.max(0, columnIndex))}${dataRow + 2}`;
}

interface Context {
  headers: readonly string[];
  mergedRanges?: readonly string[];
  hasCoordinates: boolean;
  addressColumn: number;
}

/** Checks a table against the rules; returns only the rules it breaks. */
export function checkReadability(grid: CellGrid, layout: TableLayout, context: Context): ReadabilityReport {
  const found = new Map<ReadabilityRule, ReadabilityIssue>();
  const add = (rule: ReadabilityRule, where: string) => {
    let issue = found.get(rule);
    if (!issue) found.set(rule, (issue = { rule, count: 0, where: [] }));
    issue.count++;
    if (issue.where.length < MAX_WHERE && !issue.where.includes(where)) issue.where.push(where);
  };
  const rowName = (row: number) => String(grid.rowNumber(row));
  for (let r = 0; r < layout.headerRow; r++) add('title-rows', rowName(r));
  for (let r = layout.dataEnd; r < grid.rowCount; r++) add('notes-rows', rowName(r));
  const lastRow = grid.rowCount > 0 ? grid.rowNumber(Math.max(0, layout.dataEnd - 1)) : 0;
  for (const blank of grid.blankRowNumbers) if (blank < lastRow) add('blank-rows', String(blank));
  for (const range of context.mergedRanges ?? []) add('merged-cells', range);

  const { headers } = context;
  const headerCells = Array.from({ length: grid.fieldCount(layout.headerRow) }, (_, c) => grid.cell(layout.headerRow, c).trim());
  const seen = new Set<string>();
  headers.forEach((_, c) => {
    const name = headerCells[c] ?? '';
    if (name === '') add('missing-header', `${columnLetters(c)}${grid.rowNumber(layout.headerRow)}`);
    else if (seen.has(name)) add('duplicate-header', name);
    seen.add(name);
  });

  const first = layout.headerRow + 1;
  const end = Math.min(layout.dataEnd, first + CELL_ROWS);
  const codeLengths = headers.map(() => new Map<number, string[]>());
  for (let r = first; r < end; r++) {
    const number = grid.rowNumber(r);
    for (let c = 0; c < grid.fieldCount(r); c++) {
      const raw = grid.cell(r, c);
      const value = raw.trim();
      if (value === '') continue;
      const where = `${columnLetters(c)}${number}`;
      if (SEVERAL.test(value)) add('several-values', where);
      const folded = value.normalize('NFKC');
      if (UNIT.test(folded)) add('number-with-unit', where);
      if (FULL_WIDTH.test(value)) add('full-width', where);
      if (PLATFORM.test(value)) add('platform-characters', where);
      if (SPACED_CHARACTERS.test(value) && value.length <= 12) add('layout-spaces', where);
      else if (/^[ \u3000]/.test(raw)) add('layout-spaces', where);
      if (parseJapaneseEraDate(value) !== null) add('japanese-era', where);
      if (CODE_HEADER.test(headers[c] ?? '') && /^\d+$/.test(folded)) {
        const byLength = codeLengths[c]!;
        const list = byLength.get(folded.length) ?? [];
        if (list.length < MAX_WHERE) list.push(where);
        byLength.set(folded.length, list);
      }
    }
  }
  // A code column whose digit strings are shorter in some rows: the leading zeros were lost (08220 → 8220).
  codeLengths.forEach((byLength) => {
    if (byLength.size < 2) return;
    const [, longest] = extent(byLength.keys());
    for (const [length, places] of byLength) if (length < longest) places.forEach((p) => add('leading-zeros', p));
  });
  if (context.addressColumn >= 0) add('one-column-address', headers[context.addressColumn]!);
  if (!context.hasCoordinates) add('no-coordinates', '');
  const issues = READABILITY_RULES.flatMap((rule) => (found.has(rule) ? [found.get(rule)!] : []));
  return { issues, rowsChecked: Math.max(0, end - first), rowCount: Math.max(0, layout.dataEnd - first) };
}

/**
 * The check of a table as it is now (after cleaning steps): its column names as the header row and its
 * values as cells. What only a file can have (title rows, merged cells) cannot be found here.
 */
export function checkTableReadability(table: LayerTable): ReadabilityReport {
  const headers = columnNamesOf(table);
  const grid: CellGrid = {
    rowCount: table.rowCount + 1,
    fieldCount: () => headers.length,
    cell: (row, column) => {
      if (row === 0) return headers[column] ?? '';
      const value = valueAt(table.columns[column]!, row - 1);
      return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    },
    rowNumber: (row) => row + 1,
    blankRowNumbers: [],
  };
  const layout = { headerRow: 0, dataEnd: table.rowCount + 1, confident: true };
  return checkReadability(grid, layout, { headers, hasCoordinates: table.kind !== 'none', addressColumn: findAddressColumn(headers) });
}
