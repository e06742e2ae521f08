// The only module that touches IndexedDB.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Exercise } from '../model/exercise';
import type { LessonProgress } from '../curriculum/progress';

const DATABASE_NAME = 'chizu-dojo';
/**
 * Version history (each step below upgrades from the version before; old databases are kept as
 * fixtures in tests/unit/exercise-store.test.ts):
 * 1: exercises, settings.
 * 2: progress (lesson progress per trainee and curriculum), curricula (packages instructors loaded).
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

export interface ExerciseStore {
  getExercise(id: string): Promise<Exercise | undefined>;
  /** Writes the whole exercise; resolves only once the transaction has committed. */
  putExercise(exercise: Exercise): Promise<void>;
  listExercises(): Promise<Exercise[]>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
  listProgress(): Promise<LessonProgress[]>;
  putProgress(progress: LessonProgress): Promise<void>;
  deleteProgress(id: string): Promise<void>;
  listPackages(): Promise<StoredPackage[]>;
  putPackage(pkg: StoredPackage): Promise<void>;
}

/** Upgrades from `oldVersion` to DATABASE_VERSION, one version at a time. */
function upgrade(database: IDBPDatabase<ChizuDojoDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    database.createObjectStore('exercises', { keyPath: 'id' });
    database.createObjectStore('settings');
  }
  if (oldVersion < 2) {
    database.createObjectStore('progress', { keyPath: 'id' });
    database.createObjectStore('curricula', { keyPath: 'id' });
  }
}

export async function openExerciseStore(): Promise<ExerciseStore> {
  const db: IDBPDatabase<ChizuDojoDB> = await openDB<ChizuDojoDB>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade: (database, oldVersion) => upgrade(database, oldVersion),
  });
  return {
    getExercise: (id) => db.get('exercises', id),
    async putExercise(exercise) {
      const tx = db.transaction('exercises', 'readwrite');
      await Promise.all([tx.store.put(exercise), tx.done]);
    },
    listExercises: () => db.getAll('exercises'),
    getSetting: async <T>(key: string) => (await db.get('settings', key)) as T | undefined,
    async putSetting(key, value) {
      await db.put('settings', value, key);
    },
    listProgress: () => db.getAll('progress'),
    async putProgress(progress) {
      await db.put('progress', progress);
    },
    deleteProgress: (id) => db.delete('progress', id),
    listPackages: () => db.getAll('curricula'),
    async putPackage(pkg) {
      await db.put('curricula', pkg);
    },
  };
}
