import { UserInputError } from '../util/errors';
import type { RequestType, ResponseMessage, WorkerRequests } from './messages';

/** Typed promise interface to the geo worker; one worker for the app's lifetime. */
export class GeoWorkerClient {
  #worker: Worker;
  #nextId = 1;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();

  constructor() {
    this.#worker = new Worker(new URL('./geo.worker.ts', import.meta.url), { type: 'module' });
    this.#worker.onmessage = (event: MessageEvent<ResponseMessage>) => {
      const pending = this.#pending.get(event.data.id);
      if (!pending) return;
      this.#pending.delete(event.data.id);
      if (event.data.ok) pending.resolve(event.data.result);
      else pending.reject(new UserInputError(event.data.error));
    };
    this.#worker.onerror = (event) => {
      for (const pending of this.#pending.values()) pending.reject(new Error(`geo worker failed: ${event.message}`));
      this.#pending.clear();
    };
  }

  request<K extends RequestType>(type: K, args: WorkerRequests[K]['args'], transfer: Transferable[] = []): Promise<WorkerRequests[K]['result']> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ id, type, args }, transfer);
    });
  }

  importFile(fileName: string, bytes: ArrayBuffer) {
    return this.request('importFile', { fileName, bytes }, [bytes]);
  }

  countPointsInPolygons(args: WorkerRequests['countPointsInPolygons']['args']) {
    return this.request('countPointsInPolygons', args);
  }
}
