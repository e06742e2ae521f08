import { assignPointsToPolygons, type AssignmentSummary, type Prepared } from './count-points-in-polygons';
import { dictionaryOf, findColumn, numberAt, valueAt, type LayerTable, type TableColumn } from '../table/layer-table';

/** What to compute per polygon from the points inside it. */
export type Aggregation = { op: 'count' } | { op: 'sum' | 'mean' | 'max'; field: string };

/**
 * Which points take part. `values`: the field equals one of them (as text). `from`/`to`: an inclusive
 * range compared as text, which orders ISO dates (2023-04-01) and zero-padded times (07:30) correctly.
 */
export interface PointFilter {
  field: string;
  values?: string[];
  from?: string;
  to?: string;
}

export interface AggregationResult extends AssignmentSummary {
  /** One value per polygon; null where a mean or maximum has no points to take it from. */
  values: (number | null)[];
  /** Points that passed the filter and fell in a polygon. */
  used: number;
  /** Points left out by the filter. */
  filteredOut: number;
}

/** "9:05" → "09:05", so times compare as text; other values are trimmed. */
const comparable = (value: unknown) => String(value ?? '').trim().replace(/^(\d):/, '0$1:');

export function matchesFilter(cell: unknown, filter: PointFilter): boolean {
  const value = comparable(cell);
  if (filter.values && !filter.values.includes(value)) return false;
  if (filter.from !== undefined && filter.from !== '' && value < comparable(filter.from)) return false;
  if (filter.to !== undefined && filter.to !== '' && value > comparable(filter.to)) return false;
  if ((filter.from || filter.to) && value === '') return false;
  return true;
}

/** Counts, sums, averages or takes the maximum of the points in each polygon (IMC: 面で集計). */
export function aggregatePointsInPolygons(
  points: LayerTable,
  polygons: LayerTable,
  aggregation: Aggregation,
  filters: readonly PointFilter[] = [],
  prepared: Prepared = {},
): AggregationResult {
  const n = polygons.rowCount;
  const counts = new Float64Array(n);
  const sums = new Float64Array(n);
  const maxima = new Float64Array(n).fill(-Infinity);
  // Without filters every point takes part: no per-point check (the common, hot case of a plain count).
  const passes = filters.length === 0 ? null : passingRows(points, filters);
  let used = 0;
  const field: TableColumn | null | undefined = aggregation.op === 'count' ? null : findColumn(points, aggregation.field);
  // A plain count needs nothing but the tally: a separate, minimal visitor for the hot path.
  const visit =
    field === null && !passes
      ? (_: number, polygon: number) => {
          counts[polygon]!++;
          used++;
        }
      : (pointIndex: number, polygon: number) => {
          if (passes && !passes[pointIndex]) return;
          let value = 1;
          if (field !== null) {
            value = field ? numberAt(field, pointIndex) : NaN;
            if (!Number.isFinite(value)) return; // no value: not part of sum/mean/max
          }
          counts[polygon]!++;
          sums[polygon]! += value;
          maxima[polygon] = Math.max(maxima[polygon]!, value);
          used++;
        };
  const summary = assignPointsToPolygons(points, polygons, visit, prepared);
  const values = Array.from(counts, (count, i) => {
    switch (aggregation.op) {
      case 'count':
        return count;
      case 'sum':
        return sums[i]!;
      case 'mean':
        return count === 0 ? null : sums[i]! / count;
      case 'max':
        return count === 0 ? null : maxima[i]!;
    }
  });
  return { ...summary, values, used, filteredOut: passes ? passes.reduce((n, p) => n + (p ? 0 : 1), 0) : 0 };
}

/** Which rows pass every filter. A missing column passes no row (its value is empty). */
function passingRows(points: LayerTable, filters: readonly PointFilter[]): Uint8Array {
  const passes = new Uint8Array(points.rowCount).fill(1);
  for (const filter of filters) {
    const column = findColumn(points, filter.field);
    if (column?.type === 'text') {
      // Judged once per distinct value, then looked up per row by its code (no string per row).
      const dictionary = dictionaryOf(column);
      const passesCode = Uint8Array.from({ length: dictionary.length + 1 }, (_, code) => (matchesFilter(code === 0 ? null : dictionary[code - 1], filter) ? 1 : 0));
      for (let row = 0; row < points.rowCount; row++) if (!passesCode[column.codes[row]!]) passes[row] = 0;
      continue;
    }
    for (let row = 0; row < points.rowCount; row++) {
      if (passes[row] && !matchesFilter(column ? valueAt(column, row) : null, filter)) passes[row] = 0;
    }
  }
  return passes;
}
