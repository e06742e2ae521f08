import type { VectorSourceSpecification } from 'maplibre-gl';
import { findColumn, type LayerTable } from '../table/layer-table';
import { TILE_LAYER, TILE_MAX_ZOOM } from '../table/tile-math';

/**
 * Point layers above this many rows are drawn from vector tiles that the geo worker makes on demand
 * (table/point-tiles.ts); smaller layers stay GeoJSON sources, which keep every point's attributes and
 * every point even where several share a pixel. Measured at 10k rows: tiles 0.54–0.66 s to drawn and
 * +3–7 MB, a GeoJSON source 0.80–0.87 s and +102–109 MB (MapLibre indexes each feature in its worker).
 */
const TILED_POINT_ROWS = 5_000;
/**
 * Line and polygon layers above this many rows, or this many positions, are drawn from the worker's
 * tiles too (table/shape-tiles.ts). The row threshold is the points' (not measured apart for shapes): at
 * 20,000 areas the tiles drew in 1.66 s against 2.44 s for one GeoJSON source (README, Performance).
 */
const TILED_SHAPE_ROWS = 5_000;
const TILED_SHAPE_POSITIONS = 500_000;
export const TABLE_TILE_PROTOCOL = 'chizu-table';
export { TILE_LAYER };

// Tables by tile key for the tile requests MapLibre makes; weak, so a table dropped from every exercise goes.
const tablesById = new Map<string, WeakRef<LayerTable>>();

export function isTiled(table: LayerTable): boolean {
  const g = table.geometry;
  if (g.layout === 'points') return table.rowCount > TILED_POINT_ROWS;
  // A GeometryCollection is drawn from GeoJSON (the tiles leave collections out).
  return g.layout === 'nested' && !g.collections && (table.rowCount > TILED_SHAPE_ROWS || g.coordinates.length / 2 > TILED_SHAPE_POSITIONS);
}

/**
 * The vector source of a tiled table. Its URL names what the tiles hold and the columns in them
 * (`fields`), so only a change of that makes new tiles; colours, sizes and classes are paint changes on
 * the same tiles. A table of points is named by its content id; a table of areas or lines by its
 * geometry and the columns in its tiles (its names), as objects: a count adds a column to the same
 * geometry, whose values reach the map as feature state (feature-states.ts), so its tiles stay.
 * `fieldsFrom`: tiles below this zoom leave the columns out (names only labelled from a zoom on): MapLibre
 * reads a tile's every string on the page each time the tile takes feature states.
 */
export function tiledSource(table: LayerTable, fields: readonly string[], fieldsFrom = 0): VectorSourceSpecification {
  const key = table.geometry.layout === 'points' ? table.id : [table.geometry, ...fields.map((f) => findColumn(table, f)!)].map(objectKey).join('.');
  tablesById.set(key, new WeakRef(table));
  const from = Math.min(TILE_MAX_ZOOM, Math.max(0, Math.floor(fieldsFrom)));
  const query = fields.length > 0 ? `?fields=${encodeURIComponent(JSON.stringify(fields))}${from > 0 ? `&from=${from}` : ''}` : '';
  return { type: 'vector', tiles: [`${TABLE_TILE_PROTOCOL}://${key}/{z}/{x}/{y}${query}`], minzoom: 0, maxzoom: TILE_MAX_ZOOM };
}

// Geometry and columns are immutable and shared by the tables made from one another (a count's table
// holds its parent's geometry and columns), so the objects themselves name them. A content hash would
// read 20 MB of coordinates on this thread (80 ms for 200,000 areas) when an exercise is opened.
const objectKeys = new WeakMap<object, string>();
let objectsNamed = 0;
const objectKey = (object: object) => {
  let key = objectKeys.get(object);
  if (key === undefined) objectKeys.set(object, (key = `o${++objectsNamed}`));
  return key;
};

export interface TileRequest {
  table: LayerTable;
  z: number;
  x: number;
  y: number;
  fields: string[];
}

/** The table, tile and columns a tile URL asks for (none below the zoom they start at), if the table is still alive. */
export function parseTileUrl(url: string): TileRequest | null {
  const match = new RegExp(`^${TABLE_TILE_PROTOCOL}://([^/]+)/(\\d+)/(\\d+)/(\\d+)(?:\\?fields=([^&]*)(?:&from=(\\d+))?)?$`).exec(url);
  const table = match ? tablesById.get(match[1]!)?.deref() : undefined;
  if (!match || !table) return null;
  const z = Number(match[2]);
  const fields = match[5] && z >= Number(match[6] ?? 0) ? (JSON.parse(decodeURIComponent(match[5])) as string[]) : [];
  return { table, z, x: Number(match[3]), y: Number(match[4]), fields };
}
