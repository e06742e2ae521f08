import { choroplethClasses, newExercise, type Exercise, type Layer, type MapView } from '../model/exercise';
import { findSampleFile, SAMPLE_FILES } from '../model/sample-data';
import { geometryKindOf } from '../geo/types';
import { MIN_CLASS_COUNT, MAX_CLASS_COUNT } from '../geo/classify';
import type { ExerciseStore } from '../persistence/exercise-store';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import type { ImportWarning } from '../io/types';
import { toErrorInfo, type ErrorInfo } from '../util/errors';
import { newId } from '../util/ids';
import { i18n } from '../i18n/i18n.svelte';

export type Notice = { kind: 'error'; info: ErrorInfo } | { kind: 'warning'; info: ImportWarning };
export type SaveStatus = 'saved' | 'saving' | 'failed';

const CURRENT_EXERCISE_KEY = 'currentExerciseId';
/** Autosave waits this long after the last change, so typing a title writes once, not per key. */
const SAVE_DELAY_MS = 300;
export const COUNT_FIELD = '件数';

/**
 * The exercise being worked on and every action on it. The only layer that calls the worker and
 * persistence; components read its fields and call its methods.
 */
export class Workspace {
  exercise = $state.raw<Exercise>(newExercise('unsaved', new Date()));
  busy = $state<'idle' | 'loading' | 'counting'>('idle');
  notices = $state<Notice[]>([]);
  saveStatus = $state<SaveStatus>('saved');
  legend = $derived(choroplethClasses(this.exercise));

  #store: ExerciseStore;
  #worker: GeoWorkerClient;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: ExerciseStore, worker: GeoWorkerClient) {
    this.#store = store;
    this.#worker = worker;
  }

  /** Opens the exercise worked on last, or starts a new one. */
  async open(): Promise<void> {
    const id = await this.#store.getSetting<string>(CURRENT_EXERCISE_KEY);
    const saved = id ? await this.#store.getExercise(id) : undefined;
    if (saved) {
      this.exercise = saved;
      return;
    }
    this.exercise = newExercise(newId('ex'), new Date());
    await this.#store.putExercise(this.exercise);
    await this.#store.putSetting(CURRENT_EXERCISE_KEY, this.exercise.id);
  }

  get pointLayers(): Layer[] {
    return this.exercise.layers.filter((l) => l.kind === 'point');
  }

  get polygonLayers(): Layer[] {
    return this.exercise.layers.filter((l) => l.kind === 'polygon');
  }

  async loadWorkedExample(baseUrl: string): Promise<void> {
    await this.#withBusy('loading', async () => {
      for (const sample of SAMPLE_FILES.filter((s) => s.inWorkedExample)) {
        const response = await fetch(`${baseUrl}sample-data/${sample.fileName}`);
        if (!response.ok) throw new Error(`sample-data/${sample.fileName}: HTTP ${response.status}`);
        await this.#importBytes(sample.fileName, await response.arrayBuffer());
      }
    });
  }

  async importFiles(files: readonly File[]): Promise<void> {
    await this.#withBusy('loading', async () => {
      for (const file of files) {
        try {
          await this.#importBytes(file.name, await file.arrayBuffer());
        } catch (error) {
          // One bad file must not stop the others, and never touches what is already loaded.
          this.#notify({ kind: 'error', info: toErrorInfo(error, file.name) });
        }
      }
    });
  }

  async #importBytes(fileName: string, bytes: ArrayBuffer): Promise<void> {
    const result = await this.#worker.importFile(fileName, bytes);
    const sample = findSampleFile(fileName);
    const layers: Layer[] = result.layers.map((imported) => ({
      id: newId('layer'),
      name: sample ? sample.layerName[i18n.locale] : imported.name,
      kind: geometryKindOf(imported.data),
      sourceFileName: fileName,
      attribution: sample?.attribution ?? '',
      data: imported.data,
    }));
    result.warnings.forEach((info) => this.#notify({ kind: 'warning', info }));
    this.#update({ layers: [...this.exercise.layers, ...layers] });
  }

  removeLayer(layerId: string): void {
    const { analysis, choropleth } = this.exercise;
    this.#update({
      layers: this.exercise.layers.filter((l) => l.id !== layerId),
      analysis: analysis && (analysis.pointLayerId === layerId || analysis.polygonLayerId === layerId) ? null : analysis,
      choropleth: choropleth?.layerId === layerId ? null : choropleth,
    });
  }

  /** Counts the points of one layer per polygon of another, in the worker; the result becomes a column. */
  async countPointsInPolygons(pointLayerId: string, polygonLayerId: string): Promise<void> {
    const points = this.exercise.layers.find((l) => l.id === pointLayerId);
    const polygons = this.exercise.layers.find((l) => l.id === polygonLayerId);
    if (!points || !polygons) return;
    await this.#withBusy('counting', async () => {
      const result = await this.#worker.countPointsInPolygons({ points: $state.snapshot(points.data), polygons: $state.snapshot(polygons.data) });
      const counted: Layer = {
        ...polygons,
        data: {
          ...polygons.data,
          features: polygons.data.features.map((f, i) => ({ ...f, properties: { ...f.properties, [COUNT_FIELD]: result.counts[i] ?? 0 } })),
        },
      };
      this.#update({
        layers: this.exercise.layers.map((l) => (l.id === polygonLayerId ? counted : l)),
        analysis: {
          pointLayerId,
          polygonLayerId,
          field: COUNT_FIELD,
          counted: result.counts.reduce((a, b) => a + b, 0),
          outside: result.outside,
          withoutGeometry: result.withoutGeometry,
          onSharedBoundary: result.onSharedBoundary,
        },
        choropleth: { layerId: polygonLayerId, field: COUNT_FIELD, method: 'quantile', classCount: this.exercise.choropleth?.classCount ?? 5 },
      });
    });
  }

  setClassCount(classCount: number): void {
    const choropleth = this.exercise.choropleth;
    if (!choropleth) return;
    const clamped = Math.max(MIN_CLASS_COUNT, Math.min(MAX_CLASS_COUNT, Math.round(classCount)));
    this.#update({ choropleth: { ...choropleth, classCount: clamped } });
  }

  setTitle(title: string): void {
    this.#update({ title });
  }

  setView(view: MapView): void {
    this.#update({ view });
  }

  dismissNotice(notice: Notice): void {
    this.notices = this.notices.filter((n) => n !== notice);
  }

  /** Resolves once pending changes are written; used before the page goes away. */
  async flush(): Promise<void> {
    if (this.#saveTimer === undefined) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    await this.#save();
  }

  #update(change: Partial<Exercise>): void {
    this.exercise = { ...this.exercise, ...change, updatedAt: new Date().toISOString() };
    this.saveStatus = 'saving';
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      void this.#save();
    }, SAVE_DELAY_MS);
  }

  async #save(): Promise<void> {
    const snapshot = $state.snapshot(this.exercise) as Exercise;
    try {
      await this.#store.putExercise(snapshot);
      await this.#store.putSetting(CURRENT_EXERCISE_KEY, snapshot.id);
      if (this.exercise.updatedAt === snapshot.updatedAt) this.saveStatus = 'saved';
    } catch (error) {
      this.saveStatus = 'failed';
      this.#notify({
        kind: 'error',
        info: {
          code: 'storage-failed',
          ja: `作業内容をブラウザに保存できませんでした（${(error as Error).message}）。`,
          en: `Could not save your work in the browser (${(error as Error).message}).`,
        },
      });
    }
  }

  async #withBusy(kind: 'loading' | 'counting', action: () => Promise<void>): Promise<void> {
    this.busy = kind;
    try {
      await action();
    } catch (error) {
      this.#notify({ kind: 'error', info: toErrorInfo(error) });
    } finally {
      this.busy = 'idle';
    }
  }

  #notify(notice: Notice): void {
    this.notices = [...this.notices, notice];
  }
}
