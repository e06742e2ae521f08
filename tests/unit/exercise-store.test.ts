import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { numberColumn, withColumn, type LayerTable } from '../../src/lib/table/layer-table';
import { readTables, writeTables } from '../../src/lib/persistence/table-store';
import { openExerciseStore, SaveConflictError, DATABASE_VERSION } from '../../src/lib/persistence/exercise-store';
import { EXERCISE_SCHEMA_VERSION, newExercise, type Exercise } from '../../src/lib/model/exercise';
import { importGeoJson } from '../../src/lib/io/geojson';
import { parseWorkFile, toWorkFileText } from '../../src/lib/persistence/work-file';
import { newProgress } from '../../src/lib/curriculum/progress';
import { memoryStore } from '../../src/lib/persistence/memory-store';
import { Workspace } from '../../src/lib/state/workspace.svelte';
import type { GeoWorkerClient } from '../../src/lib/worker/geo-worker-client';

// Every test starts from an empty browser database.
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const districts = () => {
  const bytes = new Uint8Array(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url)));
  return importGeoJson(bytes, 'd.geojson').layers[0]!.data;
};
const exercise = (id: string, updatedAt = '2026-11-22T00:00:00.000Z'): Exercise => ({
  ...newExercise(id, new Date('2026-11-22T00:00:00Z')),
  updatedAt,
  title: '小学校区別不審者出没状況図',
  layers: [{ id: 'l1', name: '小学校区', kind: 'polygon', sourceFileName: 'd.geojson', attribution: '国土数値情報', data: districts() }],
  view: { center: [140.1, 36.1], zoom: 11 },
});

/** Builds a database of an old version from a fixture file, as that version of the app left it. */
async function createOldDatabase(fixture: string): Promise<void> {
  const { version, stores } = JSON.parse(readFileSync(new URL(`../fixtures/db/${fixture}`, import.meta.url), 'utf8'));
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('chizu-dojo', version);
    request.onupgradeneeded = () => {
      const db = request.result;
      // The stores that version had: settings are keyed out of line, every other store by id.
      for (const name of Object.keys(stores)) db.createObjectStore(name, name === 'settings' ? {} : { keyPath: 'id' });
      for (const [name, records] of Object.entries(stores) as [string, unknown[]][]) {
        for (const record of records) {
          if (name === 'settings') request.transaction!.objectStore(name).put((record as [string, unknown])[1], (record as [string, unknown])[0]);
          else request.transaction!.objectStore(name).put(record);
        }
      }
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

describe('exercise store (IndexedDB)', () => {
  it('stores an exercise with its layers and gives back an equal one', async () => {
    const store = await openExerciseStore();
    await store.putExercise(exercise('ex-1'));
    await store.putSetting('currentExerciseId', 'ex-1');
    const reopened = await openExerciseStore();
    expect(await reopened.getExercise('ex-1')).toEqual(exercise('ex-1'));
    expect(await reopened.getSetting('currentExerciseId')).toBe('ex-1');
    expect((await reopened.listExercises()).map((e) => e.id)).toEqual(['ex-1']);
    expect([await reopened.hasExercise('ex-1'), await reopened.hasExercise('ex-2')]).toEqual([true, false]);
  });

  it('with the worker writing and reading the tables (table-store.ts), the exercise comes back equal and a title edit writes no table', async () => {
    const written: string[] = [];
    const tableIO = {
      write: async (tables: readonly LayerTable[]) => {
        written.push(...tables.map((t) => t.id));
        await writeTables(tables);
      },
      read: async (ids: readonly string[]) => (await readTables(ids)).map((t) => t ?? null),
    };
    const store = await openExerciseStore({}, tableIO);
    const first = exercise('ex-1');
    await store.putExercise(first);
    expect(written).toEqual([first.layers[0]!.data.id]);
    await store.putExercise({ ...first, title: '題だけ変える', updatedAt: '2026-11-22T00:00:01.000Z' });
    expect(written).toHaveLength(1);
    const reopened = await openExerciseStore({}, tableIO);
    expect(await reopened.getExercise('ex-1')).toEqual({ ...first, title: '題だけ変える', updatedAt: '2026-11-22T00:00:01.000Z' });
    // A table the worker did not write (a worker restarted meanwhile) is written by the page in the
    // record's own transaction: the record never names a table that is not there.
    const missed = { ...first.layers[0]!, data: withColumn(first.layers[0]!.data, numberColumn('x', new Array(first.layers[0]!.data.rowCount).fill(0))) };
    const forgetful = await openExerciseStore({}, { ...tableIO, write: async () => {} });
    await forgetful.putExercise({ ...first, layers: [missed], updatedAt: '2026-11-22T00:00:02.000Z' });
    expect((await reopened.getExercise('ex-1'))!.layers[0]!.data).toEqual(missed.data);
  });

  it('upgrades a version-1 database: exercises migrated, settings kept, new stores there', async () => {
    await createOldDatabase('chizu-dojo-v1.json');
    const store = await openExerciseStore();
    const migrated = await store.getExercise('ex-v1');
    expect(migrated).toMatchObject({ schemaVersion: EXERCISE_SCHEMA_VERSION, baseMap: 'city', imc: [], thematic: { kind: 'choropleth', field: '件数', method: 'quantile' } });
    expect(featuresOf(migrated!.layers[0]!.data).features.map((f) => f.properties?.件数)).toEqual([3, 5]);
    expect(migrated!.title).toBe('小学校区別不審者出没状況図');
    expect(await store.getSetting('currentExerciseId')).toBe('ex-v1');
    expect(await store.listProgress()).toEqual([]);
    expect(DATABASE_VERSION).toBe(3);
  });

  it('upgrades a version-2 database: each layer\'s GeoJSON becomes a table of its own, nothing lost', async () => {
    await createOldDatabase('chizu-dojo-v2.json');
    const { stores } = JSON.parse(readFileSync(new URL('../fixtures/db/chizu-dojo-v2.json', import.meta.url), 'utf8'));
    const store = await openExerciseStore();
    const migrated = (await store.getExercise('ex-v2'))!;
    // Every feature, attribute, null and missing geometry as the v2 record held them.
    migrated.layers.forEach((layer, i) => expect(featuresOf(layer.data)).toEqual(stores.exercises[0].layers[i].data));
    expect(migrated.layers.map((l) => [l.data.kind, l.data.rowCount])).toEqual([['polygon', 2], ['point', 3]]);
    expect(migrated.analysis).toEqual(stores.exercises[0].analysis);
    expect(await store.listProgress()).toEqual(stores.progress);
    expect(await store.getSetting('currentExerciseId')).toBe('ex-v2');
    expect(await store.listSummaries()).toEqual([{ id: 'ex-v2', title: '小学校区別不審者出没状況図', updatedAt: '2026-11-28T02:00:00.000Z', layerCount: 2 }]);
  });

  it('writes a layer\'s table once: a title edit writes the small record only, and unused tables are deleted', async () => {
    const store = await openExerciseStore();
    const first = exercise('ex-1');
    await store.putExercise(first);
    const tablePuts: string[] = [];
    const recordSizes: number[] = [];
    const counted = { ...first.layers[0]!, data: withColumn(first.layers[0]!.data, numberColumn('件数', new Array(first.layers[0]!.data.rowCount).fill(1))) };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'tables') tablePuts.push((value as { id: string }).id);
      if (this.name === 'exercises') recordSizes.push(JSON.stringify(value).length);
      return put.call(this, value, key);
    };
    try {
      await store.putExercise({ ...first, title: '新しい題', updatedAt: '2026-11-22T00:00:01.000Z' });
      expect(tablePuts).toEqual([]);
      expect(recordSizes[0]).toBeLessThan(10_000);
      // A counted column makes a new table: it is written, and the old one (used by no exercise) goes.
      await store.putExercise({ ...first, layers: [counted], updatedAt: '2026-11-22T00:00:02.000Z' });
      expect(tablePuts).toEqual([counted.data.id]);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    const tx = indexedDB.open('chizu-dojo');
    const db = await new Promise<IDBDatabase>((resolve) => (tx.onsuccess = () => resolve(tx.result)));
    const keys = await new Promise<IDBValidKey[]>((resolve) => {
      const request = db.transaction('tables').objectStore('tables').getAllKeys();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    expect(keys).toEqual([counted.data.id]);
    expect((await store.getExercise('ex-1'))!.layers[0]!.data.columns.at(-1)!.name).toBe('件数');
  });

  it('refuses to overwrite an exercise another tab saved later', async () => {
    const tabA = await openExerciseStore();
    const tabB = await openExerciseStore();
    await tabA.putExercise(exercise('ex-1', '2026-11-22T01:00:00.000Z'));
    await tabB.putExercise({ ...exercise('ex-1', '2026-11-22T02:00:00.000Z'), title: 'B の新しい題' }, '2026-11-22T01:00:00.000Z');
    // Tab A still thinks the stored version is 01:00: its write must not replace B's.
    await expect(tabA.putExercise({ ...exercise('ex-1', '2026-11-22T01:30:00.000Z'), title: 'A の古い題' }, '2026-11-22T01:00:00.000Z')).rejects.toBeInstanceOf(SaveConflictError);
    expect((await tabA.getExercise('ex-1'))!.title).toBe('B の新しい題');
  });

  it('writes an import in one transaction: a bad record means nothing is written', async () => {
    const store = await openExerciseStore();
    await store.putExercise(exercise('kept'));
    const before = JSON.stringify(await store.listExercises());
    const broken = { ...exercise('x'), id: undefined } as unknown as Exercise;
    await expect(store.putAll([exercise('new-1'), broken], [])).rejects.toThrow();
    expect(JSON.stringify(await store.listExercises()) === before).toBe(true);
  });
});

describe('work files (export/import)', () => {
  it('round-trips exercises and progress losslessly', async () => {
    const progress = newProgress('p1', '山田', { id: 'c', version: '1', level: '2', title: { ja: 'Ⅱ' } } as never, new Date('2026-11-22T00:00:00Z'));
    progress.steps['q'] = { done: true, passed: true, attempts: 2, answer: { kind: 'quiz', chosen: [1, 3] } };
    const text = toWorkFileText([exercise('ex-1')], [progress], new Date());
    const back = parseWorkFile(text, 'work.chizudojo.json');
    expect(back.exercises).toEqual([exercise('ex-1')]);
    expect(back.progress).toEqual([progress]);
  });

  it('migrates old exercises and refuses newer or damaged files with a message naming the file', () => {
    const v1 = JSON.parse(readFileSync(new URL('../fixtures/db/chizu-dojo-v1.json', import.meta.url), 'utf8')).stores.exercises[0];
    const file = { format: 'chizu-dojo-work', version: 1, exportedAt: '', exercises: [v1], progress: [] };
    expect(parseWorkFile(JSON.stringify(file), 'old.json').exercises[0]).toMatchObject({ schemaVersion: 2, imc: [] });
    expect(() => parseWorkFile(JSON.stringify({ ...file, version: 2 }), 'new.json')).toThrow(/new\.json: written by a newer Chizu Dojo \(format 2\)/);
    expect(() => parseWorkFile(JSON.stringify({ ...file, exercises: [{ ...v1, schemaVersion: 9 }] }), 'n.json')).toThrow(/newer Chizu Dojo/);
    expect(() => parseWorkFile('{"format":"chizu-dojo-work","version":1,"exportedAt":"","exercises":[{"id":1}],"progress":[]}', 'bad.json')).toThrow(/bad\.json: the file is damaged \(exercises\.0\./);
    expect(() => parseWorkFile('<html>', 'page.html')).toThrow(/page\.html: not a Chizu Dojo work file/);
  });

  it('refuses a hand-in whose settings or shapes the map cannot use, naming where, instead of breaking the page later', () => {
    const good = JSON.parse(toWorkFileText([{ ...exercise('ex-1'), thematic: { kind: 'choropleth', layerId: 'l1', field: 'A27_004', method: 'quantile', classCount: 5, palette: 'YlOrRd' } }], [], new Date()));
    expect(parseWorkFile(JSON.stringify(good), 'good.json').exercises[0]!.thematic?.palette).toBe('YlOrRd');
    const edited = (edit: (file: typeof good) => void) => {
      const copy = structuredClone(good);
      edit(copy);
      return JSON.stringify(copy);
    };
    const cases: [string, (file: typeof good) => void, RegExp][] = [
      ['palette', (f) => (f.exercises[0].thematic.palette = -0.5), /exercises\.0\.thematic\.palette/],
      ['class count', (f) => (f.exercises[0].thematic.classCount = 0.5), /exercises\.0\.thematic\.classCount/],
      ['colour', (f) => (f.exercises[0].layers[0].color = 'red"><img src=x>'), /exercises\.0\.layers\.0\.color/],
      ['view', (f) => (f.exercises[0].view = { center: [140], zoom: 11 }), /exercises\.0\.view\.center/],
      ['shape', (f) => (f.exercises[0].layers[0].data.features[3].geometry.coordinates = [140.1, 36.1]), /layer "小学校区", feature 4/],
      ['feature', (f) => (f.exercises[0].layers[0].data.features[0] = null), /layer "小学校区", feature 1/],
    ];
    for (const [what, edit, where] of cases) expect(() => parseWorkFile(edited(edit), 'hand-in.json'), what).toThrow(where);
    expect(() => parseWorkFile(edited(cases[0]![1]), 'hand-in.json')).toThrow(/^work-file-invalid: hand-in\.json: the file is damaged/);
  });
});

describe('undo and redo', () => {
  it('undoes and redoes edits of title, style and IMC; typing is one step; panning is not an edit', async () => {
    const workspace = new Workspace(memoryStore(), {} as GeoWorkerClient);
    await workspace.switchTo(exercise('ex-1'));
    workspace.setTitle('小');
    workspace.setTitle('小学校区別');
    workspace.setThematic({ layerId: 'l1', field: '件数' });
    workspace.setThematic({ method: 'equal-interval' });
    workspace.imc.addImcRow();
    workspace.setView({ center: [140, 36], zoom: 12 });
    expect(workspace.undoDepth).toBe(3);
    workspace.undo();
    expect(workspace.exercise.imc).toEqual([]);
    workspace.undo();
    expect(workspace.exercise.thematic).toBeNull();
    expect(workspace.exercise.title).toBe('小学校区別');
    workspace.undo();
    expect(workspace.exercise.title).toBe('小学校区別不審者出没状況図');
    expect(workspace.exercise.view).toEqual({ center: [140, 36], zoom: 12 });
    workspace.redo();
    workspace.redo();
    expect(workspace.exercise.thematic?.method).toBe('equal-interval');
    expect(workspace.redoDepth).toBe(1);
    workspace.setTitle('新しい題');
    expect(workspace.redoDepth).toBe(0);
    await workspace.flush();
  });
});
