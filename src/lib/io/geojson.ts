import type { Feature, Geometry } from 'geojson';
import { tableFromFeatures } from '../table/geojson-table';
import { UserInputError, emptyFileError, noFeaturesError } from '../util/errors';
import type { Properties } from '../geo/types';
import { crsFromEpsg, crsFromName, DEFAULT_PLANE_EPSG, isInJapan as inJapan, LON_LAT, looksProjected, transformGeometry, type Crs } from './crs';
import { toLonLat } from './projection';
import { baseName } from './file-names';
import { decodeText } from './text-encoding';
import { checkShapes, firstPosition, GeometryProblems, inDegrees, isGeometryType, wellFormed, type GeometryProblem } from './geometry-check';
import type { ImportOptions, ImportQuestion, ImportResult, ImportWarning } from './types';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * GeoJSON: a FeatureCollection, a single Feature or a bare geometry. RFC 7946 says lon/lat, but files
 * from Japanese GIS may still carry the old `crs` member naming a plane rectangular zone: it is honoured.
 */
export function importGeoJson(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): ImportResult {
  // RFC 7946 says UTF-8, but files saved from Japanese tools are often Shift_JIS: invalid UTF-8 is detected and said.
  const { text, encoding, confidence } = decodeText(bytes, options.encoding);
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
  const problems = new GeometryProblems();
  const problem = (kind: GeometryProblem, index: number) => problems.add(kind, index);
  let outOfRange = 0, valid = 0, swappedLooking = 0, degreesInJapan = 0;
  const inJapanAsDegrees: boolean[] = [];
  const positions: (number[][] | null)[] = [];
  const geometries = rawFeatures.map((raw, i) => {
    positions[i] = null;
    if (!('geometry' in raw)) return problem('missing', i), null;
    if (raw.geometry === null) return problem('null', i), null;
    if (!isObject(raw.geometry) || !isGeometryType(raw.geometry.type)) return problem('unknown-type', i), null;
    // Degrees are judged below, once it is known whether the file is swapped or in a zone.
    const formed = wellFormed(raw.geometry, i, problems, false);
    if (!formed) return null;
    const points = (positions[i] = formed.positions);
    valid++;
    inJapanAsDegrees[i] = points.every((p) => inJapan(p[0]!, p[1]!));
    if (inJapanAsDegrees[i]) degreesInJapan++;
    if (points.every((p) => inJapan(p[1]!, p[0]!) && !inJapan(p[0]!, p[1]!))) swappedLooking++;
    else if (!points.every(inDegrees)) outOfRange++;
    return formed.geometry as unknown as Geometry;
  });

  const crs = chooseCrs(root, fileName, options);
  const questions: ImportQuestion[] = confidence === 'certain' ? [] : [{ kind: 'encoding', required: false, encoding, confidence }];
  const base = { sourceName: fileName, fileNames: [fileName], warnings: [] as ImportWarning[], preview: null };
  // [lat, lon] order: most features would be in Japan with the axes exchanged (asked before any zone).
  if (!crs && swappedLooking > valid / 2 && options.swapCoordinates === undefined) {
    return { ...base, layers: [], questions: [...questions, { kind: 'swap-coordinates', required: true }] };
  }
  const swap = !crs && options.swapCoordinates === true;
  // Metres: most features beyond degrees, none of them in Japan as degrees (a file whose features are
  // partly good degrees has bad coordinates, not a projection: those are left off and named).
  if (!crs && !swap && outOfRange > valid / 2 && degreesInJapan === 0 && looksProjected(geometries)) {
    return { ...base, layers: [], questions: [...questions, { kind: 'crs', required: true, suggestedEpsg: DEFAULT_PLANE_EPSG }] };
  }
  if (!crs) {
    geometries.forEach((g, i) => {
      const inRange = (p: number[]) => inDegrees(swap ? [p[1]!, p[0]!] : p);
      if (g && !positions[i]!.every(inRange)) (geometries[i] = null), problem('out-of-range', i);
    });
  }
  if (swap) {
    base.warnings.push({ code: 'coordinates-swapped', ja: `${fileName}: 座標の 1 番目を緯度、2 番目を経度として読みました。`, en: `${fileName}: read the first coordinate as latitude and the second as longitude.` });
  }
  const features = rawFeatures.map((raw, i): Feature<Geometry | null, Properties> => {
    const geometry = geometries[i]!;
    // Copy properties into a fresh object so a "__proto__" key stays an ordinary key.
    const properties: Properties = isObject(raw.properties) ? Object.fromEntries(Object.entries(raw.properties)) : {};
    // A zone the user chose for the metres of a file converts those; a feature already in Japan as degrees
    // is never moved by it (東京駅 at 139.77, 35.68 read as metres of zone IX would land 37 km away).
    const chosenZoneKeepsIt = options.crsEpsg !== undefined && inJapanAsDegrees[i];
    const placed = geometry && crs && !chosenZoneKeepsIt ? toLonLat(geometry, crs) : geometry && swap ? transformGeometry(geometry, (p) => [p[1]!, p[0]!, ...p.slice(2)]) : geometry;
    return { type: 'Feature', properties, geometry: placed };
  });
  const placedGeometries = features.map((f) => f.geometry);
  checkShapes(placedGeometries, problems);
  placedGeometries.forEach((geometry, i) => (features[i]!.geometry = geometry));
  // Converted from a plane zone the user chose: the result must land in Japan, or the zone is wrong.
  if (crs && crs !== LON_LAT) {
    const firsts = placedGeometries.flatMap((g) => (g && firstPosition(g) ? [firstPosition(g)!] : []));
    const landed = firsts.filter((p) => inJapan(p[0]!, p[1]!)).length;
    if (firsts.length > 0 && landed < firsts.length / 2) {
      base.warnings.push({
        code: 'points-far-away',
        ja: `${fileName}: ${crs.label} として変換すると、${firsts.length} 件中 ${firsts.length - landed} 件が日本の外に出ます。座標系（系の番号）を確かめてください。`,
        en: `${fileName}: converted as ${crs.label}, ${firsts.length - landed} of ${firsts.length} features land outside Japan. Check the coordinate system (the zone).`,
      });
    }
  }
  base.warnings.push(...problems.warnings(fileName)); // bounded: one summary line per kind of problem
  const layer = { name: baseName(fileName), data: tableFromFeatures(features), crsLabel: (crs ?? LON_LAT).label, encoding };
  return { ...base, layers: [layer], questions };
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
  if (isGeometryType(root.type)) return [{ type: 'Feature', properties: {}, geometry: root }];
  return null;
}
