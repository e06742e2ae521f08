import type { Training } from '../../state/training.svelte';
import { WORK_FILE_EXTENSION } from '../../state/library.svelte';
import { downloadBlob, safeFileName } from '../download';

/** Saves a trainee's work file (名前.chizudojo.json) to hand in: from the lessons page and from まとめ. */
export async function downloadWorkFile(training: Training, trainee: string): Promise<void> {
  const text = await training.exportWork(trainee);
  downloadBlob(new Blob([text], { type: 'application/json' }), `${safeFileName(trainee, 'trainee')}${WORK_FILE_EXTENSION}`);
}
