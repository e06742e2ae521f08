import type { AnyFeatureCollection, GeometryKind } from '../geo/types';
import { classifyQuantile, sequentialColors, type ClassInterval } from '../geo/classify';

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
}

/** The last point-per-polygon count; the counts themselves are a column on the polygon layer. */
export interface CountAnalysis {
  pointLayerId: string;
  polygonLayerId: string;
  field: string;
  counted: number;
  outside: number;
  withoutGeometry: number;
  onSharedBoundary: number;
}

export interface ChoroplethStyle {
  layerId: string;
  field: string;
  method: 'quantile';
  classCount: number;
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
  const values = layer.data.features.map((f) => Number(f.properties?.[style.field]));
  const { classes } = classifyQuantile(values, style.classCount);
  const colors = sequentialColors(classes.length);
  return classes.map((c, i) => ({ ...c, color: colors[i]! }));
}
