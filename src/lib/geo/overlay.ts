import Flatbush from 'flatbush';
import polygonClipping, { type Geom } from 'polygon-clipping';
import { area, bbox, buffer, distance, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { isPolygonal, type AnyFeatureCollection, type Properties } from './types';

export const isPolygonFeature = (f: AnyFeatureCollection['features'][number]): f is Feature<Polygon | MultiPolygon, Properties> => isPolygonal(f.geometry);

/** Polygons within `distanceM` metres of each feature (geodesic buffer); features keep their attributes. */
export function bufferFeatures(layer: AnyFeatureCollection, distanceM: number): AnyFeatureCollection {
  const features = layer.features.flatMap((f) => {
    if (!f.geometry) return [];
    const buffered = buffer(f as Feature, distanceM, { units: 'meters', steps: 16 });
    return buffered?.geometry ? [{ type: 'Feature' as const, properties: { ...f.properties }, geometry: buffered.geometry }] : [];
  });
  return { type: 'FeatureCollection', features };
}

/**
 * For each target polygon, the share (0–1) of its area inside any polygon of `coverage`
 * (e.g. water-supply areas over districts → coverage). Overlapping coverage polygons count once.
 */
export function coveredShare(target: AnyFeatureCollection, coverage: AnyFeatureCollection): (number | null)[] {
  const covers = coverage.features.filter(isPolygonFeature);
  const boxes = covers.map((c) => bbox(c));
  // Each target is clipped only against the covers whose boxes touch it. polygon-clipping, not turf's
  // union/intersect: measured on 114 buffers over the 33 districts, 0.24 s against 5.2 s.
  return target.features.map((f) => {
    if (!isPolygonFeature(f)) return null;
    const total = area(f);
    if (total === 0) return null;
    const [minX, minY, maxX, maxY] = bbox(f);
    const touching = covers.filter((_, i) => {
      const [x0, y0, x1, y1] = boxes[i]!;
      return x0 <= maxX && x1 >= minX && y0 <= maxY && y1 >= minY;
    });
    if (touching.length === 0) return 0;
    const merged = unionAll(touching.map((c) => c.geometry.coordinates as Geom));
    const common = polygonClipping.intersection(f.geometry.coordinates as Geom, merged);
    return Math.min(1, area({ type: 'MultiPolygon', coordinates: common }) / total);
  });
}

/**
 * The union of many polygons, a few hundred at a time: polygon-clipping takes them as arguments, and a
 * spread of thousands (a dense layer of buffers over one large area) would exhaust the call stack.
 */
function unionAll(geoms: readonly Geom[]): Geom {
  const CHUNK = 500;
  let merged: Geom = geoms[0]!;
  for (let i = 1; i < geoms.length; i += CHUNK) merged = polygonClipping.union(merged, ...geoms.slice(i, i + CHUNK)); // bounded: CHUNK polygons
  return merged;
}

/** A representative position: the point itself, or a point surely inside a polygon or on a line. */
function anchorOf(f: AnyFeatureCollection['features'][number]): Position | null {
  if (!f.geometry) return null;
  if (f.geometry.type === 'Point') return f.geometry.coordinates;
  return pointOnFeature(f as Feature).geometry.coordinates;
}

/**
 * Distance in metres (great circle) from each feature of `from` (polygons and lines by a point on them)
 * to the nearest point of `to`. Candidates come from a Flatbush index on coordinates scaled by
 * cos(latitude), which is nearly distance-true within a city; the 8 nearest are measured exactly.
 */
export function nearestDistancesM(from: AnyFeatureCollection, to: AnyFeatureCollection): (number | null)[] {
  const targets = to.features.map(anchorOf).filter((p): p is Position => p !== null);
  if (targets.length === 0) return from.features.map(() => null);
  const meanLat = targets.reduce((s, p) => s + p[1]!, 0) / targets.length;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const index = new Flatbush(targets.length);
  for (const [x, y] of targets) index.add(x! * kx, y!, x! * kx, y!);
  index.finish();
  return from.features.map((f) => {
    const p = anchorOf(f);
    if (!p) return null;
    const near = index.neighbors(p[0]! * kx, p[1]!, 8);
    let best = Infinity;
    for (const i of near) best = Math.min(best, distance(p as Position, targets[i]! as Position, { units: 'meters' }));
    return best;
  });
}

export type { Point };
