import { findColumn, numberAt, valueAt } from '../table/layer-table';
import { classIndexOf, labelFieldOf, type Layer, type LegendClass } from './exercise';

export interface ResultRow {
  row: number;
  name: string;
  /** NaN where the area has no value. */
  value: number;
  color: string | undefined;
}

/** The results table of a mapped column: its largest values with their areas' names and legend colours. */
export function resultTable(layer: Layer, field: string, legend: readonly LegendClass[], limit: number): ResultRow[] {
  const column = findColumn(layer.data, field);
  if (!column) return [];
  const nameColumn = findColumn(layer.data, labelFieldOf(layer) ?? '');
  const nameOf = (row: number) => (nameColumn ? String(valueAt(nameColumn, row)) : `#${row + 1}`);
  const values = column.type === 'number' ? column.values : Float64Array.from({ length: layer.data.rowCount }, (_, row) => numberAt(column, row));
  const bounds = legend.map((c) => c.upperBound);
  return resultRows(values, nameOf, limit).map((row) => {
    const value = values[row]!;
    return { row, name: nameOf(row), value, color: Number.isNaN(value) ? undefined : legend[classIndexOf(value, bounds)]?.color };
  });
}

/**
 * The rows of the results table beside the map: the `limit` largest values, largest first (equal values
 * by name), then rows without a value. One pass with a heap of `limit` rows, so a layer of 200,000 areas
 * costs milliseconds and the page lists a few hundred rows, not every area (the attribute table has all).
 */
export function resultRows(values: ArrayLike<number>, nameOf: (row: number) => string, limit: number): number[] {
  // A min-heap of the best rows so far: its root is the weakest (smallest value; of equals, the later row).
  const heap: number[] = [];
  const weaker = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && a > b);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (i: number) => {
    for (;;) {
      const l = i * 2 + 1, r = l + 1;
      let m = i;
      if (l < heap.length && weaker(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && weaker(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      swap(i, m), (i = m);
    }
  };
  const empty: number[] = [];
  for (let row = 0; row < values.length; row++) {
    const v = values[row]!;
    if (v !== v) {
      if (empty.length < limit) empty.push(row);
      continue;
    }
    if (heap.length < limit) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0 && weaker(heap[i]!, heap[(i - 1) >> 1]!); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else if (limit > 0 && weaker(heap[0]!, row)) {
      heap[0] = row;
      down(0);
    }
  }
  const collator = new Intl.Collator('ja');
  const names = new Map(heap.map((row) => [row, nameOf(row)]));
  heap.sort((a, b) => values[b]! - values[a]! || collator.compare(names.get(a)!, names.get(b)!));
  return [...heap, ...empty].slice(0, limit);
}
