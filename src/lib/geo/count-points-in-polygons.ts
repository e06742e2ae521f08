import { isPolygonal } from './types';
import { PolygonLocator } from './polygon-locator';
import { BoxIndexLocator } from './box-index-locator';
import { geometryAt, type LayerTable } from '../table/layer-table';

export interface PointCountResult {
  /** counts[i] is the number of points assigned to polygons.features[i]. */
  counts: number[];
  /** Points inside no polygon (also not on any polygon's boundary). */
  outside: number;
  /** Features without a usable point geometry (e.g. CSV rows without coordinates); not counted. */
  withoutGeometry: number;
  /** Points that lay on the boundary of two or more polygons; each still counted once. */
  onSharedBoundary: number;
}

/** How many points were assigned, and how many could not be. */
export interface AssignmentSummary {
  outside: number;
  withoutGeometry: number;
  onSharedBoundary: number;
}

/**
 * Finds the polygon each point lies in and calls `visit(pointFeatureIndex, polygonFeatureIndex)` once
 * per assigned position.
 *
 * Rule for points on a border, so that every point is counted exactly once: a point inside a polygon
 * belongs to it; a point on the boundary of several polygons (a shared border, a common vertex)
 * belongs to the one that comes first in the polygon layer. A MultiPoint counts once per position.
 * Coordinates are compared as given (lon/lat), which is exact for the containment test.
 */
export function assignPointsToPolygons(
  points: LayerTable,
  polygons: LayerTable,
  visit: (pointIndex: number, polygonIndex: number) => void,
  prepared: Prepared = {},
): AssignmentSummary {
  const locator = prepared.locator ?? locatorFor(polygons, points.rowCount);
  const { xs, ys, featureOf, withoutGeometry } = prepared.positions ?? positionsOf(points);
  const owners = new Int32Array(xs.length);
  const onSharedBoundary = locator.ownersOf(xs, ys, owners);
  let outside = 0;
  for (let i = 0; i < owners.length; i++) {
    if (owners[i]! < 0) outside++;
    else visit(featureOf[i]!, owners[i]!);
  }
  return { outside, withoutGeometry, onSharedBoundary };
}

/** Structures built from a layer that can be kept between counts (the worker caches them per layer). */
export interface Prepared {
  locator?: PointLocator;
  positions?: PointPositions;
}

/** Finds the polygon each point lies in (both kinds give the same answers, by the same border rule). */
export type PointLocator = Pick<PolygonLocator, 'ownersOf'>;

/**
 * The locator for `pointCount` points in a polygon layer: for fewer points than the layer has vertices,
 * or many small polygons, a box index (cheap to build; many points go polygon by polygon); for more
 * points into fewer, detailed polygons, the grid (each point then costs an array read). Unknown count:
 * the grid. Measured with 1M points (Node): 200,000 Voronoi cells (7 vertices each) 0.6 s by the box
 * index against 9.4 s for the grid (7.7 s of it building); 20,000 cells 0.33 s against 1.6 s; 2,000
 * cells 0.31 s against 0.26 s; the 33 school districts (349 vertices each) 3.8 s against 0.06 s.
 */
export function locatorFor(polygons: LayerTable, pointCount = Infinity): PointLocator {
  const vertices = polygons.geometry.layout === 'nested' ? polygons.geometry.coordinates.length / 2 : 0;
  if (pointCount < vertices || (polygons.rowCount >= 5_000 && vertices / polygons.rowCount <= 16)) return new BoxIndexLocator(polygons);
  const geometries = Array.from({ length: polygons.rowCount }, (_, row) => {
    const geometry = geometryAt(polygons, row);
    return isPolygonal(geometry) ? geometry : null;
  });
  return new PolygonLocator(geometries, pointCount);
}

/** Every point position of a layer in typed arrays (a MultiPoint gives several), with its feature index. */
export interface PointPositions {
  xs: Float64Array;
  ys: Float64Array;
  featureOf: Int32Array;
  /** Features without a usable point geometry. */
  withoutGeometry: number;
}

/**
 * The point positions of a layer. A table of single points (the common case, every CSV) is read straight
 * from its coordinate array, with no copy; a MultiPoint gives one position per member.
 */
export function positionsOf(points: LayerTable): PointPositions {
  const g = points.geometry;
  if (g.layout === 'points') {
    const n = points.rowCount;
    let usable = 0;
    for (let row = 0; row < n; row++) if (isFinitePair(g.xy[row * 2]!, g.xy[row * 2 + 1]!)) usable++;
    const xs = new Float64Array(usable), ys = new Float64Array(usable), featureOf = new Int32Array(usable);
    let i = 0;
    for (let row = 0; row < n; row++) {
      const x = g.xy[row * 2]!, y = g.xy[row * 2 + 1]!;
      if (isFinitePair(x, y)) (xs[i] = x), (ys[i] = y), (featureOf[i] = row), i++;
    }
    return { xs, ys, featureOf, withoutGeometry: n - usable };
  }
  const xs: number[] = [], ys: number[] = [], featureOf: number[] = [];
  let withoutGeometry = 0;
  for (let row = 0; row < points.rowCount; row++) {
    const geometry = geometryAt(points, row);
    const positions = geometry?.type === 'Point' ? [geometry.coordinates] : geometry?.type === 'MultiPoint' ? geometry.coordinates : null;
    const usable = positions?.filter((p) => isFinitePair(p[0]!, p[1]!)) ?? [];
    if (!positions || (geometry?.type === 'Point' && usable.length === 0)) withoutGeometry++;
    for (const p of usable) xs.push(p[0]!), ys.push(p[1]!), featureOf.push(row);
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), featureOf: Int32Array.from(featureOf), withoutGeometry };
}

/** Counts points per polygon (IMC: 箇所数を面で集計), by the border rule of assignPointsToPolygons. */
export function countPointsInPolygons(points: LayerTable, polygons: LayerTable): PointCountResult {
  const counts = new Array<number>(polygons.rowCount).fill(0);
  const summary = assignPointsToPolygons(points, polygons, (_, polygon) => counts[polygon]!++);
  return { counts, ...summary };
}

function isFinitePair(x: number, y: number): boolean {
  return Number.isFinite(x) && Number.isFinite(y);
}
