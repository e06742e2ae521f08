// The only module that touches IndexedDB.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Exercise } from '../model/exercise';
import { migrateExercise } from '../model/exercise-migrations';
import type { LessonProgress } from '../curriculum/progress';

const DATABASE_NAME = 'chizu-dojo';
/**
 * Version history. Each step of `upgrade` goes from one version to the next, so a database of any
 * earlier version reaches this one; tests/unit/exercise-store.test.ts opens fixtures of each.
 * 1: exercises, settings.
 * 2: progress (lesson progress per trainee and curriculum), curricula (packages instructors loaded);
 *    exercise records migrated to schema 2 (model/exercise-migrations.ts).
 */
export const DATABASE_VERSION = 2;

/** A curriculum package loaded from a file: kept as its zip so it opens again as it was checked. */
export interface StoredPackage {
  id: string;
  fileName: string;
  importedAt: string;
  bytes: Uint8Array;
}

interface ChizuDojoDB extends DBSchema {
  exercises: { key: string; value: Exercise };
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
  deleteExercise(id: string): Promise<void>;
  listExercises(): Promise<Exercise[]>;
  /** Writes exercises and progress records in one transaction: all of them, or none. */
  putAll(exercises: readonly Exercise[], progress: readonly LessonProgress[]): Promise<void>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
  listProgress(): Promise<LessonProgress[]>;
  putProgress(progress: LessonProgress): Promise<void>;
  listPackages(): Promise<StoredPackage[]>;
  putPackage(pkg: StoredPackage): Promise<void>;
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
    for (let cursor = await transaction.objectStore('exercises').openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update(migrateExercise(cursor.value));
    }
  }
}

export async function openExerciseStore(events: StoreEvents = {}): Promise<ExerciseStore> {
  const db: IDBPDatabase<ChizuDojoDB> = await openDB<ChizuDojoDB>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade: (database, oldVersion, _newVersion, transaction) => void upgrade(database, oldVersion, transaction),
    blocked: () => events.onBlocked?.(),
    // Closing at once lets the other tab's upgrade go on instead of hanging; this tab is told to reload.
    blocking: () => {
      db.close();
      events.onVersionChange?.();
    },
  });
  return {
    getExercise: (id) => db.get('exercises', id),
    async putExercise(exercise, basedOn) {
      const tx = db.transaction('exercises', 'readwrite');
      const stored = await tx.store.get(exercise.id);
      if (basedOn !== undefined && stored && stored.updatedAt !== basedOn && stored.updatedAt > basedOn) {
        tx.abort();
        await tx.done.catch(() => {});
        throw new SaveConflictError(exercise.id);
      }
      await tx.store.put(exercise);
      const written = await tx.store.get(exercise.id);
      await tx.done;
      // Verified: a write that did not land (quota, a broken browser store) is never reported as saved.
      if (written?.updatedAt !== exercise.updatedAt || written.layers.length !== exercise.layers.length) throw new Error('the saved exercise reads back differently');
    },
    putExerciseOnExit(exercise) {
      const tx = db.transaction('exercises', 'readwrite');
      tx.store.put(exercise).catch(() => {});
      // Ask for the commit now rather than when the (unloading) page's event loop would next turn.
      tx.commit();
      tx.done.catch(() => {});
    },
    deleteExercise: (id) => db.delete('exercises', id),
    listExercises: () => db.getAll('exercises'),
    async putAll(exercises, progress) {
      const tx = db.transaction(['exercises', 'progress'], 'readwrite');
      const requests: Promise<unknown>[] = [];
      // After the first failure the others reject too (aborted): expected, so never left unhandled.
      const track = (request: Promise<unknown>) => {
        request.catch(() => {});
        requests.push(request);
      };
      try {
        track(tx.done);
        // put() throws at once on a record it cannot store (no key, not cloneable), so this is inside try.
        for (const e of exercises) track(tx.objectStore('exercises').put(e));
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
