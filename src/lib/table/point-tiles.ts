import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { rowReader, withMapSafeKeys, type LayerTable } from './layer-table';

/**
 * Vector tiles of a point table, made on demand (MapLibre asks through addProtocol; the worker that
 * holds the table answers). MapLibre then never receives a GeoJSON object per point: a tile carries
 * only the points it shows. Measured against handing MapLibre the whole GeoJSON (which crashed the tab
 * at 1M points) and against deck.gl binary layers: see README, Performance.
 */

/** The source layer name every tile of a table uses (style layers name it as 'source-layer'). */
export const POINT_TILE_LAYER = 'points';
/** Tile coordinates run 0–EXTENT across a tile (the vector tile spec's default). */
const EXTENT = 4096;
/** Points this far outside a tile (share of its width) are still put in it, so circles are not cut at tile edges. */
const BUFFER = 1 / 16;
/**
 * One point per cell of this grid per tile: a 512-pixel tile (MapLibre's vector tile size) keeps at most one
 * point per pixel, so a million points at low zoom become at most 262,144 per tile and look the same.
 */
const GRID = 512;

/** Web Mercator y (0 north – 1 south) of a latitude, clamped to the map's ±85.05°. */
function mercatorY(lat: number): number {
  const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** The latitude of a Web Mercator y (0–1). */
const latitudeOf = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/**
 * The tile z/x/y of a point table as an uncompressed Mapbox Vector Tile; null when no point falls in it.
 * Each feature's id is its row; only the columns in `fields` (those the style reads) are written, so a
 * tile of a million-row table does not carry its ids and addresses.
 */
export function pointTile(table: LayerTable, z: number, x: number, y: number, fields: readonly string[] = []): Uint8Array | null {
  if (table.geometry.layout !== 'points') throw new Error('point tiles need a table of points');
  const xy = table.geometry.xy;
  const scale = 2 ** z;
  // The tile's extent (with its buffer) in degrees: each point is tested as the table holds it, and only
  // the points inside are projected, so no projected copy of a million points is kept beside the table.
  const west = ((x - BUFFER) / scale) * 360 - 180, east = ((x + 1 + BUFFER) / scale) * 360 - 180;
  const north = latitudeOf((y - BUFFER) / scale), south = latitudeOf((y + 1 + BUFFER) / scale);
  const cellsAcross = Math.ceil(GRID * (1 + 2 * BUFFER));
  const taken = new Uint8Array(cellsAcross * cellsAcross);
  const read = rowReader(withMapSafeKeys(fields.length === table.columns.length ? table : { ...table, columns: table.columns.filter((c) => fields.includes(c.name)) }));
  const features: { type: 1; geometry: [number, number][]; tags: Record<string, unknown>; id: number }[] = [];
  for (let row = 0, i = 0; row < table.rowCount; row++, i += 2) {
    const lon = xy[i]!, lat = xy[i + 1]!;
    // NaN (a row without coordinates) fails these comparisons too.
    if (!(lon >= west && lon < east && lat <= north && lat > south)) continue;
    const tx = (((lon + 180) / 360) * scale - x) * EXTENT, ty = (mercatorY(lat) * scale - y) * EXTENT;
    const cell = Math.floor((ty / EXTENT + BUFFER) * GRID) * cellsAcross + Math.floor((tx / EXTENT + BUFFER) * GRID);
    // A point projected just outside the buffer (rounding at its edge) is left to the neighbouring tile.
    if (!(cell >= 0 && cell < taken.length) || taken[cell]) continue;
    taken[cell] = 1;
    features.push({ type: 1, geometry: [[Math.round(tx), Math.round(ty)]], tags: read(row), id: row });
  }
  if (features.length === 0) return null;
  return fromGeojsonVt({ [POINT_TILE_LAYER]: { features } as never }, { version: 2, extent: EXTENT });
}
