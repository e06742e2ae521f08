import type { Feature, Geometry } from 'geojson';
import { UserInputError } from '../util/errors';
import type { Properties } from '../geo/types';
import { baseName } from './csv';
import { decodeText } from './text-encoding';
import type { ImportResult, ImportWarning } from './types';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** GeoJSON (RFC 7946): a FeatureCollection, a single Feature or a bare geometry. */
export function importGeoJson(bytes: Uint8Array, fileName: string): ImportResult {
  const { text } = decodeText(bytes);
  if (text.trim() === '') {
    throw new UserInputError({ code: 'empty-file', fileName, ja: `${fileName} は空です。`, en: `${fileName} is empty.` });
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new UserInputError({
      code: 'invalid-json',
      fileName,
      ja: `${fileName} は JSON として読めません（${(error as Error).message}）。`,
      en: `${fileName} is not valid JSON (${(error as Error).message}).`,
    });
  }
  const rawFeatures = featuresOf(root);
  if (!rawFeatures) {
    throw new UserInputError({
      code: 'not-geojson',
      fileName,
      ja: `${fileName} は GeoJSON ではありません（"type" が FeatureCollection・Feature・ジオメトリのどれでもありません）。`,
      en: `${fileName} is not GeoJSON ("type" is not FeatureCollection, Feature or a geometry).`,
    });
  }
  let withoutGeometry = 0;
  const features = rawFeatures.map((raw): Feature<Geometry | null, Properties> => {
    const geometry = isObject(raw.geometry) && GEOMETRY_TYPES.has(String(raw.geometry.type)) ? (raw.geometry as unknown as Geometry) : null;
    if (!geometry) withoutGeometry++;
    // Copy properties into a fresh object so a "__proto__" key stays an ordinary key.
    const properties: Properties = isObject(raw.properties) ? Object.fromEntries(Object.entries(raw.properties)) : {};
    return { type: 'Feature', properties, geometry };
  });
  if (features.length === 0) {
    throw new UserInputError({ code: 'no-features', fileName, ja: `${fileName} には地物がありません。`, en: `${fileName} contains no features.` });
  }
  const warnings: ImportWarning[] = [];
  if (withoutGeometry > 0) {
    warnings.push({
      code: 'features-without-geometry',
      ja: `${fileName}: ${withoutGeometry} 件の地物に形状がありません。表には残しますが地図には表示しません。`,
      en: `${fileName}: ${withoutGeometry} features have no geometry. They stay in the table but are not mapped.`,
    });
  }
  return { fileName, layers: [{ name: baseName(fileName), data: { type: 'FeatureCollection', features } }], warnings };
}

function featuresOf(root: unknown): Record<string, unknown>[] | null {
  if (!isObject(root)) return null;
  if (root.type === 'FeatureCollection' && Array.isArray(root.features)) return root.features.filter(isObject);
  if (root.type === 'Feature') return [root];
  if (GEOMETRY_TYPES.has(String(root.type))) return [{ type: 'Feature', properties: {}, geometry: root }];
  return null;
}
