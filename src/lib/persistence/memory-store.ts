import type { Exercise } from '../model/exercise';
import type { ExerciseStore } from './exercise-store';

/** An ExerciseStore that keeps everything in memory: for maps built to be looked at, never saved. */
export function memoryStore(): ExerciseStore {
  const tables = { exercises: new Map<string, Exercise>(), settings: new Map(), progress: new Map(), curricula: new Map() };
  return {
    getExercise: async (id) => tables.exercises.get(id),
    hasExercise: async (id) => tables.exercises.has(id),
    putExercise: async (exercise) => void tables.exercises.set(exercise.id, exercise),
    putExerciseOnExit: (exercise) => void tables.exercises.set(exercise.id, exercise),
    deleteExercise: async (id) => void tables.exercises.delete(id),
    listExercises: async () => [...tables.exercises.values()],
    listSummaries: async () => [...tables.exercises.values()].map((e) => ({ id: e.id, title: e.title, updatedAt: e.updatedAt, layerCount: e.layers.length })),
    putAll: async (exercises, progress) => {
      exercises.forEach((e) => tables.exercises.set(e.id, e));
      progress.forEach((p) => tables.progress.set(p.id, p));
    },
    getSetting: async (key) => tables.settings.get(key),
    putSetting: async (key, value) => void tables.settings.set(key, value),
    listProgress: async () => [...tables.progress.values()],
    putProgress: async (progress) => void tables.progress.set(progress.id, progress),
    listPackages: async () => [...tables.curricula.values()],
    putPackage: async (pkg) => void tables.curricula.set(pkg.id, pkg),
  };
}
