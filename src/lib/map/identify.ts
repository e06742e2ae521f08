import type { Exercise, Layer } from '../model/exercise';
import { valueAt } from '../table/layer-table';
import { formatNumber } from '../util/format';

/**
 * What a click on the map points at: the exercise layer and row of the topmost feature drawn there, read
 * from the table (every column, with its own name), not from the drawn feature, which carries only what
 * drawing needs. Every source of an exercise layer names its features by row: tiles by their ids, GeoJSON
 * sources by their place in the features array (generateId), graduated circles' anchors by the row of
 * their polygon.
 */
export interface Identified {
  layerId: string;
  layerName: string;
  row: number;
  /** Column name and the value as text ('' where there is none; see cellText), the mapped column first. */
  cells: [string, string][];
  /** Columns left out (more than MAX_CELLS). */
  more: number;
}

export const MAX_CELLS = 12;

/** A feature as MapLibre's queryRenderedFeatures gives it: its source and id. */
export interface DrawnFeature {
  source: string;
  id?: string | number;
}

/** The layer whose source (or whose circles' anchors source) this is. */
const layerOfSource = (exercise: Exercise, source: string): Layer | undefined => exercise.layers.find((l) => l.id === source || `${l.id}-anchors` === source);

/** The first feature (topmost) that belongs to an exercise layer and names one of its rows. */
export function pickRow(exercise: Exercise, features: readonly DrawnFeature[]): { layerId: string; row: number } | null {
  for (const feature of features) {
    const layer = layerOfSource(exercise, feature.source);
    const row = Number(feature.id);
    if (layer && feature.id !== undefined && Number.isInteger(row) && row >= 0 && row < layer.data.rowCount) return { layerId: layer.id, row };
  }
  return null;
}

/** A row of a layer as it is now (a count adds a column; the layer may be gone: null). */
export function describeRow(exercise: Exercise, layerId: string, row: number): Identified | null {
  const layer = exercise.layers.find((l) => l.id === layerId);
  if (!layer || row >= layer.data.rowCount) return null;
  const mapped = exercise.thematic?.layerId === layer.id ? exercise.thematic.field : undefined;
  const columns = [...layer.data.columns].sort((a, b) => Number(b.name === mapped) - Number(a.name === mapped));
  const cells = columns.slice(0, MAX_CELLS).map((column): [string, string] => [column.name, cellText(valueAt(column, row))]);
  return { layerId: layer.id, layerName: layer.name, row, cells, more: Math.max(0, columns.length - MAX_CELLS) };
}

/** As the attribute table shows it (whole numbers as they are: codes must not gain commas); fractions rounded. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatNumber(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
