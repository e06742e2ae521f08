import { pointOnFeature } from '@turf/turf';
import { geometryAt, makeTable, type LayerTable } from '../table/layer-table';
import { isPolygonal } from './types';

/**
 * Where each row's graduated circle stands: a point surely inside its polygon (turf's pointOnFeature,
 * as for small layers on the page), interleaved x, y per row; NaN for rows without a polygon.
 */
export function anchorPositions(polygons: LayerTable): Float64Array {
  const xy = new Float64Array(polygons.rowCount * 2).fill(NaN);
  for (let row = 0; row < polygons.rowCount; row++) {
    const geometry = geometryAt(polygons, row);
    if (!isPolygonal(geometry)) continue;
    const [x, y] = pointOnFeature(geometry).geometry.coordinates;
    xy[row * 2] = x!;
    xy[row * 2 + 1] = y!;
  }
  return xy;
}

/**
 * The circles of a large polygon layer as a point table: the polygons' own columns (shared, not copied)
 * at their anchors, so it is drawn from tiles like any large point layer. Named after the polygons'
 * table, which it changes with (a count adds the column the circles show).
 */
export function anchorTable(polygons: LayerTable, xy: Float64Array = anchorPositions(polygons)): LayerTable {
  return makeTable(polygons.columns, { layout: 'points', xy }, polygons.rowCount, `${polygons.id}-anchors`);
}
