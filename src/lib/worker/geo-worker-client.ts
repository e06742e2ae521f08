import type { MeshSize } from '../geo/mesh';
import { UserInputError } from '../util/errors';
import type { ImportOptions, SourceFile } from '../io/types';
import type { CleaningStep } from '../cleaning/steps';
import type { LayerTable } from '../table/layer-table';
import type { RequestType, ResponseMessage, TableRef, WorkerRequests } from './messages';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void; onProgress?: (fraction: number) => void };

/**
 * Typed promise interface to the geo worker, which holds the layers' tables. Cancelling ends the worker
 * and starts a fresh one (which holds nothing until tables are sent again).
 */
export class GeoWorkerClient {
  #worker!: Worker;
  #nextId = 1;
  #pending = new Map<number, Pending>();
  /** How many workers have been started: a request that fails across a restart can tell. */
  #starts = 0;
  /** Table ids the worker holds now. */
  #held = new Set<string>();
  /**
   * Table objects alive on this page, per id: when the last one is collected, the worker is told to
   * forget the table (several objects can share an id: the same content read twice).
   */
  #alive = new Map<string, number>();
  #watched = new WeakSet<LayerTable>();
  #collected = new FinalizationRegistry<string>((id) => {
    const left = (this.#alive.get(id) ?? 1) - 1;
    if (left > 0) return void this.#alive.set(id, left);
    this.#alive.delete(id);
    if (this.#held.delete(id)) this.#worker.postMessage({ id: 0, type: 'forget', args: { ids: [id] } });
  });

  constructor() {
    this.#start();
  }

  #start(): void {
    this.#starts++;
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
      // A bug in the worker stays a bug here (shown as an internal error); bad input is the user's to fix.
      else pending.reject(data.bug ? new Error(data.error.en) : new UserInputError(data.error));
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

  /**
   * The bytes are copied, not transferred: the caller keeps them to re-import with the user's answers.
   * A reader that never finishes (a damaged file can send a library's parser round a loop for ever) is
   * stopped once the worker has given no sign of progress for `importTimeLimitMs`, as a cancel would.
   */
  async importFiles(files: readonly SourceFile[], options: Record<string, ImportOptions> = {}, onProgress?: (fraction: number) => void) {
    const copies = files.map((f) => ({ name: f.name, bytes: f.bytes.slice().buffer as ArrayBuffer }));
    const limit = importTimeLimitMs(copies.reduce((sum, c) => sum + c.bytes.byteLength, 0));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.#restart(importTimeoutError(files.map((f) => f.name), limit)), limit);
    };
    watch();
    try {
      const outcomes = await this.request('importFiles', { files: copies, options }, copies.map((c) => c.bytes), (fraction) => {
        watch();
        onProgress?.(fraction);
      });
      for (const outcome of outcomes) if (outcome.ok) outcome.result.layers.forEach((l) => this.#heldByWorker(l.data));
      return outcomes;
    } finally {
      clearTimeout(timer);
    }
  }

  async joinTable(target: LayerTable, targetKey: string, table: LayerTable, tableKey: string) {
    const joined = await this.request('joinTable', { target: this.ref(target), targetKey, table: this.ref(table), tableKey });
    this.#heldByWorker(joined.data);
    return joined;
  }

  async matchAddresses(table: LayerTable, column: string | string[], dictionaryUrl: string, defaultCity?: { prefecture: string; city: string }) {
    const matched = await this.request('matchAddresses', { table: this.ref(table), column, dictionaryUrl, ...(defaultCity ? { defaultCity } : {}) });
    this.#heldByWorker(matched.data);
    return matched;
  }

  async applyRecipe(base: LayerTable, steps: CleaningStep[], dictionaryUrl: string) {
    const applied = await this.request('applyRecipe', { base: this.ref(base), steps, dictionaryUrl });
    this.#heldByWorker(applied.data);
    return applied;
  }

  async bufferFeatures(layer: LayerTable, distanceM: number): Promise<LayerTable> {
    return this.#heldByWorker(await this.request('bufferFeatures', { layer: this.ref(layer), distanceM }));
  }

  hotSpots(polygons: LayerTable, field: string): Promise<{ z: number[]; withoutNeighbours: number }> {
    return this.request('hotSpots', { polygons: this.ref(polygons), field });
  }

  /** Points per grid square; empty squares only where they reach the `area` polygons, when given. */
  async countByMesh(points: LayerTable, size: MeshSize, area?: readonly LayerTable[]): Promise<{ data: LayerTable; outside: number }> {
    const counted = await this.request('countByMesh', { points: this.ref(points), size, ...(area ? { area: area.map((t) => this.ref(t)) } : {}) });
    this.#heldByWorker(counted.data);
    return counted;
  }

  async kernelDensity(points: LayerTable, bandwidthM: number): Promise<{ data: LayerTable; cellM: number; points: number }> {
    const surface = await this.request('kernelDensity', { points: this.ref(points), bandwidthM });
    this.#heldByWorker(surface.data);
    return surface;
  }

  /** The point table of a polygon table's graduated circles (see geo/anchors.ts), held by the worker. */
  async anchorTable(polygons: LayerTable): Promise<LayerTable> {
    return this.#heldByWorker(await this.request('anchorTable', { polygons: this.ref(polygons) }));
  }

  /** A vector tile of a table (table/point-tiles.ts, table/shape-tiles.ts); null where nothing of it shows. */
  tableTile(table: LayerTable, z: number, x: number, y: number, fields: string[]): Promise<ArrayBuffer | null> {
    return this.request('tableTile', { table: this.ref(table), z, x, y, fields });
  }

  /** Writes tables to IndexedDB from the worker (off the page's main thread). */
  storeTables(tables: readonly LayerTable[]): Promise<void> {
    return this.#acrossRestarts(() => this.request('storeTables', { tables: tables.map((t) => this.ref(t)) }));
  }

  /** Reads tables from IndexedDB in the worker, which keeps them; null where one is missing. */
  async loadTables(ids: readonly string[]): Promise<(LayerTable | null)[]> {
    const tables = await this.#acrossRestarts(() => this.request('loadTables', { ids: [...ids] }));
    tables.forEach((t) => t && this.#heldByWorker(t));
    return tables;
  }

  /**
   * Saving and reading are not what a cancel or a stuck import stops: when the worker is replaced while
   * one waits, it is asked again of the new worker (which is sent the tables themselves, see ref).
   */
  async #acrossRestarts<T>(request: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const started = this.#starts;
      try {
        return await request();
      } catch (error) {
        if (this.#starts === started || attempt === 3) throw error;
      }
    }
  }

  /** A table for a request: only its id when the worker holds it, else the table itself (copied). */
  ref(table: LayerTable): TableRef {
    this.#watch(table);
    if (this.#held.has(table.id)) return { id: table.id };
    this.#held.add(table.id);
    return { id: table.id, table };
  }

  /** A table the worker made and keeps (an import, a join, a buffer). */
  #heldByWorker(table: LayerTable): LayerTable {
    this.#watch(table);
    this.#held.add(table.id);
    return table;
  }

  #watch(table: LayerTable): void {
    if (this.#watched.has(table)) return;
    this.#watched.add(table);
    this.#alive.set(table.id, (this.#alive.get(table.id) ?? 0) + 1);
    this.#collected.register(table, table.id);
  }

  /** Stops whatever the worker is doing (a parse cannot be interrupted from inside) and starts anew. */
  cancel(): void {
    this.#restart(new UserInputError({ code: 'cancelled', ja: '読み込みを中止しました。', en: 'Loading was cancelled.' }));
  }

  #restart(reason: UserInputError): void {
    this.#worker.terminate();
    this.#held.clear(); // the new worker holds no tables
    this.#rejectAll(reason);
    this.#start();
  }

  #rejectAll(error: unknown): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/**
 * How long an import may go without a sign of progress: 30 s, and 2 s more per MB (a 27 MB workbook is
 * read in under 3 s, a 50 MB CSV reports progress as it goes), so only a reader that is stuck hits it.
 */
export function importTimeLimitMs(bytes: number): number {
  return 30_000 + Math.ceil(bytes / 1_000_000) * 2_000;
}

function importTimeoutError(names: readonly string[], limitMs: number): UserInputError {
  const seconds = Math.round(limitMs / 1000);
  return new UserInputError({
    code: 'import-timeout',
    fileName: names[0],
    ja: `${names.join('、')}: ${seconds} 秒たっても読み終わらないため中止しました。ファイルが壊れている可能性があります（Excel のファイルなら Excel で開いて保存し直すか、CSV で保存してください）。読み込み済みのデータはそのままです。`,
    en: `${names.join(', ')}: stopped after ${seconds} s without finishing. The file may be damaged (for an Excel file, open it in Excel and save it again, or save it as CSV). Data already loaded is kept.`,
  });
}
