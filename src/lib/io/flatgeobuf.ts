import { deserialize } from 'flatgeobuf/lib/mjs/generic/featurecollection.js';
import { fromGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js';
import type { Feature as FgbFeature } from 'flatgeobuf/lib/mjs/flat-geobuf/feature.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import type { ColumnMeta } from 'flatgeobuf/lib/mjs/column-meta.js';
import type { IFeature } from 'flatgeobuf/lib/mjs/generic/feature.js';
import { tableFromFeatures } from '../table/geojson-table';
import type { Feature, Geometry } from 'geojson';
import { UserInputError, noFeaturesError } from '../util/errors';
import type { Properties } from '../geo/types';
import { crsFromEpsg, type Crs } from './crs';
import { toLonLat } from './projection';
import { baseName } from './file-names';
import { checkPlacedGeometries, GeometryProblems } from './geometry-check';
import { detectEncoding } from './text-encoding';
import type { ImportOptions, ImportQuestion, ImportResult } from './types';

const MAGIC = [0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62]; // "fgb" 3 "fgb" (the 8th byte is a patch version)
const MAX_HEADER_BYTES = 10 * 1024 * 1024;

/** A text property's bytes, decoded once the file's encoding is known. */
class RawText {
  constructor(
    readonly bytes: Uint8Array,
    readonly json: boolean,
  ) {}
}

/**
 * FlatGeobuf. The header is validated before the decoder sees the bytes: the decoder loops forever on
 * an empty or truncated file. The format says UTF-8, but a file converted from a Shift_JIS shapefile
 * may carry its bytes as they were: text is kept as bytes until the encoding is found (as for CSV) or
 * given ("文字コードを変える").
 */
export async function importFlatGeobuf(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const fail = (ja: string, en: string) => new UserInputError({ code: 'fgb-invalid', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) throw fail('FlatGeobuf ファイルではありません（先頭の識別子が違います）。', 'not a FlatGeobuf file (wrong signature).');
  const headerSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (headerSize < 4 || headerSize > MAX_HEADER_BYTES || 12 + headerSize > bytes.length) throw fail('ヘッダが壊れているか、ファイルが途中で切れています。', 'the header is damaged or the file is truncated.');

  let crs: Crs | null = null;
  const read: { geometry: Geometry | null; properties: Record<string, unknown> }[] = [];
  try {
    const fromFeature = (_id: number, feature: FgbFeature, header: HeaderMeta) =>
      ({ geometry: feature.geometry() ? fromGeometry(feature.geometry()!, header.geometryType) : null, properties: rawProperties(feature, header.columns) }) as unknown as IFeature;
    const headerMetaFn = (header: HeaderMeta) => {
      // The reader sizes the spatial index from the feature count before reading on: a damaged count
      // (0, or more features than the file could hold) would send it round a loop for ever.
      if (header.indexNodeSize > 0 && !(header.featuresCount >= 1 && header.featuresCount * 40 <= bytes.length)) throw new Error(`features count ${header.featuresCount} does not fit the file`);
      crs = header.crs?.code ? crsFromEpsg(header.crs.code) : null;
    };
    for await (const feature of deserialize(bytes, { fromFeature, headerMetaFn })) {
      read.push(feature as unknown as (typeof read)[number]);
    }
  } catch (error) {
    throw fail(`読み込めません（${(error as Error).message}）。`, `cannot be read (${(error as Error).message}).`);
  }
  if (read.length === 0) throw noFeaturesError(fileName);

  const { encoding, confidence } = options.encoding ? { encoding: options.encoding, confidence: 'certain' as const } : detectEncoding(textSample(read));
  const decoder = new TextDecoder(encoding);
  const usedCrs = crs as Crs | null;
  const features = read.map(({ geometry, properties }): Feature<Geometry | null, Properties> => ({
    type: 'Feature',
    geometry: geometry && usedCrs ? toLonLat(geometry, usedCrs) : geometry,
    properties: Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, value instanceof RawText ? decoded(value, decoder) : value])) as Properties,
  }));
  const problems = new GeometryProblems();
  checkPlacedGeometries(features.map((f) => f.geometry), problems).forEach((geometry, i) => (features[i]!.geometry = geometry));
  const questions: ImportQuestion[] = confidence === 'certain' ? [] : [{ kind: 'encoding', required: false, encoding, confidence }];
  return {
    sourceName: fileName,
    fileNames: [fileName],
    layers: [{ name: baseName(fileName), data: tableFromFeatures(features), crsLabel: usedCrs?.label, encoding }],
    warnings: problems.warnings(fileName),
    questions,
    preview: null,
  };
}

function decoded(text: RawText, decoder: TextDecoder): unknown {
  const string = decoder.decode(text.bytes);
  if (!text.json) return string;
  try {
    return JSON.parse(string);
  } catch {
    return string;
  }
}

/** Up to 1 MB of the file's text values, one per line, for encoding detection. */
function textSample(features: readonly { properties: Record<string, unknown> }[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const feature of features) {
    for (const value of Object.values(feature.properties)) {
      if (!(value instanceof RawText) || size > 1 << 20) continue;
      parts.push(value.bytes, NEWLINE);
      size += value.bytes.length + 1;
    }
  }
  const sample = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) sample.set(part, offset), (offset += part.length);
  return sample;
}
const NEWLINE = new Uint8Array([0x0a]);

/** Byte widths of FlatGeobuf's fixed-size column types, by ColumnType (Byte … Double). */
const WIDTHS = [1, 1, 1, 2, 2, 4, 4, 8, 8, 4, 8];

/** A feature's properties as the format stores them (column index, value); text stays bytes. */
function rawProperties(feature: FgbFeature, columns: ColumnMeta[] | null): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const array = feature.propertiesArray();
  if (!columns || !array) return properties;
  const view = new DataView(array.buffer, array.byteOffset, array.byteLength);
  const length = feature.propertiesLength();
  let offset = 0;
  while (offset < length) {
    const column = columns[view.getUint16(offset, true)];
    offset += 2;
    if (!column) throw new Error('a property names a column the header does not have');
    const type = column.type as number;
    if (type < WIDTHS.length) {
      properties[column.name] = readNumber(view, offset, type);
      offset += WIDTHS[type]!;
    } else {
      const size = view.getUint32(offset, true);
      offset += 4;
      const bytes = array.subarray(offset, offset + size);
      // String 11, Json 12, DateTime 13 are text; Binary 14 stays bytes.
      properties[column.name] = type === 14 ? bytes : new RawText(bytes, type === 12);
      offset += size;
    }
  }
  return properties;
}

function readNumber(view: DataView, offset: number, type: number): number | boolean {
  switch (type) {
    case 0: return view.getInt8(offset);
    case 1: return view.getUint8(offset);
    case 2: return view.getUint8(offset) !== 0;
    case 3: return view.getInt16(offset, true);
    case 4: return view.getUint16(offset, true);
    case 5: return view.getInt32(offset, true);
    case 6: return view.getUint32(offset, true);
    case 7: return Number(view.getBigInt64(offset, true));
    case 8: return Number(view.getBigUint64(offset, true));
    case 9: return view.getFloat32(offset, true);
    default: return view.getFloat64(offset, true);
  }
}
