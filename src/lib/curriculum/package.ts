import { z } from 'zod';
import { CURRICULUM_FORMAT, curriculumSchema, localText, type Curriculum, type LocalText } from './schema';
import { inspectMarkdown, isPackagePath } from './markdown';
import { packageFolder, unzipSafely } from '../io/zip';
import { fileNameOf } from '../io/file-names';
import type { SourceFile } from '../io/types';
import { toErrorInfo } from '../util/errors';

/**
 * Reading and validating a curriculum package: curriculum.json and the files it names. The same code
 * checks the built-in curricula (`npm run curricula:check`, and the app when it opens one) and the
 * zip files instructors load, so a package that passes the check opens in the app.
 */
export const CURRICULUM_FILE = 'curriculum.json';

export interface CurriculumPackage {
  curriculum: Curriculum;
  /** Every file of the package by its path relative to curriculum.json. */
  files: Map<string, Uint8Array>;
  /** Answer keys of map tasks, parsed: polygon key → expected value. */
  answerKeys: Map<string, Map<string, number>>;
  /** What each data file is called on the map and its 出典 (sources.json), by path. */
  sources: Map<string, DatasetSource>;
}

/**
 * sources.json beside curriculum.json (optional): the layer name and 出典 of the package's data files, so a
 * lesson brings them wherever it is opened, whatever the city's setup. A file it does not name is named as
 * the city's setup names it, else by its file name, without 出典 (the trainee gives it). Older apps ignore
 * the file, so it needs no new format version.
 */
export const SOURCES_FILE = 'sources.json';
const datasetSource = z.strictObject({ name: localText, attribution: z.string().trim().min(1) });
export type DatasetSource = z.infer<typeof datasetSource>;

/** A package file as the importers take it (layers remember this name: checks find them by it). */
export function packageSourceFile(pkg: CurriculumPackage, path: string): SourceFile {
  return { name: fileNameOf(path), bytes: pkg.files.get(path)! };
}

export interface PackageProblem {
  /** Where in the package: a file, or a path into curriculum.json such as lessons[1].steps[0].title. */
  where: string;
  ja: string;
  en: string;
}

export type PackageResult = { ok: true; pkg: CurriculumPackage } | { ok: false; problems: PackageProblem[] };

/** Reads a zipped package. A zip of the package folder (one top folder holding curriculum.json) works too. */
export function readCurriculumZip(fileName: string, bytes: Uint8Array): PackageResult {
  let entries;
  const unsafe: string[] = [];
  try {
    entries = unzipSafely(bytes, fileName, undefined, true, unsafe);
  } catch (error) {
    const { ja, en } = toErrorInfo(error, fileName);
    return { ok: false, problems: [{ where: fileName, ja, en }] };
  }
  // Entries that climb out of the package are not unpacked; the package is refused, naming them.
  if (unsafe.length > 0) return { ok: false, problems: unsafe.map((where) => ({ where, ja: 'パッケージの外を指すファイル名です', en: 'the file name points outside the package' })) };
  const prefix = packageFolder(entries.map((e) => e.name), CURRICULUM_FILE);
  return readCurriculumPackage(entries.map((e) => ({ path: e.name.slice(prefix.length), bytes: e.bytes })));
}

/** Validates a package given as files (paths relative to curriculum.json). */
export function readCurriculumPackage(entries: readonly { path: string; bytes: Uint8Array }[], exampleMapIds?: readonly string[]): PackageResult {
  const problems: PackageProblem[] = [];
  const files = new Map<string, Uint8Array>();
  for (const { path, bytes } of entries) {
    if (isPackagePath(path)) files.set(path, bytes);
    else problems.push({ where: path, ja: 'パッケージの外を指すファイル名です', en: 'the file name points outside the package' });
  }
  const json = files.get(CURRICULUM_FILE);
  if (!json) return { ok: false, problems: [...problems, { where: CURRICULUM_FILE, ja: 'curriculum.json がありません', en: 'curriculum.json is missing' }] };

  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    return { ok: false, problems: [...problems, { where: CURRICULUM_FILE, ja: `JSON として読めません（${(error as Error).message}）`, en: `not valid JSON (${(error as Error).message})` }] };
  }
  const formatVersion = (raw as { format?: unknown })?.format;
  if (typeof formatVersion === 'number' && formatVersion > CURRICULUM_FORMAT) {
    return {
      ok: false,
      problems: [{ where: 'format', ja: `新しい版の形式（${formatVersion}）です。地図道場を更新してください（この版が読めるのは ${CURRICULUM_FORMAT} まで）`, en: `format ${formatVersion} is newer than this app reads (up to ${CURRICULUM_FORMAT}); update Chizu Dojo` }],
    };
  }
  const parsed = curriculumSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: [...problems, ...parsed.error.issues.map((issue) => describeIssue(issue))] };

  const curriculum = parsed.data;
  const answerKeys = new Map<string, Map<string, number>>();
  const needFile = (path: string, where: string) => {
    if (!isPackagePath(path)) problems.push({ where, ja: `パッケージの外を指すパスです（${path}）`, en: `the path leaves the package (${path})` });
    else if (!files.has(path)) problems.push({ where, ja: `ファイル ${path} がパッケージにありません`, en: `file ${path} is not in the package` });
  };
  const stepIds = new Set<string>();
  curriculum.lessons.forEach((lesson, li) => {
    lesson.steps.forEach((step, si) => {
      const at = `lessons[${li}].steps[${si}]`;
      if (stepIds.has(step.id)) problems.push({ where: `${at}.id`, ja: `id「${step.id}」が重複しています`, en: `duplicate id "${step.id}"` });
      stepIds.add(step.id);
      for (const [field, text] of markdownFields(step)) {
        for (const language of ['ja', 'en'] as const) {
          const value = text[language];
          if (value === undefined) continue;
          const { problems: found, paths } = inspectMarkdown(value);
          found.forEach((p) => problems.push({ where: `${at}.${field}.${language}`, ...p }));
          paths.forEach((p) => needFile(p, `${at}.${field}.${language}`));
        }
      }
      const exampleMaps = step.kind === 'reading' || step.kind === 'quiz' ? (step.exampleMap ? [['exampleMap', step.exampleMap]] : []) : step.kind === 'decision' ? (step.exampleMaps ?? []).map((m, mi) => [`exampleMaps[${mi}]`, m]) : [];
      // Example maps belong to a city's setup: checked when the setup is known (npm run curricula:check
      // with the sample's); in the app a map the city's setup lacks is named where the step shows it.
      for (const [field, mapId] of exampleMaps) {
        if (!exampleMapIds || exampleMapIds.includes(mapId!)) continue;
        problems.push({ where: `${at}.${field}`, ja: `事例地図「${mapId}」はありません（${exampleMapIds.join(', ')}）`, en: `no example map "${mapId}" (${exampleMapIds.join(', ')})` });
      }
      if (step.kind === 'triage') step.datasets.forEach((d, di) => d.files?.forEach((f, fi) => needFile(f, `${at}.datasets[${di}].files[${fi}]`)));
      if (step.kind === 'map-task') {
        step.datasets.forEach((d, di) => needFile(d, `${at}.datasets[${di}]`));
        step.checks.forEach((check, ci) => {
          const where = `${at}.checks[${ci}]`;
          const dataset = check.kind === 'counts-match' ? check.polygons : 'dataset' in check ? check.dataset : null;
          if (dataset && !step.datasets.includes(dataset)) problems.push({ where, ja: `${dataset} がこの課題の datasets にありません`, en: `${dataset} is not among this task's datasets` });
          // Checks on layers a task may have from the task it continues: the file must be in the package.
          if (check.kind === 'rates-smoothed') needFile(check.polygons, `${where}.polygons`);
          if (check.kind === 'safe-to-publish') needFile(check.points, `${where}.points`);
          if (check.kind === 'rates-smoothed' && check.population) needFile(check.population.dataset, `${where}.population.dataset`);
          if (check.kind === 'column-cleaned' && (check.answerKey === undefined) !== (check.keyField === undefined)) {
            problems.push({ where, ja: 'answerKey と keyField は両方書いてください', en: 'answerKey and keyField go together' });
          }
          const keys =
            check.kind === 'counts-match' || (check.kind === 'column-cleaned' && check.answerKey)
              ? { answerKey: check.answerKey! }
              : check.kind === 'addresses-matched'
                ? { latitudeKey: check.latitudeKey, longitudeKey: check.longitudeKey }
                : {};
          for (const [field, file] of Object.entries(keys)) {
            needFile(file, `${where}.${field}`);
            const bytes = files.get(file);
            if (!bytes) continue;
            const key = parseAnswerKey(bytes);
            if ('problem' in key) problems.push({ where: file, ...key.problem });
            else answerKeys.set(file, key.values);
          }
        });
      }
    });
  });
  problems.push(...surveyProblems(curriculum)); // bounded: one problem per survey pair
  const sources = readSources(files, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pkg: { curriculum, files, answerKeys, sources } };
}

function readSources(files: ReadonlyMap<string, Uint8Array>, problems: PackageProblem[]): Map<string, DatasetSource> {
  const bytes = files.get(SOURCES_FILE);
  if (!bytes) return new Map();
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    problems.push({ where: SOURCES_FILE, ja: `JSON として読めません（${(error as Error).message}）`, en: `not valid JSON (${(error as Error).message})` });
    return new Map();
  }
  const parsed = z.record(z.string(), datasetSource).safeParse(raw);
  if (!parsed.success) {
    // bounded: zod stops at the first issues of a file of sources, a few lines
    problems.push(...parsed.error.issues.map((issue) => describeIssue(issue, SOURCES_FILE)).map((p) => ({ ...p, where: `${SOURCES_FILE}: ${p.where}` })));
    return new Map();
  }
  for (const path of Object.keys(parsed.data)) if (!files.has(path)) problems.push({ where: `${SOURCES_FILE}: ${path}`, ja: `ファイル ${path} がパッケージにありません`, en: `file ${path} is not in the package` });
  return new Map(Object.entries(parsed.data));
}

/** The Markdown texts of a step (titles and names are plain text, shown as text). */
function markdownFields(step: Curriculum['lessons'][number]['steps'][number]): [string, LocalText][] {
  const fields: [string, LocalText | undefined][] = [];
  switch (step.kind) {
    case 'reading':
      fields.push(['body', step.body]);
      break;
    case 'quiz':
      fields.push(['question', step.question], ['explanation', step.explanation]);
      break;
    case 'map-task':
    case 'imc-task':
      fields.push(['instructions', step.instructions]);
      break;
    case 'decision':
      fields.push(['situation', step.situation], ['discussion', step.discussion], ...step.options.map((o, i): [string, LocalText] => [`options[${i}].feedback`, o.feedback]));
      break;
    case 'triage':
      fields.push(['instructions', step.instructions]);
      step.datasets.forEach((d, i) => fields.push([`datasets[${i}].description`, d.description], [`datasets[${i}].reason`, d.reason], [`datasets[${i}].restrictions`, d.restrictions]));
      break;
    case 'reflection':
      fields.push(['prompt', step.prompt]);
      break;
    case 'survey':
      break;
  }
  return fields.filter((f): f is [string, LocalText] => f[1] !== undefined);
}

/** Each curriculum measures its effect: a 'pre' and a 'post' survey asking the same questions. */
function surveyProblems(curriculum: Curriculum): PackageProblem[] {
  const surveys = curriculum.lessons.flatMap((l) => l.steps).filter((s) => s.kind === 'survey');
  const pre = surveys.find((s) => s.phase === 'pre');
  const post = surveys.find((s) => s.phase === 'post');
  if (!pre || !post) {
    return [{ where: 'lessons', ja: '研修前（pre）と研修後（post）のアンケートが必要です', en: 'a pre-training and a post-training survey are required' }];
  }
  const ids = (s: typeof pre) => s.questions.map((q) => q.id).join(',');
  return ids(pre) === ids(post) ? [] : [{ where: `survey ${post.id}`, ja: '研修前と研修後のアンケートは同じ質問（id）にしてください', en: 'the pre and post surveys must ask the same questions (ids)' }];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A YYYY-MM-DD date as days since 1970-01-01, so dates compare as numbers in answer keys; NaN otherwise. */
export const dayNumber = (text: string): number => (ISO_DATE.test(text) ? Date.parse(`${text}T00:00:00Z`) / 86_400_000 : NaN);

/** An answer key: a UTF-8 CSV with a header `key,value`, values numbers or YYYY-MM-DD dates (kept as day numbers). */
export function parseAnswerKey(bytes: Uint8Array): { values: Map<string, number> } | { problem: { ja: string; en: string } } {
  const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'key,value') return { problem: { ja: '1 行目は key,value にしてください', en: 'the first line must be key,value' } };
  const values = new Map<string, number>();
  for (const [i, line] of lines.slice(1).entries()) {
    const [key, value, ...rest] = line.split(',');
    const number = value !== undefined && ISO_DATE.test(value.trim()) ? dayNumber(value.trim()) : Number(value);
    if (!key || rest.length > 0 || value === undefined || value.trim() === '' || !Number.isFinite(number)) {
      return { problem: { ja: `${i + 2} 行目が「キー,数値」（または キー,YYYY-MM-DD）ではありません`, en: `line ${i + 2} is not "key,number" (or key,YYYY-MM-DD)` } };
    }
    values.set(key, number);
  }
  return { values };
}

/** A schema issue in words a curriculum author can act on, in both languages. */
export function describeIssue(issue: z.core.$ZodIssue, file = CURRICULUM_FILE): PackageProblem {
  const where = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || file;
  switch (issue.code) {
    case 'unrecognized_keys':
      return { where, ja: `不明な項目があります：${issue.keys.join(', ')}`, en: `unknown field(s): ${issue.keys.join(', ')}` };
    case 'invalid_type':
      return issue.message.includes('received undefined')
        ? { where, ja: '必須の項目がありません', en: 'required field is missing' }
        : { where, ja: `型が違います（${issue.expected} が必要）`, en: `wrong type (expected ${issue.expected})` };
    case 'invalid_value':
      return { where, ja: `使えない値です（使える値：${issue.values.join(', ')}）`, en: `invalid value (allowed: ${issue.values.join(', ')})` };
    case 'invalid_union':
      return { where, ja: '種類（kind）が不明か、その種類に合わない内容です', en: `unknown kind or content that does not fit it (${issue.message})` };
    case 'too_small':
      return { where, ja: `少なすぎるか空です（最小 ${String(issue.minimum)}）`, en: `too small or empty (minimum ${String(issue.minimum)})` };
    default:
      return { where, ja: `不正な値です（${issue.message}）`, en: issue.message };
  }
}
