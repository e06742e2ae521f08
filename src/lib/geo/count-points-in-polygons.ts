import type { Position } from 'geojson';
import { isPolygonal, type AnyFeatureCollection } from './types';
import { PolygonLocator } from './polygon-locator';

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
  points: AnyFeatureCollection,
  polygons: AnyFeatureCollection,
  visit: (pointIndex: number, polygonIndex: number) => void,
  prepared: Prepared = {},
): AssignmentSummary {
  const locator = prepared.locator ?? locatorFor(polygons);
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
  locator?: PolygonLocator;
  positions?: PointPositions;
}

export function locatorFor(polygons: AnyFeatureCollection): PolygonLocator {
  return new PolygonLocator(
    polygons.features.map((f) => (isPolygonal(f.geometry) ? f.geometry : null)),
  );
}

/** Every point position of a layer in typed arrays (a MultiPoint gives several), with its feature index. */
export interface PointPositions {
  xs: Float64Array;
  ys: Float64Array;
  featureOf: Int32Array;
  /** Features without a usable point geometry. */
  withoutGeometry: number;
}

export function positionsOf(points: AnyFeatureCollection): PointPositions {
  let count = 0;
  for (const feature of points.features) {
    const g = feature.geometry;
    if (g?.type === 'Point') count++;
    else if (g?.type === 'MultiPoint') count += g.coordinates.length;
  }
  const xs = new Float64Array(count), ys = new Float64Array(count), featureOf = new Int32Array(count);
  let n = 0, withoutGeometry = 0;
  const add = (position: Position, pointIndex: number) => {
    if (!isFinitePosition(position)) return;
    xs[n] = position[0]!, ys[n] = position[1]!, featureOf[n] = pointIndex, n++;
  };
  points.features.forEach((feature, pointIndex) => {
    const g = feature.geometry;
    if (g?.type === 'Point' && isFinitePosition(g.coordinates)) add(g.coordinates, pointIndex);
    else if (g?.type === 'MultiPoint') g.coordinates.forEach((p) => add(p, pointIndex));
    else withoutGeometry++;
  });
  return { xs: xs.subarray(0, n), ys: ys.subarray(0, n), featureOf: featureOf.subarray(0, n), withoutGeometry };
}

/** Counts points per polygon (IMC: 箇所数を面で集計), by the border rule of assignPointsToPolygons. */
export function countPointsInPolygons(points: AnyFeatureCollection, polygons: AnyFeatureCollection): PointCountResult {
  const counts = new Array<number>(polygons.features.length).fill(0);
  const summary = assignPointsToPolygons(points, polygons, (_, polygon) => counts[polygon]!++);
  return { counts, ...summary };
}

function isFinitePosition(position: Position): boolean {
  return Number.isFinite(position[0]) && Number.isFinite(position[1]);
}
