import type { Feature, Geometry } from 'geojson';
import { tableFromFeatures } from '../table/geojson-table';
import { UserInputError, emptyFileError, noFeaturesError } from '../util/errors';
import type { Properties } from '../geo/types';
import { crsFromEpsg, crsFromName, LON_LAT, looksProjected, toLonLat, type Crs } from './crs';
import { baseName } from './file-names';
import { DEFAULT_PLANE_EPSG } from './shapefile';
import { decodeText } from './text-encoding';
import type { ImportOptions, ImportResult, ImportWarning } from './types';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * GeoJSON: a FeatureCollection, a single Feature or a bare geometry. RFC 7946 says lon/lat, but files
 * from Japanese GIS may still carry the old `crs` member naming a plane rectangular zone: it is honoured.
 */
export function importGeoJson(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): ImportResult {
  const { text } = decodeText(bytes, options.encoding ?? 'utf-8');
  if (text.trim() === '') {
    throw emptyFileError(fileName);
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
  if (rawFeatures.length === 0) {
    throw noFeaturesError(fileName);
  }
  let withoutGeometry = 0;
  const geometries = rawFeatures.map((raw) => {
    const geometry = isObject(raw.geometry) && GEOMETRY_TYPES.has(String(raw.geometry.type)) ? (raw.geometry as unknown as Geometry) : null;
    if (!geometry) withoutGeometry++;
    return geometry;
  });

  const crs = chooseCrs(root, fileName, options);
  const base = { sourceName: fileName, fileNames: [fileName], warnings: [] as ImportWarning[], preview: null };
  if (!crs && looksProjected(geometries)) {
    return { ...base, layers: [], questions: [{ kind: 'crs', required: true, suggestedEpsg: DEFAULT_PLANE_EPSG }] };
  }
  const features = rawFeatures.map((raw, i): Feature<Geometry | null, Properties> => {
    const geometry = geometries[i]!;
    // Copy properties into a fresh object so a "__proto__" key stays an ordinary key.
    const properties: Properties = isObject(raw.properties) ? Object.fromEntries(Object.entries(raw.properties)) : {};
    return { type: 'Feature', properties, geometry: geometry && crs ? toLonLat(geometry, crs) : geometry };
  });
  if (withoutGeometry > 0) {
    base.warnings.push({
      code: 'features-without-geometry',
      ja: `${fileName}: ${withoutGeometry} 件の地物に形状がありません。表には残しますが地図には表示しません。`,
      en: `${fileName}: ${withoutGeometry} features have no geometry. They stay in the table but are not mapped.`,
    });
  }
  return { ...base, layers: [{ name: baseName(fileName), data: tableFromFeatures(features), crsLabel: (crs ?? LON_LAT).label }], questions: [] };
}

function chooseCrs(root: unknown, fileName: string, options: ImportOptions): Crs | null {
  if (options.crsEpsg) return crsFromEpsg(options.crsEpsg);
  if (!isObject(root) || !isObject(root.crs)) return null;
  const name = isObject(root.crs.properties) ? String(root.crs.properties.name ?? '') : '';
  const crs = crsFromName(name);
  if (!crs) {
    throw new UserInputError({
      code: 'crs-unknown',
      fileName,
      ja: `${fileName} の座標系「${name}」には対応していません。経緯度（EPSG:4326/6668）か平面直角座標系で保存し直してください。`,
      en: `${fileName}: the coordinate system "${name}" is not supported. Save it as longitude/latitude (EPSG:4326/6668) or a Japan Plane Rectangular zone.`,
    });
  }
  return crs;
}

function featuresOf(root: unknown): Record<string, unknown>[] | null {
  if (!isObject(root)) return null;
  if (root.type === 'FeatureCollection' && Array.isArray(root.features)) return root.features.filter(isObject);
  if (root.type === 'Feature') return [root];
  if (GEOMETRY_TYPES.has(String(root.type))) return [{ type: 'Feature', properties: {}, geometry: root }];
  return null;
}
