import type { LayerTable } from './layer-table';
import { MVT_POINT, writeMvt, type MvtFeature } from './mvt-writer';
import { latitudeOf, mercatorY, tileRowReader, TILE_BUFFER, TILE_EXTENT, TILE_LAYER } from './tile-math';

/**
 * Vector tiles of a point table, made on demand (MapLibre asks through addProtocol; the worker that
 * holds the table answers). MapLibre then never receives a GeoJSON object per point: a tile carries
 * only the points it shows. Measured against handing MapLibre the whole GeoJSON (which crashed the tab
 * at 1M points) and against deck.gl binary layers: see README, Performance.
 */

/**
 * One point per cell of this grid per tile: a 512-pixel tile (MapLibre's vector tile size) keeps at most one
 * point per pixel, so a million points at low zoom become at most 262,144 per tile and look the same.
 */
const GRID = 512;
const EXTENT = TILE_EXTENT, BUFFER = TILE_BUFFER;

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
  const read = tileRowReader(table, fields);
  const features: MvtFeature[] = [];
  for (let row = 0, i = 0; row < table.rowCount; row++, i += 2) {
    const lon = xy[i]!, lat = xy[i + 1]!;
    // NaN (a row without coordinates) fails these comparisons too.
    if (!(lon >= west && lon < east && lat <= north && lat > south)) continue;
    const tx = (((lon + 180) / 360) * scale - x) * EXTENT, ty = (mercatorY(lat) * scale - y) * EXTENT;
    const cell = Math.floor((ty / EXTENT + BUFFER) * GRID) * cellsAcross + Math.floor((tx / EXTENT + BUFFER) * GRID);
    // A point projected just outside the buffer (rounding at its edge) is left to the neighbouring tile.
    if (!(cell >= 0 && cell < taken.length) || taken[cell]) continue;
    taken[cell] = 1;
    features.push({ type: MVT_POINT, rings: [Int32Array.of(Math.round(tx), Math.round(ty))], properties: read(row), id: row });
  }
  if (features.length === 0) return null;
  return writeMvt(TILE_LAYER, features, EXTENT);
}
