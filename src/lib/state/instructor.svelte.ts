import { readCurriculumZip, type PackageResult } from '../curriculum/package';
import { summaryCsv, type LessonProgress } from '../curriculum/progress';
import type { Curriculum } from '../curriculum/schema';
import { parseWorkFile } from '../persistence/work-file';
import type { Exercise } from '../model/exercise';
import { toErrorInfo, type ErrorInfo } from '../util/errors';
import type { Training } from './training.svelte';

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

  #training: Training;

  constructor(training: Training) {
    this.#training = training;
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
    const errors: ErrorInfo[] = [];
    const added: Submission[] = [];
    for (const file of files) {
      try {
        const work = parseWorkFile(await file.text(), file.name);
        const exercises = new Map(work.exercises.map((e) => [e.id, e]));
        for (const progress of work.progress) added.push({ fileName: file.name, progress, curriculum: this.#curriculumOf(progress.curriculumId), exercises });
      } catch (error) {
        errors.push(toErrorInfo(error, file.name));
      }
    }
    // The same trainee's same curriculum handed in again replaces the older submission.
    const key = (s: Submission) => `${s.progress.trainee}\u0000${s.progress.curriculumId}`;
    const replaced = new Set(added.map(key));
    this.submissions = [...this.submissions.filter((s) => !replaced.has(key(s))), ...added].sort((a, b) => a.progress.trainee.localeCompare(b.progress.trainee, 'ja'));
    this.fileErrors = errors;
  }

  clearSubmissions(): void {
    this.submissions = [];
    this.fileErrors = [];
  }

  summaryCsv(): string {
    return summaryCsv(this.submissions.flatMap((s) => (s.curriculum ? [{ progress: s.progress, curriculum: s.curriculum }] : [])));
  }

  #curriculumOf(id: string): Curriculum | undefined {
    const previewed = this.preview?.result.ok ? this.preview.result.pkg.curriculum : undefined;
    return previewed?.id === id ? previewed : this.#training.curriculumById(id)?.curriculum;
  }
}
