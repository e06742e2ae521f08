import { loadMapLibre } from './maplibre';
import { FileSource, PMTiles, Protocol, TileType } from 'pmtiles';
import { UserInputError } from '../util/errors';

/** A base map from a PMTiles file on the user's disk: read in place, never uploaded, works offline. */
export interface PmtilesBase {
  fileName: string;
  /** The source URL MapLibre reads it through (pmtiles:// protocol). */
  url: string;
  kind: 'raster' | 'vector';
  /** Vector layer ids from the file's metadata (empty for raster). */
  vectorLayers: string[];
  attribution: string;
}

let protocol: Protocol | null = null;

/** Opens a .pmtiles file and registers it with MapLibre; refuses other files with a clear message. */
export function openPmtilesFile(file: File): Promise<PmtilesBase> {
  return openPmtilesBlob(file.name, file);
}

/**
 * Opens a PMTiles archive kept as a Blob (a file, or one IndexedDB keeps on disk) or at a URL of the app's
 * origin: either is read in slices as tiles are drawn, never whole into memory.
 */
export async function openPmtilesBlob(fileName: string, source: Blob | string): Promise<PmtilesBase> {
  const file = { name: fileName };
  if (!protocol) {
    const { addProtocol } = await loadMapLibre();
    protocol = new Protocol();
    addProtocol('pmtiles', protocol.tile);
  }
  // A File made from a Blob refers to the same bytes; nothing is copied.
  const archive = new PMTiles(typeof source === 'string' ? source : new FileSource(source instanceof File ? source : new File([source], fileName)));
  let header;
  let metadata: { attribution?: unknown; vector_layers?: { id?: unknown }[] };
  try {
    header = await archive.getHeader();
    metadata = ((await archive.getMetadata()) ?? {}) as typeof metadata;
  } catch (error) {
    throw new UserInputError({
      code: 'pmtiles-invalid',
      fileName: file.name,
      ja: `${file.name} は PMTiles として読めません（${(error as Error).message}）。PMTiles 形式（バージョン 3）の背景地図ファイルを選んでください。`,
      en: `${file.name} cannot be read as PMTiles (${(error as Error).message}). Choose a PMTiles (version 3) base map file.`,
    });
  }
  protocol.add(archive);
  const vector = header.tileType === TileType.Mvt;
  return {
    fileName: file.name,
    url: `pmtiles://${archive.source.getKey()}`,
    kind: vector ? 'vector' : 'raster',
    vectorLayers: vector ? (metadata.vector_layers ?? []).map((l) => String(l.id ?? '')).filter(Boolean) : [],
    attribution: typeof metadata.attribution === 'string' ? metadata.attribution.replace(/<[^>]*>/g, '') : file.name,
  };
}
