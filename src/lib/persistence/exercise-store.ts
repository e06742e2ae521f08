// The only module that touches IndexedDB.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Exercise } from '../model/exercise';

const DATABASE_NAME = 'chizu-dojo';
const DATABASE_VERSION = 1;

interface ChizuDojoDB extends DBSchema {
  exercises: { key: string; value: Exercise };
  settings: { key: string; value: unknown };
}

export interface ExerciseStore {
  getExercise(id: string): Promise<Exercise | undefined>;
  /** Writes the whole exercise; resolves only once the transaction has committed. */
  putExercise(exercise: Exercise): Promise<void>;
  listExercises(): Promise<Exercise[]>;
  getSetting<T>(key: string): Promise<T | undefined>;
  putSetting(key: string, value: unknown): Promise<void>;
}

export async function openExerciseStore(): Promise<ExerciseStore> {
  const db: IDBPDatabase<ChizuDojoDB> = await openDB<ChizuDojoDB>(DATABASE_NAME, DATABASE_VERSION, {
    upgrade(database) {
      database.createObjectStore('exercises', { keyPath: 'id' });
      database.createObjectStore('settings');
    },
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
  };
}
