import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';

export type { Feature, FeatureCollection, Geometry, Polygon, MultiPolygon };
export type Properties = Record<string, unknown>;
/** Features may have a null geometry: a CSV row without coordinates stays in the table. */
export type AnyFeatureCollection = FeatureCollection<Geometry | null, Properties>;

/** Whether a geometry is an area (Polygon or MultiPolygon); narrows the type. */
export function isPolygonal(geometry: Geometry | null | undefined): geometry is Polygon | MultiPolygon {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

/** 点・線・面 as the IMC calls them; 'mixed' when a file holds several kinds, 'none' when no geometry. */
export type GeometryKind = 'point' | 'line' | 'polygon' | 'mixed' | 'none';
