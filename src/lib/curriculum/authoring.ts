import { keptInside, newExercise, numericValues, type Exercise, type Layer } from '../model/exercise';
import { countWithGeometry, findColumn, valueAt, withColumn, numberColumn, type LayerTable } from '../table/layer-table';
import { baseName, fileNameOf } from '../io/file-names';
import { checkMapTask, type CheckResult } from './checks';
import { CURRICULUM_FORMAT, type Curriculum, type MapCheck, type MapTaskStep, type Step } from './schema';
import type { CurriculumPackage } from './package';

/**
 * Making lessons in the app (教材をつくる), as pure functions: a new step of each kind, ready to fill in;
 * the checks a map task needs, read from the instructor's own map ("この地図を正解にする": the map is the
 * answer key, as nbgrader makes an assignment from the instructor's solution); and the proof that those
 * checks judge: the instructor's map must pass, an empty map, a map with only the data loaded and a map
 * with one count changed must fail.
 */

/** The column address matching adds to its points (see address/match-table.ts). */
const MATCH_LEVEL_COLUMN = '一致レベル';

/** Folder of a package holding the task data and answer keys. */
export const DATA_FOLDER = 'data/';

/** A new curriculum: a pre-survey, one lesson to fill, a post-survey asking the same questions. */
export function newCurriculum(id: string, level: Curriculum['level']): Curriculum {
  const questions = [
    { id: 'use-data', text: { ja: '業務でデータを地図にして考えることができる', en: 'I can map data to think about my work' }, type: 'scale' as const },
    { id: 'expect', text: { ja: 'この研修で身につけたいこと', en: 'What I want to learn in this training' }, type: 'text' as const },
  ];
  return {
    format: CURRICULUM_FORMAT,
    id,
    version: new Date().toISOString().slice(0, 10),
    level,
    title: { ja: '新しい研修' },
    audience: { ja: '受講者' },
    description: { ja: 'この研修のねらい' },
    lessons: [
      { id: 'start', title: { ja: 'はじめに' }, steps: [{ kind: 'survey', id: 'pre-survey', title: { ja: '研修前アンケート' }, phase: 'pre', questions }] },
      { id: 'lesson-1', title: { ja: 'レッスン 1' }, steps: [newStep('reading', 'reading-1')] },
      { id: 'end', title: { ja: 'おわりに' }, steps: [{ kind: 'survey', id: 'post-survey', title: { ja: '研修後アンケート' }, phase: 'post', questions: structuredClone(questions) }] },
    ],
  };
}

export const STEP_KINDS = ['reading', 'quiz', 'reflection', 'survey', 'triage', 'decision', 'imc-task', 'map-task'] as const satisfies readonly Step['kind'][];

/** A new step of a kind, with placeholder text the instructor replaces (the editor shows what is left). */
export function newStep(kind: Step['kind'], id: string): Step {
  const title = { ja: '新しいステップ' };
  switch (kind) {
    case 'reading':
      return { kind, id, title, body: { ja: '本文（Markdown で書けます）' } };
    case 'quiz':
      return { kind, id, title, question: { ja: '問題文' }, choices: [{ ja: '選択肢 1' }, { ja: '選択肢 2' }], correct: [0], explanation: { ja: '解説' } };
    case 'reflection':
      return { kind, id, title, prompt: { ja: '振り返りの問い' }, minLength: 20 };
    case 'survey':
      return { kind, id, title, phase: 'pre', questions: [{ id: 'q1', text: { ja: '質問' }, type: 'scale' }] };
    case 'triage':
      return { kind, id, title, instructions: { ja: 'それぞれのデータを、誰が使ってよいかで分けましょう。' }, datasets: [{ id: 'dataset-1', name: { ja: 'データの名前' }, description: { ja: 'どんなデータか' }, answer: 'open', reason: { ja: 'そう考える理由' } }] };
    case 'decision':
      return {
        kind,
        id,
        title,
        situation: { ja: '状況' },
        options: [
          { id: 'option-1', label: { ja: '案 1' }, feedback: { ja: 'この案を選んだときの講評' } },
          { id: 'option-2', label: { ja: '案 2' }, feedback: { ja: 'この案を選んだときの講評' } },
        ],
        pick: 1,
        justification: { prompt: { ja: 'そう決めた理由' }, minLength: 20 },
        discussion: { ja: '話し合いのポイント' },
      };
    case 'imc-task':
      return { kind, id, title, instructions: { ja: '「空間的課題解決チャート（IMC）」タブで行を追加し、課題の行を書いてください。' }, expect: { layer1: 'point', layer2: 'polygon', processing: 'count' } };
    case 'map-task':
      return { kind, id, title, instructions: { ja: '「課題のデータを読み込む」を押して、地図を作ってください。' }, datasets: [], checks: [{ kind: 'sources-given' }] };
  }
}

/** A step id not yet used in the curriculum: `quiz-3`. */
export function freeStepId(curriculum: Curriculum, kind: string): string {
  const used = new Set(curriculum.lessons.flatMap((l) => l.steps.map((s) => s.id)));
  let n = 1;
  while (used.has(`${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** The post-survey asks what the pre-survey asked (the summary compares them question by question). */
export function withPostSurveyLikePre(curriculum: Curriculum): Curriculum {
  const steps = curriculum.lessons.flatMap((l) => l.steps);
  const pre = steps.find((s) => s.kind === 'survey' && s.phase === 'pre');
  if (pre?.kind !== 'survey') return curriculum;
  return {
    ...curriculum,
    lessons: curriculum.lessons.map((l) => ({ ...l, steps: l.steps.map((s) => (s.kind === 'survey' && s.phase === 'post' ? { ...s, questions: structuredClone(pre.questions) } : s)) })),
  };
}

/** A file of the instructor's map, as it goes into the package. */
export interface RecordedDataset {
  path: string;
  /** The layer's own file name (layers remember it; checks find layers by the package file's name). */
  sourceFileName: string;
}

/** Choices the instructor makes when recording: which polygon column keys the answer. */
export interface RecordOptions {
  stepId: string;
  /** The column that names each polygon in the answer key (学区ID); default: the first unique column. */
  keyField?: string;
}

/** What "この地図を正解にする" records: the datasets, the checks, the answer keys (path → CSV text). */
export interface RecordedAnswer {
  datasets: RecordedDataset[];
  checks: MapCheck[];
  answerKeys: Map<string, string>;
  /** What could not be made a check, said to the instructor. */
  notes: { ja: string; en: string }[];
}

/** Columns whose values are all present and different: they can key an answer. */
export function uniqueColumns(table: LayerTable): string[] {
  return table.columns
    .filter((column) => {
      const seen = new Set<string>();
      for (let row = 0; row < table.rowCount; row++) {
        const value = valueAt(column, row);
        if (value === null || value === undefined || value === '' || seen.has(String(value))) return false;
        seen.add(String(value));
      }
      return table.rowCount > 0;
    })
    .map((c) => c.name);
}

/** The answer-key column proposed for a polygon layer: an id or code column if unique, else any unique one. */
export function proposedKeyField(table: LayerTable): string | undefined {
  const unique = uniqueColumns(table);
  return unique.find((name) => /id|ＩＤ|コード|code|番号|key/i.test(name)) ?? unique.find((name) => findColumn(table, name)?.type === 'text') ?? unique[0];
}

/** Words of a map title a trainee's title must hold: the parts around 別・の, without 図/マップ endings. */
export function titleWords(title: string): string[] {
  const parts = title
    .normalize('NFKC')
    .split(/[\s・、,。()「」『』【】〈〉\[\]/]+|別|の|における|について|ごと/)
    .map((p) => p.replace(/(状況図|分布図|地図|マップ|図)$/u, '').trim())
    .filter((p) => p.length >= 2);
  return [...new Set(parts)].slice(0, 3);
}

/**
 * Reads the checks of a map task from the instructor's finished map. `datasetOf` names the package file
 * each layer came from (the caller writes the files: the layer's own, or its GeoJSON when the file is gone).
 */
export function recordAnswer(exercise: Exercise, datasetOf: (layer: Layer) => string | undefined, options: RecordOptions): RecordedAnswer {
  const notes: RecordedAnswer['notes'] = [];
  const checks: MapCheck[] = [];
  const answerKeys = new Map<string, string>();
  const datasets: RecordedDataset[] = [];
  const pathOfLayer = new Map<string, string>();
  // One dataset per file the map's layers came from (a matched or cleaned layer shares its table's file).
  for (const layer of exercise.layers) {
    const path = datasetOf(layer);
    if (!path) continue;
    pathOfLayer.set(layer.id, path);
    if (!datasets.some((d) => d.path === path)) datasets.push({ path, sourceFileName: layer.sourceFileName });
  }
  const layerById = (id: string | undefined) => exercise.layers.find((l) => l.id === id);
  const pathOf = (layer: Layer | undefined) => (layer ? pathOfLayer.get(layer.id) : undefined);

  for (const dataset of datasets) {
    const first = exercise.layers.find((l) => pathOfLayer.get(l.id) === dataset.path)!;
    const located = countWithGeometry(first.data);
    checks.push({ kind: 'layer-loaded', dataset: dataset.path, ...(located > 0 ? { minFeatures: located } : {}) });
  }

  const analysis = exercise.analysis;
  const polygons = layerById(analysis?.polygonLayerId);
  if (analysis && polygons) {
    const op = analysis.aggregation?.op ?? 'count';
    const keyField = options.keyField && findColumn(polygons.data, options.keyField) ? options.keyField : proposedKeyField(polygons.data);
    const polygonPath = pathOf(polygons);
    if (op !== 'count' || (analysis.filters?.length ?? 0) > 0) {
      notes.push({ ja: '件数（条件なし）の集計だけが答え合わせできます。合計・平均や条件付きの集計は確かめられません。', en: 'Only counts without a filter can be checked against an answer key; sums, means and filtered counts cannot.' });
    } else if (!keyField || !polygonPath) {
      notes.push({ ja: `「${polygons.name}」に、面ごとに違う値の列（ID や名前）がないため、件数の答え合わせを作れません。`, en: `"${polygons.name}" has no column with a different value per polygon (an id or name), so the counts cannot be keyed.` });
    } else {
      const keys = findColumn(polygons.data, keyField)!, values = findColumn(polygons.data, analysis.field);
      const lines = ['key,value'];
      for (let row = 0; row < polygons.data.rowCount; row++) {
        const value = values ? Number(valueAt(values, row)) : NaN;
        lines.push(`${csvKey(String(valueAt(keys, row)))},${Number.isFinite(value) ? value : 0}`);
      }
      const answerKey = `${DATA_FOLDER}answer-${options.stepId}.csv`;
      answerKeys.set(answerKey, lines.join('\n') + '\n');
      const nameField = uniqueColumns(polygons.data).find((name) => name !== keyField && findColumn(polygons.data, name)?.type === 'text' && /名|name/i.test(name));
      checks.push({ kind: 'counts-match', polygons: polygonPath, keyField, ...(nameField ? { nameField } : {}), answerKey });
    }
  }

  const style = exercise.thematic;
  if (style && style.method !== 'diverging' && (style.kind ?? 'choropleth') === 'choropleth') checks.push({ kind: 'classification', method: style.method, classCount: style.classCount });
  if (style?.field.includes('経験ベイズ') && style.flagBelow) {
    const path = pathOf(layerById(style.layerId));
    const population = populationSource(exercise, style.layerId, style.flagBelow.population);
    const populationPath = population && pathOf(population.layer);
    if (path) checks.push({ kind: 'rates-smoothed', polygons: path, ...(population && populationPath ? { population: { dataset: populationPath, column: population.column } } : {}) });
  }
  const title = exercise.title.trim();
  if (title) checks.push({ kind: 'title-set', mustContain: titleWords(title) });

  for (const layer of exercise.layers) {
    const path = pathOf(layer);
    if (!path) continue;
    if (layer.kind === 'point' && keptInside(layer) && layer.visible === false && (style?.suppress?.below ?? 0) >= 2) {
      checks.push({ kind: 'safe-to-publish', points: path, minSuppress: style!.suppress!.below });
    }
    for (const cleaned of cleanedColumns(layer)) {
      // The cleaned values themselves are the answer, keyed by a column with a different value per row.
      const keyField = proposedKeyField(layer.data);
      if (!keyField) {
        checks.push({ kind: 'column-cleaned', dataset: path, ...cleaned });
        continue;
      }
      const keys = findColumn(layer.data, keyField)!, values = findColumn(layer.data, cleaned.column)!;
      const lines = ['key,value'];
      for (let row = 0; row < layer.data.rowCount; row++) {
        const value = valueAt(values, row);
        if (value === null || value === undefined || value === '') continue;
        lines.push(`${csvKey(String(valueAt(keys, row)))},${value}`);
      }
      const answerKey = `${DATA_FOLDER}answer-${options.stepId}-${cleaned.type}-${checks.length}.csv`;
      answerKeys.set(answerKey, lines.join('\n') + '\n');
      checks.push({ kind: 'column-cleaned', dataset: path, ...cleaned, keyField, answerKey });
    }
  }

  const comparison = exercise.comparison;
  if (comparison?.kind === 'units') {
    const points = pathOf(layerById(comparison.pointLayerId));
    const units = comparison.panels.map((p) => pathOf(layerById(p.layerId))).filter((p): p is string => p !== undefined && p !== points);
    if (points && units.length > 0) checks.push({ kind: 'units-compared', points, units: [...new Set(units)] });
  }
  if (exercise.layers.some((l) => l.visible !== false) && exercise.layers.every((l) => l.visible === false || l.attribution.trim())) checks.push({ kind: 'sources-given' });
  // Address matching: the matched points of the answer map are the answer keys of the trainee's.
  for (const matched of exercise.layers.filter((l) => l.kind === 'point' && findColumn(l.data, MATCH_LEVEL_COLUMN) && l.data.geometry.layout === 'points')) {
    const path = pathOf(matched);
    const keyField = proposedKeyField(matched.data);
    if (!path || !keyField) continue;
    const keys = findColumn(matched.data, keyField)!, levels = findColumn(matched.data, MATCH_LEVEL_COLUMN)!;
    const xy = (matched.data.geometry as { xy: Float64Array }).xy;
    const latitude = ['key,value'], longitude = ['key,value'];
    let town = 0;
    for (let row = 0; row < matched.data.rowCount; row++) {
      if (valueAt(levels, row) === '町字' || valueAt(levels, row) === '街区') town++;
      if (!Number.isFinite(xy[row * 2]!)) continue;
      latitude.push(`${csvKey(String(valueAt(keys, row)))},${xy[row * 2 + 1]}`);
      longitude.push(`${csvKey(String(valueAt(keys, row)))},${xy[row * 2]}`);
    }
    const latitudeKey = `${DATA_FOLDER}answer-${options.stepId}-latitude.csv`, longitudeKey = `${DATA_FOLDER}answer-${options.stepId}-longitude.csv`;
    answerKeys.set(latitudeKey, latitude.join('\n') + '\n');
    answerKeys.set(longitudeKey, longitude.join('\n') + '\n');
    // The share the answer reached, to the 5 % below: the same table and dictionary reach it again.
    const minTownShare = Math.floor((town / Math.max(1, matched.data.rowCount)) * 20) / 20;
    checks.push({ kind: 'addresses-matched', dataset: path, keyField, latitudeKey, longitudeKey, minTownShare, maxMedianM: 1000 });
  }
  return { datasets, checks: checks.filter((c, i) => checks.findIndex((d) => JSON.stringify(d) === JSON.stringify(c)) === i), answerKeys, notes };
}

/** A key as one CSV field: the answer-key reader splits on commas, so commas in keys cannot be kept. */
const csvKey = (key: string) => key.replace(/[,\r\n]/g, ' ');

/**
 * Where a rate's population came from: the points column summed into the polygons as `populationField` (the
 * last aggregation, or any point layer's column with the same total), so the trainee's denominator is checked
 * against it.
 */
function populationSource(exercise: Exercise, polygonLayerId: string, populationField: string | undefined): { layer: Layer; column: string } | null {
  const polygons = exercise.layers.find((l) => l.id === polygonLayerId);
  if (!polygons || !populationField) return null;
  const analysis = exercise.analysis;
  if (analysis?.polygonLayerId === polygonLayerId && analysis.field === populationField && analysis.aggregation?.op === 'sum') {
    const layer = exercise.layers.find((l) => l.id === analysis.pointLayerId);
    if (layer) return { layer, column: analysis.aggregation.field };
  }
  const sum = (values: readonly number[]) => values.reduce((a, v) => a + (Number.isFinite(v) ? v : 0), 0);
  const total = sum(numericValues(polygons, populationField));
  for (const layer of exercise.layers.filter((l) => l.kind === 'point')) {
    for (const column of layer.data.columns.filter((c) => c.type === 'number')) {
      if (Math.abs(sum(numericValues(layer, column.name)) - total) <= total * 0.01) return { layer, column: column.name };
    }
  }
  return null;
}

/** The columns a layer's cleaning steps made numbers or Western dates (under their final names). */
function cleanedColumns(layer: Layer): { column: string; type: 'number' | 'date' }[] {
  const found: { column: string; type: 'number' | 'date' }[] = [];
  for (const step of layer.recipe?.steps ?? []) {
    if (step.op === 'to-number') found.push({ column: step.column, type: 'number' });
    else if (step.op === 'era-to-western') found.push({ column: step.column, type: 'date' });
    else if (step.op === 'rename-column') for (const f of found) if (f.column === step.column) f.column = step.to;
  }
  return found.filter((f) => findColumn(layer.data, f.column));
}

/** The instructor's map as a trainee's would be: its layers remember the package files' names. */
export function asPackaged(exercise: Exercise, datasetOf: (layer: Layer) => string | undefined): Exercise {
  return { ...exercise, layers: exercise.layers.map((l) => ({ ...l, sourceFileName: fileNameOf(datasetOf(l) ?? l.sourceFileName) })) };
}

/** One map the checks were tried on, and what they said. */
export interface Trial {
  map: 'answer' | 'empty' | 'loaded-only' | 'one-count-off';
  /** The task passes on this map (all checks pass). */
  passed: boolean;
  /** The task should pass on this map (only the answer). */
  shouldPass: boolean;
  results: CheckResult[];
}

/**
 * Tries a map task's checks on the instructor's map and on maps that must fail: an empty map, the task's
 * data only loaded (no count, no classes, no title), and the answer with one area's count off by one.
 */
export function trialsOf(step: MapTaskStep, pkg: CurriculumPackage, answer: Exercise): Trial[] {
  const run = (map: Trial['map'], exercise: Exercise): Trial => {
    const results = checkMapTask(step, exercise, pkg);
    return { map, passed: results.every((r) => r.passed), shouldPass: map === 'answer', results };
  };
  const trials = [run('answer', answer), run('empty', newExercise('trial-empty', new Date()))];
  // As loaded: each dataset's first layer with the data it was read with (before cleaning steps).
  const files = new Set(step.datasets.map(fileNameOf));
  const loaded = answer.layers
    .filter((l, i) => files.has(l.sourceFileName) && answer.layers.findIndex((m) => m.sourceFileName === l.sourceFileName) === i)
    .map(({ recipe, dataLevel: _level, ...l }) => ({ ...l, data: recipe?.base ?? l.data, visible: true }));
  trials.push(run('loaded-only', { ...newExercise('trial-loaded', new Date()), layers: loaded }));
  const count = step.checks.find((c) => c.kind === 'counts-match');
  const polygons = count && answer.layers.find((l) => l.id === answer.analysis?.polygonLayerId);
  const column = polygons && answer.analysis && findColumn(polygons.data, answer.analysis.field);
  if (polygons && column && polygons.data.rowCount > 0) {
    const values = Array.from({ length: polygons.data.rowCount }, (_, row) => Number(valueAt(column, row)) + (row === 0 ? 1 : 0));
    const off = { ...polygons, data: withColumn(polygons.data, numberColumn(column.name, values)) };
    trials.push(run('one-count-off', { ...answer, layers: answer.layers.map((l) => (l.id === polygons.id ? off : l)) }));
  }
  return trials;
}

/** The checks judge when the answer passes and every other map fails. */
export const trialsHold = (trials: readonly Trial[]) => trials.every((t) => t.passed === t.shouldPass);

/** The package file name a layer's data goes under: its own file's, or a GeoJSON of it. */
export function datasetPath(fileName: string, asGeoJson: boolean): string {
  return `${DATA_FOLDER}${asGeoJson ? `${baseName(fileName) || 'layer'}.geojson` : fileNameOf(fileName)}`;
}

