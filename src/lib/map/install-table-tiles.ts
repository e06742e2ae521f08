import { loadMapLibre } from './maplibre';
import { parseTileUrl, TABLE_TILE_PROTOCOL, type TileRequest } from './table-tiles';

/**
 * Lets MapLibre load the tiles of large tables (table-tiles.ts) from the geo worker, which holds
 * the tables: the page only passes the tile's bytes on.
 */
export async function installTableTiles(loadTile: (request: TileRequest) => Promise<ArrayBuffer | null>): Promise<void> {
  const { addProtocol } = await loadMapLibre();
  addProtocol(TABLE_TILE_PROTOCOL, async (params) => {
    const request = parseTileUrl(params.url);
    const data = request ? await loadTile(request) : null;
    // An empty tile is an answer too: nothing there (or a table no longer shown).
    return { data: data ?? new ArrayBuffer(0) };
  });
}
