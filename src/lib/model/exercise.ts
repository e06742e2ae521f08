import type { GeometryKind } from '../geo/types';
import { extent } from '../util/extent';
import { columnNamesOf, dictionaryOf, findColumn, numberAt, valueAt, type LayerTable } from '../table/layer-table';
import { classify, type ClassInterval, type ClassificationMethod } from '../geo/classify';
import { DEFAULT_PALETTE, paletteColors, paletteSize, type PaletteName } from '../geo/palettes';
import type { Aggregation, PointFilter } from '../geo/aggregate';
import type { ImcRow } from './imc';
import type { HotSpotClass } from '../geo/hot-spots';
import type { ReadabilityReport } from '../io/readability';
import type { ImportFix } from '../io/types';
import type { CleaningStep, StepResult } from '../cleaning/steps';
import type { Comparison } from './comparison';

// The columns an address match adds (一致レベル, 照合住所…), which the tables bring into view.
export { MATCH_COLUMNS } from '../address/match-table';
// Spreadsheet column letters (A … Z, AA): the workbench names cells as its messages do (E5).
export { columnLetters } from '../io/readability';
// The classification methods and palettes a thematic style can name (the style panel offers them).
export { CLASSIFICATION_METHODS, MIN_CLASS_COUNT, MAX_CLASS_COUNT, classIndexOf } from '../geo/classify';
export { DIVERGING_PALETTES, QUALITATIVE_PALETTES, SEQUENTIAL_PALETTES, isColorBlindSafe, type PaletteName } from '../geo/palettes';

/** Bumped with every change of the stored shape; persistence migrates older records up to it. */
export const EXERCISE_SCHEMA_VERSION = 2;

export interface Layer {
  id: string;
  name: string;
  kind: GeometryKind;
  sourceFileName: string;
  /** 出典, shown in the legend; empty when the user's file did not say. */
  attribution: string;
  /** The layer's rows (columnar, immutable; stored once per content id, see persistence). */
  data: LayerTable;
  /** How the file's text was decoded (CSV, DBF), when it had to be chosen. */
  encoding?: string;
  /** The coordinate system the file was in before conversion to lon/lat. */
  crsLabel?: string;
  /** A recognised table layout, e.g. 'municipal-standard' (自治体標準オープンデータセット). */
  schema?: string;
  /** Hidden layers stay in the exercise but are not drawn; absent means shown. */
  visible?: boolean;
  /** The colour of a layer that is not the thematic one (#rrggbb); absent means the kind's default. */
  color?: string;
  /** Point radius or line width in pixels (polygons: outline width); absent means the default. */
  size?: number;
  /** Tables read from CSV or Excel: the machine-readability check of the file as it was. */
  readability?: ReadabilityReport;
  /** Tables: what the importer fixed on its own (shown first in the recipe; undone by reading again). */
  importFixes?: ImportFix[];
  /** Cleaning steps (ワーク②): `data` is `recipe.base` with the steps applied in order. */
  recipe?: LayerRecipe;
  /** Who may see the data (データスペクトラム, as in ワーク④); absent means not said. */
  dataLevel?: DataLevel;
  /** A density surface (grid cells) made from a point layer: remade, not added to, when the bandwidth changes. */
  density?: { pointLayerId: string; bandwidthM: number; cellM: number };
}

/** データスペクトラム, most closed first: 部署内限定, 庁内限定, 請求による公開, オープンデータ. */
export type DataLevel = 'department' | 'office' | 'on-request' | 'open';

/** Data marked 部署内限定 or 庁内限定: it does not leave the office as it is. */
export const keptInside = (layer: Layer) => layer.dataLevel === 'department' || layer.dataLevel === 'office';

/**
 * The layers that stop a map from leaving the office as it is: shown points of data kept inside a
 * department or the office (individual places can identify people). Aggregated polygons are fine.
 */
export function restrictedPointLayers(exercise: Exercise): Layer[] {
  return exercise.layers.filter((l) => l.visible !== false && l.kind === 'point' && keptInside(l));
}

export interface LayerRecipe {
  /** The table as imported, before the first step. */
  base: LayerTable;
  steps: CleaningStep[];
  /** What each step did (cells changed, cells it could not change). */
  results: StepResult[];
}

/** The last aggregation of points into polygons; its results are a column (`field`) on the polygon layer. */
export interface CountAnalysis {
  pointLayerId: string;
  polygonLayerId: string;
  field: string;
  aggregation?: Aggregation;
  filters?: PointFilter[];
  /** Points that took part (passed the filters and fell in a polygon). */
  counted: number;
  outside: number;
  withoutGeometry: number;
  onSharedBoundary: number;
  filteredOut?: number;
}

/** How the thematic layer shows its column: colours by class, circles by size, or colours by category. */
export type ThematicKind = 'choropleth' | 'graduated-circles' | 'categories';

export interface ThematicStyle {
  /** Absent means 'choropleth' (the first kind the app had). */
  kind?: ThematicKind;
  layerId: string;
  field: string;
  method: ClassificationMethod;
  classCount: number;
  palette?: PaletteName;
  /** Upper bounds of the classes but the last, for method 'manual'. */
  manualBreaks?: number[];
  /** Areas whose `field` (a count) is below `count` are hatched: their rates rest on small numbers. */
  flagBelow?: { field: string; count: number; /** The rate's denominator (a population column), when the rate was made in the app. */ population?: string };
  /**
   * 秘匿: areas whose count (`field`) is 1 to `below` − 1 are left out of the classes and shown as one
   * hatched class, their values (and any rate mapped on them) hidden, so no one can be picked out.
   */
  suppress?: { field: string; below: number };
}

/** The colour of suppressed areas (hatched over it). */
export const SUPPRESSED_COLOR = '#cfcfcf';

/** Rows whose count is suppressed under the style (1 to below − 1; 0 says no one, so it shows). */
export function suppressedRows(layer: Layer, style: ThematicStyle | null | undefined): boolean[] {
  // Nothing suppressed: no array of a flag per row (200,000 areas) to make and read.
  if (!style?.suppress) return [];
  const counts = numbersOf(layer, style.suppress.field);
  return Array.from({ length: layer.data.rowCount }, (_, row) => style?.suppress !== undefined && counts[row]! >= 1 && counts[row]! < style.suppress.below);
}

export interface MapView {
  center: [number, number];
  zoom: number;
}

export interface Exercise {
  schemaVersion: number;
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  layers: Layer[];
  analysis: CountAnalysis | null;
  thematic: ThematicStyle | null;
  view: MapView | null;
  /**
   * 背景図: 'city' (default), 'plain', 'gsi' (地理院タイル, drawn only while online maps are allowed) or
   * 'pmtiles' (a file from the user's disk, drawn while it is open this session).
   */
  baseMap?: 'city' | 'plain' | 'gsi' | 'pmtiles';
  /** Rows of the spatial problem-solving chart (IMC); absent in exercises made before it existed. */
  imc?: ImcRow[];
  /** 作成者 and 作成日 (YYYY-MM-DD) shown on the finished map; absent until the user gives them. */
  author?: string;
  madeOn?: string;
  /** The user confirmed the map is for use inside the office: it is written on the map and its exports. */
  internalUse?: boolean;
  /**
   * A copy kept when the lesson step of this id passed, so the instructor sees the map as it passed even if
   * a later step (one that goes on with the same map) changes it. Not listed among the trainee's maps.
   */
  snapshotOf?: string;
  /** Maps side by side (per period or kind, or per unit of area), shown on the 比べる tab. */
  comparison?: Comparison;
}

export function newExercise(id: string, now: Date): Exercise {
  return {
    schemaVersion: EXERCISE_SCHEMA_VERSION,
    id,
    title: '',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    layers: [],
    analysis: null,
    thematic: null,
    view: null,
    baseMap: 'city',
    imc: [],
  };
}

export interface LegendClass extends ClassInterval {
  color: string;
}

/** The thematic style and the layer it shows, when both exist. */
export function thematicLayer(exercise: Exercise): { style: ThematicStyle; layer: Layer } | null {
  const style = exercise.thematic;
  const layer = style && exercise.layers.find((l) => l.id === style.layerId);
  return style && layer ? { style, layer } : null;
}

/** The thematic style moved to a result column: the user's kind, method and palette are kept. */
export function thematicShowing(exercise: Exercise, layerId: string, field: string): ThematicStyle {
  // A new column is numbers (a count, a rate): shown in classes even if the last map showed categories.
  const kind = exercise.thematic?.kind === 'categories' ? undefined : exercise.thematic?.kind;
  return { method: 'quantile', classCount: 5, ...exercise.thematic, kind, layerId, field, manualBreaks: undefined, flagBelow: undefined };
}

const NAME_FIELDS = ['学区名', '名称', '施設・場所名', 'name', 'NAME'];

/** The attribute used to label a polygon layer, if it has one of the usual name columns. */
export function labelFieldOf(layer: Layer): string | null {
  return NAME_FIELDS.find((f) => findColumn(layer.data, f)?.type === 'text') ?? null;
}

/** Each row's name as the map labels it (its name column), or its number from 1. */
export function labelsOf(layer: Layer): string[] {
  const field = labelFieldOf(layer);
  const column = field ? findColumn(layer.data, field) : undefined;
  return Array.from({ length: layer.data.rowCount }, (_, row) => String((column && valueAt(column, row)) ?? row + 1));
}

/** A layer's column names, in the table's order. */
export function columnNames(layer: Layer): string[] {
  return columnNamesOf(layer.data);
}

// Classes per mapped column object and style: the legend is derived at every change of the exercise (a
// title keystroke too), and classifying 200,000 values takes tens of milliseconds.
const classCache = new WeakMap<object, Map<string, LegendClass[]>>();

/** The classes and colours of a choropleth, derived from the data (never stored; the same data and style give the same object). */
export function thematicClasses(exercise: Exercise): LegendClass[] {
  const { style, layer } = thematicLayer(exercise) ?? {};
  if (!style || !layer || (style.kind ?? 'choropleth') !== 'choropleth') return [];
  // (With suppression the classes depend on a second column too: not kept.)
  const column = style.suppress ? undefined : findColumn(layer.data, style.field);
  const key = JSON.stringify([style.method, style.classCount, style.manualBreaks, style.palette]);
  const cached = column && classCache.get(column)?.get(key);
  if (cached) return cached;
  // Suppressed areas take no part in the classes (their values must not shape what others see).
  const hidden = suppressedRows(layer, style);
  const numbers = numbersOf(layer, style.field);
  const values = hidden.length > 0 ? Array.from(numbers, (v, row) => (hidden[row] ? NaN : v)) : numbers;
  const classes = classify(values, style.method, style.classCount, style.manualBreaks);
  const colors = paletteColors(style.palette ?? DEFAULT_PALETTE, classes.length);
  const legend = classes.map((c, i) => ({ ...c, color: colors[i]! }));
  if (column) {
    let byStyle = classCache.get(column);
    if (!byStyle) classCache.set(column, (byStyle = new Map()));
    byStyle.set(key, legend);
  }
  return legend;
}

/** Columns of a layer whose values are numbers (every present value): candidates to map or aggregate. */
export function numericFields(layer: Layer): string[] {
  return layer.data.columns.filter((c) => c.type === 'number' && c.values.some((v) => v === v)).map((c) => c.name);
}

/**
 * The filters the aggregation form describes: none without a column; values typed as a list ("声かけ,
 * つきまとい" or with 、), and a from/to range, each only when given.
 */
export function pointFilters(field: string, valuesText: string, from: string, to: string): PointFilter[] {
  if (!field) return [];
  const values = valuesText.split(/[,、，]/).map((v) => v.trim()).filter(Boolean);
  return [{ field, ...(values.length ? { values } : {}), ...(from.trim() ? { from: from.trim() } : {}), ...(to.trim() ? { to: to.trim() } : {}) }];
}

/** Column codes of public statistics (e-Stat census tables) as people say them: JINKO → 人口. */
const FIELD_NAMES: Record<string, string> = { JINKO: '人口', SETAI: '世帯数', JINKO_M: '男性人口', JINKO_F: '女性人口' };
export const humanFieldName = (field: string) => FIELD_NAMES[field] ?? field;

/** The default name of an aggregation's result column, e.g. 件数, 人口合計 (for JINKO summed). */
export function aggregationColumnName(aggregation: Aggregation, filtered: boolean): string {
  const base = aggregation.op === 'count' ? '件数' : `${humanFieldName(aggregation.field)}${{ sum: '合計', mean: '平均', max: '最大' }[aggregation.op]}`;
  return filtered ? `${base}（条件付き）` : base;
}

/** A column's values to read as numbers (NaN: none): a number column's own array, without a copy. */
export function numbersOf(layer: Layer, field: string): ArrayLike<number> & Iterable<number> {
  const column = findColumn(layer.data, field);
  return column?.type === 'number' ? column.values : numericValues(layer, field);
}

/** A column's values as numbers; missing or non-numeric values are NaN. */
export function numericValues(layer: Layer, field: string): number[] {
  const column = findColumn(layer.data, field);
  if (!column) return new Array<number>(layer.data.rowCount).fill(NaN);
  return column.type === 'number' ? Array.from(column.values) : Array.from({ length: layer.data.rowCount }, (_, row) => numberAt(column, row));
}

/** A column's values as they are (null where a row has none). */
export function columnValues(layer: Layer, field: string): unknown[] {
  const column = findColumn(layer.data, field);
  return Array.from({ length: layer.data.rowCount }, (_, row) => (column ? valueAt(column, row) : null));
}

export interface CategoryClass {
  /** The value as text; '' for the bucket of all other values. */
  value: string;
  color: string;
  count: number;
}

/** At most this many categories get their own colour (qualitative palettes stop at 12); the rest share grey. */
export const MAX_CATEGORIES = 11;
export const OTHER_CATEGORY_COLOR = '#bdbdbd';

/**
 * The classes of a hot-spot column (Gi*), as the column holds them, in their order and colours: hot in
 * reds, cold in blues, nothing significant in light grey (a diverging scheme, not a palette by frequency).
 */
export const HOT_SPOT_LABELS: Record<HotSpotClass, { label: string; color: string }> = {
  'hot-99': { label: '高い値の集まり（99%）', color: '#b2182b' },
  'hot-95': { label: '高い値の集まり（95%）', color: '#ef8a62' },
  'hot-90': { label: '高い値の集まり（90%）', color: '#fddbc7' },
  none: { label: '有意でない', color: '#eeeeee' },
  'cold-90': { label: '低い値の集まり（90%）', color: '#d1e5f0' },
  'cold-95': { label: '低い値の集まり（95%）', color: '#67a9cf' },
  'cold-99': { label: '低い値の集まり（99%）', color: '#2166ac' },
};
const HOT_SPOT_ORDER = Object.values(HOT_SPOT_LABELS);

/** The categories of a text column, most frequent first, with colours; rarer values grouped as others. */
export function categoryClasses(exercise: Exercise): CategoryClass[] {
  const { style, layer } = thematicLayer(exercise) ?? {};
  if (!style || !layer || style.kind !== 'categories') return [];
  const counts = valueCounts(layer.data, style.field);
  if ([...counts.keys()].every((value) => HOT_SPOT_ORDER.some((h) => h.label === value))) {
    return HOT_SPOT_ORDER.filter((h) => counts.has(h.label)).map((h) => ({ value: h.label, count: counts.get(h.label)!, color: h.color }));
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ja'));
  // Every category with its own colour must get a distinct one: no more of them than the palette has.
  const palette = style.palette ?? 'Set2';
  const limit = Math.min(MAX_CATEGORIES, paletteSize(palette));
  const own = sorted.slice(0, sorted.length > limit + 1 ? limit : limit + 1);
  const colors = paletteColors(palette, Math.max(3, own.length));
  const classes: CategoryClass[] = own.map(([value, count], i) => ({ value, count, color: colors[i % colors.length]! }));
  const rest = sorted.slice(own.length).reduce((sum, [, count]) => sum + count, 0);
  if (rest > 0) classes.push({ value: '', count: rest, color: OTHER_CATEGORY_COLOR });
  return classes;
}

/** Reference values for a graduated-circle legend: the maximum and two rounder smaller ones. */
export function circleLegendValues(exercise: Exercise): number[] {
  const { style, layer } = thematicLayer(exercise) ?? {};
  if (!style || !layer || style.kind !== 'graduated-circles') return [];
  const [, max] = extent(numbersOf(layer, style.field));
  if (!(max > 0)) return [];
  const round = (v: number) => {
    const magnitude = 10 ** Math.floor(Math.log10(v));
    return Math.max(magnitude, Math.round(v / magnitude) * magnitude);
  };
  return [...new Set([max, round(max / 2), round(max / 8)])].filter((v) => v > 0 && v <= max);
}

/** The largest circle's radius in pixels; others scale by area (radius ∝ √value), so they compare truly. */
export const MAX_CIRCLE_RADIUS = 28;

/** How many rows hold each value of a column (as text; empty values left out). Text columns count codes. */
export function valueCounts(table: LayerTable, field: string): Map<string, number> {
  const counts = new Map<string, number>();
  const column = findColumn(table, field);
  if (!column) return counts;
  if (column.type === 'text') {
    // Counted by dictionary code: no string is made per row, so a million rows take milliseconds.
    const dictionary = dictionaryOf(column);
    const perCode = new Uint32Array(dictionary.length + 1);
    for (const code of column.codes) perCode[code]!++;
    dictionary.forEach((value, i) => {
      if (value !== '' && perCode[i + 1]! > 0) counts.set(value, (counts.get(value) ?? 0) + perCode[i + 1]!);
    });
    return counts;
  }
  for (let row = 0; row < table.rowCount; row++) {
    const value = valueAt(column, row);
    if (value === null || value === '') continue;
    counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  }
  return counts;
}
