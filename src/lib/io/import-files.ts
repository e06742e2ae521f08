import { toErrorInfo, UserInputError, type ErrorInfo } from '../util/errors';
import { importCsv } from './csv';
import { EXCEL_EXTENSIONS, importExcel } from './excel';
import { extensionOf } from './file-names';
import { importFlatGeobuf } from './flatgeobuf';
import { importGeoJson } from './geojson';
import { importGpx, importKml, importKmz } from './kml';
import { importGeoPackage } from './geopackage';
import { groupShapefileParts, importShapefile, SHAPEFILE_EXTENSIONS } from './shapefile';
import type { ImportOptions, ImportResult, SourceFile } from './types';
import { unzipSafely } from './zip';

/** Formats read from a single file, by extension. */
type Progress = (fraction: number) => void;
const SINGLE_FILE_HANDLERS: Record<string, (file: SourceFile, options: ImportOptions, onProgress?: Progress) => ImportResult | Promise<ImportResult>> = {
  csv: (f, o, p) => importCsv(f.bytes, f.name, o, p),
  tsv: (f, o, p) => importCsv(f.bytes, f.name, o, p),
  txt: (f, o, p) => importCsv(f.bytes, f.name, o, p),
  geojson: (f, o) => importGeoJson(f.bytes, f.name, o),
  json: (f, o) => importGeoJson(f.bytes, f.name, o),
  fgb: (f, o) => importFlatGeobuf(f.bytes, f.name, o),
  kml: (f, o) => importKml(f.bytes, f.name, o),
  kmz: (f, o) => importKmz(f, o),
  gpx: (f, o) => importGpx(f.bytes, f.name, o),
  gpkg: (f, o) => importGeoPackage(f.bytes, f.name, o),
  ...Object.fromEntries(EXCEL_EXTENSIONS.map((e) => [e, (f: SourceFile, o: ImportOptions) => importExcel(f.bytes, f.name, o)])),
};

const ZIP_DATA_EXTENSIONS = ['csv', 'tsv', 'geojson', 'json', 'fgb', 'kml', 'gpx', ...EXCEL_EXTENSIONS];

export const SUPPORTED_EXTENSIONS = [...Object.keys(SINGLE_FILE_HANDLERS), 'zip', ...SHAPEFILE_EXTENSIONS];

/** One source's outcome: its result, or the error that refused it. */
export type SourceOutcome = { ok: true; result: ImportResult } | { ok: false; sourceName: string; fileNames: string[]; error: ErrorInfo };

/**
 * Imports files dropped or chosen together. The parts of a shapefile dropped loose are paired by base
 * name; each zip, shapefile and other file is a source of its own, so one bad file never stops the
 * others. Options are given per source name (the answers to an earlier result's questions).
 */
export async function importFiles(
  files: readonly SourceFile[],
  optionsBySource: Record<string, ImportOptions> = {},
  onProgress?: Progress,
): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  // Progress is the share of all bytes done; a source reports within itself where it can (CSV).
  const totalBytes = files.reduce((sum, f) => sum + f.bytes.length, 0) || 1;
  let doneBytes = 0;
  const run = async (sourceName: string, fileNames: string[], action: (options: ImportOptions, onProgress: Progress) => ImportResult | Promise<ImportResult>) => {
    const sourceBytes = files.filter((f) => fileNames.includes(f.name)).reduce((sum, f) => sum + f.bytes.length, 0);
    const report: Progress = (fraction) => onProgress?.((doneBytes + fraction * sourceBytes) / totalBytes);
    try {
      outcomes.push({ ok: true, result: await action(optionsBySource[sourceName] ?? {}, report) });
    } catch (error) {
      outcomes.push({ ok: false, sourceName, fileNames, error: toErrorInfo(error, sourceName) });
    }
    doneBytes += sourceBytes;
    onProgress?.(doneBytes / totalBytes);
  };

  const shapefileParts = files.filter((f) => (SHAPEFILE_EXTENSIONS as readonly string[]).includes(extensionOf(f.name)));
  for (const parts of groupShapefileParts(shapefileParts)) {
    const members = [parts.shp, parts.dbf, parts.prj, parts.cpg, parts.shx].filter((f) => f !== undefined).map((f) => f.name);
    const sourceName = parts.shp?.name ?? `${parts.baseName}.shp`;
    await run(sourceName, members, (options) => {
      const { layer, ...rest } = importShapefile(parts, options);
      return { sourceName, fileNames: members, layers: layer ? [layer] : [], ...rest };
    });
  }
  for (const file of files) {
    const extension = extensionOf(file.name);
    if ((SHAPEFILE_EXTENSIONS as readonly string[]).includes(extension)) continue;
    if (extension === 'zip') await run(file.name, [file.name], (options) => importZip(file, options));
    else await run(file.name, [file.name], (options, report) => importSingleFile(file, options, report));
  }
  return outcomes;
}

function importSingleFile(file: SourceFile, options: ImportOptions, onProgress?: Progress): ImportResult | Promise<ImportResult> {
  const handler = SINGLE_FILE_HANDLERS[extensionOf(file.name)];
  if (!handler) {
    const list = SUPPORTED_EXTENSIONS.map((e) => `.${e}`).join(' ');
    throw new UserInputError({
      code: 'unsupported-format',
      fileName: file.name,
      ja: `${file.name} は読み込めない形式です。対応している形式: ${list}`,
      en: `${file.name} is not a supported format. Supported: ${list}`,
    });
  }
  return handler(file, options, onProgress);
}

/** A zip may hold several shapefiles (in folders, with __MACOSX junk) and other supported files. */
async function importZip(zip: SourceFile, options: ImportOptions): Promise<ImportResult> {
  const skipped: string[] = [];
  const entries = unzipSafely(zip.bytes, zip.name, undefined, false, skipped);
  const groups = groupShapefileParts(entries).filter((g) => g.shp || g.dbf);
  // .txt and other side files (metadata, requests) travel in archives; only data formats are read.
  const others = entries.filter((e) => ZIP_DATA_EXTENSIONS.includes(extensionOf(e.name)));
  const result: ImportResult = { sourceName: zip.name, fileNames: [zip.name], layers: [], warnings: [], questions: [], preview: null };
  if (skipped.length > 0) {
    result.warnings.push({
      code: 'file-skipped',
      ja: `${zip.name}: フォルダの外を指す ${skipped.length} 個のファイル（${skipped.slice(0, 5).join('、')}）は安全のため読み込みませんでした。`,
      en: `${zip.name}: ${skipped.length} entries pointing outside the archive's folder (${skipped.slice(0, 5).join(', ')}) were not read, for safety.`,
    });
  }
  const available = [...groups.map((g) => g.baseName), ...others.map((e) => e.name)];
  if (available.length === 0) {
    throw new UserInputError({
      code: 'zip-no-layers',
      fileName: zip.name,
      ja: `${zip.name} に読み込めるファイル（.shp・.geojson・.csv・.fgb）がありません。中身: ${entries.map((e) => e.name).join(', ') || 'なし'}`,
      en: `${zip.name} holds no file that can be loaded (.shp, .geojson, .csv, .fgb). Contents: ${entries.map((e) => e.name).join(', ') || 'none'}`,
    });
  }
  if (available.length > 1) result.questions.push({ kind: 'choose-layers', required: false, names: available });
  const wanted = new Set(options.layerNames ?? available);
  for (const group of groups) {
    if (!wanted.has(group.baseName)) continue;
    const { layer, warnings, questions, preview } = importShapefile(group, options, zip.name);
    if (layer) result.layers.push(layer);
    result.warnings.push(...warnings); // bounded: a file's warnings are summaries, a few lines
    // bounded: one question of each kind
    result.questions.push(...questions.filter((q) => !result.questions.some((r) => r.kind === q.kind)));
    result.preview ??= preview;
  }
  for (const entry of others) {
    if (!wanted.has(entry.name)) continue;
    let inner: ImportResult;
    try {
      inner = await importSingleFile(entry, options);
    } catch (error) {
      // One unreadable file in an archive is reported, and the archive's other layers still load.
      const info = toErrorInfo(error, entry.name);
      result.warnings.push({ code: 'file-skipped', ja: `${zip.name}: ${info.ja}`, en: `${zip.name}: ${info.en}` });
      continue;
    }
    result.layers.push(...inner.layers); // bounded: the layers of one archive entry
    result.warnings.push(...inner.warnings); // bounded: summaries, a few lines
    // bounded: one question of each kind
    result.questions.push(...inner.questions.filter((q) => !result.questions.some((r) => r.kind === q.kind)));
    result.preview ??= inner.preview;
  }
  return result;
}
