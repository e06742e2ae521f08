import { newExercise, type Exercise } from '../model/exercise';
import { parseWorkFile, toWorkFileText, unknownFieldsNotice, type WorkFile } from '../persistence/work-file';

export { WORK_FILE_EXTENSION } from '../persistence/work-file';
import type { ExerciseStore, ExerciseSummary } from '../persistence/exercise-store';
import { toErrorInfo, type ErrorInfo } from '../util/errors';
import { newId } from '../util/ids';
import type { Workspace } from './workspace.svelte';

const LAST_EXPORT_KEY = 'lastExportAt';
/** A backup is suggested when work changed and the last export is older than this. */
const BACKUP_REMINDER_DAYS = 7;

/**
 * The saved exercises: list, open, rename, duplicate, delete (with undo), and export/import as one
 * file. Imports are checked completely and written in one transaction, so a bad file changes nothing.
 */
export class Library {
  items = $state.raw<ExerciseSummary[]>([]);
  /** The exercise deleted last, until it is restored or another is deleted. */
  lastDeleted = $state.raw<Exercise | null>(null);
  /** An import waiting for the user's answer: its exercises' ids already exist here. */
  pendingImport = $state.raw<{ fileName: string; work: WorkFile; collisions: string[] } | null>(null);
  importError = $state.raw<ErrorInfo | null>(null);
  importedCount = $state<number | null>(null);
  lastExportAt = $state<string | null>(null);

  #store: ExerciseStore;
  #workspace: Workspace;
  #onProgressImported: () => Promise<void>;

  constructor(store: ExerciseStore, workspace: Workspace, onProgressImported: () => Promise<void>) {
    this.#store = store;
    this.#workspace = workspace;
    this.#onProgressImported = onProgressImported;
  }

  async refresh(): Promise<void> {
    await this.#workspace.flush();
    // Titles and sizes only: listing never reads the layers' tables.
    this.items = (await this.#store.listSummaries()).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    this.lastExportAt = (await this.#store.getSetting<string>(LAST_EXPORT_KEY)) ?? null;
  }

  /** Whether to remind the user to export a backup: there is work, and no recent export since it changed. */
  get backupDue(): boolean {
    const latest = this.items.find((i) => i.layerCount > 0)?.updatedAt;
    if (!latest) return false;
    if (!this.lastExportAt) return true;
    return latest > this.lastExportAt && Date.now() - Date.parse(this.lastExportAt) > BACKUP_REMINDER_DAYS * 86_400_000;
  }

  async open(id: string): Promise<void> {
    const exercise = await this.#store.getExercise(id);
    if (exercise) await this.#workspace.switchTo(exercise);
    await this.refresh();
  }

  async create(): Promise<void> {
    await this.#workspace.switchTo(newExercise(newId('ex'), new Date()));
    await this.refresh();
  }

  async rename(id: string, title: string): Promise<void> {
    if (id === this.#workspace.exercise.id) this.#workspace.setTitle(title);
    else {
      const exercise = await this.#store.getExercise(id);
      if (exercise) await this.#store.putExercise({ ...exercise, title, updatedAt: new Date().toISOString() });
    }
    await this.refresh();
  }

  async duplicate(id: string): Promise<void> {
    await this.#workspace.flush();
    const exercise = await this.#store.getExercise(id);
    if (!exercise) return;
    const now = new Date().toISOString();
    await this.#store.putExercise({ ...exercise, id: newId('ex'), title: `${exercise.title || '無題'}（コピー）`, createdAt: now, updatedAt: now });
    await this.refresh();
  }

  /** Deletes an exercise; it can be restored with undoDelete until another is deleted. */
  async remove(id: string): Promise<void> {
    await this.#workspace.flush();
    const exercise = await this.#store.getExercise(id);
    if (!exercise) return;
    await this.#store.deleteExercise(id);
    this.lastDeleted = exercise;
    if (id === this.#workspace.exercise.id) {
      // The list is newest first: open the most recent of the others.
      const nextId = this.items.find((i) => i.id !== id)?.id;
      const next = nextId ? await this.#store.getExercise(nextId) : undefined;
      await this.#workspace.switchTo(next ?? newExercise(newId('ex'), new Date()));
    }
    await this.refresh();
  }

  async undoDelete(): Promise<void> {
    const exercise = this.lastDeleted;
    if (!exercise) return;
    await this.#store.putExercise(exercise);
    this.lastDeleted = null;
    await this.refresh();
  }

  /** One exercise, or all of them with all lesson progress, as a work file's text. */
  async exportText(id: string | 'all'): Promise<string> {
    await this.#workspace.flush();
    const exercises = id === 'all' ? await this.#store.listExercises() : [await this.#store.getExercise(id)].filter((e) => e !== undefined);
    const progress = id === 'all' ? await this.#store.listProgress() : [];
    const now = new Date();
    await this.#store.putSetting(LAST_EXPORT_KEY, now.toISOString());
    this.lastExportAt = now.toISOString();
    return toWorkFileText(exercises, progress, now);
  }

  /** Reads a work file; if some of its exercises exist here, asks first (pendingImport). */
  async importFile(file: File): Promise<void> {
    this.importError = null;
    this.importedCount = null;
    let work: WorkFile;
    try {
      work = parseWorkFile(await file.text(), file.name);
    } catch (error) {
      this.importError = toErrorInfo(error, file.name);
      return;
    }
    if (work.unknownFields) this.#workspace.inform(unknownFieldsNotice(file.name, work.unknownFields));
    const existing = new Set(this.items.map((i) => i.id));
    const collisions = work.exercises.filter((e) => existing.has(e.id)).map((e) => e.id);
    if (collisions.length > 0) this.pendingImport = { fileName: file.name, work, collisions };
    else await this.#commit(file.name, work, 'overwrite');
  }

  /** The user's answer to an import whose exercises exist: replace them, keep both, or stop. */
  async resolveImport(choice: 'overwrite' | 'copy' | 'cancel'): Promise<void> {
    const pending = this.pendingImport;
    this.pendingImport = null;
    if (!pending || choice === 'cancel') return;
    await this.#commit(pending.fileName, pending.work, choice);
  }

  async #commit(fileName: string, work: WorkFile, mode: 'overwrite' | 'copy'): Promise<void> {
    await this.#workspace.flush();
    const existing = new Set(this.items.map((i) => i.id));
    const exercises = work.exercises.map((e) => (mode === 'copy' && existing.has(e.id) ? { ...e, id: newId('ex'), title: `${e.title || '無題'}（読み込み）` } : e));
    try {
      await this.#store.putAll(exercises, work.progress);
    } catch (error) {
      this.importError = toErrorInfo(error, fileName);
      return;
    }
    const current = exercises.find((e) => e.id === this.#workspace.exercise.id);
    // The open exercise was replaced by the file's: show the file's version.
    if (current) await this.#workspace.switchTo(current);
    this.importedCount = exercises.length;
    if (work.progress.length > 0) await this.#onProgressImported();
    await this.refresh();
  }
}
