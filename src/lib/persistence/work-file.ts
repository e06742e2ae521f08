import { z } from 'zod';
import { EXERCISE_SCHEMA_VERSION, type Exercise } from '../model/exercise';
import { migrateExercise } from '../model/exercise-migrations';
import { featuresOf, tableFromFeatures } from '../table/geojson-table';
import type { AnyFeatureCollection } from '../geo/types';
import type { LessonProgress } from '../curriculum/progress';
import { localText, TRIAGE_LEVELS } from '../curriculum/schema';
import { UserInputError } from '../util/errors';
import { exerciseSchema } from './exercise-schema';
import { isWellNested } from '../io/geometry-check';

/**
 * The one file a trainee hands in or keeps as a backup (.chizudojo.json): exercises and lesson
 * progress, each layer's data as a GeoJSON FeatureCollection (the same file format since version 1;
 * the app's columnar tables are turned into GeoJSON on export and back on import). Reading one checks everything before anything is written, so a bad
 * file changes nothing.
 */
export const WORK_FILE_FORMAT = 'chizu-dojo-work';
export const WORK_FILE_VERSION = 1;
export const WORK_FILE_EXTENSION = '.chizudojo.json';

export interface WorkFile {
  format: typeof WORK_FILE_FORMAT;
  version: number;
  exportedAt: string;
  exercises: Exercise[];
  progress: LessonProgress[];
  /** Fields this version of the app does not know (from a newer one), left out when the file was read. */
  unknownFields?: string[];
}

export function toWorkFileText(exercises: readonly Exercise[], progress: readonly LessonProgress[], now: Date): string {
  // A cleaning recipe travels with the table it starts from, as GeoJSON like the data.
  const serialized = exercises.map((e) => ({
    ...e,
    layers: e.layers.map((l) => ({ ...l, data: featuresOf(l.data), ...(l.recipe ? { recipe: { ...l.recipe, base: featuresOf(l.recipe.base) } } : {}) })),
  }));
  return JSON.stringify({ format: WORK_FILE_FORMAT, version: WORK_FILE_VERSION, exportedAt: now.toISOString(), exercises: serialized, progress: [...progress] });
}

const stepAnswer = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('quiz'), chosen: z.array(z.number().int()) }),
  z.strictObject({ kind: z.literal('triage'), choices: z.record(z.string(), z.enum(TRIAGE_LEVELS)), notes: z.record(z.string(), z.string()) }),
  z.strictObject({ kind: z.literal('text'), text: z.string() }),
  z.strictObject({ kind: z.literal('decision'), chosen: z.array(z.string()), text: z.string() }),
  z.strictObject({ kind: z.literal('survey'), answers: z.record(z.string(), z.union([z.number(), z.string()])) }),
  z.strictObject({ kind: z.literal('task'), exerciseId: z.string(), passedExerciseId: z.string().optional(), messages: z.array(z.string()) }),
]);

const progressSchema = z.strictObject({
  id: z.string().min(1),
  trainee: z.string(),
  curriculumId: z.string().min(1),
  curriculumVersion: z.string(),
  curriculumTitle: localText,
  level: z.enum(['1', '2', '3']),
  startedAt: z.string(),
  updatedAt: z.string(),
  position: z.strictObject({ lesson: z.number().int().min(0), step: z.number().int().min(0) }),
  exerciseId: z.string().optional(),
  taskExercises: z.record(z.string(), z.string()).optional(),
  steps: z.record(z.string(), z.strictObject({ done: z.boolean(), passed: z.boolean().optional(), attempts: z.number().int().min(0), answer: stepAnswer.optional(), completedAt: z.string().optional() })),
});

/** The exercise's outline, before migration; after it, each is checked in full (exercise-schema.ts). */
const exerciseOutline = z.looseObject({
  schemaVersion: z.number().int().min(1),
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  layers: z.array(z.looseObject({ id: z.string(), name: z.string(), kind: z.string(), data: z.looseObject({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }) })),
});

const workFileSchema = z.strictObject({
  format: z.literal(WORK_FILE_FORMAT),
  version: z.number().int(),
  exportedAt: z.string(),
  exercises: z.array(exerciseOutline),
  progress: z.array(progressSchema),
});

const isFeature = (value: unknown): boolean => {
  const f = value as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
  return typeof f === 'object' && f !== null && f.type === 'Feature' && typeof f.properties === 'object' && !Array.isArray(f.properties) && (f.geometry === null || isWellNested(f.geometry));
};

/** The words saying which fields of a work file were left out (shown where the file was read). */
export function unknownFieldsNotice(fileName: string, fields: readonly string[]): { code: string; ja: string; en: string } {
  const list = fields.slice(0, 5).join(', ') + (fields.length > 5 ? ' …' : '');
  return {
    code: 'work-file-unknown-fields',
    ja: `${fileName}: この版の地図道場が知らない項目 ${fields.length} 個を読まずに、ほかをすべて読み込みました（${list}）。新しい版で書き出されたファイルかもしれません。`,
    en: `${fileName}: ${fields.length} fields this version of Chizu Dojo does not know were left out; everything else was read (${list}). The file may come from a newer version.`,
  };
}

/** Reads a work file; a damaged, foreign or newer file is refused with a message naming it. */
export function parseWorkFile(text: string, fileName: string): WorkFile {
  const refuse = (ja: string, en: string) => new UserInputError({ code: 'work-file-invalid', fileName, ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw refuse('地図道場の作業ファイル（JSON）として読めません。', 'not a Chizu Dojo work file (invalid JSON).');
  }
  const head = raw as { format?: unknown; version?: unknown; exercises?: unknown };
  if (head?.format !== WORK_FILE_FORMAT) throw refuse('地図道場の作業ファイルではありません。', 'not a Chizu Dojo work file.');
  if (typeof head.version === 'number' && head.version > WORK_FILE_VERSION) {
    throw refuse(`新しい版の地図道場で書き出されたファイルです（形式 ${head.version}）。地図道場を更新してから読み込んでください。`, `written by a newer Chizu Dojo (format ${head.version}); update the app first.`);
  }
  const newer = Array.isArray(head.exercises) && head.exercises.some((e) => (e as { schemaVersion?: number })?.schemaVersion! > EXERCISE_SCHEMA_VERSION);
  if (newer) throw refuse('新しい版の地図道場で作られた演習が入っています。地図道場を更新してから読み込んでください。', 'it holds an exercise made by a newer Chizu Dojo; update the app first.');
  const damaged = (issue: z.core.$ZodIssue, prefix: PropertyKey[] = []) => {
    const where = [...prefix, ...issue.path].map(String).join('.');
    return refuse(`ファイルの内容が壊れています（${where}: ${issue.message}）。`, `the file is damaged (${where}: ${issue.message}).`);
  };
  // A field this version does not know (a newer app wrote it) is left out and named, not the file refused:
  // what is known is kept. Anything else wrong means the file is damaged.
  const unknownFields: string[] = [];
  const checked = <T>(schema: z.ZodType<T>, value: unknown, prefix: PropertyKey[] = []): T => {
    for (let round = 0; ; round++) {
      const result = schema.safeParse(value);
      if (result.success) return result.data;
      const unknown = result.error.issues.filter((issue) => issue.code === 'unrecognized_keys');
      if (unknown.length === 0 || unknown.length < result.error.issues.length || round > 20) throw damaged(result.error.issues.find((i) => i.code !== 'unrecognized_keys') ?? result.error.issues[0]!, prefix);
      for (const issue of unknown) {
        const owner = issue.path.reduce<Record<PropertyKey, unknown>>((node, key) => node[key] as Record<PropertyKey, unknown>, value as Record<PropertyKey, unknown>);
        for (const key of (issue as z.core.$ZodIssueUnrecognizedKeys).keys) {
          delete owner[key];
          unknownFields.push([...prefix, ...issue.path, key].map(String).join('.'));
        }
      }
    }
  };
  const data = checked(workFileSchema, raw) as unknown as WorkFile;
  const migrated = data.exercises.map(migrateExercise);
  migrated.forEach((exercise, i) => checked(exerciseSchema, exercise, ['exercises', i]));
  // Every feature is checked before any table is made: the file was written by the app, so one that is
  // not a feature, or a geometry a table cannot hold, means the file was damaged.
  const table = (collection: unknown, layerName: string) => {
    const features = (collection as AnyFeatureCollection | undefined)?.features;
    const bad = Array.isArray(features) ? features.findIndex((f) => !isFeature(f)) : 0;
    if (bad !== -1) throw refuse(`ファイルの内容が壊れています（レイヤ「${layerName}」の ${bad + 1} 番目の地物）。`, `the file is damaged (layer "${layerName}", feature ${bad + 1}).`);
    return tableFromFeatures(features!);
  };
  const exercises = migrated.map((e) => ({
    ...e,
    layers: e.layers.map((l) => ({
      ...l,
      data: table(l.data, l.name),
      ...(l.recipe ? { recipe: { ...l.recipe, base: table(l.recipe.base, l.name) } } : {}),
    })),
  }));
  return { ...data, exercises, ...(unknownFields.length > 0 ? { unknownFields } : {}) };
}
