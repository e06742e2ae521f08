import { unkinkPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';

const orientation = (a: Position, b: Position, c: Position) => Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));

/**
 * Where a closed ring crosses itself (two of its non-adjacent edges cross), or null. Touching at a
 * corner is not a crossing. A sweep over the edges sorted by their left end compares each edge only with
 * the edges whose x-range it overlaps, so a ring of 100,000 corners takes milliseconds (turf's kinks
 * compares every pair: 2 s for 20,000 corners).
 */
export function ringSelfCrossing(ring: readonly Position[]): Position | null {
  const edges = ring.length - 1;
  if (edges < 4) return null;
  const left = new Float64Array(edges), right = new Float64Array(edges);
  for (let i = 0; i < edges; i++) {
    const ax = ring[i]![0]!, bx = ring[i + 1]![0]!;
    left[i] = ax < bx ? ax : bx;
    right[i] = ax < bx ? bx : ax;
  }
  const order = Array.from({ length: edges }, (_, i) => i).sort((p, q) => left[p]! - left[q]!);
  let active: number[] = [];
  for (const i of order) {
    // Edges that end left of this one's start can meet nothing from here on.
    if (active.length > 16) active = active.filter((j) => right[j]! >= left[i]!);
    const a = ring[i]!, b = ring[i + 1]!;
    for (const j of active) {
      if (right[j]! < left[i]!) continue;
      const lo = Math.min(i, j), hi = Math.max(i, j);
      // Neighbours share a corner (the first and last edges too).
      if (hi === lo + 1 || (lo === 0 && hi === edges - 1)) continue;
      const c = ring[j]!, d = ring[j + 1]!;
      if (orientation(a, b, c) * orientation(a, b, d) < 0 && orientation(c, d, a) * orientation(c, d, b) < 0) {
        const t = ((c[0]! - a[0]!) * (d[1]! - c[1]!) - (c[1]! - a[1]!) * (d[0]! - c[0]!)) / ((b[0]! - a[0]!) * (d[1]! - c[1]!) - (b[1]! - a[1]!) * (d[0]! - c[0]!));
        return [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
      }
    }
    active.push(i);
  }
  return null;
}

/** Rings larger than this are reported but not split (splitting compares every pair of edges). */
const MAX_REPAIR_CORNERS = 5_000;

/**
 * A polygon whose outer ring crosses itself (a "bow tie") split at its crossings into simple pieces,
 * which have the area and hold the points the even-odd rule gives it. Null when it cannot be split
 * without losing something: a polygon with holes (turf's split drops them) or a very large ring.
 */
export function splitSelfCrossingPolygon(rings: readonly Position[][]): Position[][][] | null {
  if (rings.length !== 1 || rings[0]!.length > MAX_REPAIR_CORNERS) return null;
  try {
    const pieces = unkinkPolygon({ type: 'Polygon', coordinates: rings as Position[][] } satisfies Polygon).features.map((f) => f.geometry.coordinates);
    return pieces.length > 0 && pieces.every((piece) => ringSelfCrossing(piece[0]!) === null) ? pieces : null;
  } catch {
    return null;
  }
}
