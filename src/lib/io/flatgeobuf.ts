import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { tableFromFeatures } from '../table/geojson-table';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { Feature, Geometry } from 'geojson';
import { UserInputError, noFeaturesError } from '../util/errors';
import type { Properties } from '../geo/types';
import { crsFromEpsg, toLonLat, type Crs } from './crs';
import { baseName } from './file-names';
import { checkPlacedGeometries, GeometryProblems } from './geometry-check';
import type { ImportResult } from './types';

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62]; // "fgb" 3 "fgb" (the 8th byte is a patch version)
const MAX_HEADER_BYTES = 10 * 1024 * 1024;

/**
 * FlatGeobuf. The header is validated before the decoder sees the bytes: the decoder loops forever on
 * an empty or truncated file.
 */
export async function importFlatGeobuf(bytes: Uint8Array, fileName: string): Promise<ImportResult> {
  const fail = (ja: string, en: string) => new UserInputError({ code: 'fgb-invalid', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) throw fail('FlatGeobuf ファイルではありません（先頭の識別子が違います）。', 'not a FlatGeobuf file (wrong signature).');
  const headerSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (headerSize < 4 || headerSize > MAX_HEADER_BYTES || 12 + headerSize > bytes.length) throw fail('ヘッダが壊れているか、ファイルが途中で切れています。', 'the header is damaged or the file is truncated.');

  let crs: Crs | null = null;
  const features: Feature<Geometry | null, Properties>[] = [];
  try {
    for await (const feature of deserialize(bytes, {
      headerMetaFn: (header: HeaderMeta) => {
        const code = header.crs?.code;
        crs = code ? crsFromEpsg(code) : null;
      },
    })) {
      const geometry = feature.geometry as Geometry | null;
      features.push({
        type: 'Feature',
        properties: Object.fromEntries(Object.entries(feature.properties ?? {})),
        geometry: geometry && crs ? toLonLat(geometry, crs) : geometry,
      });
    }
  } catch (error) {
    throw fail(`読み込めません（${(error as Error).message}）。`, `cannot be read (${(error as Error).message}).`);
  }
  if (features.length === 0) throw noFeaturesError(fileName);
  const usedCrs = crs as Crs | null;
  const problems = new GeometryProblems();
  checkPlacedGeometries(features.map((f) => f.geometry), problems).forEach((geometry, i) => (features[i]!.geometry = geometry));
  return {
    sourceName: fileName,
    fileNames: [fileName],
    layers: [{ name: baseName(fileName), data: tableFromFeatures(features), crsLabel: usedCrs?.label }],
    warnings: problems.warnings(fileName),
    questions: [],
    preview: null,
  };
}
