import { dictionaryOf, dictionarySize, hasGeometry, rowProperties, valueAt, type LayerTable, type TableColumn } from '../table/layer-table';
import { stringAt } from '../table/packed-strings';

export type ColumnType = 'number' | 'text' | 'date' | 'boolean' | 'empty';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function typeOf(value: unknown): ColumnType {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string' && ISO_DATE.test(value)) return 'date';
  return 'text';
}

/** The one type all of a column's values share (else text); empty when it has no value. */
function columnType(column: TableColumn): ColumnType {
  // A number column is numbers; a text column is judged by its distinct values (the first 1,000: a column
  // of a million ids is not decoded to label its header).
  if (column.type === 'number') return column.values.some((v) => v === v) ? 'number' : 'empty';
  const values: readonly unknown[] = column.type === 'text' ? firstValues(column, 1000) : column.values;
  let type: ColumnType = 'empty';
  for (const value of values) {
    const t = typeOf(value);
    if (t === 'empty') continue;
    if (type === 'empty') type = t;
    else if (t !== type) return 'text';
  }
  return type;
}

function firstValues(column: Extract<TableColumn, { type: 'text' }>, count: number): string[] {
  return Array.from({ length: Math.min(count, dictionarySize(column)) }, (_, i) => stringAt(column.dictionary, i));
}

/** The columns of a layer in the table's order, each with its type. */
export function describeColumns(table: LayerTable): ColumnInfo[] {
  return table.columns.map((column) => ({ name: column.name, type: columnType(column) }));
}

export type SortOrder = { column: string; descending: boolean } | null;

/** The rows from..to (in display order) as shown in a table page: index, values, and whether located. */
export function pageOfRows(table: LayerTable, sorted: Uint32Array | null, from: number, to: number) {
  return Array.from({ length: Math.max(0, Math.min(table.rowCount, to) - from) }, (_, i) => {
    const index = sorted ? sorted[from + i]! : from + i;
    return { index, properties: rowProperties(table, index), located: hasGeometry(table, index) };
  });
}

/**
 * Row indices in display order (null: the table's own order, without making an index per row):
 * numbers numerically, text in Japanese collation, empty values last.
 */
export function sortedRowIndices(table: LayerTable, order: SortOrder): Uint32Array | null {
  const column = order && table.columns.find((c) => c.name === order.column);
  if (!order || !column) return null;
  const indices = Uint32Array.from({ length: table.rowCount }, (_, i) => i);
  const direction = order.descending ? -1 : 1;
  if (column.type === 'number') {
    const v = column.values;
    return indices.sort((a, b) => {
      const emptyA = v[a] !== v[a], emptyB = v[b] !== v[b];
      if (emptyA || emptyB) return Number(emptyA) - Number(emptyB);
      return (v[a]! - v[b]!) * direction;
    });
  }
  if (column.type === 'text') {
    // Each distinct value is collated once; rows then compare by the rank of their value.
    const dictionary = dictionaryOf(column);
    const collator = new Intl.Collator('ja', { numeric: true });
    const byValue = dictionary.map((_, i) => i).sort((a, b) => collator.compare(dictionary[a]!, dictionary[b]!));
    const rank = new Uint32Array(dictionary.length + 1);
    byValue.forEach((code, position) => (rank[code + 1] = position + 1));
    const isEmpty = (row: number) => column.codes[row] === 0 || dictionary[column.codes[row]! - 1] === '';
    return indices.sort((a, b) => {
      const emptyA = isEmpty(a), emptyB = isEmpty(b);
      if (emptyA || emptyB) return Number(emptyA) - Number(emptyB);
      return (rank[column.codes[a]!]! - rank[column.codes[b]!]!) * direction;
    });
  }
  const collator = new Intl.Collator('ja', { numeric: true });
  return indices.sort((a, b) => {
    const va = valueAt(column, a), vb = valueAt(column, b);
    const emptyA = va === null || va === '', emptyB = vb === null || vb === '';
    if (emptyA || emptyB) return Number(emptyA) - Number(emptyB);
    const compared = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return compared * direction;
  });
}
