import { area } from '@turf/turf';
import { isPolygonal, type AnyFeatureCollection } from './types';

/** What a value is divided by. */
export type Normalization = { kind: 'area-km2' } | { kind: 'field'; field: string; per: number };

/** Geodesic area of each polygon feature in km² (0 for features without polygon geometry). */
export function areasKm2(polygons: AnyFeatureCollection): number[] {
  return polygons.features.map((f) => (isPolygonal(f.geometry) ? area(f.geometry) / 1e6 : 0));
}

/**
 * value ÷ area (per km²) or value ÷ another column × per (e.g. per 1,000 residents; per = 1 gives a
 * plain ratio). Null where the value is missing or the divisor is zero or missing: a rate over no
 * people is unknown, not zero.
 */
export function normalizeValues(polygons: AnyFeatureCollection, field: string, by: Normalization): (number | null)[] {
  const divisors = by.kind === 'area-km2' ? areasKm2(polygons) : polygons.features.map((f) => toNumber(f.properties?.[by.field]));
  const scale = by.kind === 'field' ? by.per : 1;
  return polygons.features.map((f, i) => {
    const value = toNumber(f.properties?.[field]);
    const divisor = divisors[i]!;
    return Number.isFinite(value) && Number.isFinite(divisor) && divisor !== 0 ? (value / divisor) * scale : null;
  });
}

const toNumber = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN);
