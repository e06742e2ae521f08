import { formatFixed, formatNumber, sharedDecimals } from '../util/format';
import { circleLegendValues, MAX_CIRCLE_RADIUS, SUPPRESSED_COLOR, suppressedRows, thematicLayer, type CategoryClass, type Exercise, type LegendClass } from './exercise';

/**
 * The values in class i as the legend shows them. An empty class shows its bounds, or, where the data are
 * whole numbers and the bounds fall between them (the 0-centred method), the whole numbers it would hold.
 */
export function classRangeLabel(legend: readonly LegendClass[], i: number): string {
  const whole = legend.every((l) => l.count === 0 || (Number.isInteger(l.min) && Number.isInteger(l.max)));
  const ranges = legend.map((l, j) => valuesOrBounds(l, legend[j - 1]?.upperBound, whole));
  // One precision for the whole legend, just enough to keep its values apart.
  const f = (v: number) => formatFixed(v, sharedDecimals(ranges.flat()));
  const [from, to] = ranges[i]!;
  if (i === 0 && legend[i]!.count === 0 && whole) return `≤ ${f(to)}`;
  return from === to ? f(from) : `${f(from)} – ${f(to)}`;
}

/** A class's smallest and largest value; for an empty class, its bounds or the whole numbers within them. */
function valuesOrBounds(c: LegendClass, lower: number | undefined, whole: boolean): [number, number] {
  if (c.count > 0) return [c.min, c.max];
  if (!whole || (lower !== undefined && Number.isInteger(lower) && Number.isInteger(c.upperBound))) return [lower ?? c.upperBound, c.upperBound];
  const last = Math.floor(c.upperBound);
  return [lower === undefined ? last : Math.min(Math.floor(lower) + 1, last), last];
}

/** One row of the legend: a coloured box (classes, categories) or a circle of the size it stands for. */
export interface LegendRow {
  color: string;
  label: string;
  note: string;
  shape: 'rect' | 'circle';
  radius?: number;
  /** Drawn hatched (suppressed areas). */
  hatched?: boolean;
}

/**
 * The legend's rows for the thematic map's kind, the same on screen and in the exported image. `words`
 * gives the two phrases that depend on the language.
 */
export function legendRows(
  exercise: Exercise,
  legend: readonly LegendClass[],
  categories: readonly CategoryClass[],
  words: { other: string; areas: (count: number) => string; suppressed: (below: number) => string },
): LegendRow[] {
  const kind = exercise.thematic?.kind ?? 'choropleth';
  if (kind === 'categories') return categories.map((c) => ({ color: c.color, label: c.value || words.other, note: String(c.count), shape: 'rect' }));
  if (kind === 'graduated-circles') {
    const values = circleLegendValues(exercise);
    return values.map((v) => ({ color: '#d7301f', label: formatNumber(v), note: '', shape: 'circle', radius: MAX_CIRCLE_RADIUS * Math.sqrt(v / values[0]!) }));
  }
  const { style, layer } = thematicLayer(exercise) ?? {};
  // A density surface's cells are not areas anyone counts: no count beside its classes.
  const rows: LegendRow[] = legend.map((c, i) => ({ color: c.color, label: classRangeLabel(legend, i), note: layer?.density ? '' : words.areas(c.count), shape: 'rect' }));
  const suppressed = layer && style?.suppress ? suppressedRows(layer, style).filter(Boolean).length : 0;
  if (suppressed > 0) rows.push({ color: SUPPRESSED_COLOR, label: words.suppressed(style!.suppress!.below), note: words.areas(suppressed), shape: 'rect', hatched: true });
  return rows;
}

/** The legend's heading: "〈points〉の件数" for a plain count, otherwise the mapped column's name. */
export function legendHeading(exercise: Exercise, countOf: (layerName: string) => string): string {
  const field = exercise.thematic?.field ?? '';
  const analysis = exercise.analysis;
  const pointLayer = analysis && exercise.layers.find((l) => l.id === analysis.pointLayerId);
  const isPlainCount = analysis?.field === field && (analysis.aggregation?.op ?? 'count') === 'count' && !analysis.filters?.length;
  return isPlainCount && pointLayer ? countOf(pointLayer.name) : field;
}

/** 出典 of the visible layers, without repeats, then the base map's. */
export function sourceLines(exercise: Exercise, baseAttribution: string): string[] {
  const layers = exercise.layers.filter((l) => l.visible !== false);
  return [...new Set([...layers.map((l) => l.attribution.trim()), baseAttribution].filter(Boolean))];
}

/** 作成者 and 作成日 as one line ('' when neither is given). */
export function creditsLine(exercise: Exercise): string {
  return [exercise.author, exercise.madeOn].filter(Boolean).join('　');
}
