import { parseShp } from 'shpjs';
import { tableFromFeatures } from '../table/geojson-table';
import type { Feature, Geometry } from 'geojson';
import { UserInputError } from '../util/errors';
import type { Properties } from '../geo/types';
import { crsFromEpsg, DEFAULT_PLANE_EPSG, LON_LAT, looksProjected, type Crs } from './crs';
import { crsFromPrj, toLonLat } from './projection';
import { readDbf } from './dbf';
import { checkPlacedGeometries, GeometryProblems } from './geometry-check';
import { encodingFromCodePage } from './text-encoding';
import type { ImportOptions, ImportPreview, ImportQuestion, ImportWarning, ImportedLayer, SourceFile } from './types';

/** The parts of one shapefile, found by their common base name (case-insensitive). */
export interface ShapefileParts {
  baseName: string;
  shp?: SourceFile;
  dbf?: SourceFile;
  prj?: SourceFile;
  cpg?: SourceFile;
  shx?: SourceFile;
}

export const SHAPEFILE_EXTENSIONS = ['shp', 'dbf', 'prj', 'cpg', 'shx'] as const;
export { DEFAULT_PLANE_EPSG };
const SHAPE_TYPES = new Set([0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28, 31]);

export function groupShapefileParts(files: readonly SourceFile[]): ShapefileParts[] {
  const groups = new Map<string, ShapefileParts>();
  for (const file of files) {
    const dot = file.name.lastIndexOf('.');
    const extension = file.name.slice(dot + 1).toLowerCase() as (typeof SHAPEFILE_EXTENSIONS)[number];
    if (!SHAPEFILE_EXTENSIONS.includes(extension)) continue;
    const baseName = file.name.slice(0, dot);
    const key = baseName.toLowerCase();
    const group = groups.get(key) ?? { baseName };
    group[extension] = file;
    groups.set(key, group);
  }
  return [...groups.values()];
}

export interface ShapefileImport {
  layer: ImportedLayer | null;
  warnings: ImportWarning[];
  questions: ImportQuestion[];
  preview: ImportPreview | null;
}

/** Reads one shapefile: geometry from .shp, attributes from .dbf, coordinates brought to lon/lat. */
export function importShapefile(parts: ShapefileParts, options: ImportOptions, containerName?: string): ShapefileImport {
  const where = containerName ? `${containerName} の ` : '';
  const whereEn = containerName ? ` in ${containerName}` : '';
  const shpName = `${parts.baseName}.shp`;
  if (!parts.shp) {
    const present = [parts.dbf, parts.prj, parts.cpg, parts.shx].filter(Boolean).map((f) => f!.name).join(', ');
    throw new UserInputError({
      code: 'shp-missing',
      fileName: containerName ?? present,
      ja: `${where}${shpName} がありません（あるのは ${present}）。形状は .shp に入っているので、.shp・.dbf・.shx・.prj をまとめて（または ZIP で）読み込んでください。`,
      en: `${shpName} is missing${whereEn} (found: ${present}). The shapes are in the .shp: load .shp, .dbf, .shx and .prj together, or as a ZIP.`,
    });
  }
  const warnings: ImportWarning[] = [];
  const geometries = readShapes(parts.shp, warnings, containerName);
  const questions: ImportQuestion[] = [];

  let records: Properties[] = [];
  let encoding: string | undefined;
  if (parts.dbf) {
    const cpgText = parts.cpg ? new TextDecoder().decode(parts.cpg.bytes) : undefined;
    if (cpgText !== undefined && !encodingFromCodePage(cpgText)) {
      warnings.push({
        code: 'cpg-invalid',
        ja: `${parts.cpg!.name} は文字コード名として読めないため、文字コードを自動判定しました。`,
        en: `${parts.cpg!.name} does not name an encoding, so the encoding was detected.`,
      });
    }
    const table = readDbf(parts.dbf.bytes, parts.dbf.name, cpgText, options.encoding);
    if (table.encodingSource === 'cpg-contradicted') {
      warnings.push({
        code: 'cpg-invalid',
        ja: `${parts.cpg!.name} は UTF-8 としていますが、属性の文字は UTF-8 ではないため ${table.encoding === 'shift_jis' ? 'Shift_JIS (CP932)' : table.encoding} として読みました（推定です。「文字コードを変える」で変えられます）。`,
        en: `${parts.cpg!.name} says UTF-8 but the attribute text is not UTF-8, so it was read as ${table.encoding} (a guess: "change encoding" changes it).`,
      });
    }
    records = table.records;
    encoding = table.encoding;
    if (table.confidence !== 'certain') {
      questions.push({ kind: 'encoding', required: false, encoding: table.encoding, confidence: table.confidence });
    }
    const rows = table.records.length, shapes = geometries.length;
    if (rows !== shapes) {
      // Paired by order, as every GIS does; what has no partner is kept and named, never dropped.
      const ja = rows < shapes ? `図形 ${rows + 1}〜${shapes} 番目は対応する行がないため、属性なしで読み込みました。` : `行 ${shapes + 1}〜${rows} 番目は対応する図形がないため、表には残しますが地図には表示しません。`;
      const en = rows < shapes ? `shapes ${rows + 1}–${shapes} have no row and were loaded without attributes.` : `rows ${shapes + 1}–${rows} have no shape: they stay in the table but are not mapped.`;
      warnings.push({
        code: 'dbf-count-mismatch',
        ja: `${parts.dbf.name} の行数（${rows}）と ${shpName} の図形数（${shapes}）が違います。${ja}`,
        en: `${parts.dbf.name} has ${rows} rows but ${shpName} has ${shapes} shapes: ${en}`,
      });
    }
  } else {
    warnings.push({
      code: 'dbf-missing',
      ja: `${parts.baseName}.dbf がないため、属性なしで読み込みました。`,
      en: `${parts.baseName}.dbf is missing, so the shapes were loaded without attributes.`,
    });
  }

  const crs = chooseCrs(parts, options, geometries, warnings);
  const preview: ImportPreview | null = records.length
    ? { columns: Object.keys(records[0]!), rows: records.slice(0, 5).map((r) => Object.values(r).map((v) => (v === null ? '' : String(v)))) }
    : null;
  if (!crs) {
    questions.push({ kind: 'crs', required: true, suggestedEpsg: DEFAULT_PLANE_EPSG });
    return { layer: null, warnings, questions, preview };
  }
  // Checked as drawn and counted: in lon/lat, whatever the file's coordinate system.
  const problems = new GeometryProblems();
  const placed = checkPlacedGeometries(geometries.map((geometry) => geometry && toLonLat(geometry, crs)), problems);
  warnings.push(...problems.warnings(shpName)); // bounded: one summary line per kind of problem
  const count = Math.max(placed.length, records.length);
  const features = Array.from({ length: count }, (_, i): Feature<Geometry | null, Properties> => ({ type: 'Feature', properties: records[i] ?? {}, geometry: placed[i] ?? null }));
  return { layer: { name: parts.baseName, data: tableFromFeatures(features), encoding, crsLabel: crs.label }, warnings, questions, preview };
}

function readShapes(shp: SourceFile, warnings: ImportWarning[], containerName?: string): (Geometry | null)[] {
  const bytes = shp.bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fileName = containerName ?? shp.name;
  const fail = (ja: string, en: string) =>
    new UserInputError({ code: 'shp-invalid', fileName, ja: `${shp.name}: ${ja}`, en: `${shp.name}: ${en}` });
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) throw fail('シェープファイル（.shp）ではないか、壊れています。', 'not a shapefile (.shp) or damaged.');
  const shapeType = view.getInt32(32, true);
  if (!SHAPE_TYPES.has(shapeType)) throw fail(`未知の図形タイプ ${shapeType} です。`, `unknown shape type ${shapeType}.`);
  if (bytes.length === 100) return [];
  const end = recordsEnd(view);
  if (end.cutShort) {
    warnings.push({
      code: 'shp-truncated',
      ja: `${shp.name} は途中で切れています。最後の不完全な図形の前までを読み込みました。ファイルをコピーし直してください。`,
      en: `${shp.name} is cut short: the shapes before the incomplete last one were loaded. Copy the file again.`,
    });
  }
  try {
    return (parseShp(new DataView(view.buffer, view.byteOffset, end.bytes)) as (Geometry | null)[]).map((g) => (g && isUsable(g) ? g : null));
  } catch (error) {
    throw fail(`図形を読めません（${(error as Error).message}）。`, `cannot read the shapes (${(error as Error).message}).`);
  }
}

/**
 * Where the records end: some writers pad the file with zeros after the last record (read one by one,
 * they would be dozens of empty shapes); a record running past the end means the file was cut short.
 */
function recordsEnd(view: DataView): { bytes: number; cutShort: boolean } {
  let offset = 100;
  while (offset + 8 <= view.byteLength) {
    const contentBytes = view.getInt32(offset + 4, false) * 2;
    if (view.getInt32(offset, false) === 0 && contentBytes === 0 && zerosFrom(view, offset)) break;
    if (contentBytes < 0 || offset + 8 + contentBytes > view.byteLength) return { bytes: offset, cutShort: true };
    offset += 8 + contentBytes;
  }
  return { bytes: offset, cutShort: offset + 8 <= view.byteLength ? false : !zerosFrom(view, offset) };
}

function zerosFrom(view: DataView, offset: number): boolean {
  for (let i = offset; i < view.byteLength; i++) if (view.getUint8(i) !== 0) return false;
  return true;
}

/** Drops Z/M-only oddities: a geometry must have at least one finite coordinate pair. */
function isUsable(geometry: Geometry): boolean {
  return geometry.type === 'GeometryCollection' || JSON.stringify(geometry.coordinates).length > 2;
}

function chooseCrs(parts: ShapefileParts, options: ImportOptions, geometries: (Geometry | null)[], warnings: ImportWarning[]): Crs | null {
  let crs: Crs | null = null;
  if (options.crsEpsg) crs = crsFromEpsg(options.crsEpsg);
  else if (parts.prj) {
    crs = crsFromPrj(new TextDecoder().decode(parts.prj.bytes));
    if (!crs) {
      warnings.push({
        code: 'prj-invalid',
        ja: `${parts.prj.name} の座標系を読めませんでした。`,
        en: `${parts.prj.name}: the coordinate system could not be read.`,
      });
    }
  }
  if (!crs) {
    if (looksProjected(geometries)) return null;
    if (!parts.prj) {
      warnings.push({
        code: 'prj-missing',
        ja: `${parts.baseName}.prj がないため、経緯度（JGD2011）とみなしました。`,
        en: `${parts.baseName}.prj is missing, so the coordinates were taken as longitude/latitude (JGD2011).`,
      });
    }
    crs = LON_LAT;
  }
  if (crs.isTokyoDatum) {
    warnings.push({
      code: 'tokyo-datum',
      ja: `${parts.baseName} は旧日本測地系です。世界測地系に変換しましたが、場所により数 m の誤差があります。`,
      en: `${parts.baseName} uses the old Tokyo datum. It was converted to JGD2011; expect errors of a few metres in places.`,
    });
  }
  return crs;
}
