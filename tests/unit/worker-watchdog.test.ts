import { afterEach, describe, expect, it, vi } from 'vitest';
import { GeoWorkerClient, importTimeLimitMs } from '../../src/lib/worker/geo-worker-client';
import { UserInputError } from '../../src/lib/util/errors';
import type { LayerTable } from '../../src/lib/table/layer-table';

/** A worker whose reader never answers (as SheetJS on some damaged .xls files), or answers when told. */
class StuckWorker {
  static made: StuckWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  posted: { id: number; type: string }[] = [];
  constructor() {
    StuckWorker.made.push(this);
  }
  postMessage(message: { id: number; type: string }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.onmessage?.({ data } as MessageEvent);
  }
}

describe('an import that never finishes', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    StuckWorker.made = [];
  });

  it('is stopped after the time limit with a message naming the file; a fresh worker takes over', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', StuckWorker);
    const client = new GeoWorkerClient();
    const bytes = new Uint8Array(17_000);
    const result = client.importFiles([{ name: '避難所一覧.xls', bytes }]).catch((error: unknown) => error);
    const limit = importTimeLimitMs(bytes.length);
    expect(limit).toBe(32_000);
    await vi.advanceTimersByTimeAsync(limit - 1);
    expect(StuckWorker.made[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await result) as UserInputError;
    expect(error).toBeInstanceOf(UserInputError);
    expect(error.info).toMatchObject({ code: 'import-timeout', fileName: '避難所一覧.xls' });
    expect(error.info.ja).toContain('避難所一覧.xls: 32 秒たっても読み終わらないため中止しました');
    expect(error.info.en).toContain('may be damaged');
    expect(StuckWorker.made.map((w) => w.terminated)).toEqual([true, false]);
  });

  it('a save waiting behind the stuck import is not lost: the new worker is asked, with the table itself', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', StuckWorker);
    const client = new GeoWorkerClient();
    const imported = client.importFiles([{ name: 'stuck.xls', bytes: new Uint8Array(10) }]).catch((error: unknown) => error);
    const table = { id: 'table-1' } as unknown as LayerTable;
    let saved = false;
    const save = client.storeTables([table]).then(() => (saved = true));
    await vi.advanceTimersByTimeAsync(importTimeLimitMs(10));
    expect(((await imported) as UserInputError).info.code).toBe('import-timeout');
    const fresh = StuckWorker.made[1]!;
    const resent = fresh.posted.find((m) => m.type === 'storeTables') as unknown as { id: number; args: { tables: { id: string; table?: unknown }[] } };
    expect(resent.args.tables).toEqual([{ id: 'table-1', table }]);
    expect(saved).toBe(false);
    fresh.answer({ id: resent.id, ok: true, result: undefined });
    await save;
    expect(saved).toBe(true);
  });

  it('progress keeps a long import alive, and a finished one leaves no timer behind', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('Worker', StuckWorker);
    const client = new GeoWorkerClient();
    const big = new Uint8Array(50_000_000);
    const limit = importTimeLimitMs(big.length);
    expect(limit).toBe(130_000);
    const done = client.importFiles([{ name: 'big.csv', bytes: big }]);
    const worker = StuckWorker.made[0]!;
    const id = worker.posted[0]!.id;
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(limit - 1000);
      worker.answer({ id, progress: i / 3 });
    }
    worker.answer({ id, ok: true, result: [] });
    await expect(done).resolves.toEqual([]);
    await vi.advanceTimersByTimeAsync(limit * 2);
    expect(worker.terminated).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });
});
