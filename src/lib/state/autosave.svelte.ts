import type { Exercise } from '../model/exercise';
import { SaveConflictError, type ExerciseStore } from '../persistence/exercise-store';
import type { ErrorInfo } from '../util/errors';

export type SaveStatus = 'saved' | 'saving' | 'failed';

/** Autosave waits this long after the last change, so typing a title writes once, not per key. */
const SAVE_DELAY_MS = 300;
/** The setting that remembers which exercise to reopen. */
export const CURRENT_EXERCISE_KEY = 'currentExerciseId';

/**
 * Saves the exercise shortly after every change, one save after another, never over a newer version
 * that another tab saved, and never reporting a failed save as saved.
 */
export class Autosave {
  status = $state<SaveStatus>('saved');
  /**
   * Why this tab must not write any more (another tab upgraded the database, or saved this exercise
   * later): the work stays on screen and can be exported, but nothing newer is overwritten.
   */
  blocked = $state<null | 'upgraded' | 'conflict'>(null);

  #store: ExerciseStore;
  #current: () => Exercise;
  #report: (info: ErrorInfo) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Saves run one after another; each waits for the one before. */
  #saving: Promise<void> = Promise.resolve();
  /** updatedAt of the version last read from or written to the store (for conflict detection). */
  #savedVersion: string | undefined;

  constructor(store: ExerciseStore, current: () => Exercise, report: (info: ErrorInfo) => void) {
    this.#store = store;
    this.#current = current;
    this.#report = report;
  }

  /**
   * Starts saving `exercise` (just opened): stored if new, and remembered as the one to reopen. Its version
   * is taken at once and the first write joins the queue of saves: a save that starts meanwhile (a change, a
   * flush) must not compare the new exercise with the version of the one before, which the store would
   * take for another tab's newer work (seen when a lesson step changed right after an address match).
   */
  begin(exercise: Exercise): Promise<void> {
    this.#savedVersion = exercise.updatedAt;
    const stored = this.#saving.then(async () => {
      // Asked without reading the tables: an exercise just opened would be read (and sent from the worker) twice.
      if (!(await this.#store.hasExercise(exercise.id))) await this.#store.putExercise(exercise);
      await this.#store.putSetting(CURRENT_EXERCISE_KEY, exercise.id);
    });
    // The caller hears of a failure; the queue goes on for the saves after it.
    this.#saving = stored.catch(() => {});
    return stored;
  }

  /** The exercise changed: save it soon. */
  changed(): void {
    if (this.blocked) return;
    this.status = 'saving';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#save();
    }, SAVE_DELAY_MS);
  }

  /** Resolves once pending changes are written; used before switching exercises or leaving the page. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      await this.#save();
    }
    await this.#saving;
  }

  /**
   * The page is going away (reload, tab closed) with a change not yet written: write it now, starting
   * synchronously, as the page will not run the timer or an async save any more.
   */
  saveOnExit(): void {
    const snapshot = this.#current();
    if (this.blocked || snapshot.updatedAt === this.#savedVersion) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#store.putExerciseOnExit(snapshot);
  }

  /** The store closed under us because another tab upgraded the database. */
  storeClosed(): void {
    this.blocked = 'upgraded';
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #save(): Promise<void> {
    this.#saving = this.#saving.then(() => this.#saveNow());
    return this.#saving;
  }

  async #saveNow(): Promise<void> {
    const snapshot = this.#current();
    if (this.blocked) return;
    if (snapshot.updatedAt === this.#savedVersion) {
      // Already written (by an earlier save of this queue): nothing is pending unless a change is waiting.
      if (this.#timer === undefined) this.status = 'saved';
      return;
    }
    try {
      const started = performance.now();
      await this.#store.putExercise(snapshot, this.#savedVersion);
      // A User Timing entry per save, which the end-to-end benchmark reads (bench/e2e.ts).
      performance.measure('chizu-dojo:save', { start: started });
      this.#savedVersion = snapshot.updatedAt;
      await this.#store.putSetting(CURRENT_EXERCISE_KEY, snapshot.id);
      if (this.#current().updatedAt === snapshot.updatedAt) this.status = 'saved';
    } catch (error) {
      this.status = 'failed';
      if (error instanceof SaveConflictError) {
        this.blocked = 'conflict';
        this.#report({
          code: 'storage-failed',
          ja: 'この演習は別のタブで、より新しい内容が保存されています。上書きしないよう、このタブでの保存を止めました。再読み込みすると新しい内容が開きます（このタブの内容は「演習を書き出す」で残せます）。',
          en: "This exercise was saved with newer content in another tab. Saving in this tab has stopped so nothing is overwritten; reload to open the newer content (export this tab's exercise to keep it).",
        });
        return;
      }
      this.#report({
        code: 'storage-failed',
        ja: `作業内容をブラウザに保存できませんでした（${(error as Error).message}）。ディスクの空きを確かめ、「演習を書き出す」で作業をファイルに残してください。`,
        en: `Could not save your work in the browser (${(error as Error).message}). Check the free disk space and export the exercise to a file to keep your work.`,
      });
    }
  }
}
