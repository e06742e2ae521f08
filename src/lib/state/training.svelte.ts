import { BUILT_IN_CURRICULA, loadBuiltInPackage } from '../curriculum/built-in';
import { packageSourceFile, readCurriculumZip, type CurriculumPackage, type PackageProblem, type PackageResult } from '../curriculum/package';
import { checkImcTask, checkMapTask, isQuizCorrect, triageFeedback, triagePassed, type CheckResult } from '../curriculum/checks';
import { allSteps, newProgress, type LessonProgress, type StepAnswer, type StepRecord } from '../curriculum/progress';
import type { Curriculum, LocalText, Step, TriageLevel } from '../curriculum/schema';
import type { ExerciseStore } from '../persistence/exercise-store';
import { toWorkFileText } from '../persistence/work-file';
import type { Workspace } from './workspace.svelte';
import { newId } from '../util/ids';
import { fileNameOf } from '../io/file-names';
import { newExercise, type Exercise } from '../model/exercise';
import type { ImcRow } from '../model/imc';

/**
 * The task whose exercise a step works in: a map or IMC task its own, a map task that `continues` the
 * previous map task's; undefined for steps that are not tasks.
 */
function exerciseOwner(curriculum: Curriculum, step: Step): Step | undefined {
  if (step.kind === 'imc-task') return step;
  if (step.kind !== 'map-task') return undefined;
  if (!step.continues) return step;
  const steps = allSteps(curriculum);
  const previous = steps.slice(0, steps.indexOf(step)).reverse().find((s) => s.kind === 'map-task');
  return previous ? exerciseOwner(curriculum, previous) : step;
}

/** The exercise a task was checked in before tasks had their own (progress saved by earlier releases). */
const taskExerciseOf = (record: StepRecord | undefined) => (record?.answer?.kind === 'task' ? record.answer.exerciseId : undefined);

/** A curriculum the trainee can start: shipped with the app, or a package an instructor loaded here. */
export interface CurriculumEntry {
  key: string;
  source: 'built-in' | 'imported';
  curriculum: Curriculum;
  load: () => Promise<PackageResult>;
}

const ACTIVE_PROGRESS_KEY = 'activeProgressId';

/**
 * The lesson runner: which curriculum a trainee follows, where they are, what they answered. Map and
 * IMC tasks are done in the workspace beside the lesson and checked against its exercise.
 */
export class Training {
  catalogue = $state.raw<CurriculumEntry[]>([]);
  progressList = $state.raw<LessonProgress[]>([]);
  /** The lesson being followed, with its package (files, answer keys). */
  active = $state.raw<{ progress: LessonProgress; pkg: CurriculumPackage } | null>(null);
  /** Messages of the last check of the current step, shown under it. */
  results = $state.raw<CheckResult[]>([]);
  /** Problems of a curriculum that failed to open (shown instead of the lesson). */
  problems = $state.raw<PackageProblem[]>([]);

  #store: ExerciseStore;
  #workspace: Workspace;

  constructor(store: ExerciseStore, workspace: Workspace) {
    this.#store = store;
    this.#workspace = workspace;
  }

  async init(): Promise<void> {
    const imported = (await this.#store.listPackages()).flatMap((stored): CurriculumEntry[] => {
      const result = readCurriculumZip(stored.fileName, stored.bytes);
      return result.ok ? [{ key: `imported:${stored.id}`, source: 'imported', curriculum: result.pkg.curriculum, load: async () => result }] : [];
    });
    const builtIn = BUILT_IN_CURRICULA.map(({ folder, curriculum }): CurriculumEntry => ({ key: `built-in:${folder}`, source: 'built-in', curriculum, load: () => loadBuiltInPackage(folder) }));
    this.catalogue = [...builtIn, ...imported];
    this.progressList = await this.#store.listProgress();
    const activeId = await this.#store.getSetting<string>(ACTIVE_PROGRESS_KEY);
    const active = this.progressList.find((p) => p.id === activeId);
    // On start-up the lesson reopens beside whatever exercise was open last.
    if (active) await this.resume(active.id, false);
  }

  /** Adds a package an instructor loaded to this browser's catalogue (replacing one with the same id). */
  async addPackage(fileName: string, bytes: Uint8Array, curriculum: Curriculum): Promise<void> {
    await this.#store.putPackage({ id: curriculum.id, fileName, importedAt: new Date().toISOString(), bytes });
    const result = readCurriculumZip(fileName, bytes);
    const entry: CurriculumEntry = { key: `imported:${curriculum.id}`, source: 'imported', curriculum, load: async () => result };
    this.catalogue = [...this.catalogue.filter((e) => e.key !== entry.key), entry];
  }

  /** The curriculum with this id, if this browser has it (built in or loaded). */
  curriculumById(id: string): CurriculumEntry | undefined {
    return this.catalogue.find((e) => e.curriculum.id === id);
  }

  /** A trainee's progress in a curriculum, if begun in this browser. */
  progressOf(trainee: string, curriculumId: string): LessonProgress | undefined {
    return this.progressList.find((p) => p.trainee === trainee.trim() && p.curriculumId === curriculumId);
  }

  /** Starts a curriculum, or resumes it if this trainee has begun it in this browser. */
  async start(entryKey: string, trainee: string): Promise<void> {
    const entry = this.catalogue.find((e) => e.key === entryKey);
    const name = trainee.trim();
    if (!entry || !name) return;
    const existing = this.progressOf(name, entry.curriculum.id);
    if (existing) return this.resume(existing.id);
    const pkg = await this.#load(entry);
    if (!pkg) return;
    // The lesson's own exercise (for steps that are not tasks): the trainee's other work, or the previous
    // trainee's on a shared PC, stays apart. Each task gets one of its own when reached.
    const exercise = newExercise(newId('ex'), new Date());
    const progress = newProgress(newId('progress'), name, pkg.curriculum, new Date(), exercise.id);
    this.#workspace.clearNotices();
    this.active = { progress, pkg };
    await this.#save(progress);
    await this.#openStepExercise(exercise);
  }

  /** Reopens a curriculum where the trainee was, with the exercise of that step (if `openExercise`). */
  async resume(progressId: string, openExercise = true): Promise<void> {
    const progress = this.progressList.find((p) => p.id === progressId);
    const entry = progress && this.curriculumById(progress.curriculumId);
    if (!progress || !entry) return;
    const pkg = await this.#load(entry);
    if (!pkg) return;
    if (openExercise) this.#workspace.clearNotices();
    this.active = { progress, pkg };
    await this.#store.putSetting(ACTIVE_PROGRESS_KEY, progress.id);
    if (openExercise) await this.#openStepExercise();
  }

  /**
   * Opens the exercise the current step works in. A map or IMC task has one of its own, made when first
   * reached and holding only the task's data, so one task's layers never fail another's check; a map task
   * gets the trainee's IMC rows (from the lesson's IMC tasks) so they can map their own row. Other steps
   * show the lesson's exercise.
   */
  #openStepExercise(fresh?: Exercise): Promise<void> {
    this.#opening++;
    this.openingStep = true;
    this.#entering = this.#entering.then(async () => {
      const progress = this.active?.progress;
      const step = this.step;
      if (!progress) return;
      // What the trainee just did is written first, so the exercise read back is the one on screen.
      await this.#workspace.flush();
      const owner = step && exerciseOwner(this.curriculum!, step);
      const isTask = owner !== undefined;
      const recorded = isTask ? (progress.taskExercises?.[owner.id] ?? taskExerciseOf(progress.steps[owner.id])) : progress.exerciseId;
      let exercise = fresh ?? (recorded ? await this.#store.getExercise(recorded) : undefined);
      if (!exercise) {
        exercise = newExercise(newId('ex'), new Date());
        if (!isTask) await this.#save({ ...progress, exerciseId: exercise.id });
      }
      if (isTask && progress.taskExercises?.[owner.id] !== exercise.id) {
        await this.#save({ ...this.active!.progress, taskExercises: { ...progress.taskExercises, [owner.id]: exercise.id } });
      }
      const imc = step?.kind === 'map-task' ? await this.#traineeImcRows(exercise) : exercise.imc;
      // Another task's map: its notices (warnings of its files, its results) are not about this one.
      if (exercise.id !== this.#workspace.exercise.id) this.#workspace.clearNotices();
      if (exercise.id !== this.#workspace.exercise.id || imc?.length !== exercise.imc?.length) await this.#workspace.switchTo({ ...exercise, imc });
    });
    // A failure is shown once and the chain stays usable for the next step.
    this.#entering = this.#entering
      .catch((error) => this.#workspace.reportError(error))
      .finally(() => {
        if (--this.#opening === 0) this.openingStep = false;
      });
    return this.#entering;
  }
  #entering: Promise<void> = Promise.resolve();
  #opening = 0;
  /**
   * A step's map is being opened (the previous one saved, this one read): the chart and the task's buttons
   * wait, or what the trainee did would land in the previous step's map.
   */
  openingStep = $state(false);

  /** The exercise's IMC rows, with the rows the trainee wrote in this curriculum's IMC tasks added. */
  async #traineeImcRows(exercise: Exercise): Promise<ImcRow[]> {
    const progress = this.active!.progress;
    const ids = allSteps(this.curriculum!).flatMap((s) => (s.kind === 'imc-task' && progress.taskExercises?.[s.id] ? [progress.taskExercises[s.id]!] : []));
    const written = (await Promise.all(ids.map((id) => this.#store.getExercise(id)))).flatMap((e) => e?.imc ?? []);
    const have = new Set((exercise.imc ?? []).map((r) => r.id));
    return [...(exercise.imc ?? []), ...written.filter((r) => !have.has(r.id))];
  }

  /** A curriculum's package, read and checked; its problems are shown when it cannot be opened. */
  async #load(entry: CurriculumEntry): Promise<CurriculumPackage | undefined> {
    const result = await entry.load();
    this.problems = result.ok ? [] : result.problems;
    this.results = [];
    return result.ok ? result.pkg : undefined;
  }

  /** Leaves the lesson (progress stays saved). */
  async leave(): Promise<void> {
    this.active = null;
    await this.#store.putSetting(ACTIVE_PROGRESS_KEY, null);
  }

  get curriculum(): Curriculum | undefined {
    return this.active?.pkg.curriculum;
  }

  get step(): Step | undefined {
    const position = this.active?.progress.position;
    return position && this.curriculum?.lessons[position.lesson]?.steps[position.step];
  }

  /**
   * The most open level the lesson's triage allows for the data a layer came from (the model answer of the
   * triage dataset naming its file), with that dataset's name; undefined outside a lesson or for other data.
   */
  openLimitOf(sourceFileName: string): { level: TriageLevel; name: LocalText } | undefined {
    for (const step of this.curriculum?.lessons.flatMap((l) => l.steps) ?? []) {
      if (step.kind !== 'triage') continue;
      const dataset = step.datasets.find((d) => d.files?.some((f) => fileNameOf(f) === sourceFileName));
      if (dataset) return { level: dataset.answer, name: dataset.name };
    }
    return undefined;
  }

  record(stepId: string): StepRecord | undefined {
    return this.active?.progress.steps[stepId];
  }

  goTo(lesson: number, step: number): void {
    const progress = this.active?.progress;
    if (!progress || !this.curriculum?.lessons[lesson]?.steps[step]) return;
    this.results = [];
    void this.#save({ ...progress, position: { lesson, step } }).then(() => this.#openStepExercise());
  }

  /** The next step, across lessons; from the last step it stays put (the summary shows instead). */
  next(): void {
    // Going on from a reading step means it was read.
    if (this.step?.kind === 'reading' && !this.record(this.step.id)?.done) this.markRead();
    const { lesson, step } = this.active?.progress.position ?? { lesson: 0, step: 0 };
    const lessons = this.curriculum?.lessons ?? [];
    if (step + 1 < (lessons[lesson]?.steps.length ?? 0)) this.goTo(lesson, step + 1);
    else if (lesson + 1 < lessons.length) this.goTo(lesson + 1, 0);
  }

  previous(): void {
    const { lesson, step } = this.active?.progress.position ?? { lesson: 0, step: 0 };
    if (step > 0) this.goTo(lesson, step - 1);
    else if (lesson > 0) this.goTo(lesson - 1, (this.curriculum?.lessons[lesson - 1]?.steps.length ?? 1) - 1);
  }

  /** A reading step is done once read. */
  markRead(): void {
    const step = this.step;
    if (step) this.#setRecord(step.id, { done: true });
  }

  answerQuiz(chosen: number[]): void {
    const step = this.step;
    if (step?.kind !== 'quiz' || chosen.length === 0) return;
    this.#setRecord(step.id, { done: true, passed: isQuizCorrect(step, chosen), answer: { kind: 'quiz', chosen: [...chosen] } });
  }

  submitTriage(choices: Record<string, TriageLevel>, notes: Record<string, string>): void {
    const step = this.step;
    if (step?.kind !== 'triage' || step.datasets.some((d) => !choices[d.id])) return;
    this.#setRecord(step.id, { done: true, passed: triagePassed(triageFeedback(step, choices, notes)), answer: { kind: 'triage', choices: { ...choices }, notes: { ...notes } } });
  }

  /** A decision counts when the asked number of options is chosen and the reasons are written. */
  submitDecision(chosen: string[], text: string): void {
    const step = this.step;
    if (step?.kind !== 'decision' || chosen.length !== step.pick || text.trim().length < step.justification.minLength) return;
    this.#setRecord(step.id, { done: true, answer: { kind: 'decision', chosen: [...chosen], text: text.trim() } });
  }

  submitText(text: string): void {
    const step = this.step;
    if (step?.kind !== 'reflection' || text.trim().length < (step.minLength ?? 1)) return;
    this.#setRecord(step.id, { done: true, answer: { kind: 'text', text: text.trim() } });
  }

  submitSurvey(answers: Record<string, number | string>): void {
    const step = this.step;
    if (step?.kind !== 'survey' || step.questions.some((q) => q.type === 'scale' && typeof answers[q.id] !== 'number')) return;
    this.#setRecord(step.id, { done: true, answer: { kind: 'survey', answers: { ...answers } } });
  }

  /** Loads the current map task's files onto the map (those not there yet). */
  async loadTaskData(): Promise<void> {
    // The step's own exercise must be open first, or the files would land in the previous step's map.
    await this.#entering;
    const step = this.step;
    const pkg = this.active?.pkg;
    if (step?.kind !== 'map-task' || !pkg) return;
    const sources = new Map(step.datasets.flatMap((path) => (pkg.sources.has(path) ? [[fileNameOf(path), pkg.sources.get(path)!] as const] : [])));
    await this.#workspace.imports.loadLessonData(step.datasets.map((path) => packageSourceFile(pkg, path)), sources);
  }

  /** Checks the current map or IMC task against the workspace's exercise; passing completes it. */
  async checkTask(): Promise<void> {
    await this.#entering;
    const step = this.step;
    const pkg = this.active?.pkg;
    if (!pkg || (step?.kind !== 'map-task' && step?.kind !== 'imc-task')) return;
    const exercise = this.#workspace.exercise;
    this.results = step.kind === 'map-task' ? checkMapTask(step, exercise, pkg) : checkImcTask(step, exercise);
    const passed = this.results.every((r) => r.passed);
    // A passed map is kept as it is (its tables are shared, not copied): the next step may go on with the
    // same map and change it, and the instructor should see the map this step passed with.
    const kept = passed && step.kind === 'map-task' ? `${exercise.id}-passed-${step.id}` : undefined;
    if (kept) await this.#store.putExercise({ ...exercise, id: kept, snapshotOf: step.id });
    // Judged afresh at every check: each task has its own exercise, so a later change is the trainee's own.
    this.#setRecord(step.id, {
      done: passed,
      passed,
      answer: { kind: 'task', exerciseId: exercise.id, ...(kept ? { passedExerciseId: kept } : {}), messages: this.results.map((r) => r.ja) },
    });
  }

  /**
   * The trainee's work file: their progress in every curriculum in this browser and the exercises their
   * tasks were done in, for the instructor (and as a backup).
   */
  async exportWork(trainee: string): Promise<string> {
    await this.#workspace.flush();
    const progress = this.progressList.filter((p) => p.trainee === trainee);
    const ids = new Set(progress.flatMap((p) => [...Object.values(p.taskExercises ?? {}), ...Object.values(p.steps).flatMap((r) => (r.answer?.kind === 'task' ? [r.answer.exerciseId, ...(r.answer.passedExerciseId ? [r.answer.passedExerciseId] : [])] : []))]));
    const exercises = (await Promise.all([...ids].map((id) => this.#store.getExercise(id)))).filter((e) => e !== undefined);
    return toWorkFileText(exercises, progress, new Date());
  }

  // Answers arrive from components' $state (proxies, which IndexedDB cannot clone): the methods above copy them.
  #setRecord(stepId: string, change: Omit<StepRecord, 'attempts'> & { answer?: StepAnswer }): void {
    const progress = this.active?.progress;
    if (!progress) return;
    const before = progress.steps[stepId];
    const record: StepRecord = { ...before, ...change, attempts: (before?.attempts ?? 0) + 1, completedAt: change.done ? (before?.completedAt ?? new Date().toISOString()) : before?.completedAt };
    void this.#save({ ...progress, steps: { ...progress.steps, [stepId]: record } });
  }

  async #save(progress: LessonProgress): Promise<void> {
    const saved = { ...progress, updatedAt: new Date().toISOString() };
    if (this.active) this.active = { ...this.active, progress: saved };
    this.progressList = [...this.progressList.filter((p) => p.id !== saved.id), saved];
    try {
      await this.#store.putProgress(saved);
      await this.#store.putSetting(ACTIVE_PROGRESS_KEY, saved.id);
    } catch (error) {
      // The answer stays on screen; the user is told at once that it is not saved.
      this.#workspace.reportError(error);
    }
  }
}
