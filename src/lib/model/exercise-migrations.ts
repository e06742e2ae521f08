import { EXERCISE_SCHEMA_VERSION, type Exercise } from './exercise';

/**
 * Upgrades an exercise record of any earlier schema version to the current one, one version at a
 * time. Used when the database is upgraded and when a work file is imported, so the rest of the app
 * only ever sees current exercises. Each step must keep everything the user made.
 */
const STEPS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> = {
  // 1 → 2: optional fields that older code read with defaults are written out, so later code can rely on them.
  1: (record) => {
    const thematic = record.thematic as { kind?: string } | null;
    return {
      ...record,
      schemaVersion: 2,
      baseMap: record.baseMap ?? 'city',
      imc: record.imc ?? [],
      thematic: thematic ? { ...thematic, kind: thematic.kind ?? 'choropleth' } : null,
    };
  },
};

export function migrateExercise(record: unknown): Exercise {
  let current = record as Record<string, unknown>;
  const from = Number(current.schemaVersion ?? 1);
  if (from > EXERCISE_SCHEMA_VERSION) throw new Error(`exercise ${String(current.id)} has schema ${from}, newer than ${EXERCISE_SCHEMA_VERSION}`);
  for (let version = from; version < EXERCISE_SCHEMA_VERSION; version++) current = STEPS[version]!(current);
  return current as unknown as Exercise;
}
