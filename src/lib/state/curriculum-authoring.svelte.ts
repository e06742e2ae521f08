import { strToU8, zipSync } from 'fflate';
import { BUILT_IN_CURRICULA, loadBuiltInPackage } from '../curriculum/built-in';
import { CURRICULUM_FILE, readCurriculumPackage, readCurriculumZip, SOURCES_FILE, type CurriculumPackage, type DatasetSource, type PackageProblem } from '../curriculum/package';
import { asPackaged, datasetPath, freeStepId, newCurriculum, newStep, recordAnswer, trialsHold, trialsOf, withPostSurveyLikePre, type Trial } from '../curriculum/authoring';
import type { Curriculum, MapTaskStep, Step } from '../curriculum/schema';
import { newExercise, type Exercise, type Layer } from '../model/exercise';
import { catalogue } from '../model/setup-catalogue';
import type { ExerciseStore } from '../persistence/exercise-store';
import { featuresOf } from '../table/geojson-table';
import { baseName, fileNameOf } from '../io/file-names';
import { newId } from '../util/ids';
import type { Training } from './training.svelte';
import type { Workspace } from './workspace.svelte';

const DRAFT_KEY = 'curriculumDraft';

/** What the editor shows of a map task after its answer was recorded. */
export interface Recorded {
  trials: Trial[];
  notes: { ja: string; en: string }[];
  /** The exercise the answer was made in (the instructor's map, kept in their exercises). */
  exerciseId: string;
}

/**
 * 教材をつくる: an instructor builds a curriculum in the app. The draft is edited in forms (bound to this
 * state), kept in this browser, checked as the trainee's app will read it, previewed as a trainee,
 * exported as a package zip and made available to trainees here. A map task is made by doing it: its
 * answer map is made in the ordinary workshop, and "この地図を正解にする" records its data, checks and answer
 * keys, then tries the checks on that map and on maps that must fail.
 */
export class CurriculumAuthoring {
  /** The curriculum being edited: bound by the editor's forms, so deep state. */
  draft = $state<Curriculum | null>(null);
  /** Package files by path (task data, answer keys). */
  files = $state.raw<Map<string, Uint8Array>>(new Map());
  /** Problems of the draft as the package check sees them (empty: it can be exported and used). */
  problems = $state.raw<PackageProblem[]>([]);
  /** The map task whose answer map is being made in the workshop. */
  recording = $state.raw<{ stepId: string } | null>(null);
  recorded = $state.raw<Record<string, Recorded>>({});
  /** The step shown in the editor (kept while the instructor makes a map in the workshop). */
  selected = $state<{ lesson: number; step: number }>({ lesson: 0, step: 0 });
  /** The polygon column that keys the answer of each map task (chosen by the instructor). */
  keyFields = $state<Record<string, string>>({});

  #store: ExerciseStore;
  #workspace: Workspace;
  #training: Training;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(store: ExerciseStore, workspace: Workspace, training: Training) {
    this.#store = store;
    this.#workspace = workspace;
    this.#training = training;
  }

  /** Reopens the draft kept from the last visit. */
  async init(): Promise<void> {
    if (this.draft) return;
    const kept = await this.#store.getSetting<{ curriculum: Curriculum; files: [string, Uint8Array][]; recorded?: Record<string, Recorded> }>(DRAFT_KEY);
    if (kept?.curriculum) {
      this.#open(kept.curriculum, new Map(kept.files));
      this.recorded = kept.recorded ?? {};
    }
  }

  get builtIn() {
    return BUILT_IN_CURRICULA;
  }

  create(level: Curriculum['level']): void {
    this.#open(newCurriculum(`${catalogue.current.id === 'none' ? 'city' : catalogue.current.id}-${newId('c').slice(2)}`.toLowerCase().replace(/[^a-z0-9-]/g, '-'), level), new Map());
    this.changed();
  }

  /** Opens a package zip for editing; its problems are listed when it cannot be read. */
  async openZip(file: File): Promise<void> {
    const result = readCurriculumZip(file.name, new Uint8Array(await file.arrayBuffer()));
    if (!result.ok) {
      this.problems = result.problems;
      return;
    }
    this.#open(result.pkg.curriculum, result.pkg.files);
    this.changed();
  }

  /** A copy of a built-in curriculum to adapt (a new id, so trainees' progress in the original stays apart). */
  async copyBuiltIn(folder: string): Promise<void> {
    const result = await loadBuiltInPackage(folder);
    if (!result.ok) {
      this.problems = result.problems;
      return;
    }
    const curriculum = structuredClone(result.pkg.curriculum);
    curriculum.id = `${curriculum.id}-copy`;
    curriculum.title = { ja: `${curriculum.title.ja}（コピー）`, ...(curriculum.title.en ? { en: `${curriculum.title.en} (copy)` } : {}) };
    this.#open(curriculum, result.pkg.files);
    this.changed();
  }

  close(): void {
    this.draft = null;
    this.files = new Map();
    this.problems = [];
    this.recorded = {};
    void this.#store.putSetting(DRAFT_KEY, null);
  }

  #open(curriculum: Curriculum, files: Map<string, Uint8Array>): void {
    this.draft = curriculum;
    this.files = files;
    this.recorded = {};
  }

  /** Call after every edit: the draft is checked and kept (a moment later, not at every keystroke). */
  changed(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => void this.save(), 300);
  }

  /** The draft as a plain curriculum (the post-survey asks what the pre-survey asks). */
  snapshot(): Curriculum | null {
    return this.draft && withPostSurveyLikePre($state.snapshot(this.draft) as Curriculum);
  }

  /**
   * Checks and keeps the draft now: as the trainees' app will read it, and each map task with an answer
   * map by trying its checks on that map (must pass) and on maps that must fail. A task whose checks do not
   * judge is a problem: the lesson cannot be exported or used until it is mended.
   */
  async save(): Promise<CurriculumPackage | undefined> {
    clearTimeout(this.#saveTimer);
    const curriculum = this.snapshot();
    if (!curriculum) return undefined;
    const result = readCurriculumPackage(this.#entries(curriculum));
    const problems = result.ok ? [] : [...result.problems];
    if (result.ok) {
      const recorded: Record<string, Recorded> = {};
      for (const step of allMapTasks(curriculum)) {
        const kept = this.recorded[step.id];
        const answer = kept && (await this.#store.getExercise(kept.exerciseId));
        if (!kept || !answer) continue;
        const trials = trialsOf(step, result.pkg, asPackaged(answer, datasetOfStep(step)));
        recorded[step.id] = { ...kept, trials };
        if (!trialsHold(trials)) problems.push({ where: step.id, ja: `「${step.title.ja}」の答え合わせが正しく判定していません（表の赤い行）。答え合わせを直すか、正解の地図を作り直してください`, en: `the checks of "${step.title.en ?? step.title.ja}" do not judge right (red rows of the table): mend them or make the answer map again` });
      }
      this.recorded = recorded;
    }
    this.problems = problems;
    await this.#store.putSetting(DRAFT_KEY, { curriculum, files: [...this.files], recorded: $state.snapshot(this.recorded) }).catch((error) => this.#workspace.reportError(error));
    return problems.length === 0 && result.ok ? result.pkg : undefined;
  }

  #entries(curriculum: Curriculum): { path: string; bytes: Uint8Array }[] {
    // Only the files the curriculum still names (as a field or a Markdown link) travel with it.
    const named = JSON.stringify(curriculum);
    const files = [...this.files].filter(([path]) => path !== SOURCES_FILE && named.includes(path)).map(([path, bytes]) => ({ path, bytes }));
    const sources = Object.fromEntries(Object.entries(this.#sources(this.files)).filter(([path]) => files.some((f) => f.path === path)));
    return [
      { path: CURRICULUM_FILE, bytes: strToU8(JSON.stringify(curriculum, null, 2)) },
      ...files,
      ...(Object.keys(sources).length > 0 ? [{ path: SOURCES_FILE, bytes: strToU8(JSON.stringify(sources, null, 2)) }] : []),
    ];
  }

  addLesson(): void {
    const draft = this.draft!;
    // Before the closing lesson (the post-survey) when there is one.
    const at = draft.lessons.findIndex((l) => l.steps.some((s) => s.kind === 'survey' && s.phase === 'post'));
    const ids = new Set(draft.lessons.map((l) => l.id));
    let n = draft.lessons.length;
    while (ids.has(`lesson-${n}`)) n++;
    draft.lessons.splice(at === -1 ? draft.lessons.length : at, 0, { id: `lesson-${n}`, title: { ja: `レッスン ${n}` }, steps: [newStep('reading', freeStepId(draft, 'reading'))] });
    this.changed();
  }

  removeLesson(index: number): void {
    this.draft!.lessons.splice(index, 1);
    this.changed();
  }

  addStep(lesson: number, kind: Step['kind']): void {
    const draft = this.draft!;
    draft.lessons[lesson]!.steps.push(newStep(kind, freeStepId(draft, kind === 'imc-task' ? 'imc' : kind === 'map-task' ? 'map' : kind)));
    this.changed();
  }

  removeStep(lesson: number, step: number): void {
    this.draft!.lessons[lesson]!.steps.splice(step, 1);
    this.changed();
  }

  moveStep(lesson: number, step: number, by: -1 | 1): void {
    const steps = this.draft!.lessons[lesson]!.steps;
    const to = step + by;
    if (to < 0 || to >= steps.length) return;
    [steps[step], steps[to]] = [steps[to]!, steps[step]!];
    this.changed();
  }

  /** Starts making a map task's answer map: a new map in the workshop, with nothing on it. */
  async startRecording(stepId: string): Promise<void> {
    const step = this.#mapTask(stepId);
    if (!step) return;
    await this.#workspace.switchTo({ ...newExercise(newId('ex'), new Date()), title: '' });
    this.recording = { stepId };
  }

  cancelRecording(): void {
    this.recording = null;
  }

  /**
   * "この地図を正解にする": the map in the workshop becomes the task's answer. Its layers' files become the
   * task's data (a layer whose file is gone, e.g. after a reload, goes as GeoJSON), the checks are
   * proposed from what the map shows, and they are tried at once.
   */
  async recordCurrentMap(): Promise<void> {
    const stepId = this.recording?.stepId;
    const step = stepId && this.#mapTask(stepId);
    if (!step) return;
    await this.#workspace.flush();
    const exercise = this.#workspace.exercise;
    const files = new Map(this.files);
    const pathOfSource = new Map<string, string>();
    for (const layer of exercise.layers) {
      if (pathOfSource.has(layer.sourceFileName)) continue;
      const originals = await this.#originalsOf(exercise, layer.sourceFileName);
      let path: string;
      if (originals?.length === 1) {
        path = datasetPath(originals[0]!.name, false);
        files.set(path, originals[0]!.bytes);
      } else if (originals && originals.length > 1) {
        // A shapefile's parts go as one zip, which the importer reads like the parts.
        path = `data/${baseName(layer.sourceFileName)}.zip`;
        files.set(path, zipSync(Object.fromEntries(originals.map((f) => [f.name, f.bytes]))));
      } else {
        path = datasetPath(layer.sourceFileName, true);
        files.set(path, strToU8(JSON.stringify(featuresOf(firstLayerOf(exercise, layer.sourceFileName).data))));
      }
      pathOfSource.set(layer.sourceFileName, path);
    }
    const datasetOf = (layer: Layer) => pathOfSource.get(layer.sourceFileName);
    const answer = recordAnswer(exercise, datasetOf, { stepId, keyField: this.keyFields[stepId] });
    for (const [path, text] of answer.answerKeys) files.set(path, strToU8(text));
    // Each file brings its name and 出典 as the answer map has them, whatever the trainee's city setup.
    const sources = { ...this.#sources(files) };
    for (const dataset of answer.datasets) {
      const layer = firstLayerOf(exercise, dataset.sourceFileName);
      if (layer.attribution.trim()) sources[dataset.path] = { name: { ja: layer.name }, attribution: layer.attribution.trim() };
    }
    files.set(SOURCES_FILE, strToU8(JSON.stringify(sources, null, 2)));
    this.files = files;
    step.datasets = answer.datasets.map((d) => d.path);
    step.checks = answer.checks;
    this.recording = null;
    this.recorded = { ...this.recorded, [stepId]: { trials: [], notes: answer.notes, exerciseId: exercise.id } };
    await this.save();
  }

  /** Tries a map task's checks again (after the instructor edited them) on its recorded answer map. */
  async retry(): Promise<void> {
    await this.save();
  }

  #sources(files: ReadonlyMap<string, Uint8Array>): Record<string, DatasetSource> {
    const bytes = files.get(SOURCES_FILE);
    return bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, DatasetSource>) : {};
  }

  async #originalsOf(exercise: Exercise, sourceFileName: string) {
    for (const layer of exercise.layers.filter((l) => l.sourceFileName === sourceFileName)) {
      const files = await this.#workspace.imports.originalFiles(layer.id);
      if (files) return files;
    }
    return undefined;
  }

  #mapTask(stepId: string): MapTaskStep | undefined {
    return this.draft ? allMapTasks(this.draft).find((s) => s.id === stepId) : undefined;
  }

  /** The package as a zip (the format of curricula/README.md), or undefined while it has problems. */
  async exportZip(): Promise<Uint8Array | undefined> {
    const pkg = await this.save();
    if (!pkg) return undefined;
    return zipSync(Object.fromEntries(this.#entries(pkg.curriculum).map((e) => [e.path, e.bytes])));
  }

  /** Makes the draft available to trainees in this browser. */
  async publish(): Promise<boolean> {
    const zip = await this.exportZip();
    if (!zip) return false;
    await this.#training.addPackage(`${this.draft!.id}.zip`, zip, this.snapshot()!);
    return true;
  }

  /** Opens the draft as a trainee would, under the name （プレビュー） (it is added to this browser's lessons). */
  async preview(): Promise<boolean> {
    if (!(await this.publish())) return false;
    await this.#training.start(`imported:${this.draft!.id}`, PREVIEW_TRAINEE);
    return true;
  }
}

export const PREVIEW_TRAINEE = '（プレビュー）';

/** The package file a layer of a task's answer map came from: the dataset of the same file name (or stem, for GeoJSON copies). */
const datasetOfStep = (step: MapTaskStep) => (layer: Layer) =>
  step.datasets.find((p) => fileNameOf(p) === layer.sourceFileName) ?? step.datasets.find((p) => baseName(p) === baseName(layer.sourceFileName));

const allMapTasks = (curriculum: Curriculum) => curriculum.lessons.flatMap((l) => l.steps).filter((s): s is MapTaskStep => s.kind === 'map-task');
const firstLayerOf = (exercise: Exercise, sourceFileName: string) => exercise.layers.find((l) => l.sourceFileName === sourceFileName)!;
