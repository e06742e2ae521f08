import { gpx, kmlWithFolders, type F, type Folder } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry } from 'geojson';
import { UserInputError, emptyFileError, noFeaturesError } from '../util/errors';
import { importGeoJson } from './geojson';
import { baseName } from './file-names';
import { decodeText } from './text-encoding';
import type { ImportOptions, ImportResult, SourceFile } from './types';
import { unzipSafely } from './zip';

/**
 * KML (Google マイマップ, Google Earth), KMZ (the same zipped) and GPX (patrol and survey apps), read with
 * @tmcw/togeojson on an XML DOM from @xmldom/xmldom (the worker has no DOMParser of its own). The features
 * then go through the GeoJSON importer, so they get the same checks (coordinates in range, shapes valid)
 * and warnings. A file holding points, lines and polygons together becomes one layer per kind, as GPX's
 * waypoints, tracks and routes do.
 */

/** The simplestyle properties togeojson makes of KML styles: the app draws its own colours, so they are left out (and said). */
const STYLE_PROPERTIES = new Set(['styleUrl', 'styleHash', 'styleMapHash', 'stroke', 'stroke-opacity', 'stroke-width', 'fill', 'fill-opacity', 'icon', 'icon-opacity', 'icon-scale', 'icon-color', 'icon-offset', 'icon-offset-units', 'icon-heading', 'label-scale', 'label-color', 'label-opacity']);
const FOLDER_COLUMN = 'フォルダ';

function parseXml(bytes: Uint8Array, fileName: string, kind: 'KML' | 'GPX'): Document {
  const { text } = decodeText(bytes);
  if (text.trim() === '') throw emptyFileError(fileName);
  const problems: string[] = [];
  let doc: ReturnType<DOMParser['parseFromString']> | undefined;
  try {
    doc = new DOMParser({ onError: (level, message) => void (level !== 'warning' && problems.push(String(message).split('\n')[0]!)) }).parseFromString(text, 'text/xml');
  } catch (error) {
    // A fatal error (an unclosed tag) is thrown, not only reported.
    problems.push(String((error as Error).message).split('\n')[0]!);
  }
  const root = doc?.documentElement?.localName?.toLowerCase();
  const wanted = kind === 'KML' ? 'kml' : 'gpx';
  if (problems.length > 0 || root !== wanted) {
    throw new UserInputError({
      code: 'invalid-xml',
      fileName,
      ja: `${fileName} は ${kind} として読めません（${problems[0] ?? `最上位の要素が <${root ?? '?'}> で、<${wanted}> ではありません`}）。`,
      en: `${fileName} cannot be read as ${kind} (${problems[0] ?? `the root element is <${root ?? '?'}>, not <${wanted}>`}).`,
    });
  }
  return doc as unknown as Document;
}

/** Runs a reader that recurses into the file's nesting; nesting deep enough to exhaust the stack is said by name. */
function withinNesting<T>(fileName: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UserInputError({
      code: 'invalid-xml',
      fileName,
      ja: `${fileName} はフォルダなどの入れ子が深すぎて読めません。フォルダを浅くして保存し直してください。`,
      en: `${fileName} nests folders too deeply to be read. Save it again with fewer levels of folders.`,
    });
  }
}

const KIND_NAMES = { point: { ja: '点', en: 'points' }, line: { ja: '線', en: 'lines' }, polygon: { ja: '面', en: 'polygons' } } as const;
type Kind = keyof typeof KIND_NAMES;
const kindOf = (geometry: Geometry | null): Kind | null =>
  !geometry ? null : /Point/.test(geometry.type) ? 'point' : /LineString/.test(geometry.type) ? 'line' : /Polygon/.test(geometry.type) ? 'polygon' : null;

/** Features as layers through the GeoJSON importer: one per group, named by it. */
function asLayers(groups: { name: string; features: Feature[] }[], fileName: string, options: ImportOptions, notes: ImportResult['warnings']): ImportResult {
  const result: ImportResult = { sourceName: fileName, fileNames: [fileName], layers: [], warnings: [...notes], questions: [], preview: null };
  for (const group of groups.filter((g) => g.features.length > 0)) {
    const bytes = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: group.features }));
    const inner = importGeoJson(bytes, fileName, { ...options, encoding: 'utf-8' });
    for (const layer of inner.layers) result.layers.push({ ...layer, name: group.name, encoding: undefined });
    for (const warning of inner.warnings) result.warnings.push(warning);
  }
  if (result.layers.length === 0) throw noFeaturesError(fileName);
  return result;
}

/** The geometry kinds of a file as layers: one layer when all are of one kind, else 「名前（点）」「名前（線）」…. */
function byKind(features: Feature[], fileName: string): { name: string; features: Feature[] }[] {
  const groups = new Map<Kind, Feature[]>();
  for (const feature of features) {
    const kind = kindOf(feature.geometry);
    if (kind) groups.set(kind, [...(groups.get(kind) ?? []), feature]);
  }
  const name = baseName(fileName);
  return groups.size <= 1 ? [{ name, features: [...groups.values()][0] ?? [] }] : [...groups].map(([kind, list]) => ({ name: `${name}（${KIND_NAMES[kind].ja}）`, features: list }));
}

export function importKml(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): ImportResult {
  const doc = parseXml(bytes, fileName, 'KML');
  return withinNesting(fileName, () => kmlLayers(doc, fileName, options));
}

function kmlLayers(doc: Document, fileName: string, options: ImportOptions): ImportResult {
  const tree = kmlWithFolders(doc);
  // Placemarks with the folder they sit in (「避難所／北部」), kept as a column.
  const features: Feature[] = [];
  let styled = 0, withoutGeometry = 0;
  const walk = (children: (Folder | F)[], path: string[]) => {
    for (const child of children) {
      if (child.type === 'folder') {
        walk(child.children, [...path, String(child.meta.name ?? '').trim() || '—']);
        continue;
      }
      if (!child.geometry) {
        withoutGeometry++;
        continue;
      }
      const properties: Record<string, unknown> = {};
      let hadStyle = false;
      for (const [key, value] of Object.entries(child.properties ?? {})) {
        if (STYLE_PROPERTIES.has(key)) hadStyle = true;
        else properties[key] = typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
      }
      if (hadStyle) styled++;
      if (path.length > 0) properties[FOLDER_COLUMN] = path.join('／');
      features.push({ type: 'Feature', properties, geometry: child.geometry });
    }
  };
  walk(tree.children, []);
  const notes: ImportResult['warnings'] = [];
  if (styled > 0) {
    notes.push({ code: 'kml-styles', ja: `${fileName}: ${styled} 件の地物のスタイル（色・線の太さ・アイコン）は読み込みません。地図の色は地図道場で決めます。`, en: `${fileName}: the styles (colours, widths, icons) of ${styled} features are not read; Chizu Dojo draws its own colours.` });
  }
  if (withoutGeometry > 0) {
    notes.push({ code: 'features-without-geometry', ja: `${fileName}: 位置のない ${withoutGeometry} 件のプレースマークは地図に載せていません。`, en: `${fileName}: ${withoutGeometry} placemarks without a location are not on the map.` });
  }
  if (features.length === 0 && withoutGeometry === 0) throw noFeaturesError(fileName);
  return asLayers(byKind(features, fileName), fileName, options, notes);
}

/** KMZ: a zip holding doc.kml (or another .kml) and its icons; read safely (sizes and paths checked). */
export function importKmz(file: SourceFile, options: ImportOptions = {}): ImportResult {
  const entries = unzipSafely(file.bytes, file.name);
  const kml = entries.find((e) => /(^|\/)doc\.kml$/i.test(e.name)) ?? entries.find((e) => /\.kml$/i.test(e.name));
  if (!kml) {
    throw new UserInputError({ code: 'zip-no-layers', fileName: file.name, ja: `${file.name} に KML（doc.kml）がありません。`, en: `${file.name} holds no KML (doc.kml).` });
  }
  return importKml(kml.bytes, file.name, options);
}

/** GPX: waypoints, tracks and routes as three layers (those it has). */
export function importGpx(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): ImportResult {
  const doc = parseXml(bytes, fileName, 'GPX');
  const collection = withinNesting(fileName, () => gpx(doc));
  const name = baseName(fileName);
  const of = (test: (f: Feature) => boolean) => collection.features.filter((f) => f.geometry && test(f)) as Feature[];
  const clean = (features: Feature[]) =>
    features.map((f) => ({ ...f, properties: Object.fromEntries(Object.entries(f.properties ?? {}).filter(([k]) => k !== '_gpxType').map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v])) }));
  return asLayers(
    [
      { name: `${name}（ウェイポイント）`, features: clean(of((f) => f.geometry!.type === 'Point')) },
      { name: `${name}（トラック）`, features: clean(of((f) => f.properties?._gpxType === 'trk')) },
      { name: `${name}（ルート）`, features: clean(of((f) => f.properties?._gpxType === 'rte')) },
    ],
    fileName,
    options,
    [],
  );
}
