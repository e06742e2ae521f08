import type { AnyFeatureCollection, GeometryKind } from '../geo/types';
import { classify, type ClassInterval, type ClassificationMethod } from '../geo/classify';
import { DEFAULT_PALETTE, paletteColors, type PaletteName } from '../geo/palettes';
import type { Aggregation, PointFilter } from '../geo/aggregate';

/** Bumped with every change of the stored shape; persistence migrates older records up to it. */
export const EXERCISE_SCHEMA_VERSION = 1;

export interface Layer {
  id: string;
  name: string;
  kind: GeometryKind;
  sourceFileName: string;
  /** 出典, shown in the legend; empty when the user's file did not say. */
  attribution: string;
  data: AnyFeatureCollection;
  /** How the file's text was decoded (CSV, DBF), when it had to be chosen. */
  encoding?: string;
  /** The coordinate system the file was in before conversion to lon/lat. */
  crsLabel?: string;
  /** A recognised table layout, e.g. 'municipal-standard' (自治体標準オープンデータセット). */
  schema?: string;
  /** Hidden layers stay in the exercise but are not drawn; absent means shown. */
  visible?: boolean;
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

export interface ChoroplethStyle {
  layerId: string;
  field: string;
  method: ClassificationMethod;
  classCount: number;
  palette?: PaletteName;
  /** Upper bounds of the classes but the last, for method 'manual'. */
  manualBreaks?: number[];
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
  choropleth: ChoroplethStyle | null;
  view: MapView | null;
  /** 作成者 and 作成日 (YYYY-MM-DD) shown on the finished map; absent until the user gives them. */
  author?: string;
  madeOn?: string;
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
    choropleth: null,
    view: null,
  };
}

export interface LegendClass extends ClassInterval {
  color: string;
}

/** The classes and colours of the choropleth, derived from the data each time (never stored). */
export function choroplethClasses(exercise: Exercise): LegendClass[] {
  const style = exercise.choropleth;
  const layer = style && exercise.layers.find((l) => l.id === style.layerId);
  if (!style || !layer) return [];
  const classes = classify(numericValues(layer, style.field), style.method, style.classCount, style.manualBreaks);
  const colors = paletteColors(style.palette ?? DEFAULT_PALETTE, classes.length);
  return classes.map((c, i) => ({ ...c, color: colors[i]! }));
}

/** Columns of a layer whose values are numbers (every present value): candidates to map or aggregate. */
export function numericFields(layer: Layer): string[] {
  const fields = new Set<string>();
  const rejected = new Set<string>();
  for (const feature of layer.data.features.slice(0, 5000)) {
    for (const [key, value] of Object.entries(feature.properties ?? {})) {
      if (value === null || value === '' || value === undefined) continue;
      if (typeof value === 'number') fields.add(key);
      else rejected.add(key);
    }
  }
  return [...fields].filter((f) => !rejected.has(f));
}

/** The default name of an aggregation's result column, e.g. 件数, JINKO_合計. */
export function aggregationColumnName(aggregation: Aggregation, filtered: boolean): string {
  const base = aggregation.op === 'count' ? '件数' : `${aggregation.field}_${{ sum: '合計', mean: '平均', max: '最大' }[aggregation.op]}`;
  return filtered ? `${base}（条件付き）` : base;
}

/** A column's values as numbers; missing or non-numeric values are NaN. */
export function numericValues(layer: Layer, field: string): number[] {
  return layer.data.features.map((f) => {
    const value = f.properties?.[field];
    return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  });
}
