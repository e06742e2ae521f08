import { readCurriculumZip, type PackageResult } from '../curriculum/package';
import { summaryCsv, type LessonProgress } from '../curriculum/progress';
import type { Curriculum } from '../curriculum/schema';
import { parseWorkFile, unknownFieldsNotice } from '../persistence/work-file';
import type { Exercise } from '../model/exercise';
import { toErrorInfo, type ErrorInfo } from '../util/errors';
import type { Training } from './training.svelte';
import type { ExerciseStore } from '../persistence/exercise-store';

/** The class's work files as handed in, kept in this browser until the instructor clears them. */
const CLASS_KEY = 'instructorClass';
type KeptFile = { fileName: string; text: string };

/** One trainee's progress in one curriculum, from a work file they handed in. */
export interface Submission {
  fileName: string;
  progress: LessonProgress;
  /** The curriculum it follows, when this browser has it (built in, loaded, or the previewed package). */
  curriculum: Curriculum | undefined;
  /** The exercises the trainee's tasks were done in, by id. */
  exercises: Map<string, Exercise>;
}

/**
 * What an instructor does: check and preview a curriculum package, read many trainees' work files at
 * once, compare their progress and answers, export the summary. Nothing here changes trainees' data.
 */
export class Instructor {
  preview = $state.raw<{ fileName: string; bytes: Uint8Array; result: PackageResult } | null>(null);
  submissions = $state.raw<Submission[]>([]);
  fileErrors = $state.raw<ErrorInfo[]>([]);
  /** Work files read with fields this version does not know (left out, named). */
  fileNotes = $state.raw<{ code: string; ja: string; en: string }[]>([]);
  /** The part of the page shown: trainees' work, making lessons, or the city's setup. */
  tab = $state<'work' | 'author' | 'setup'>('work');

  #training: Training;
  #store: ExerciseStore;
  #kept: KeptFile[] = [];
  #loading: Promise<void> | undefined;

  constructor(training: Training, store: ExerciseStore) {
    this.#training = training;
    this.#store = store;
  }

  /**
   * Reloads the class kept from an earlier visit (a reload must not lose thirty work files), once, when
   * the instructor's page is first shown: start-up, which every trainee waits for, does not parse them.
   */
  init(): Promise<void> {
    return (this.#loading ??= (async () => {
      this.#kept = (await this.#store.getSetting<KeptFile[]>(CLASS_KEY)) ?? [];
      this.#read(this.#kept);
      this.fileErrors = [];
    })());
  }

  async openPackage(file: File): Promise<void> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.preview = { fileName: file.name, bytes, result: readCurriculumZip(file.name, bytes) };
  }

  /** Makes the previewed package available to trainees in this browser. */
  async publishPreview(): Promise<void> {
    const preview = this.preview;
    if (!preview?.result.ok) return;
    await this.#training.addPackage(preview.fileName, preview.bytes, preview.result.pkg.curriculum);
  }

  /** Reads trainees' work files; a bad file is reported by name and the others still load. */
  async importWorkFiles(files: readonly File[]): Promise<void> {
    await this.init();
    const texts = await Promise.all(files.map(async (file) => ({ fileName: file.name, text: await file.text() })));
    const good = this.#read(texts);
    // Kept by file name: a file handed in again replaces the older one.
    const names = new Set(good.map((f) => f.fileName));
    this.#kept = [...this.#kept.filter((f) => !names.has(f.fileName)), ...good];
    await this.#store.putSetting(CLASS_KEY, this.#kept);
  }

  /** Adds the submissions of these files; returns the files that could be read. */
  #read(files: readonly KeptFile[]): KeptFile[] {
    const errors: ErrorInfo[] = [];
    const notes: { code: string; ja: string; en: string }[] = [];
    const added: Submission[] = [];
    const good: KeptFile[] = [];
    for (const file of files) {
      try {
        const work = parseWorkFile(file.text, file.fileName);
        if (work.unknownFields) notes.push(unknownFieldsNotice(file.fileName, work.unknownFields));
        const exercises = new Map(work.exercises.map((e) => [e.id, e]));
        for (const progress of work.progress) added.push({ fileName: file.fileName, progress, curriculum: this.#curriculumOf(progress.curriculumId), exercises });
        good.push(file);
      } catch (error) {
        errors.push(toErrorInfo(error, file.fileName));
      }
    }
    // The same trainee's same curriculum handed in again replaces the older submission.
    const key = (s: Submission) => `${s.progress.trainee}\u0000${s.progress.curriculumId}`;
    const replaced = new Set(added.map(key));
    this.submissions = [...this.submissions.filter((s) => !replaced.has(key(s))), ...added].sort((a, b) => a.progress.trainee.localeCompare(b.progress.trainee, 'ja'));
    this.fileErrors = errors;
    this.fileNotes = notes;
    return good;
  }

  async clearSubmissions(): Promise<void> {
    await this.init();
    this.submissions = [];
    this.fileErrors = [];
    this.#kept = [];
    await this.#store.putSetting(CLASS_KEY, []);
  }

  /** The curricula of the submissions this browser knows, each with its trainees' progress. */
  get classes(): { curriculum: Curriculum; progresses: LessonProgress[] }[] {
    const byId = new Map<string, { curriculum: Curriculum; progresses: LessonProgress[] }>();
    for (const s of this.submissions) {
      if (!s.curriculum) continue;
      const entry = byId.get(s.curriculum.id) ?? { curriculum: s.curriculum, progresses: [] };
      entry.progresses.push(s.progress);
      byId.set(s.curriculum.id, entry);
    }
    return [...byId.values()];
  }

  summaryCsv(): string {
    return summaryCsv(this.submissions.flatMap((s) => (s.curriculum ? [{ progress: s.progress, curriculum: s.curriculum }] : [])));
  }

  #curriculumOf(id: string): Curriculum | undefined {
    const previewed = this.preview?.result.ok ? this.preview.result.pkg.curriculum : undefined;
    return previewed?.id === id ? previewed : this.#training.curriculumById(id)?.curriculum;
  }
}
