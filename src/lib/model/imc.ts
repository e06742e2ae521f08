import { catalogue, localized, setupLayerOf } from './setup-catalogue';
import { humanFieldName, type Exercise, type Layer } from './exercise';

/**
 * The spatial problem-solving chart (空間的課題解決チャート, IMC) of the Level Ⅱ workshop: one row per
 * problem, from its purpose to the map that answers it. In the app a row is a recipe for the map.
 */
export type ImcGeometry = 'point' | 'line' | 'polygon';

/** A layer a row names: a layer of the city setup ('sample'), a layer of the exercise, or data the team wishes it had. */
export type ImcLayerRef =
  | { source: 'sample'; fileName: string }
  | { source: 'layer'; layerId: string }
  | { source: 'wish'; name: string; geometry: ImcGeometry };

/** What the row does with its layers; 'free' is written by hand and guided, not run. */
export type ImcProcessing =
  | { op: 'count' }
  | { op: 'count-per-km2' }
  | { op: 'sum' | 'mean'; field: string }
  | { op: 'sum-per-other-count'; field: string }
  | { op: 'nearest' }
  | { op: 'buffer-count'; distanceM: number }
  | { op: 'coverage' }
  | { op: 'join'; tableKey: string; targetKey: string }
  | { op: 'free' }
  /** Not chosen yet: a new row (a trainee chooses how the layers combine; nothing is preset). */
  | { op: 'none' };

export const IMC_OPERATIONS: ImcProcessing['op'][] = ['none', 'count', 'count-per-km2', 'sum', 'mean', 'sum-per-other-count', 'nearest', 'buffer-count', 'coverage', 'join', 'free'];

/** What each processing expects of レイヤ１ and レイヤ２ (null: anything). */
export const EXPECTED_GEOMETRY: Record<ImcProcessing['op'], [ImcGeometry | null, ImcGeometry | null]> = {
  count: ['point', 'polygon'],
  'count-per-km2': ['point', 'polygon'],
  sum: ['point', 'polygon'],
  mean: ['point', 'polygon'],
  'sum-per-other-count': ['point', 'polygon'],
  nearest: [null, null],
  'buffer-count': ['point', null],
  coverage: ['polygon', 'polygon'],
  join: [null, 'polygon'],
  free: [null, null],
  none: [null, null],
};

export interface ImcRow {
  id: string;
  /** 課題・目的 */
  purpose: string;
  /** 背景図 */
  baseMap: string;
  /** レイヤ１ (usually what is counted: points) and レイヤ２ (usually the areas: polygons). */
  layer1: ImcLayerRef | null;
  layer2: ImcLayerRef | null;
  /** その他: a further layer (e.g. facilities) and/or a note. */
  other: ImcLayerRef | null;
  otherNote: string;
  /** 処理、組み合わせ方等 */
  processing: ImcProcessing;
  processingNote: string;
  /** 地図のタイトル */
  title: string;
}

export const emptyImcRow = (id: string): ImcRow => ({
  id,
  purpose: '',
  baseMap: '背景図なし（市域の輪郭）',
  layer1: null,
  layer2: null,
  other: null,
  otherNote: '',
  processing: { op: 'none' },
  processingNote: '',
  title: '',
});

/** The IMC examples of the city setup (the training's worked examples on its layers), as new rows. */
export function exampleRows(newId: () => string): ImcRow[] {
  return catalogue.current.imcExamples.map((row) => ({ ...structuredClone(row), id: newId() }));
}

/** The layer of the exercise a reference stands for, if it is loaded. */
export function resolveLayer(ref: ImcLayerRef | null, exercise: Exercise): Layer | undefined {
  if (!ref) return undefined;
  if (ref.source === 'layer') return exercise.layers.find((l) => l.id === ref.layerId);
  if (ref.source === 'sample') return exercise.layers.find((l) => l.sourceFileName === ref.fileName);
  return undefined;
}

/** 点・線・面 of a reference: from the loaded layer, the sample catalogue, or what the wish says. */
export function geometryOf(ref: ImcLayerRef | null, exercise: Exercise): ImcGeometry | null {
  if (!ref) return null;
  if (ref.source === 'wish') return ref.geometry;
  const layer = resolveLayer(ref, exercise);
  if (layer && (layer.kind === 'point' || layer.kind === 'line' || layer.kind === 'polygon')) return layer.kind;
  return ref.source === 'sample' ? (setupLayerOf(ref.fileName)?.geometry ?? null) : null;
}

export function refName(ref: ImcLayerRef | null, exercise: Exercise, locale: 'ja' | 'en'): string {
  if (!ref) return '';
  if (ref.source === 'wish') return ref.name;
  if (ref.source === 'sample') {
    const layer = setupLayerOf(ref.fileName);
    return layer ? localized(layer.name, locale) : ref.fileName;
  }
  return resolveLayer(ref, exercise)?.name ?? '';
}

/** One step of making the map from a row. */
export type RecipeStep =
  | { kind: 'load'; fileName: string }
  | { kind: 'aggregate'; points: ImcLayerRef; polygons: ImcLayerRef; op: 'count' | 'sum' | 'mean'; field?: string; column: string }
  | { kind: 'per-km2'; polygons: ImcLayerRef; column: string }
  | { kind: 'ratio'; polygons: ImcLayerRef; numerator: string; denominator: string; column: string }
  | { kind: 'nearest'; from: ImcLayerRef; to: ImcLayerRef }
  | { kind: 'buffer-count'; points: ImcLayerRef; around: ImcLayerRef; distanceM: number }
  | { kind: 'coverage'; target: ImcLayerRef; cover: ImcLayerRef }
  | { kind: 'join'; table: ImcLayerRef; tableKey: string; target: ImcLayerRef; targetKey: string }
  | { kind: 'title'; title: string }
  | { kind: 'guide'; ja: string; en: string };

export interface Recipe {
  steps: RecipeStep[];
  /** What keeps the row from being made automatically (empty: it can be made). */
  missing: { ja: string; en: string }[];
}

/** Turns a row into the steps that make its map; says what is missing when it cannot. */
export function buildRecipe(row: ImcRow): Recipe {
  const missing: Recipe['missing'] = [];
  const steps: RecipeStep[] = [];
  const need = (ok: boolean, ja: string, en: string) => ok || missing.push({ ja, en });
  need(row.purpose.trim() !== '', '課題・目的が空です。', 'The purpose is empty.');
  need(row.title.trim() !== '', '地図のタイトルが空です。', 'The map title is empty.');
  need(row.processing.op !== 'none', '処理（組み合わせ方）が選ばれていません。', 'No processing is chosen.');
  for (const [ref, label] of [[row.layer1, 'レイヤ１'], [row.layer2, 'レイヤ２']] as const) {
    if (!ref) need(false, `${label}が選ばれていません。`, `${label === 'レイヤ１' ? 'Layer 1' : 'Layer 2'} is not chosen.`);
    else if (ref.source === 'wish') need(false, `${label}「${ref.name}」はまだないデータです。まずデータを用意しましょう（データの棚卸し・依頼）。`, `"${ref.name}" is data you do not have yet: get it first (inventory, request).`);
  }
  if (row.processing.op === 'sum-per-other-count' || row.processing.op === 'nearest') {
    const ref = row.processing.op === 'nearest' ? row.layer2 : row.other;
    if (!ref || ref.source === 'wish') need(false, 'この処理には「その他」のレイヤ（施設など）が必要です。', 'This processing needs the "other" layer (e.g. facilities).');
  }
  if (missing.length > 0) return { steps, missing };

  for (const ref of [row.layer1, row.layer2, row.other]) if (ref?.source === 'sample') steps.push({ kind: 'load', fileName: ref.fileName });
  const points = row.layer1!, polygons = row.layer2!;
  const p = row.processing;
  switch (p.op) {
    case 'count':
      steps.push({ kind: 'aggregate', points, polygons, op: 'count', column: '件数' });
      break;
    case 'count-per-km2':
      steps.push({ kind: 'aggregate', points, polygons, op: 'count', column: '件数' }, { kind: 'per-km2', polygons, column: '件数' });
      break;
    case 'sum':
    case 'mean':
      steps.push({ kind: 'aggregate', points, polygons, op: p.op, field: p.field, column: `${humanFieldName(p.field)}${p.op === 'sum' ? '合計' : '平均'}` });
      break;
    case 'sum-per-other-count':
      steps.push(
        { kind: 'aggregate', points, polygons, op: 'sum', field: p.field, column: `${humanFieldName(p.field)}合計` },
        { kind: 'aggregate', points: row.other!, polygons, op: 'count', column: '施設数' },
        { kind: 'ratio', polygons, numerator: `${humanFieldName(p.field)}合計`, denominator: '施設数', column: `施設1か所あたり${humanFieldName(p.field)}` },
      );
      break;
    case 'nearest':
      steps.push({ kind: 'nearest', from: points, to: polygons });
      break;
    case 'buffer-count':
      steps.push({ kind: 'buffer-count', points, around: polygons, distanceM: p.distanceM });
      break;
    case 'coverage':
      steps.push({ kind: 'coverage', target: polygons, cover: points });
      break;
    case 'join':
      steps.push({ kind: 'join', table: points, tableKey: p.tableKey, target: polygons, targetKey: p.targetKey });
      break;
    case 'none':
      break;
    case 'free':
      steps.push({
        kind: 'guide',
        ja: `処理「${row.processingNote || '（記入なし）'}」は手作業です。集計・結合・重ね合わせの欄を使って進めましょう。`,
        en: `The processing "${row.processingNote || '(none)'}" is done by hand: use the analysis, join and overlay panels.`,
      });
      break;
  }
  steps.push({ kind: 'title', title: row.title.trim() });
  return { steps, missing };
}

/** Processings whose result is a count or total per polygon of レイヤ２. */
const AGGREGATING = new Set<ImcProcessing['op']>(['count', 'count-per-km2', 'sum', 'mean', 'sum-per-other-count']);

/** A hint that a map does not (yet) match its row. */
export interface ImcHint {
  code: 'layer-not-loaded' | 'layer-hidden' | 'wrong-geometry' | 'not-aggregated' | 'title-differs' | 'wish';
  ja: string;
  en: string;
}

/** Compares a row with the current map: missing or hidden layers, 点・線・面 mismatches, processing, title. */
export function checkRowAgainstMap(row: ImcRow, exercise: Exercise, locale: 'ja' | 'en'): ImcHint[] {
  const hints: ImcHint[] = [];
  const [first, second] = EXPECTED_GEOMETRY[row.processing.op];
  const expected: [ImcLayerRef | null, ImcGeometry | null][] = [
    [row.layer1, first],
    [row.layer2, second],
    [row.other, null],
  ];
  for (const [ref, wanted] of expected) {
    if (!ref) continue;
    const name = refName(ref, exercise, locale);
    if (ref.source === 'wish') {
      hints.push({ code: 'wish', ja: `「${name}」はまだないデータです。`, en: `"${name}" is data you do not have yet.` });
      continue;
    }
    const layer = resolveLayer(ref, exercise);
    if (!layer) hints.push({ code: 'layer-not-loaded', ja: `「${name}」が地図にありません。`, en: `"${name}" is not on the map.` });
    else if (layer.visible === false) hints.push({ code: 'layer-hidden', ja: `「${name}」が非表示です。`, en: `"${name}" is hidden.` });
    const geometry = geometryOf(ref, exercise);
    if (wanted && geometry && geometry !== wanted) {
      const word = { point: '点', line: '線', polygon: '面' };
      hints.push({ code: 'wrong-geometry', ja: `「${name}」は${word[geometry]}のレイヤですが、この処理では${word[wanted]}が必要です。`, en: `"${name}" is a ${geometry} layer, but this processing needs ${wanted}s.` });
    }
  }
  const polygons = resolveLayer(row.layer2, exercise);
  if (AGGREGATING.has(row.processing.op) && polygons) {
    const aggregated = exercise.analysis?.polygonLayerId === polygons.id && exercise.thematic?.layerId === polygons.id;
    if (!aggregated) {
      hints.push({
        code: 'not-aggregated',
        ja: `行では「${refName(row.layer2, exercise, 'ja')}」ごとに集計しますが、地図はまだ集計結果を表していません（点を並べただけの地図です）。`,
        en: `The row aggregates per "${refName(row.layer2, exercise, 'en')}", but the map does not show an aggregation yet (only raw points).`,
      });
    }
  }
  if (row.title.trim() && exercise.title.trim() !== row.title.trim()) {
    hints.push({ code: 'title-differs', ja: `地図のタイトル「${exercise.title || '（なし）'}」が行のタイトル「${row.title}」と違います。`, en: `The map title "${exercise.title || '(none)'}" differs from the row's "${row.title}".` });
  }
  return hints;
}
