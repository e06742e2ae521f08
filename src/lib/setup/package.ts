import { readZipBlob, writeZipBlob } from '../io/zip-blob';
import { packageFolder } from '../io/zip';
import { fileNameOf } from '../io/file-names';
import { isPackagePath } from '../curriculum/markdown';
import { describeIssue, type PackageProblem } from '../curriculum/package';
import { toErrorInfo } from '../util/errors';
import type { SetupCatalogue } from '../model/setup-catalogue';
import type { ImcRow } from '../model/imc';
import { SETUP_FILE, SETUP_FORMAT, setupSchema, type SetupManifest } from './schema';

/**
 * Reading and writing a city setup: setup.json and the files it names. The shipped sample, a `city/`
 * folder on the office server and the zip an instructor exports are the same format read by this code.
 */
export type SetupResult = { ok: true; manifest: SetupManifest; files: Map<string, Blob> } | { ok: false; problems: PackageProblem[] };

/** Every file path the manifest names. */
export function filesNamed(manifest: SetupManifest): string[] {
  return [
    ...manifest.layers.map((l) => l.file),
    ...(manifest.outline ? [manifest.outline.file] : []),
    ...(manifest.pmtiles ? [manifest.pmtiles.file] : []),
    ...(manifest.dictionaries ?? []).map((d) => d.file),
    ...(manifest.gallery ?? []).flatMap((g) => (g.exercise ? [g.exercise] : [])),
    ...(manifest.curricula ?? []),
  ];
}

/** Parses and checks setup.json; `hasFile` says whether a named file is there (unknown for a server folder). */
export function parseSetupManifest(bytes: Uint8Array, hasFile?: (path: string) => boolean): { ok: true; manifest: SetupManifest } | { ok: false; problems: PackageProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return { ok: false, problems: [{ where: SETUP_FILE, ja: `JSON として読めません（${(error as Error).message}）`, en: `not valid JSON (${(error as Error).message})` }] };
  }
  const formatVersion = (raw as { format?: unknown })?.format;
  if (typeof formatVersion === 'number' && formatVersion > SETUP_FORMAT) {
    return { ok: false, problems: [{ where: 'format', ja: `新しい版の形式（${formatVersion}）です。地図道場を更新してください`, en: `format ${formatVersion} is newer than this app reads; update Chizu Dojo` }] };
  }
  const parsed = setupSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => describeIssue(issue, SETUP_FILE)) };
  const manifest = parsed.data;
  const problems: PackageProblem[] = [];
  for (const path of filesNamed(manifest)) {
    if (!isPackagePath(path)) problems.push({ where: path, ja: '設定の外を指すパスです', en: 'the path leaves the setup' });
    else if (hasFile && !hasFile(path)) problems.push({ where: path, ja: 'ファイルが設定にありません', en: 'the file is not in the setup' });
  }
  const ids = new Set<string>();
  for (const map of manifest.gallery ?? []) {
    if (ids.has(map.id)) problems.push({ where: `gallery.${map.id}`, ja: `事例地図の id「${map.id}」が重複しています`, en: `duplicate example map id "${map.id}"` });
    ids.add(map.id);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, manifest };
}

/**
 * Reads a setup zip (setup.json at its root or in one top folder). Files stay Blobs: a PMTiles base map of
 * hundreds of MB stored in the zip is a slice of it, never read into memory.
 */
export async function readSetupZip(zip: Blob, fileName: string): Promise<SetupResult> {
  let entries;
  const unsafe: string[] = [];
  try {
    entries = await readZipBlob(zip, fileName, unsafe);
  } catch (error) {
    const { ja, en } = toErrorInfo(error, fileName);
    return { ok: false, problems: [{ where: fileName, ja, en }] };
  }
  if (unsafe.length > 0) return { ok: false, problems: unsafe.map((where) => ({ where, ja: '設定の外を指すファイル名です', en: 'the file name points outside the setup' })) };
  const prefix = packageFolder(entries.map((e) => e.path), SETUP_FILE);
  const files = new Map(entries.map((e) => [e.path.slice(prefix.length), e.blob]));
  const json = files.get(SETUP_FILE);
  if (!json) return { ok: false, problems: [{ where: fileName, ja: `${SETUP_FILE} がありません。市の設定の ZIP を選んでください`, en: `${SETUP_FILE} is missing: choose a city setup zip` }] };
  const parsed = parseSetupManifest(new Uint8Array(await json.arrayBuffer()), (path) => files.has(path));
  return parsed.ok ? { ok: true, manifest: parsed.manifest, files } : parsed;
}

/** The setup as one zip: setup.json and its files (a PMTiles file or a zip stored as it is: compressed already). */
export function writeSetupZip(manifest: SetupManifest, files: ReadonlyMap<string, Blob>): Promise<Blob> {
  const entries = filesNamed(manifest).flatMap((path) => {
    const blob = files.get(path);
    return blob ? [{ path, blob, store: /\.(pmtiles|zip|png)$/i.test(path) }] : [];
  });
  return writeZipBlob([{ path: SETUP_FILE, blob: new Blob([JSON.stringify(manifest, null, 2)]) }, ...entries]);
}

/** What the rest of the app knows of a setup (model/setup-catalogue). */
export function catalogueOf(manifest: SetupManifest): SetupCatalogue {
  return {
    id: manifest.id,
    name: manifest.name,
    ...(manifest.code ? { code: manifest.code } : {}),
    addressCity: manifest.addressCity ?? '',
    ...(manifest.view ? { view: { center: [manifest.view.center[0], manifest.view.center[1]], zoom: manifest.view.zoom } } : {}),
    layers: manifest.layers.map((l) => ({ file: l.file, fileName: fileNameOf(l.file), name: l.name, attribution: l.attribution, geometry: l.geometry, workedExample: l.workedExample ?? false })),
    imcExamples: (manifest.imcExamples ?? []) as ImcRow[],
    gallery: (manifest.gallery ?? []).map((g) => ({ ...g, row: g.row as ImcRow | undefined })),
    outlineAttribution: manifest.outline?.attribution ?? '',
    outline: null,
  };
}
