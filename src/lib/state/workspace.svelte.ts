import { aggregationColumnName, categoryClasses, thematicClasses, newExercise, type ThematicStyle, type Exercise, type Layer, type MapView } from '../model/exercise';
import type { Aggregation, PointFilter } from '../geo/aggregate';
import { buildRecipe, emptyImcRow, resolveLayer, workedExampleRows, type ImcLayerRef, type ImcRow } from '../model/imc';
import { normalizeValues, type Normalization } from '../geo/normalize';
import { findSampleFile, SAMPLE_FILES } from '../model/sample-data';
import { columnFromValues, withColumn as tableWithColumn } from '../table/layer-table';
import { MIN_CLASS_COUNT, MAX_CLASS_COUNT } from '../geo/classify';
import type { ExerciseStore } from '../persistence/exercise-store';
import { History } from './history';
import { Autosave, CURRENT_EXERCISE_KEY, type SaveStatus } from './autosave.svelte';
import type { GeoWorkerClient } from '../worker/geo-worker-client';
import type { ImportOptions, ImportQuestion, ImportResult, ImportWarning, SourceFile } from '../io/types';
import type { SourceOutcome } from '../io/import-files';
import { toErrorInfo, type ErrorInfo } from '../util/errors';
import { newId } from '../util/ids';
import { i18n } from '../i18n/i18n.svelte';

/** A message for the user: errors and warnings from imports, and reports of analyses (info). */
export type Notice =
  | { kind: 'error'; info: ErrorInfo }
  | { kind: 'warning'; info: ImportWarning }
  | { kind: 'info'; info: { code: string; ja: string; en: string } };

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

/** Whether a result must be shown to the user before its layers are added. */
export function needsReview(result: ImportResult, options: ImportOptions): boolean {
  return result.questions.some(
    (q) =>
      q.required ||
      (q.kind === 'choose-layers' && options.layerNames === undefined) ||
      (q.kind === 'encoding' && q.confidence === 'uncertain' && options.encoding === undefined),
  );
}

const ONLINE_MAPS_KEY = 'onlineMapsAllowed';


/**
 * The exercise being worked on and every action on it. The only layer that calls the worker and
 * persistence; components read its fields and call its methods.
 */
export class Workspace {
  exercise = $state.raw<Exercise>(newExercise('unsaved', new Date()));
  busy = $state<'idle' | 'loading' | 'counting'>('idle');
  reviews = $state.raw<ImportReview[]>([]);
  /** Whether the user allowed online maps (地理院タイル), the only requests outside the app's origin. */
  onlineAllowed = $state(false);
  /** Share of the running import done (0–1), or null when unknown. */
  progress = $state<number | null>(null);
  notices = $state<Notice[]>([]);
  /** How many steps undo and redo can go (the exercises themselves are kept in private stacks). */
  undoDepth = $state(0);
  redoDepth = $state(0);
  legend = $derived(thematicClasses(this.exercise));
  categories = $derived(categoryClasses(this.exercise));

  #store: ExerciseStore;
  #worker: GeoWorkerClient;
  /**
   * The files each loaded layer came from, kept for this session so its encoding can be changed later
   * (files are not stored: after a reload the user drops the file again).
   */
  #sourcesOfLayer = new Map<string, { files: SourceFile[]; sourceName: string; options: ImportOptions }>();
  #history = new History<Exercise>();
  #autosave: Autosave;

  constructor(store: ExerciseStore, worker: GeoWorkerClient) {
    this.#store = store;
    this.#worker = worker;
    this.#autosave = new Autosave(store, () => this.exercise, (info) => this.#notify({ kind: 'error', info }));
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
    this.#sourcesOfLayer.clear();
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

  async loadWorkedExample(baseUrl: string): Promise<void> {
    await this.#withBusy('loading', () => this.#loadSamples(baseUrl, SAMPLE_FILES.filter((s) => s.inWorkedExample).map((s) => s.fileName)));
  }

  /** Loads sample files (shipped with the app, same origin) that are not loaded yet. */
  async #loadSamples(baseUrl: string, fileNames: readonly string[]): Promise<void> {
    const files: SourceFile[] = [];
    for (const fileName of fileNames) {
      if (this.#isLoaded(fileName)) continue;
      const response = await fetch(`${baseUrl}sample-data/${fileName}`);
      if (!response.ok) throw new Error(`sample-data/${fileName}: HTTP ${response.status}`);
      files.push({ name: fileName, bytes: new Uint8Array(await response.arrayBuffer()) });
    }
    if (files.length > 0) await this.#import(files, {});
  }

  /** Loads a lesson's data files (from its curriculum package) that are not on the map yet. */
  async loadLessonData(files: readonly SourceFile[]): Promise<void> {
    const missing = files.filter((f) => !this.#isLoaded(f.name));
    if (missing.length > 0) await this.#withBusy('loading', () => this.#import(missing, {}));
  }

  #isLoaded(fileName: string): boolean {
    return this.exercise.layers.some((l) => l.sourceFileName === fileName);
  }

  // --- The spatial problem-solving chart (IMC) -------------------------------------------------------

  get imcRows(): ImcRow[] {
    return this.exercise.imc ?? [];
  }

  addImcRow(): void {
    this.#update({ imc: [...this.imcRows, emptyImcRow(newId('imc'))] });
  }

  /** Adds the two worked examples of the training as rows. */
  addWorkedExampleRows(): void {
    this.#update({ imc: [...this.imcRows, ...workedExampleRows(() => newId('imc'))] });
  }

  updateImcRow(id: string, change: Partial<ImcRow>): void {
    this.#update({ imc: this.imcRows.map((r) => (r.id === id ? { ...r, ...change } : r)) });
  }

  removeImcRow(id: string): void {
    this.#update({ imc: this.imcRows.filter((r) => r.id !== id) });
  }

  /**
   * Makes the map a row describes: loads its layers, runs its processing, sets the title. A row that
   * cannot be made says why (notice), and changes nothing.
   */
  async makeMapFromRow(id: string, baseUrl: string): Promise<void> {
    const row = this.imcRows.find((r) => r.id === id);
    if (!row) return;
    const { steps, missing } = buildRecipe(row);
    if (missing.length > 0) {
      this.#notify({ kind: 'info', info: { code: 'imc-incomplete', ja: missing.map((m) => m.ja).join(' '), en: missing.map((m) => m.en).join(' ') } });
      return;
    }
    const layerOf = (ref: ImcLayerRef) => resolveLayer(ref, this.exercise)?.id ?? '';
    for (const step of steps) {
      switch (step.kind) {
        case 'load':
          await this.#withBusy('loading', () => this.#loadSamples(baseUrl, [step.fileName]));
          break;
        case 'aggregate': {
          const aggregation: Aggregation = step.op === 'count' ? { op: 'count' } : { op: step.op, field: step.field! };
          await this.aggregate(layerOf(step.points), layerOf(step.polygons), aggregation, [], step.column);
          break;
        }
        case 'per-km2':
          this.normalize(layerOf(step.polygons), step.column, { kind: 'area-km2' });
          break;
        case 'ratio':
          this.normalize(layerOf(step.polygons), step.numerator, { kind: 'field', field: step.denominator, per: 1 });
          break;
        case 'nearest':
          await this.nearestDistance(layerOf(step.from), layerOf(step.to));
          break;
        case 'buffer-count': {
          await this.buffer(layerOf(step.around), step.distanceM);
          const buffered = this.exercise.layers.at(-1);
          if (buffered) await this.aggregate(layerOf(step.points), buffered.id, { op: 'count' }, [], '件数');
          break;
        }
        case 'coverage':
          await this.coverage(layerOf(step.target), layerOf(step.cover));
          break;
        case 'join':
          await this.join(layerOf(step.target), step.targetKey, layerOf(step.table), step.tableKey);
          break;
        case 'title':
          this.setTitle(step.title);
          break;
        case 'guide':
          this.#notify({ kind: 'info', info: { code: 'imc-guide', ja: step.ja, en: step.en } });
          break;
      }
    }
  }

  async importFiles(files: readonly File[]): Promise<void> {
    await this.#withBusy('loading', async () => {
      const sources = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      await this.#import(sources, {});
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
    await this.#withBusy('loading', async () => {
      const [outcome] = await this.#worker.importFiles(review.files, { [review.result.sourceName]: options });
      if (!outcome?.ok) {
        if (outcome) this.#notify({ kind: 'error', info: outcome.error });
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
    current.result.warnings.forEach((info) => this.#notify({ kind: 'warning', info }));
    const layers = this.#toLayers({ ok: true, result: current.result }, current.files, current.options);
    const replaced = current.replaces ?? [];
    if (replaced.length > 0 && replaced.length === layers.length) {
      // Same layers read again: keep their ids (so the analysis and style still point at them), name and 出典.
      const next = new Map(replaced.map((id, i) => [id, layers[i]!]));
      this.#update({
        layers: this.exercise.layers.map((l) => {
          const fresh = next.get(l.id);
          return fresh ? { ...fresh, id: l.id, name: l.name, attribution: l.attribution, visible: l.visible, color: l.color } : l;
        }),
      });
      replaced.forEach((id, i) => {
        // The re-read layers take the old ids, so their file is filed under those ids only.
        const source = this.#sourcesOfLayer.get(layers[i]!.id);
        this.#sourcesOfLayer.delete(layers[i]!.id);
        if (source) this.#sourcesOfLayer.set(id, source);
      });
    } else if (layers.length > 0) this.#update({ layers: [...this.exercise.layers, ...layers] });
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
    await this.#withBusy('loading', async () => {
      const [outcome] = await this.#worker.importFiles(source.files, { [source.sourceName]: source.options });
      if (!outcome?.ok) return;
      const layer = this.#layer(layerId);
      const encoding = layer?.encoding ?? 'utf-8';
      const questions = outcome.result.questions.some((q) => q.kind === 'encoding')
        ? outcome.result.questions
        : [...outcome.result.questions, { kind: 'encoding' as const, required: false as const, encoding, confidence: 'certain' as const }];
      this.reviews = [...this.reviews, { result: outcome.result, questions, files: source.files, options: { ...source.options, encoding }, replaces: siblings }];
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
        this.#notify({ kind: 'error', info: outcome.error });
        continue;
      }
      const sourceOptions = options[outcome.result.sourceName] ?? {};
      const sourceFiles = files.filter((f) => outcome.result.fileNames.includes(f.name));
      if (needsReview(outcome.result, sourceOptions)) {
        this.reviews = [...this.reviews, { result: outcome.result, questions: outcome.result.questions, files: sourceFiles, options: sourceOptions }];
        continue;
      }
      added.push(...this.#toLayers(outcome, sourceFiles, sourceOptions));
      outcome.result.warnings.forEach((info) => this.#notify({ kind: 'warning', info }));
    }
    if (added.length > 0) this.#update({ layers: [...this.exercise.layers, ...added] });
  }

  #toLayers(outcome: Extract<SourceOutcome, { ok: true }>, files: SourceFile[], options: ImportOptions): Layer[] {
    const sample = findSampleFile(outcome.result.sourceName);
    const source = { files, sourceName: outcome.result.sourceName, options };
    const layers: Layer[] = outcome.result.layers.map((imported) => ({
      id: newId('layer'),
      name: sample ? sample.layerName[i18n.locale] : imported.name,
      kind: imported.data.kind,
      sourceFileName: outcome.result.sourceName,
      attribution: sample?.attribution ?? '',
      data: imported.data,
      ...(imported.encoding ? { encoding: imported.encoding } : {}),
      ...(imported.crsLabel ? { crsLabel: imported.crsLabel } : {}),
      ...(imported.schema ? { schema: imported.schema } : {}),
    }));
    for (const layer of layers) if (layer.encoding) this.#sourcesOfLayer.set(layer.id, source);
    return layers;
  }

  removeLayer(layerId: string): void {
    this.#sourcesOfLayer.delete(layerId);
    const { analysis, thematic } = this.exercise;
    this.#update({
      layers: this.exercise.layers.filter((l) => l.id !== layerId),
      analysis: analysis && (analysis.pointLayerId === layerId || analysis.polygonLayerId === layerId) ? null : analysis,
      thematic: thematic?.layerId === layerId ? null : thematic,
    });
  }

  /** Counts the points of one layer per polygon of another, in the worker; the result becomes a column. */
  countPointsInPolygons(pointLayerId: string, polygonLayerId: string): Promise<void> {
    return this.aggregate(pointLayerId, polygonLayerId, { op: 'count' }, []);
  }

  /**
   * Aggregates points into polygons in the worker (count, sum, mean, max; with filters). The result
   * becomes a column of the polygon layer, and the map shows it.
   */
  async aggregate(pointLayerId: string, polygonLayerId: string, aggregation: Aggregation, filters: PointFilter[], columnName?: string): Promise<void> {
    const points = this.#layer(pointLayerId), polygons = this.#layer(polygonLayerId);
    if (!points || !polygons) return;
    const field = columnName?.trim() || aggregationColumnName(aggregation, filters.length > 0);
    await this.#withBusy('counting', async () => {
      // Only the tables' ids cross to the worker, which holds the tables (and their index) already.
      const result = await this.#worker.request('aggregatePointsInPolygons', {
        points: this.#worker.ref(points.data),
        polygons: this.#worker.ref(polygons.data),
        aggregation,
        filters,
      });
      this.#update({
        layers: this.#layersWithColumn(polygons, field, result.values),
        analysis: {
          pointLayerId,
          polygonLayerId,
          field,
          aggregation,
          filters,
          counted: result.used,
          outside: result.outside,
          withoutGeometry: result.withoutGeometry,
          onSharedBoundary: result.onSharedBoundary,
          filteredOut: result.filteredOut,
        },
        thematic: this.#thematicShowing(polygonLayerId, field),
      });
    });
  }

  /** Adds a column value ÷ area (per km²) or ÷ another column (per 1,000) and maps it. */
  normalize(layerId: string, field: string, by: Normalization): void {
    const layer = this.#layer(layerId);
    if (!layer) return;
    const name =
      by.kind === 'area-km2' ? `${field}（1km²あたり）` : by.per === 1000 ? `${field}（${by.field}千あたり）` : by.per === 100 ? `${field}／${by.field}（%）` : `${field}／${by.field}`;
    const values = normalizeValues(layer.data, field, by);
    this.#update({
      layers: this.#layersWithColumn(layer, name, values),
      thematic: this.#thematicShowing(layerId, name),
    });
  }

  /** Joins a table layer to a polygon layer by key columns; reports unmatched keys on both sides. */
  async join(targetId: string, targetKey: string, tableId: string, tableKey: string): Promise<void> {
    const target = this.#layer(targetId), table = this.#layer(tableId);
    if (!target || !table) return;
    await this.#withBusy('counting', async () => {
      const { data, report } = await this.#worker.joinTable(target.data, targetKey, table.data, tableKey);
      this.#patchLayer(targetId, { data });
      const list = (keys: string[]) => (keys.length === 0 ? '—' : keys.slice(0, 20).join(', ') + (keys.length > 20 ? ` …(${keys.length})` : ''));
      this.#notify({
        kind: 'info',
        info: {
          code: 'join-report',
          ja: `結合：${target.name} ${target.data.rowCount} 件のうち ${report.matched} 件が一致。表になかったキー：${list(report.unmatchedTargetKeys)}。使われなかった表のキー：${list(report.unmatchedTableKeys)}${report.duplicateTableKeys.length ? `。表で重複したキー（先の行を使用）：${list(report.duplicateTableKeys)}` : ''}`,
          en: `Join: ${report.matched} of ${target.data.rowCount} features of ${target.name} matched. Keys missing from the table: ${list(report.unmatchedTargetKeys)}. Table keys not used: ${list(report.unmatchedTableKeys)}${report.duplicateTableKeys.length ? `. Duplicate table keys (first row used): ${list(report.duplicateTableKeys)}` : ''}`,
        },
      });
    });
  }

  /** A new polygon layer: everything within `distanceM` metres of a layer's features. */
  async buffer(layerId: string, distanceM: number): Promise<void> {
    const layer = this.#layer(layerId);
    if (!layer || !(distanceM > 0)) return;
    await this.#withBusy('counting', async () => {
      const data = await this.#worker.bufferFeatures(layer.data, distanceM);
      const buffered: Layer = { id: newId('layer'), name: `${layer.name}（${distanceM}m圏）`, kind: 'polygon', sourceFileName: layer.sourceFileName, attribution: layer.attribution, data };
      this.#update({ layers: [...this.exercise.layers, buffered] });
    });
  }

  /** Adds the share (%) of each polygon's area covered by another polygon layer, and maps it. */
  async coverage(targetId: string, coverageId: string): Promise<void> {
    const target = this.#layer(targetId), cover = this.#layer(coverageId);
    if (!target || !cover) return;
    await this.#withBusy('counting', async () => {
      const shares = await this.#worker.request('coveredShare', { target: this.#worker.ref(target.data), coverage: this.#worker.ref(cover.data) });
      const field = `${cover.name}_被覆率(%)`;
      this.#update({
        layers: this.#layersWithColumn(target, field, shares.map((s) => (s === null ? null : Math.round(s * 1000) / 10))),
        thematic: this.#thematicShowing(targetId, field),
      });
    });
  }

  /** Adds each feature's distance (m) to the nearest feature of another layer; mapped if polygons. */
  async nearestDistance(fromId: string, toId: string): Promise<void> {
    const from = this.#layer(fromId), to = this.#layer(toId);
    if (!from || !to) return;
    await this.#withBusy('counting', async () => {
      const distances = await this.#worker.request('nearestDistancesM', { from: this.#worker.ref(from.data), to: this.#worker.ref(to.data) });
      const field = `${to.name}までの距離(m)`;
      const rounded = distances.map((d) => (d === null ? null : Math.round(d)));
      this.#update({
        layers: this.#layersWithColumn(from, field, rounded),
        ...(from.kind === 'polygon' ? { thematic: this.#thematicShowing(fromId, field) } : {}),
      });
    });
  }

  #layer(id: string): Layer | undefined {
    return this.exercise.layers.find((l) => l.id === id);
  }

  /** The thematic style moved to a new result column: the user's kind, method and palette are kept. */
  #thematicShowing(layerId: string, field: string): ThematicStyle {
    return { method: 'quantile', classCount: 5, ...this.exercise.thematic, layerId, field, manualBreaks: undefined };
  }

  /** The exercise's layers with one column set on `layer` (a result of analysis). */
  #layersWithColumn(layer: Layer, field: string, values: readonly (number | null)[]): Layer[] {
    return this.exercise.layers.map((l) => (l.id === layer.id ? withColumn(layer, field, values) : l));
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
    const current = this.exercise.thematic ?? (change.layerId && change.field ? this.#thematicShowing(change.layerId, change.field) : null);
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
      // The edit's kind is the fields it changes: a run of title keystrokes is one undo step.
      this.#history.record(this.exercise, Object.keys(change).sort().join());
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
    try {
      await action();
    } catch (error) {
      this.#notify({ kind: 'error', info: toErrorInfo(error) });
    } finally {
      this.busy = 'idle';
      this.progress = null;
    }
  }

  #notify(notice: Notice): void {
    // The same message again (e.g. every autosave failing) is shown once.
    if (this.notices.some((n) => n.info.ja === notice.info.ja)) return;
    this.notices = [...this.notices, notice];
  }
}

/** A copy of the layer with one column set from per-row values (added, or replaced if it exists); the other columns are shared. */
function withColumn(layer: Layer, field: string, values: readonly (number | null)[]): Layer {
  return { ...layer, data: tableWithColumn(layer.data, columnFromValues(field, values)) };
}
