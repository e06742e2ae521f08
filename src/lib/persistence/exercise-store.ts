// The only module that touches IndexedDB.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Exercise, Layer } from '../model/exercise';
import { migrateExercise } from '../model/exercise-migrations';
import type { LessonProgress } from '../curriculum/progress';
import type { LayerTable } from '../table/layer-table';
import { tableFromFeatures } from '../table/geojson-table';
import type { AnyFeatureCollection } from '../geo/types';

const DATABASE_NAME = 'chizu-dojo';
/**
 * Version history. Each step of `upgrade` goes from one version to the next, so a database of any
 * earlier version reaches this one; tests/unit/exercise-store.test.ts opens fixtures of each.
 * 1: exercises, settings.
 * 2: progress (lesson progress per trainee and curriculum), curricula (packages instructors loaded);
 *    exercise records migrated to schema 2 (model/exercise-migrations.ts).
 * 3: tables (each layer's data, by content id, written once); exercise records hold table ids only,
 *    so an edit of a title or a style writes a few kilobytes, not the layers.
 */
export const DATABASE_VERSION = 3;

/** A curriculum package loaded from a file: kept as its zip so it opens again as it was checked. */
export interface StoredPackage {
  id: string;
  fileName: string;
  importedAt: string;
  bytes: Uint8Array;
}

/** An exercise as stored: each layer names its table instead of holding it. */
/** A layer as stored: its tables by id (the data, and the table its cleaning recipe starts from). */
type LayerRecord = Omit<Layer, 'data' | 'recipe'> & { tableId: string; recipe?: Omit<NonNullable<Layer['recipe']>, 'base'> & { baseTableId: string } };
export type ExerciseRecord = Omit<Exercise, 'layers'> & { layers: LayerRecord[] };

/** Every table a layer needs: its data and the base of its recipe. */
const tablesOfLayer = (layer: Layer): LayerTable[] => (layer.recipe ? [layer.data, layer.recipe.base] : [layer.data]);
const tableIdsOfRecord = (layer: LayerRecord): string[] => (layer.recipe ? [layer.tableId, layer.recipe.baseTableId] : [layer.tableId]);

/** What a list of exercises shows, read without their tables. */
export interface ExerciseSummary {
  id: string;
  title: string;
  updatedAt: string;
  layerCount: number;
}

interface ChizuDojoDB extends DBSchema {
  exercises: { key: string; value: ExerciseRecord };
  tables: { key: string; value: LayerTable };
  settings: { key: string; value: unknown };
  progress: { key: string; value: LessonProgress };
  curricula: { key: string; value: StoredPackage };
}

/** Another tab saved this exercise after we last read it: writing would overwrite newer work. */
export class SaveConflictError extends Error {
  constructor(readonly exerciseId: string) {
    super(`exercise ${exerciseId} was changed in another tab`);
    this.name = 'SaveConflictError';
  }
}

export interface ExerciseStore {
  getExercise(id: string): Promise<Exercise | undefined>;
  /** Whether an exercise of this id is stored, without reading its tables. */
  hasExercise(id: string): Promise<boolean>;
  /**
   * Writes the whole exercise and reads it back; resolves only once both are done. With `basedOn`
   * (the updatedAt of the version this one was made from) it refuses, with SaveConflictError, to
   * overwrite a record that another tab has changed since.
   */
  putExercise(exercise: Exercise, basedOn?: string): Promise<void>;
  /**
   * Starts writing the exercise at once, synchronously, for the moment the page goes away: the browser
   * finishes a write that was started, but not one that an unloading page never reached. Unchecked.
   */
  putExerciseOnExit(exercise: Exercise): void;
  /** Deletes the exercise, and the tables no other exercise uses. */
  deleteExercise(id: string): Promise<void>;
  /** Every exercise with its tables (for a full export). */
  listExercises(): Promise<Exercise[]>;
  /** Every exercise's title and size, without reading a table. */
  listSummaries(): Promise<ExerciseSummary[]>;
  /** Writes exercises and progress records in one transaction: all of them, or none. */
  putAll(exercises: readonly Exercise[], progress: readonly LessonProgress[]): Promise<void>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
  listProgress(): Promise<LessonProgress[]>;
  putProgress(progress: LessonProgress): Promise<void>;
  listPackages(): Promise<StoredPackage[]>;
  putPackage(pkg: StoredPackage): Promise<void>;
}

/**
 * Who writes and reads the tables, when not this module on the page's thread: the geo worker, which
 * holds them already and serialises them off the main thread (persistence/table-store.ts).
 */
export interface TableIO {
  write(tables: readonly LayerTable[]): Promise<void>;
  read(ids: readonly string[]): Promise<(LayerTable | null)[]>;
}

export interface StoreEvents {
  /** Another tab wants to upgrade the database: this connection has closed and must not write again. */
  onVersionChange?: () => void;
  /** This tab's upgrade waits for another tab still holding the old version open. */
  onBlocked?: () => void;
}

type UpgradeTransaction = IDBPTransaction<ChizuDojoDB, StoreNames<ChizuDojoDB>[], 'versionchange'>;

async function upgrade(database: IDBPDatabase<ChizuDojoDB>, oldVersion: number, transaction: UpgradeTransaction): Promise<void> {
  if (oldVersion < 1) {
    database.createObjectStore('exercises', { keyPath: 'id' });
    database.createObjectStore('settings');
  }
  if (oldVersion < 2) {
    database.createObjectStore('progress', { keyPath: 'id' });
    database.createObjectStore('curricula', { keyPath: 'id' });
  }
  if (oldVersion < 3) {
    database.createObjectStore('tables', { keyPath: 'id' });
    // Records of versions 1–2 held each layer's GeoJSON: it becomes a table of its own.
    for (let cursor = await transaction.objectStore('exercises').openCursor(); cursor; cursor = await cursor.continue()) {
      const exercise = migrateExercise(cursor.value);
      const layers = (exercise.layers as unknown as (Omit<Layer, 'data' | 'recipe'> & { data: AnyFeatureCollection })[]).map(({ data, ...layer }) => {
        const table = tableFromFeatures(data.features);
        void transaction.objectStore('tables').put(table);
        return { ...layer, tableId: table.id };
      });
      await cursor.update({ ...exercise, layers });
    }
  }
}

/** The record of an exercise: its layers name their tables. */
function toRecord(exercise: Exercise): ExerciseRecord {
  return {
    ...exercise,
    layers: exercise.layers.map(({ data, recipe, ...layer }) => ({
      ...layer,
      tableId: data.id,
      ...(recipe ? { recipe: { steps: recipe.steps, results: recipe.results, baseTableId: recipe.base.id } } : {}),
    })),
  };
}

const tableIdsOf = (record: ExerciseRecord | undefined) => new Set(record?.layers.flatMap(tableIdsOfRecord) ?? []);

export async function openExerciseStore(events: StoreEvents = {}, tableIO?: TableIO): Promise<ExerciseStore> {
  const db: IDBPDatabase<ChizuDojoDB> = await openDB<ChizuDojoDB>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade: (database, oldVersion, _newVersion, transaction) => void upgrade(database, oldVersion, transaction),
    blocked: () => events.onBlocked?.(),
    // Closing at once lets the other tab's upgrade go on instead of hanging; this tab is told to reload.
    blocking: () => {
      db.close();
      events.onVersionChange?.();
    },
  });
  // Tables known to be in the store (read or written by this tab), for the save as the page goes
  // away, which cannot wait to look. Tables are immutable and named by their content: one in the store
  // never needs writing again.
  const stored = new Set<string>();

  type WriteTransaction = IDBPTransaction<ChizuDojoDB, ('exercises' | 'tables')[], 'readwrite'>;
  /**
   * The ids of the stored tables. All keys at once: measured in Chromium with a 1M-row table stored,
   * getKey(id) took 80 ms (it reads the value), getAllKeys() 0.3 ms.
   */
  const storedTableIds = async (tx: WriteTransaction) => {
    const ids = new Set(await tx.objectStore('tables').getAllKeys());
    stored.clear();
    ids.forEach((id) => stored.add(id));
    return ids;
  };
  /**
   * Puts the tables of an exercise that are not stored yet (with a TableIO, only those it failed to
   * write: the record is never written naming a table that is not there).
   */
  const putMissingTables = async (tx: WriteTransaction, exercise: Exercise) => {
    const present = await storedTableIds(tx);
    for (const data of exercise.layers.flatMap(tablesOfLayer)) {
      if (!present.has(data.id)) await tx.objectStore('tables').put(data);
      present.add(data.id);
    }
  };
  /** Deletes tables that `before` used, `after` does not, and no other exercise uses. */
  const dropUnused = async (tx: WriteTransaction, before: ExerciseRecord | undefined, after: ExerciseRecord | undefined) => {
    const keep = tableIdsOf(after);
    const candidates = [...tableIdsOf(before)].filter((id) => !keep.has(id));
    if (candidates.length === 0) return;
    for (let cursor = await tx.objectStore('exercises').openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.id === (before ?? after)?.id) continue;
      for (const layer of cursor.value.layers) tableIdsOfRecord(layer).forEach((id) => keep.add(id));
    }
    for (const id of candidates) {
      if (keep.has(id)) continue;
      await tx.objectStore('tables').delete(id);
      stored.delete(id);
    }
  };
  const readTables = async (ids: string[]) => {
    if (tableIO) return tableIO.read(ids);
    const tx = db.transaction('tables');
    return Promise.all(ids.map(async (id) => (await tx.store.get(id)) ?? null));
  };
  const readExercise = async (record: ExerciseRecord | undefined): Promise<Exercise | undefined> => {
    if (!record) return undefined;
    const ids = record.layers.flatMap(tableIdsOfRecord);
    const tables = new Map((await readTables(ids)).map((table, i) => [ids[i]!, table]));
    const layers = record.layers.map(({ tableId, recipe, ...layer }): Layer => {
      const data = tables.get(tableId);
      if (!data) throw new Error(`the data of layer "${layer.name}" is missing from the browser's storage`);
      stored.add(tableId);
      const base = recipe ? tables.get(recipe.baseTableId) : undefined;
      if (recipe && base) stored.add(recipe.baseTableId);
      // Without its base (it went missing) the recipe is dropped; the cleaned data is kept.
      return { ...layer, data, ...(recipe && base ? { recipe: { steps: recipe.steps, results: recipe.results, base } } : {}) };
    });
    return { ...record, layers };
  };

  return {
    getExercise: async (id) => readExercise(await db.get('exercises', id)),
    hasExercise: async (id) => (await db.getKey('exercises', id)) !== undefined,
    async putExercise(exercise, basedOn) {
      if (tableIO) {
        // New tables are written first, by the worker; the record naming them follows (and checks them).
        const present = new Set(await db.getAllKeys('tables'));
        const missing = exercise.layers.flatMap(tablesOfLayer).filter((t) => !present.has(t.id));
        if (missing.length > 0) await tableIO.write(missing);
      }
      const tx = db.transaction(['exercises', 'tables'], 'readwrite');
      const before = await tx.objectStore('exercises').get(exercise.id);
      if (basedOn !== undefined && before && before.updatedAt !== basedOn && before.updatedAt > basedOn) {
        tx.abort();
        await tx.done.catch(() => {});
        throw new SaveConflictError(exercise.id);
      }
      await putMissingTables(tx, exercise);
      const record = toRecord(exercise);
      await tx.objectStore('exercises').put(record);
      await dropUnused(tx, before, record);
      const written = await tx.objectStore('exercises').get(exercise.id);
      const tablesThere = await storedTableIds(tx);
      await tx.done;
      // Verified: a write that did not land (quota, a broken browser store) is never reported as saved.
      if (written?.updatedAt !== exercise.updatedAt || written.layers.length !== exercise.layers.length || record.layers.some((l) => tableIdsOfRecord(l).some((id) => !tablesThere.has(id)))) {
        throw new Error('the saved exercise reads back differently');
      }
    },
    putExerciseOnExit(exercise) {
      const tx = db.transaction(['exercises', 'tables'], 'readwrite');
      // No awaits before the puts: the page is going away. Tables not known to be stored are written.
      for (const data of exercise.layers.flatMap(tablesOfLayer)) if (!stored.has(data.id)) tx.objectStore('tables').put(data).catch(() => {});
      tx.objectStore('exercises').put(toRecord(exercise)).catch(() => {});
      // Ask for the commit now rather than when the (unloading) page's event loop would next turn.
      tx.commit();
      tx.done.catch(() => {});
    },
    async deleteExercise(id) {
      const tx = db.transaction(['exercises', 'tables'], 'readwrite');
      const before = await tx.objectStore('exercises').get(id);
      await tx.objectStore('exercises').delete(id);
      await dropUnused(tx, before, undefined);
      await tx.done;
    },
    async listExercises() {
      const records = await db.getAll('exercises');
      return (await Promise.all(records.map(readExercise))).filter((e) => e !== undefined);
    },
    async listSummaries() {
      const records = await db.getAll('exercises');
      // Copies kept for the instructor when a lesson step passed are not the trainee's maps to open.
      return records.filter((r) => !r.snapshotOf).map((r) => ({ id: r.id, title: r.title, updatedAt: r.updatedAt, layerCount: r.layers.length }));
    },
    async putAll(exercises, progress) {
      const tx = db.transaction(['exercises', 'tables', 'progress'], 'readwrite');
      const requests: Promise<unknown>[] = [];
      // After the first failure the others reject too (aborted): expected, so never left unhandled.
      const track = (request: Promise<unknown>) => {
        request.catch(() => {});
        requests.push(request);
      };
      try {
        track(tx.done);
        // put() throws at once on a record it cannot store (no key, not cloneable), so this is inside try.
        for (const e of exercises) {
          for (const table of e.layers.flatMap(tablesOfLayer)) track(tx.objectStore('tables').put(table));
          track(tx.objectStore('exercises').put(toRecord(e)));
        }
        for (const p of progress) track(tx.objectStore('progress').put(p));
        await Promise.all(requests);
      } catch (error) {
        // A failed put does not end the transaction by itself: abort, so the records put before it go too.
        try {
          tx.abort();
        } catch {
          // Already finished (aborted by the browser).
        }
        await tx.done.catch(() => {});
        throw error;
      }
    },
    getSetting: async <T>(key: string) => (await db.get('settings', key)) as T | undefined,
    async putSetting(key, value) {
      await db.put('settings', value, key);
    },
    listProgress: () => db.getAll('progress'),
    async putProgress(progress) {
      await db.put('progress', progress);
    },
    listPackages: () => db.getAll('curricula'),
    async putPackage(pkg) {
      await db.put('curricula', pkg);
    },
  };
}
