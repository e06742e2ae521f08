import { catalogue, type GalleryMap, type Text } from '../model/setup-catalogue';
import type { Exercise, Layer } from '../model/exercise';
import { catalogueOf, filesNamed, parseSetupManifest, readSetupZip, writeSetupZip } from '../setup/package';
import { SETUP_FILE, type SetupManifest } from '../setup/schema';
import type { PackageProblem } from '../curriculum/package';
import { toWorkFileText } from '../persistence/work-file';
import type { ExerciseStore } from '../persistence/exercise-store';
import { featuresOf } from '../table/geojson-table';
import { fileNameOf } from '../io/file-names';
import { openPmtilesBlob, type PmtilesBase } from '../map/pmtiles-base';
import { newId } from '../util/ids';

/** Where a setup came from: installed in this browser, the office server's `city/` folder, or the sample. */
export type SetupSource = 'installed' | 'server' | 'sample';

/** The setup installed in this browser: its manifest and files (Blobs: IndexedDB keeps them on disk). */
interface InstalledSetup {
  manifest: SetupManifest;
  files: Record<string, Blob>;
}
const INSTALLED_KEY = 'citySetup';
/** Folders beside the app holding a setup.json: the office server's own first, then the shipped sample. */
const FOLDERS: [SetupSource, string][] = [
  ['server', 'city/'],
  ['sample', 'sample-data/'],
];

/**
 * Reads a file of the setup in use (a layer, the base map…). Set by CitySetup when a setup is read;
 * the workshop's one-click layers, the IMC chart and the example maps load through it.
 */
let readSetupFile: (path: string) => Promise<Uint8Array> = async (path) => {
  throw new Error(`no city setup to read ${path} from`);
};

/** The bytes of a setup layer named by its file name. */
export function readSetupLayer(fileName: string): Promise<Uint8Array> {
  const layer = catalogue.current.layers.find((l) => l.fileName === fileName);
  return readSetupFile(layer?.file ?? fileName);
}

/**
 * A city's own setup (市の設定): its name and code, the city of addresses that name none, its base layers,
 * address dictionaries, PMTiles base map, IMC examples, example maps and curricula. One setup is in use:
 * the one installed in this browser, else the one the office server has beside the app (`city/`), else
 * the sample shipped with the app. Editing a setup that is not installed installs a copy first.
 */
export class CitySetup {
  manifest = $state.raw<SetupManifest | null>(null);
  source = $state<SetupSource>('sample');
  /** The setup's PMTiles base map, opened from the file kept in this browser or on the server. */
  pmtiles = $state.raw<PmtilesBase | null>(null);
  /** Problems of a setup zip that was refused, or of a setup that could not be read. */
  problems = $state.raw<PackageProblem[]>([]);

  #store: ExerciseStore;
  #baseUrl: string;
  #installed: InstalledSetup | null = null;
  #folder = '';
  /** Called with each dictionary file and each curriculum package of a setup when it is put in use. */
  #onDictionary: (file: File) => Promise<void>;
  #onCurriculum: (fileName: string, bytes: Uint8Array) => Promise<void>;

  constructor(
    store: ExerciseStore,
    baseUrl: string,
    hooks: { onDictionary: (file: File) => Promise<void>; onCurriculum: (fileName: string, bytes: Uint8Array) => Promise<void> },
  ) {
    this.#store = store;
    this.#baseUrl = baseUrl;
    this.#onDictionary = hooks.onDictionary;
    this.#onCurriculum = hooks.onCurriculum;
  }

  /** Finds the setup to use and puts it in use (no dictionaries loaded yet: see loadDictionaries). */
  async init(): Promise<void> {
    const installed = await this.#store.getSetting<InstalledSetup>(INSTALLED_KEY).catch(() => undefined);
    if (installed?.manifest) return this.#use('installed', installed);
    for (const [source, folder] of FOLDERS) {
      const response = await fetch(`${this.#baseUrl}${folder}${SETUP_FILE}`, { cache: 'no-cache' }).catch(() => undefined);
      const bytes = response?.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
      // A server without a city/ folder answers 404, or (single-page fallbacks) with the app's HTML. Office
      // servers may send JSON under any content type, so the body decides.
      if (!bytes || new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().startsWith('<')) continue;
      const parsed = parseSetupManifest(bytes);
      if (!parsed.ok) {
        this.problems = parsed.problems.map((p) => ({ ...p, where: `${folder}${p.where}` }));
        continue;
      }
      this.#folder = folder;
      return this.#use(source, { manifest: parsed.manifest, files: {} });
    }
  }

  /** The setup's name in the UI's language. */
  get name(): Text {
    return this.manifest?.name ?? catalogue.current.name;
  }

  async #use(source: SetupSource, setup: InstalledSetup): Promise<void> {
    this.source = source;
    this.#installed = source === 'installed' ? setup : null;
    this.manifest = setup.manifest;
    readSetupFile = (path) => this.#read(path);
    const outlineFile = setup.manifest.outline?.file;
    const outline = !outlineFile ? null : source === 'installed' ? (JSON.parse(await setup.files[outlineFile]!.text()) as GeoJSON.FeatureCollection) : new URL(`${this.#baseUrl}${this.#folder}${outlineFile}`, document.baseURI).href;
    catalogue.current = { ...catalogueOf(setup.manifest), outline };
    this.pmtiles = null;
    const pmtilesFile = setup.manifest.pmtiles?.file;
    if (pmtilesFile) {
      // A file of hundreds of MB: read in slices where it is kept (IndexedDB's blob on disk, or the server).
      const blob = source === 'installed' ? setup.files[pmtilesFile]! : undefined;
      this.pmtiles = await openPmtilesBlob(fileNameOf(pmtilesFile), blob ?? new URL(`${this.#baseUrl}${this.#folder}${pmtilesFile}`, document.baseURI).href).catch(() => null);
    }
  }

  /** Loads the setup's address dictionaries into the matcher (after start-up: trainees wait for nothing). */
  async loadDictionaries(): Promise<void> {
    for (const { file } of this.manifest?.dictionaries ?? []) {
      const bytes = await this.#read(file);
      await this.#onDictionary(new File([bytes as BlobPart], fileNameOf(file)));
    }
  }

  async #read(path: string): Promise<Uint8Array> {
    const kept = this.#installed?.files[path];
    if (kept) return new Uint8Array(await kept.arrayBuffer());
    const response = await fetch(`${this.#baseUrl}${this.#folder}${path}`);
    if (!response.ok) throw new Error(`${this.#folder}${path}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** A file of the setup as a Blob, without reading it into memory when it is kept here. */
  async #blob(path: string): Promise<Blob> {
    return this.#installed?.files[path] ?? new Blob([(await this.#read(path)) as BlobPart]);
  }

  /** Installs a setup zip in this browser (replacing the one in use); its curricula become available. */
  async installZip(file: File): Promise<boolean> {
    const result = await readSetupZip(file, file.name);
    if (!result.ok) {
      this.problems = result.problems.map((p) => ({ ...p, where: `${file.name}: ${p.where}` }));
      return false;
    }
    const files = Object.fromEntries(filesNamed(result.manifest).map((path) => [path, result.files.get(path)!]));
    await this.#save({ manifest: result.manifest, files });
    for (const path of result.manifest.curricula ?? []) await this.#onCurriculum(fileNameOf(path), new Uint8Array(await files[path]!.arrayBuffer()));
    await this.loadDictionaries();
    this.problems = [];
    return true;
  }

  /** The setup in use as one zip, to hand to other PCs (or to put beside the app as `city/`). */
  async exportZip(): Promise<Blob> {
    const manifest = this.manifest!;
    const files = new Map<string, Blob>();
    for (const path of filesNamed(manifest)) files.set(path, await this.#blob(path));
    return writeSetupZip(manifest, files);
  }

  /** Forgets the setup installed here: the server's or the sample setup is used again. */
  async uninstall(): Promise<void> {
    await this.#store.putSetting(INSTALLED_KEY, null);
    this.#installed = null;
    await this.init();
  }

  /**
   * Changes the setup: a setup that is not installed here is copied first (its files too), so an
   * instructor can start from the server's or the sample setup and make it their own.
   */
  async #edit(change: (setup: InstalledSetup) => InstalledSetup | Promise<InstalledSetup>): Promise<void> {
    let setup = this.#installed;
    if (!setup) {
      const manifest = this.manifest ?? { format: 1 as const, id: 'city', name: { ja: '市の設定' }, layers: [] };
      const files: Record<string, Blob> = {};
      for (const path of filesNamed(manifest)) files[path] = await this.#blob(path);
      setup = { manifest, files };
    }
    await this.#save(await change(setup));
  }

  async #save(setup: InstalledSetup): Promise<void> {
    // Files nothing names any more are dropped with the save.
    const named = new Set(filesNamed(setup.manifest));
    const files = Object.fromEntries(Object.entries(setup.files).filter(([path]) => named.has(path)));
    const kept = { manifest: setup.manifest, files };
    await this.#store.putSetting(INSTALLED_KEY, kept);
    await this.#use('installed', kept);
  }

  /** The city's name, code and the city of addresses that name none. */
  setIdentity(change: { name?: Text; code?: string; addressCity?: string; id?: string }): Promise<void> {
    return this.#edit((s) => {
      const manifest = { ...s.manifest, ...change };
      if (!change.code && 'code' in change) delete manifest.code;
      return { ...s, manifest };
    });
  }

  /** Adds a layer of the map as a base layer of the setup (kept as GeoJSON in lon/lat, as the map has it). */
  addLayer(layer: Layer, options: { workedExample?: boolean } = {}): Promise<void> {
    const kind = layer.kind === 'point' || layer.kind === 'line' || layer.kind === 'polygon' ? layer.kind : null;
    if (!kind) return Promise.resolve();
    const base = layer.sourceFileName.replace(/\.[^.]+$/, '') || 'layer';
    return this.#edit((s) => {
      let file = `layers/${base}.geojson`;
      for (let n = 2; s.manifest.layers.some((l) => l.file === file); n++) file = `layers/${base}-${n}.geojson`;
      const entry = { file, name: { ja: layer.name }, attribution: layer.attribution.trim() || '出典未記入', geometry: kind, ...(options.workedExample ? { workedExample: true } : {}) };
      return {
        manifest: { ...s.manifest, layers: [...s.manifest.layers, entry] },
        files: { ...s.files, [file]: new Blob([JSON.stringify(featuresOf(layer.data))], { type: 'application/geo+json' }) },
      };
    });
  }

  removeLayer(file: string): Promise<void> {
    return this.#edit((s) => ({ ...s, manifest: { ...s.manifest, layers: s.manifest.layers.filter((l) => l.file !== file) } }));
  }

  /** Keeps a town dictionary with the setup and loads it into the matcher. */
  async addDictionary(file: File): Promise<void> {
    const path = `dictionaries/${file.name}`;
    await this.#edit((s) => ({
      manifest: { ...s.manifest, dictionaries: [...(s.manifest.dictionaries ?? []).filter((d) => d.file !== path), { file: path }] },
      files: { ...s.files, [path]: file },
    }));
    await this.#onDictionary(file);
  }

  /**
   * Keeps a PMTiles base map with the setup. The File itself is stored (IndexedDB copies it to disk):
   * its bytes are never read into the page's memory, and it is read in slices when drawn.
   */
  async setPmtiles(file: File): Promise<void> {
    const path = `base-map/${file.name}`;
    // Refused before anything is kept when it is not a PMTiles file.
    await openPmtilesBlob(file.name, file);
    await this.#edit((s) => ({ manifest: { ...s.manifest, pmtiles: { file: path } }, files: { ...s.files, [path]: file } }));
  }

  /** Adds an example map to the gallery: an exercise (the instructor's, or a trainee's hand-in) as it is. */
  addGalleryMap(exercise: Exercise, texts: Pick<GalleryMap, 'title' | 'question' | 'decision' | 'caution'>): Promise<void> {
    const id = newId('map').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const path = `gallery/${id}.chizudojo.json`;
    const text = toWorkFileText([{ ...exercise, id: `gallery-${id}` }], [], new Date());
    return this.#edit((s) => ({
      manifest: { ...s.manifest, gallery: [...(s.manifest.gallery ?? []), { id, ...texts, exercise: path }] },
      files: { ...s.files, [path]: new Blob([text], { type: 'application/json' }) },
    }));
  }

  removeGalleryMap(id: string): Promise<void> {
    return this.#edit((s) => ({ ...s, manifest: { ...s.manifest, gallery: (s.manifest.gallery ?? []).filter((g) => g.id !== id) } }));
  }

  /** The text of a saved example map (a work file of the setup). */
  async readText(path: string): Promise<string> {
    return new TextDecoder().decode(await this.#read(path));
  }
}
