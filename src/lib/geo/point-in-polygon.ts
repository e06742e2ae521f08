// The plain, obviously correct containment test. PolygonLocator (the fast path) must give exactly the
// same answers; the tests and the benchmark compare the two.
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Where a point lies relative to a closed ring or polygon. */
export type Location = 'inside' | 'boundary' | 'outside';

/**
 * Crossing-number test of a point against one ring (lon/lat or any planar coordinates).
 * The boundary is detected exactly (collinear and within the segment), so that a point on a shared
 * border is reported as 'boundary' by both neighbours and the caller can apply one rule to it.
 */
export function locateInRing(x: number, y: number, ring: readonly Position[]): Location {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!;
    const xj = ring[j]![0]!, yj = ring[j]![1]!;
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (
      cross === 0 &&
      x >= Math.min(xi, xj) && x <= Math.max(xi, xj) &&
      y >= Math.min(yi, yj) && y <= Math.max(yi, yj)
    ) {
      return 'boundary';
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

/** A polygon is its outer ring less its holes; the edge of a hole is part of the polygon's boundary. */
export function locateInPolygon(x: number, y: number, rings: readonly (readonly Position[])[]): Location {
  const [outer, ...holes] = rings;
  if (!outer) return 'outside';
  const outerLocation = locateInRing(x, y, outer);
  if (outerLocation !== 'inside') return outerLocation;
  for (const hole of holes) {
    const holeLocation = locateInRing(x, y, hole);
    if (holeLocation === 'inside') return 'outside';
    if (holeLocation === 'boundary') return 'boundary';
  }
  return 'inside';
}

/** Locates a point in a Polygon or MultiPolygon: inside any part wins over the boundary of another. */
export function locateInGeometry(x: number, y: number, geometry: Polygon | MultiPolygon): Location {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let result: Location = 'outside';
  for (const part of parts) {
    const location = locateInPolygon(x, y, part);
    if (location === 'inside') return 'inside';
    if (location === 'boundary') result = 'boundary';
  }
  return result;
}
