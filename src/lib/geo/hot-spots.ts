/**
 * Hot spots: the Getis-Ord Gi* statistic (Getis & Ord 1992; Ord & Getis 1995) of each area, with binary
 * weights over the area itself and its neighbours. A large positive z means high values cluster around the
 * area (a hot spot), a large negative one low values (a cold spot). Pure: values and neighbour lists in,
 * or a polygon table and the column to test (hotSpotsOfTable).
 */
import { findColumn, numberAt, type LayerTable } from '../table/layer-table';

export type HotSpotClass = 'hot-99' | 'hot-95' | 'hot-90' | 'none' | 'cold-90' | 'cold-95' | 'cold-99';

/** Two-sided critical z values of the normal distribution. */
const Z = { 99: 2.5758, 95: 1.96, 90: 1.6449 } as const;

export function classifyZ(z: number): HotSpotClass {
  if (!Number.isFinite(z)) return 'none';
  const side = z > 0 ? 'hot' : 'cold';
  const a = Math.abs(z);
  return a >= Z[99] ? `${side}-99` : a >= Z[95] ? `${side}-95` : a >= Z[90] ? `${side}-90` : 'none';
}

/**
 * Gi* z-scores. `neighbours[i]` lists the areas next to area i (not i itself: it is always included).
 * Areas with a missing value (NaN) get NaN and are left out of the mean and spread of the others.
 */
export function getisOrdGiStar(values: readonly number[], neighbours: readonly (readonly number[])[]): number[] {
  const valid = values.map(Number.isFinite);
  let n = 0, sum = 0, squares = 0;
  values.forEach((v, i) => {
    if (!valid[i]) return;
    n++;
    sum += v;
    squares += v * v;
  });
  const mean = sum / n;
  const s = Math.sqrt(squares / n - mean * mean);
  return values.map((_, i) => {
    if (!valid[i] || n < 2 || !(s > 0)) return NaN;
    let local = values[i]!, weights = 1;
    for (const j of neighbours[i]!) {
      if (j === i || !valid[j]) continue;
      local += values[j]!;
      weights++;
    }
    // Binary weights: Σw = Σw² = the number of areas in the neighbourhood.
    const denominator = s * Math.sqrt((n * weights - weights * weights) / (n - 1));
    return denominator > 0 ? (local - mean * weights) / denominator : NaN;
  });
}

/**
 * Neighbours by touching (queen contiguity): areas that share at least one corner. Boundaries drawn from
 * one source share their corners exactly, as school districts and grid squares do; `rings[i]` is the
 * flat [x, y, x, y, …] coordinates of area i's rings.
 */
export function touchingNeighbours(rings: readonly (readonly number[])[]): number[][] {
  const byCorner = new Map<string, number[]>();
  rings.forEach((coordinates, area) => {
    for (let k = 0; k < coordinates.length; k += 2) {
      const key = `${coordinates[k]!.toFixed(7)},${coordinates[k + 1]!.toFixed(7)}`;
      const areas = byCorner.get(key);
      if (!areas) byCorner.set(key, [area]);
      else if (areas[areas.length - 1] !== area) areas.push(area);
    }
  });
  const neighbours = rings.map(() => new Set<number>());
  for (const areas of byCorner.values()) {
    for (const a of areas) for (const b of areas) if (a !== b) neighbours[a]!.add(b);
  }
  return neighbours.map((set) => [...set].sort((a, b) => a - b));
}

/**
 * Gi* of a polygon table's column, neighbours by touching: the z-scores and how many areas touch none
 * (they are not assessed). Each area's corners are one run of the table's coordinate array (its rings are
 * contiguous), read without a copy per ring.
 */
export function hotSpotsOfTable(table: LayerTable, field: string): { z: number[]; withoutNeighbours: number } {
  const g = table.geometry;
  const rings = Array.from({ length: table.rowCount }, (_, row) => {
    if (g.layout !== 'nested') return [];
    const first = g.ringOffsets[g.partOffsets[g.geometryOffsets[row]!]!]!, end = g.ringOffsets[g.partOffsets[g.geometryOffsets[row + 1]!]!]!;
    return Array.from(g.coordinates.subarray(2 * first, 2 * end));
  });
  const neighbours = touchingNeighbours(rings);
  const column = findColumn(table, field);
  const values = Array.from({ length: table.rowCount }, (_, row) => (column ? numberAt(column, row) : NaN));
  return { z: getisOrdGiStar(values, neighbours), withoutNeighbours: neighbours.filter((n) => n.length === 0).length };
}
