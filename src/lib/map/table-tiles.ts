import type { VectorSourceSpecification } from 'maplibre-gl';
import type { LayerTable } from '../table/layer-table';
import { POINT_TILE_LAYER } from '../table/point-tiles';

/**
 * Point layers above this many rows are drawn from vector tiles that the geo worker makes on demand
 * (table/point-tiles.ts); smaller layers stay GeoJSON sources, which MapLibre handles well and which
 * keep every point even where several share a pixel.
 */
export const TILED_POINT_ROWS = 20_000;
export const TABLE_TILE_PROTOCOL = 'chizu-table';
export { POINT_TILE_LAYER };

// Tables by id for the tile requests MapLibre makes; weak, so a table dropped from every exercise goes.
const tablesById = new Map<string, WeakRef<LayerTable>>();

export function isTiled(table: LayerTable): boolean {
  return table.kind === 'point' && table.geometry.layout === 'points' && table.rowCount > TILED_POINT_ROWS;
}

/** The vector source of a tiled table: its URL names the content id, so a style change never re-tiles. */
export function tiledSource(table: LayerTable): VectorSourceSpecification {
  tablesById.set(table.id, new WeakRef(table));
  return { type: 'vector', tiles: [`${TABLE_TILE_PROTOCOL}://${table.id}/{z}/{x}/{y}`], minzoom: 0, maxzoom: 16 };
}

/** The table and tile a tile URL asks for, if the table is still alive. */
export function parseTileUrl(url: string): { table: LayerTable; z: number; x: number; y: number } | null {
  const match = new RegExp(`^${TABLE_TILE_PROTOCOL}://([^/]+)/(\\d+)/(\\d+)/(\\d+)$`).exec(url);
  const table = match ? tablesById.get(match[1]!)?.deref() : undefined;
  return match && table ? { table, z: Number(match[2]), x: Number(match[3]), y: Number(match[4]) } : null;
}
