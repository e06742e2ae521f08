import { area } from '@turf/turf';
import { isPolygonal } from './types';
import { findColumn, geometryAt, numberAt, type LayerTable } from '../table/layer-table';

/** What a value is divided by. */
export type Normalization = { kind: 'area-km2' } | { kind: 'field'; field: string; per: number };

// Areas depend on the geometry alone, which a table with a column added (a count) shares: computed once.
const areaCache = new WeakMap<LayerTable['geometry'], number[]>();

/** Geodesic area of each polygon row in km² (0 for rows without polygon geometry). */
export function areasKm2(polygons: LayerTable): number[] {
  let areas = areaCache.get(polygons.geometry);
  if (!areas) {
    areas = Array.from({ length: polygons.rowCount }, (_, row) => {
      const geometry = geometryAt(polygons, row);
      return isPolygonal(geometry) ? area(geometry) / 1e6 : 0;
    });
    areaCache.set(polygons.geometry, areas);
  }
  return areas;
}

/**
 * value ÷ area (per km²) or value ÷ another column × per (e.g. per 1,000 residents; per = 1 gives a
 * plain ratio). Null where the value is missing or the divisor is zero or missing: a rate over no
 * people is unknown, not zero.
 */
export function normalizeValues(polygons: LayerTable, field: string, by: Normalization): (number | null)[] {
  const column = findColumn(polygons, field);
  const divisorColumn = by.kind === 'field' ? findColumn(polygons, by.field) : undefined;
  const divisors = by.kind === 'area-km2' ? areasKm2(polygons) : Array.from({ length: polygons.rowCount }, (_, row) => (divisorColumn ? numberAt(divisorColumn, row) : NaN));
  const scale = by.kind === 'field' ? by.per : 1;
  return divisors.map((divisor, row) => {
    const value = column ? numberAt(column, row) : NaN;
    return Number.isFinite(value) && Number.isFinite(divisor) && divisor !== 0 ? (value / divisor) * scale : null;
  });
}
