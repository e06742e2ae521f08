import type { Exercise, Layer } from '../model/exercise';
import type { ImportWarning } from '../io/types';
import type { ErrorInfo } from '../util/errors';

/** A message for the user: errors and warnings from imports, and reports of analyses (info). */
/** Something to tell the user; `source` names the file it is about, so the notices of one file show together. */
export type Notice = (
  | { kind: 'error'; info: ErrorInfo }
  | { kind: 'warning'; info: ImportWarning }
  | { kind: 'info'; info: { code: string; ja: string; en: string } }
) & { source?: string };

/**
 * What the parts of the workspace (imports, analyses, IMC recipes) may do to the exercise: read it,
 * apply an edit (kept for undo and saved), tell the user, and show that work is running.
 */
export interface ExerciseEditor {
  readonly exercise: Exercise;
  update(change: Partial<Exercise>, undoable?: boolean): void;
  /** update() of one layer: it is replaced by a changed copy. */
  patchLayer(layerId: string, change: Partial<Layer>): void;
  notify(notice: Notice): void;
  withBusy(kind: 'loading' | 'counting', action: () => Promise<void>): Promise<void>;
}
