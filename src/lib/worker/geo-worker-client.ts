import { UserInputError } from '../util/errors';
import type { ImportOptions, SourceFile } from '../io/types';
import type { RequestType, ResponseMessage, WorkerRequests } from './messages';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void; onProgress?: (fraction: number) => void };

/** Typed promise interface to the geo worker. Cancelling ends the worker and starts a fresh one. */
export class GeoWorkerClient {
  #worker!: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending>();

  constructor() {
    this.#start();
  }

  #start(): void {
    this.#worker = new Worker(new URL('./geo.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<ResponseMessage>) => {
      const data = event.data;
      const pending = this.#pending.get(data.id);
      if (!pending) return;
      if ('progress' in data) {
        pending.onProgress?.(data.progress);
        return;
      }
      this.#pending.delete(data.id);
      if (data.ok) pending.resolve(data.result);
      else pending.reject(new UserInputError(data.error));
    };
    this.#worker.onerror = (event) => this.#rejectAll(new Error(`geo worker failed: ${event.message}`));
  }

  request<K extends RequestType>(
    type: K,
    args: WorkerRequests[K]['args'],
    transfer: Transferable[] = [],
    onProgress?: (fraction: number) => void,
  ): Promise<WorkerRequests[K]['result']> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      this.#worker.postMessage({ id, type, args }, transfer);
    });
  }

  /** The bytes are copied, not transferred: the caller keeps them to re-import with the user's answers. */
  importFiles(files: readonly SourceFile[], options: Record<string, ImportOptions> = {}, onProgress?: (fraction: number) => void) {
    const copies = files.map((f) => ({ name: f.name, bytes: f.bytes.slice().buffer as ArrayBuffer }));
    return this.request('importFiles', { files: copies, options }, copies.map((c) => c.bytes), onProgress);
  }

  /** Stops whatever the worker is doing (a parse cannot be interrupted from inside) and starts anew. */
  cancel(): void {
    this.#worker.terminate();
    this.#rejectAll(new UserInputError({ code: 'cancelled', ja: '読み込みを中止しました。', en: 'Loading was cancelled.' }));
    this.#start();
  }

  #rejectAll(error: unknown): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
