import { UserInputError } from '../util/errors';
import type { ImportOptions, SourceFile } from '../io/types';
import type { AnyFeatureCollection } from '../geo/types';
import type { LayerRef, RequestType, ResponseMessage, WorkerRequests } from './messages';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void; onProgress?: (fraction: number) => void };

/** Typed promise interface to the geo worker. Cancelling ends the worker and starts a fresh one. */
export class GeoWorkerClient {
  #worker!: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  // Which layer data objects the worker holds (see LayerRef). Layers are immutable, so an object's
  // identity is its version; when the main thread drops one, the worker is told to forget it.
  #keys = new WeakMap<object, string>();
  #held = new Set<string>();
  #nextKey = 1;
  #forgotten = new FinalizationRegistry<string>((key) => {
    if (this.#held.delete(key)) this.#worker.postMessage({ id: 0, type: 'forget', args: { keys: [key] } });
  });

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

  /** A layer for a request: its data the first time, only its key after that. */
  layerRef(data: AnyFeatureCollection): LayerRef {
    let key = this.#keys.get(data);
    if (!key) {
      key = `layer${this.#nextKey++}`;
      this.#keys.set(data, key);
      this.#forgotten.register(data, key);
    }
    if (this.#held.has(key)) return { key };
    this.#held.add(key);
    return { key, data };
  }

  /** Stops whatever the worker is doing (a parse cannot be interrupted from inside) and starts anew. */
  cancel(): void {
    this.#worker.terminate();
    this.#held.clear(); // the new worker holds no layers
    this.#rejectAll(new UserInputError({ code: 'cancelled', ja: '読み込みを中止しました。', en: 'Loading was cancelled.' }));
    this.#start();
  }

  #rejectAll(error: unknown): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
