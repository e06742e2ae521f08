import type { Layer } from '../model/exercise';
import { catalogue, localized, setupLayerOf } from '../model/setup-catalogue';
import { readSetupLayer } from './city-setup.svelte';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import type { ImportedLayer, ImportOptions, ImportQuestion, ImportResult, SourceFile } from '../io/types';
import type { SourceOutcome } from '../io/import-files';
import { newId } from '../util/ids';
import { toErrorInfo } from '../util/errors';
import { checkFitsInMemory } from '../io/memory-estimate';
import { i18n } from '../i18n/i18n.svelte';
import type { ExerciseEditor } from './exercise-editor';

// The choices the import dialog offers: encodings, and the plane rectangular zones by datum.
export { TEXT_ENCODINGS } from '../io/text-encoding';
export { PLANE_RECTANGULAR_ZONES, planeRectangularChoice, planeRectangularEpsg, type JapaneseDatum } from '../io/crs';

/** An import waiting for the user: a preview and the questions the importer could not answer alone. */
export interface ImportReview {
  /** The latest result, made with `options`. */
  result: ImportResult;
  /** The questions first asked: the dialog keeps showing them after they are answered. */
  questions: ImportQuestion[];
  files: SourceFile[];
  options: ImportOptions;
  /** Layers this review re-imports (changing the encoding of loaded layers); absent for a new import. */
  replaces?: string[];
}

/** The name and 出典 a lesson gives one of its data files. */
export interface LessonSource {
  name: { ja: string; en?: string };
  attribution: string;
}

/** A loaded layer's file, kept for this session to read again: the chosen File, or the bytes of a sample. */
type KeptFile = SourceFile | { name: string; file: Blob };

// The File each import's bytes were read from (bytes of samples and lessons have none).
const chosenFileOf = new WeakMap<Uint8Array, Blob>();

async function readKeptFile(kept: KeptFile): Promise<SourceFile> {
  return 'bytes' in kept ? kept : { name: kept.name, bytes: new Uint8Array(await kept.file.arrayBuffer()) };
}

/**
 * The memory an import may use: part of the JavaScript heap limit of this browser (Chromium tells it;
 * a worker has a heap of the same size), else part of the device memory, else 2 GB.
 */
function memoryBudgetBytes(): number {
  const heapLimit = (performance as Performance & { memory?: { jsHeapSizeLimit: number } }).memory?.jsHeapSizeLimit;
  const deviceBytes = ((navigator as Navigator & { deviceMemory?: number }).deviceMemory ?? 0) * 1e9;
  if (heapLimit) return heapLimit * 0.75;
  return deviceBytes > 0 ? deviceBytes / 2 : 2e9;
}

/** Whether a result must be shown to the user before its layers are added. */
function needsReview(result: ImportResult, options: ImportOptions): boolean {
  return result.questions.some(
    (q) =>
      q.required ||
      (q.kind === 'choose-layers' && options.layerNames === undefined) ||
      (q.kind === 'encoding' && q.confidence === 'uncertain' && options.encoding === undefined) ||
      (q.kind === 'choose-sheet' && options.sheet === undefined) ||
      (q.kind === 'table-layout' && !q.confident && options.headerRow === undefined && options.latitudeColumn === undefined),
  );
}

/**
 * Bringing data in: files the user chose, the app's samples, a lesson's data; the import dialog's
 * questions and previews; reading a file again with another encoding.
 */
export class Imports {
  reviews = $state.raw<ImportReview[]>([]);
  /** Share of the running import done (0–1), or null when unknown. */
  progress = $state<number | null>(null);

  #editor: ExerciseEditor;
  #worker: GeoWorkerClient;
  /**
   * The files each loaded layer came from, kept for this session so its encoding can be changed later
   * (files are not stored: after a reload the user drops the file again).
   */
  #sourcesOfLayer = new Map<string, { files: KeptFile[]; sourceName: string; options: ImportOptions }>();

  constructor(editor: ExerciseEditor, worker: GeoWorkerClient) {
    this.#editor = editor;
    this.#worker = worker;
  }

  /** Another exercise is open: the files of this one's layers are let go. */
  forgetSources(): void {
    this.#sourcesOfLayer.clear();
    this.#filesOfLayer.clear();
  }

  /**
   * The files a layer was read from this session (an instructor's map becomes a lesson with them), or
   * undefined when they are gone (the layer was loaded before a reload).
   */
  async originalFiles(layerId: string): Promise<SourceFile[] | undefined> {
    const kept = this.#filesOfLayer.get(layerId);
    return kept && Promise.all(kept.map(readKeptFile));
  }
  #filesOfLayer = new Map<string, KeptFile[]>();

  forgetLayer(layerId: string): void {
    this.#sourcesOfLayer.delete(layerId);
  }

  /** Loads the city setup's layers of the worked example (the one-click button of the workshop). */
  loadWorkedExample(): Promise<void> {
    return this.#editor.withBusy('loading', () => this.loadSetupLayers(catalogue.current.layers.filter((l) => l.workedExample).map((l) => l.fileName)));
  }

  /** Loads layers of the city setup (by file name) that are not loaded yet. */
  async loadSetupLayers(fileNames: readonly string[]): Promise<void> {
    const files: SourceFile[] = [];
    for (const fileName of fileNames) {
      if (this.#isLoaded(fileName)) continue;
      files.push({ name: fileName, bytes: await readSetupLayer(fileName) });
    }
    if (files.length > 0) await this.#import(files, {});
  }

  /** Loads a lesson's data files (from its curriculum package) that are not on the map yet. */
  async loadLessonData(files: readonly SourceFile[], sources: ReadonlyMap<string, LessonSource> = new Map()): Promise<void> {
    for (const [name, source] of sources) this.#lessonSources.set(name, source);
    const missing = files.filter((f) => !this.#isLoaded(f.name));
    if (missing.length > 0) await this.#editor.withBusy('loading', () => this.#import(missing, {}));
  }

  /** Names and 出典 a lesson gives its data files (by file name), used when they are loaded. */
  #lessonSources = new Map<string, LessonSource>();

  #isLoaded(fileName: string): boolean {
    return this.#editor.exercise.layers.some((l) => l.sourceFileName === fileName);
  }

  async importFiles(files: readonly File[]): Promise<void> {
    await this.#editor.withBusy('loading', async () => {
      // A file too large for the browser's memory is refused before it is read (it would crash the tab).
      const budget = memoryBudgetBytes();
      const fitting = files.filter((f) => {
        try {
          checkFitsInMemory(f.name, f.size, budget);
          return true;
        } catch (error) {
          this.#editor.notify({ kind: 'error', info: toErrorInfo(error, f.name) });
          return false;
        }
      });
      const sources = await Promise.all(
        fitting.map(async (f) => {
          const bytes = new Uint8Array(await f.arrayBuffer());
          chosenFileOf.set(bytes, f);
          return { name: f.name, bytes };
        }),
      );
      if (sources.length > 0) await this.#import(sources, {});
    });
  }

  /** Stops a running import or count; what was loaded before stays. */
  cancelWork(): void {
    this.#worker.cancel();
  }

  /** Imports a reviewed source again with the user's answers, so the preview shows their effect. */
  async refreshReview(review: ImportReview, answers: ImportOptions): Promise<ImportReview | null> {
    const options = { ...review.options, ...answers };
    let refreshed: ImportReview | null = null;
    await this.#editor.withBusy('loading', async () => {
      const [outcome] = await this.#worker.importFiles(review.files, { [review.result.sourceName]: options });
      if (!outcome?.ok) {
        if (outcome) this.#editor.notify({ kind: 'error', info: outcome.error });
        return;
      }
      refreshed = { ...review, result: outcome.result, options };
      this.reviews = this.reviews.map((r) => (r === review ? refreshed! : r));
    });
    return refreshed;
  }

  /** Adds a reviewed source's layers, importing it once more first if the answers changed. */
  async acceptReview(review: ImportReview, answers: ImportOptions): Promise<void> {
    const changed = Object.entries(answers).some(([key, value]) => JSON.stringify(review.options[key as keyof ImportOptions]) !== JSON.stringify(value));
    const current = changed ? await this.refreshReview(review, answers) : review;
    if (!current || current.result.questions.some((q) => q.required)) return;
    this.reviews = this.reviews.filter((r) => r !== current);
    current.result.warnings.forEach((info) => this.#editor.notify({ kind: 'warning', info, source: current.result.sourceName }));
    const layers = this.#toLayers({ ok: true, result: current.result }, current.files, current.options);
    const replaced = current.replaces ?? [];
    if (replaced.length > 0 && replaced.length === layers.length) {
      // Same layers read again: keep their ids (so the analysis and style still point at them), name and 出典.
      const next = new Map(replaced.map((id, i) => [id, layers[i]!]));
      this.#editor.update({
        layers: this.#editor.exercise.layers.map((l) => {
          const fresh = next.get(l.id);
          return fresh ? { ...fresh, id: l.id, name: l.name, attribution: l.attribution, visible: l.visible, color: l.color } : l;
        }),
      });
      replaced.forEach((id, i) => {
        // The re-read layers take the old ids, so their file is filed under those ids only.
        const source = this.#sourcesOfLayer.get(layers[i]!.id);
        this.#sourcesOfLayer.delete(layers[i]!.id);
        if (source) this.#sourcesOfLayer.set(id, source);
        const files = this.#filesOfLayer.get(layers[i]!.id);
        this.#filesOfLayer.delete(layers[i]!.id);
        if (files) this.#filesOfLayer.set(id, files);
      });
    } else if (layers.length > 0) this.#editor.update({ layers: [...this.#editor.exercise.layers, ...layers] });
  }

  /**
   * Reads a table layer's file again with changed options (undoing one of the importer's fixes): the
   * new reading, or null when the file is not at hand (after a reload) or cannot be read.
   */
  async reread(layerId: string, change: ImportOptions): Promise<ImportedLayer | null> {
    const source = this.#sourcesOfLayer.get(layerId);
    if (!source) return null;
    const options = { ...source.options, ...change, keepText: [...(source.options.keepText ?? []), ...(change.keepText ?? [])] };
    const files = await Promise.all(source.files.map(readKeptFile));
    const [outcome] = await this.#worker.importFiles(files, { [source.sourceName]: options });
    if (!outcome?.ok) {
      if (outcome) this.#editor.notify({ kind: 'error', info: outcome.error });
      return null;
    }
    this.#sourcesOfLayer.set(layerId, { ...source, options });
    return outcome.result.layers[0] ?? null;
  }

  /** Whether a layer's file is still at hand this session, so it can be read again with another encoding. */
  canReread(layerId: string): boolean {
    return this.#sourcesOfLayer.has(layerId);
  }

  /** Opens the import dialog for a loaded layer's file, with its preview and the encoding to choose. */
  async rereadWithEncoding(layerId: string): Promise<void> {
    const source = this.#sourcesOfLayer.get(layerId);
    if (!source) return;
    const siblings = [...this.#sourcesOfLayer].filter(([, s]) => s === source).map(([id]) => id);
    await this.#editor.withBusy('loading', async () => {
      const files = await Promise.all(source.files.map(readKeptFile));
      const [outcome] = await this.#worker.importFiles(files, { [source.sourceName]: source.options });
      if (!outcome?.ok) return;
      const layer = this.#editor.exercise.layers.find((l) => l.id === layerId);
      const encoding = layer?.encoding ?? 'utf-8';
      const questions = outcome.result.questions.some((q) => q.kind === 'encoding')
        ? outcome.result.questions
        : [...outcome.result.questions, { kind: 'encoding' as const, required: false as const, encoding, confidence: 'certain' as const }];
      this.reviews = [...this.reviews, { result: outcome.result, questions, files, options: { ...source.options, encoding }, replaces: siblings }];
    });
  }

  dismissReview(review: ImportReview): void {
    this.reviews = this.reviews.filter((r) => r !== review);
  }

  async #import(files: SourceFile[], options: Record<string, ImportOptions>): Promise<void> {
    const outcomes = await this.#worker.importFiles(files, options, (fraction) => (this.progress = fraction));
    const added: Layer[] = [];
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        this.#editor.notify({ kind: 'error', info: outcome.error });
        continue;
      }
      const sourceOptions = options[outcome.result.sourceName] ?? {};
      const sourceFiles = files.filter((f) => outcome.result.fileNames.includes(f.name));
      if (needsReview(outcome.result, sourceOptions)) {
        this.reviews = [...this.reviews, { result: outcome.result, questions: outcome.result.questions, files: sourceFiles, options: sourceOptions }];
        continue;
      }
      added.push(...this.#toLayers(outcome, sourceFiles, sourceOptions)); // bounded: the layers of one file
      outcome.result.warnings.forEach((info) => this.#editor.notify({ kind: 'warning', info, source: outcome.result.sourceName }));
    }
    if (added.length > 0) this.#editor.update({ layers: [...this.#editor.exercise.layers, ...added] });
  }

  #toLayers(outcome: Extract<SourceOutcome, { ok: true }>, files: SourceFile[], options: ImportOptions): Layer[] {
    // A lesson's file is named and sourced as the lesson says, else as the city setup says (a lesson's copy
    // of a setup file), else by its own name without 出典.
    const sample = this.#lessonSources.get(outcome.result.sourceName) ?? setupLayerOf(outcome.result.sourceName);
    // A file the user chose is kept as the File (on disk), not its bytes: a 50 MB CSV stays out of memory.
    const kept = files.map((f): KeptFile => {
      const file = chosenFileOf.get(f.bytes);
      return file ? { name: f.name, file } : f;
    });
    const source = { files: kept, sourceName: outcome.result.sourceName, options };
    const layers: Layer[] = outcome.result.layers.map((imported) => ({
      id: newId('layer'),
      name: sample ? localized(sample.name, i18n.locale) : imported.name,
      kind: imported.data.kind,
      sourceFileName: outcome.result.sourceName,
      attribution: sample?.attribution ?? '',
      data: imported.data,
      ...(imported.encoding ? { encoding: imported.encoding } : {}),
      ...(imported.crsLabel ? { crsLabel: imported.crsLabel } : {}),
      ...(imported.schema ? { schema: imported.schema } : {}),
      ...(imported.readability ? { readability: imported.readability } : {}),
      ...(imported.fixes?.length ? { importFixes: imported.fixes } : {}),
    }));
    // Files whose reading has choices (encoding, header row, conversions) are kept to read again.
    for (const layer of layers) {
      if (layer.encoding || layer.readability) this.#sourcesOfLayer.set(layer.id, source);
      this.#filesOfLayer.set(layer.id, kept);
    }
    return layers;
  }
}
