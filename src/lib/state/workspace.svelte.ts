import { categoryClasses, thematicClasses, thematicShowing, newExercise, type DataLevel, type ThematicStyle, type Exercise, type Layer, type MapView } from '../model/exercise';
import { MIN_CLASS_COUNT, MAX_CLASS_COUNT } from '../geo/classify';
import type { ExerciseStore } from '../persistence/exercise-store';
import { History } from './history';
import { Autosave, CURRENT_EXERCISE_KEY, type SaveStatus } from './autosave.svelte';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import { toErrorInfo } from '../util/errors';
import { toCsvText, toGeoJsonText, toKmlText } from '../io/export-data';
import { qgisProjectOf } from '../model/qgis-export';
import { layerColor } from '../map/style';
import type { ImportFix, ImportOptions } from '../io/types';
import type { SortOrder } from '../model/attribute-table';
import { newId } from '../util/ids';
import { Imports } from './imports.svelte';
import { Analyses } from './analyses';
import { DataPreparation } from './data-preparation.svelte';
import { ImcRecipes } from './imc-recipes';
import type { ExerciseEditor, Notice } from './exercise-editor';

export type { Notice } from './exercise-editor';
export type { ImportReview } from './imports.svelte';

const ONLINE_MAPS_KEY = 'onlineMapsAllowed';

/**
 * The exercise being worked on: its edits (each kept for undo and saved), notices and busy state. Its
 * parts do the rest on the same exercise: `imports` (data in), `analyses` (processing), `imc` (the
 * problem-solving chart). The only layer that calls the worker and persistence; components read its
 * fields and call its methods.
 */
export class Workspace {
  exercise = $state.raw<Exercise>(newExercise('unsaved', new Date()));
  busy = $state<'idle' | 'loading' | 'counting'>('idle');
  /** Whether the user allowed online maps (地理院タイル), the only requests outside the app's origin. */
  onlineAllowed = $state(false);
  notices = $state<Notice[]>([]);
  /** How many steps undo and redo can go (the exercises themselves are kept in private stacks). */
  undoDepth = $state(0);
  redoDepth = $state(0);
  legend = $derived(thematicClasses(this.exercise));
  categories = $derived(categoryClasses(this.exercise));
  readonly imports: Imports;
  readonly analyses: Analyses;
  readonly preparation: DataPreparation;
  readonly imc: ImcRecipes;

  #store: ExerciseStore;
  #worker: GeoWorkerClient;
  #history = new History<Exercise>();
  /** Actions run so far (see #update: each is its own undo step). */
  #actions = 0;
  #autosave: Autosave;

  constructor(store: ExerciseStore, worker: GeoWorkerClient) {
    this.#store = store;
    this.#worker = worker;
    this.#autosave = new Autosave(store, () => this.exercise, (info) => this.#notify({ kind: 'error', info }));
    const workspace = this;
    const editor: ExerciseEditor = {
      get exercise() {
        return workspace.exercise;
      },
      update: (change, undoable) => this.#update(change, undoable),
      patchLayer: (layerId, change) => this.#patchLayer(layerId, change),
      notify: (notice) => this.#notify(notice),
      withBusy: (kind, action) => this.#withBusy(kind, action),
    };
    this.imports = new Imports(editor, worker);
    this.analyses = new Analyses(editor, worker);
    this.preparation = new DataPreparation(editor, worker);
    this.imc = new ImcRecipes(editor, this.imports, this.analyses);
  }

  get saveStatus(): SaveStatus {
    return this.#autosave.status;
  }

  /** Set when this tab must not save any more (see Autosave.blocked). */
  get writeBlocked(): Autosave['blocked'] {
    return this.#autosave.blocked;
  }

  /** Opens the exercise worked on last, or starts a new one. */
  async open(): Promise<void> {
    this.onlineAllowed = (await this.#store.getSetting<boolean>(ONLINE_MAPS_KEY)) === true;
    const id = await this.#store.getSetting<string>(CURRENT_EXERCISE_KEY);
    const saved = id ? await this.#store.getExercise(id) : undefined;
    await this.switchTo(saved ?? newExercise(newId('ex'), new Date()));
  }

  /** Makes an exercise the one worked on (saving what is pending first); undo starts afresh. */
  async switchTo(exercise: Exercise): Promise<void> {
    await this.flush();
    this.#history.clear();
    this.#syncHistoryDepth();
    this.imports.forgetSources();
    this.exercise = exercise;
    await this.#autosave.begin(exercise);
  }

  /** The store closed under us because another tab upgraded the database. */
  storeClosed(): void {
    this.#autosave.storeClosed();
  }

  get pointLayers(): Layer[] {
    return this.exercise.layers.filter((l) => l.kind === 'point');
  }

  get polygonLayers(): Layer[] {
    return this.exercise.layers.filter((l) => l.kind === 'polygon');
  }

  removeLayer(layerId: string): void {
    this.imports.forgetLayer(layerId);
    const { analysis, thematic } = this.exercise;
    this.#update({
      layers: this.exercise.layers.filter((l) => l.id !== layerId),
      analysis: analysis && (analysis.pointLayerId === layerId || analysis.polygonLayerId === layerId) ? null : analysis,
      thematic: thematic?.layerId === layerId ? null : thematic,
    });
  }

  /**
   * The row order of a layer's attribute table sorted by a column, computed in the worker (sorting a
   * million rows takes seconds); null for the table's own order.
   */
  sortedRows(layer: Layer, order: SortOrder): Promise<Uint32Array | null> {
    if (!order) return Promise.resolve(null);
    return this.#worker.request('sortRows', { table: this.#worker.ref(layer.data), column: order.column, descending: order.descending });
  }

  /** A layer as a file to save: GeoJSON, CSV for Excel, or KML for Google マイマップ (see io/export-data.ts). */
  layerFile(layerId: string, format: 'geojson' | 'csv' | 'kml'): { text: string; type: string } {
    const layer = this.exercise.layers.find((l) => l.id === layerId);
    if (!layer) return { text: '', type: 'text/plain' };
    if (format === 'kml') {
      const { text, skipped } = toKmlText(layer.data, layer.name);
      if (skipped > 0) {
        this.#notify({ kind: 'warning', info: { code: 'rows-without-coordinates', ja: `${layer.name}: 位置のない ${skipped} 行は KML に入れていません。`, en: `${layer.name}: ${skipped} rows without a location are not in the KML.` } });
      }
      return { text, type: 'application/vnd.google-earth.kml+xml' };
    }
    return format === 'geojson' ? { text: toGeoJsonText(layer.data), type: 'application/geo+json' } : { text: toCsvText(layer.data), type: 'text/csv;charset=utf-8' };
  }

  /** Every layer of the map as one GeoPackage (for QGIS and the city's GIS), each with its 出典 as its description. */
  async geoPackageFile(): Promise<Blob> {
    const { bytes } = await this.#writeGeoPackage();
    return new Blob([bytes as BlobPart], { type: 'application/geopackage+sqlite3' });
  }

  /**
   * Every layer as a GeoPackage table, its 出典 as the table's description. (The writer, which can also
   * read GeoPackages and so brings the importers and proj4, is loaded when first asked: not with the page.)
   */
  async #writeGeoPackage() {
    const { writeGeoPackage } = await import('../io/geopackage');
    return writeGeoPackage(this.exercise.layers.map((l) => ({ name: l.name, description: l.attribution, data: l.data })));
  }

  /** The map for QGIS: a zip of `name.qgs` (the same classes and colours) and `name.gpkg` beside it. */
  async qgisPackageFile(baseName: string): Promise<Blob> {
    const exercise = this.exercise;
    const { bytes, tables } = await this.#writeGeoPackage();
    const project = qgisProjectOf(exercise, this.legend, this.categories, tables, `${baseName}.gpkg`, (layer) => layerColor(layer, exercise.layers));
    const { qgisPackage } = await import('../io/qgis-project');
    return new Blob([qgisPackage(project, bytes, `${baseName}.qgs`) as BlobPart], { type: 'application/zip' });
  }

  /**
   * Undoes one of the importer's own fixes by reading the layer's file again without it; the layer's
   * cleaning steps are applied again to the new reading.
   */
  async undoImportFix(layerId: string, fix: ImportFix): Promise<void> {
    if (fix.kind === 'merged-cells') return;
    const change: ImportOptions = fix.kind === 'header-row' ? { headerRow: 0 } : fix.kind === 'notes' ? { keepNotes: true } : { keepText: [fix.column] };
    let recipe = false;
    await this.#withBusy('loading', async () => {
      const fresh = await this.imports.reread(layerId, change);
      const layer = this.exercise.layers.find((l) => l.id === layerId);
      if (!fresh || !layer) return;
      recipe = layer.recipe !== undefined;
      this.#patchLayer(layerId, {
        data: fresh.data,
        kind: fresh.data.kind,
        importFixes: fresh.fixes,
        readability: fresh.readability,
        ...(layer.recipe ? { recipe: { ...layer.recipe, base: fresh.data } } : {}),
      });
    });
    if (recipe) await this.preparation.reapply(layerId);
  }

  /** Replaces one layer of the exercise with a changed copy. */
  #patchLayer(layerId: string, change: Partial<Layer>): void {
    this.#update({ layers: this.exercise.layers.map((l) => (l.id === layerId ? { ...l, ...change } : l)) });
  }

  /**
   * Changes the thematic style: kind, layer, column, method, classes, palette, manual breaks. With no
   * thematic style yet, `layerId` and `field` start one.
   */
  setThematic(change: Partial<ThematicStyle>): void {
    const current = this.exercise.thematic ?? (change.layerId && change.field ? thematicShowing(this.exercise, change.layerId, change.field) : null);
    if (!current) return;
    const next = { ...current, ...change };
    next.classCount = Math.max(MIN_CLASS_COUNT, Math.min(MAX_CLASS_COUNT, Math.round(next.classCount)));
    // Each kind has its own kind of palette; a palette of another kind falls back to the default.
    if (change.kind && change.kind !== current.kind && !change.palette) next.palette = undefined;
    this.#update({ thematic: next });
  }

  /** A browser-wide choice, not part of the exercise: it is about this office's network. */
  async setOnlineAllowed(allowed: boolean): Promise<void> {
    this.onlineAllowed = allowed;
    await this.#store.putSetting(ONLINE_MAPS_KEY, allowed);
  }

  setBaseMap(baseMap: 'city' | 'plain' | 'gsi' | 'pmtiles'): void {
    this.#update({ baseMap });
  }

  setLayerVisible(layerId: string, visible: boolean): void {
    this.#patchLayer(layerId, { visible });
  }

  /** Who may see a layer's data (データスペクトラム); undefined: not said. */
  setLayerDataLevel(layerId: string, dataLevel: DataLevel | undefined): void {
    this.#patchLayer(layerId, { dataLevel });
  }

  /** Marks the map as for internal use (written on it), or takes the mark off. */
  setInternalUse(internalUse: boolean): void {
    this.#update({ internalUse });
  }

  setLayerColor(layerId: string, color: string): void {
    this.#patchLayer(layerId, { color });
  }

  /** Point radius or line width in pixels (1–20). */
  setLayerSize(layerId: string, size: number): void {
    if (!Number.isFinite(size)) return;
    const clamped = Math.max(1, Math.min(20, size));
    this.#patchLayer(layerId, { size: clamped });
  }

  /** 出典 of a layer, shown in the legend and exports. */
  setLayerAttribution(layerId: string, attribution: string): void {
    this.#patchLayer(layerId, { attribution });
  }

  /** 作成者 and 作成日 shown on the finished map. */
  setCredits(change: { author?: string; madeOn?: string }): void {
    this.#update(change);
  }

  setTitle(title: string): void {
    this.#update({ title });
  }

  /** Panning and zooming is saved but is not an edit: undo skips it. */
  setView(view: MapView): void {
    this.#update({ view }, false);
  }

  undo(): void {
    this.#restore(this.#history.undo(this.exercise));
  }

  redo(): void {
    this.#restore(this.#history.redo(this.exercise));
  }

  #restore(version: Exercise | undefined): void {
    if (!version) return;
    // The view is not part of undo: the map stays where the user is looking.
    this.#write({ ...version, view: this.exercise.view });
    this.#syncHistoryDepth();
  }

  #syncHistoryDepth(): void {
    this.undoDepth = this.#history.undoDepth;
    this.redoDepth = this.#history.redoDepth;
  }

  /** Shows an error that happened outside the worker (e.g. a base map file that cannot be read). */
  reportError(error: unknown, fileName?: string): void {
    this.#notify({ kind: 'error', info: toErrorInfo(error, fileName) });
  }

  /** Shows a message from outside the map's own work (a work file's unknown fields, …). */
  inform(info: { code: string; ja: string; en: string }): void {
    this.#notify({ kind: 'info', info });
  }

  /** Takes every notice down (a new trainee starts on a shared PC). */
  clearNotices(): void {
    this.notices = [];
  }

  dismissNotice(notice: Notice): void {
    this.notices = this.notices.filter((n) => n !== notice);
  }

  /** Resolves once pending changes are written (before switching exercises, exporting…). */
  flush(): Promise<void> {
    return this.#autosave.flush();
  }

  /** Writes a pending change as the page goes away (see Autosave.saveOnExit). */
  saveOnExit(): void {
    this.#autosave.saveOnExit();
  }

  /** Applies an edit: kept for undo (unless `undoable` is false) and saved shortly after. */
  #update(change: Partial<Exercise>, undoable = true): void {
    if (undoable) {
      // The edit's kind is the fields it changes: a run of title keystrokes is one undo step. What an
      // action (a count, an import) changes is a step of its own, however soon after the last one it ends.
      const kind = Object.keys(change).sort().join() + (this.busy === 'idle' ? '' : `#${this.#actions}`);
      this.#history.record(this.exercise, kind);
      this.#syncHistoryDepth();
    }
    this.#write({ ...this.exercise, ...change });
  }

  #write(exercise: Exercise): void {
    this.exercise = { ...exercise, updatedAt: new Date().toISOString() };
    this.#autosave.changed();
  }

  async #withBusy(kind: 'loading' | 'counting', action: () => Promise<void>): Promise<void> {
    this.busy = kind;
    this.#actions++;
    try {
      await action();
    } catch (error) {
      const info = toErrorInfo(error);
      // Stopping on request is the user's choice, not a failure: said as information.
      this.#notify(info.code === 'cancelled' ? { kind: 'info', info } : { kind: 'error', info });
    } finally {
      this.busy = 'idle';
      this.imports.progress = null;
    }
  }

  #notify(notice: Notice): void {
    // The same message again (e.g. every autosave failing) is shown once.
    if (this.notices.some((n) => n.info.ja === notice.info.ja)) return;
    this.notices = [...this.notices, notice];
  }
}
