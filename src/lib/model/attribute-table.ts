import type { AnyFeatureCollection } from '../geo/types';

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

/** The columns of a layer in first-seen order, each with the one type all its values share (else text). */
export function describeColumns(data: AnyFeatureCollection): ColumnInfo[] {
  const types = new Map<string, ColumnType>();
  for (const feature of data.features) {
    for (const [name, value] of Object.entries(feature.properties ?? {})) {
      const type = typeOf(value);
      const known = types.get(name);
      if (known === undefined || known === 'empty') types.set(name, type);
      else if (type !== 'empty' && type !== known) types.set(name, 'text');
    }
  }
  return [...types].map(([name, type]) => ({ name, type }));
}

export type SortOrder = { column: string; descending: boolean } | null;

/** Row indices in display order: numbers numerically, text in Japanese collation, empty values last. */
export function sortedRowIndices(data: AnyFeatureCollection, order: SortOrder): number[] {
  const indices = data.features.map((_, i) => i);
  if (!order) return indices;
  const value = (i: number) => data.features[i]!.properties?.[order.column];
  const collator = new Intl.Collator('ja', { numeric: true });
  return indices.sort((a, b) => {
    const va = value(a), vb = value(b);
    const emptyA = va === null || va === undefined || va === '', emptyB = vb === null || vb === undefined || vb === '';
    if (emptyA || emptyB) return Number(emptyA) - Number(emptyB);
    const compared = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return order.descending ? -compared : compared;
  });
}
