import { rowReader, withMapSafeKeys, type LayerTable } from './layer-table';

/** Web Mercator tile arithmetic and what else the point and shape tiles share. */

/** The source layer of every table tile (points and shapes). */
export const TILE_LAYER = 'rows';
/** The tiles' deepest zoom: MapLibre enlarges its tiles beyond it. */
export const TILE_MAX_ZOOM = 16;
/** Tile coordinates run 0–TILE_EXTENT across a tile (the vector tile spec's default). */
export const TILE_EXTENT = 4096;
/** Geometry this far outside a tile (share of its width) is still put in it, so nothing is cut at tile edges. */
export const TILE_BUFFER = 1 / 16;

/** Web Mercator y (0 north – 1 south) of a latitude, clamped to the map's ±85.05°. */
export function mercatorY(lat: number): number {
  const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** The latitude of a Web Mercator y (0–1). */
export const latitudeOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** Reads a row's properties for a tile: only the columns the style reads, under their map-safe keys. */
export function tileRowReader(table: LayerTable, fields: readonly string[]): (row: number) => Record<string, unknown> {
  return rowReader(withMapSafeKeys({ ...table, columns: table.columns.filter((c) => fields.includes(c.name)) }));
}
