import { z } from 'zod';
import { IMC_OPERATIONS } from '../model/imc';

/**
 * The curriculum format (研修カリキュラム), version 1. A curriculum is one `curriculum.json` with the data
 * files it names beside it, in a folder (curricula/ in this repository) or a zip (a package that an
 * instructor loads). Every object is strict: an unknown field is an error, so a typo never silently
 * drops content. The format is documented in curricula/README.md; bump CURRICULUM_FORMAT for any
 * change that older apps could not read.
 */
export const CURRICULUM_FORMAT = 1;

// Zod probes for `new Function` to speed up parsing; the app's Content-Security-Policy forbids eval, so
// the probe would be reported as a violation. Parsing a curriculum is fast enough without it.
z.config({ jitless: true });

/** Text in Japanese, and in English where the author gave it (the UI falls back to Japanese). */
export const localText = z.strictObject({ ja: z.string().trim().min(1), en: z.string().trim().min(1).optional() });
export type LocalText = z.infer<typeof localText>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id: a-z, 0-9 and -');
/** A file of the package, relative to curriculum.json; checked for escapes and existence by package.ts. */
const dataPath = z.string().min(1);

const reading = z.strictObject({
  kind: z.literal('reading'),
  id,
  title: localText,
  /** Markdown; raw HTML is shown as text, and remote or script links are refused (see markdown.ts). */
  body: localText,
  /** A map of the managers' gallery that this step discusses (model/gallery.ts). */
  exampleMap: z.string().optional(),
});

const quiz = z
  .strictObject({
    kind: z.literal('quiz'),
    id,
    title: localText,
    question: localText,
    choices: z.array(localText).min(2).max(8),
    /** Indexes of the right choices; more than one makes it a choose-all-that-apply question. */
    correct: z.array(z.number().int().min(0)).min(1),
    explanation: localText,
    exampleMap: z.string().optional(),
  })
  .refine((q) => q.correct.every((i) => i < q.choices.length), { message: 'correct: index beyond the choices', path: ['correct'] });

/** One automatic check of a map task: what the trainee's map must show. */
const mapCheck = z.discriminatedUnion('kind', [
  /** A layer made from this package file is on the map. */
  z.strictObject({ kind: z.literal('layer-loaded'), dataset: dataPath, minFeatures: z.number().int().min(0).optional() }),
  /**
   * Points were aggregated into the polygons of `polygons` and each polygon's result equals the answer
   * key: a CSV with columns `key` and `value`, keyed by the polygon column `keyField`; hints name the
   * areas by `nameField` (e.g. 学区名) when given.
   */
  z.strictObject({ kind: z.literal('counts-match'), polygons: dataPath, keyField: z.string().min(1), nameField: z.string().min(1).optional(), answerKey: dataPath }),
  z.strictObject({ kind: z.literal('classification'), method: z.enum(['quantile', 'equal-interval', 'natural-breaks', 'manual']), classCount: z.number().int().min(3).max(9).optional() }),
  z.strictObject({ kind: z.literal('title-set'), mustContain: z.array(z.string().min(1)).optional() }),
  /** Every layer on the map has its 出典. */
  z.strictObject({ kind: z.literal('sources-given') }),
  /**
   * A column of the table from `dataset` was cleaned in the workbench (or read so): every value is a
   * number (`number`) or a YYYY-MM-DD date (`date`).
   */
  z.strictObject({
    kind: z.literal('column-cleaned'),
    dataset: dataPath,
    column: z.string().min(1),
    type: z.enum(['number', 'date']),
    /**
     * The values the cleaned column must hold: a key,value CSV (dates as YYYY-MM-DD) keyed by the column
     * `keyField`. With it every keyed row must still be there with its value, so deleting the rows that
     * would not convert, or renaming another column to this one, does not pass.
     */
    keyField: z.string().min(1).optional(),
    answerKey: dataPath.optional(),
  }),
  /**
   * The addresses of `dataset` were matched: a point layer made from it by address matching, with at least
   * `minTownShare` of the rows matched at town level, and its points (by `keyField`) at a median distance
   * of at most `maxMedianM` metres from the answer keys (key,value CSVs of latitude and of longitude).
   */
  /** The polygons from `polygons` are mapped by an Empirical Bayes rate, with areas of few events hatched. */
  /**
   * `population`: the task's population data; the rate's denominator must sum to its `column`'s total (within
   * 1 %), so counted census points or households summed do not pass as the population.
   */
  z.strictObject({ kind: z.literal('rates-smoothed'), polygons: dataPath, population: z.strictObject({ dataset: dataPath, column: z.string().min(1) }).optional() }),
  /**
   * The map may leave the office: the point layer from `points` is marked 部署内/庁内限定 and not shown,
   * and small counts are suppressed with k of at least `minSuppress`.
   */
  z.strictObject({ kind: z.literal('safe-to-publish'), points: dataPath, minSuppress: z.number().int().min(2) }),
  /**
   * The points from `points` are counted side by side by units of area (MAUP): each polygon dataset of
   * `units` and the 500 m grid, as points per km².
   */
  z.strictObject({ kind: z.literal('units-compared'), points: dataPath, units: z.array(dataPath).min(1) }),
  z.strictObject({
    kind: z.literal('addresses-matched'),
    dataset: dataPath,
    keyField: z.string().min(1),
    latitudeKey: dataPath,
    longitudeKey: dataPath,
    minTownShare: z.number().min(0).max(1),
    maxMedianM: z.number().positive(),
  }),
]);
export type MapCheck = z.infer<typeof mapCheck>;

const mapTask = z.strictObject({
  kind: z.literal('map-task'),
  id,
  title: localText,
  instructions: localText,
  /** Files the trainee loads with one button; the check compares against the answer keys. */
  datasets: z.array(dataPath).min(1),
  checks: z.array(mapCheck).min(1),
  /** Goes on with the previous map task's map (its exercise) instead of a map of its own. */
  continues: z.boolean().optional(),
});

/** Alternative words, any of which will do (compared ignoring full/half width and case). */
const words = z.array(z.string().min(1)).min(1);

const imcTask = z.strictObject({
  kind: z.literal('imc-task'),
  id,
  title: localText,
  instructions: localText,
  /**
   * What a finished row must have: layer geometries (点・線・面), the data named for each layer (one of
   * `layer1Data`'s words in the layer's name, file name or wished-for name), the processing, and key words
   * in the purpose and the title (groups of alternatives: one word of each group, e.g. [["学区", "校区"]]).
   */
  expect: z.strictObject({
    layer1: z.enum(['point', 'line', 'polygon']).optional(),
    layer2: z.enum(['point', 'line', 'polygon']).optional(),
    layer1Data: words.optional(),
    layer2Data: words.optional(),
    processing: z.enum(IMC_OPERATIONS).optional(),
    purposeWords: z.array(words).optional(),
    titleWords: z.array(words).optional(),
  }),
});

/** データスペクトラム, most closed first (部署内限定 → オープンデータ). */
export const TRIAGE_LEVELS = ['department', 'office', 'on-request', 'open'] as const;
export type TriageLevel = (typeof TRIAGE_LEVELS)[number];

const triageTask = z.strictObject({
  kind: z.literal('triage'),
  id,
  title: localText,
  instructions: localText,
  datasets: z
    .array(
      z.strictObject({
        id,
        name: localText,
        description: localText,
        answer: z.enum(TRIAGE_LEVELS),
        /**
         * The restrictions on users (利用者の制限) and purpose (利用目的の制限) that the answer implies: when
         * given, a trainee who places the dataset below オープンデータ is asked to write them in the memo.
         */
        restrictions: localText.optional(),
        reason: localText,
        /**
         * Lesson data files that hold this kind of data: a layer made from one of them and marked more open
         * than `answer` is warned about once when its points are exported (ワーク④).
         */
        files: z.array(dataPath).optional(),
        /** Other levels that can be defended, each with what it takes (shown when the trainee chose it). */
        acceptable: z.array(z.strictObject({ level: z.enum(TRIAGE_LEVELS), nuance: localText })).optional(),
      }),
    )
    .min(1),
});

const reflection = z.strictObject({
  kind: z.literal('reflection'),
  id,
  title: localText,
  prompt: localText,
  minLength: z.number().int().min(0).optional(),
});

/**
 * A decision for managers (Level Ⅲ): a situation, example maps to consult inside the lesson, options to
 * choose `pick` of, and a justification to write. There is no single right answer: each chosen option's
 * feedback discusses the choice, and the discussion closes it.
 */
const decision = z
  .strictObject({
    kind: z.literal('decision'),
    id,
    title: localText,
    situation: localText,
    exampleMaps: z.array(z.string()).optional(),
    options: z.array(z.strictObject({ id, label: localText, feedback: localText })).min(2).max(12),
    /** How many options to choose (3 districts for a budget; 1 for approve / conditions / refuse). */
    pick: z.number().int().min(1),
    justification: z.strictObject({ prompt: localText, minLength: z.number().int().min(1) }),
    discussion: localText,
  })
  .refine((d) => d.pick < d.options.length, { message: 'pick: must be fewer than the options', path: ['pick'] });

/** 研修前後アンケート: the same questions before ('pre') and after ('post') let instructors see the change. */
const survey = z.strictObject({
  kind: z.literal('survey'),
  id,
  title: localText,
  phase: z.enum(['pre', 'post']),
  questions: z
    .array(
      z.strictObject({
        id,
        text: localText,
        /** 'scale': 1 (not at all) to 5 (very much); 'text': free answer. */
        type: z.enum(['scale', 'text']),
      }),
    )
    .min(1),
});

const step = z.discriminatedUnion('kind', [reading, quiz, mapTask, imcTask, triageTask, decision, reflection, survey]);
export type Step = z.infer<typeof step>;

const lesson = z.strictObject({ id, title: localText, summary: localText.optional(), steps: z.array(step).min(1) });

export const curriculumSchema = z.strictObject({
  format: z.literal(CURRICULUM_FORMAT),
  id,
  /** The curriculum's own version, shown to instructors and kept with each trainee's progress. */
  version: z.string().min(1),
  level: z.enum(['1', '2', '3']),
  title: localText,
  audience: localText,
  description: localText,
  lessons: z.array(lesson).min(1),
});
export type Curriculum = z.infer<typeof curriculumSchema>;

export type QuizStep = Extract<Step, { kind: 'quiz' }>;
export type MapTaskStep = Extract<Step, { kind: 'map-task' }>;
export type ImcTaskStep = Extract<Step, { kind: 'imc-task' }>;
export type TriageStep = Extract<Step, { kind: 'triage' }>;
export type DecisionStep = Extract<Step, { kind: 'decision' }>;
