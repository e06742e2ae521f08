import { classify } from '../geo/classify';
import { DEFAULT_PALETTE, paletteColors } from '../geo/palettes';
import type { PointFilter } from '../geo/aggregate';
import { findColumn } from '../table/layer-table';
import { numericValues, valueCounts, type Exercise, type Layer, type LegendClass } from './exercise';

/**
 * Maps side by side (small multiples): the same points counted per period or kind ('groups', one column
 * per group on one polygon layer), or per unit of area ('units': districts, 町丁目, grid squares — the
 * modifiable areal unit problem). All panels share one set of classes, so a colour means the same
 * everywhere.
 */
export interface Comparison {
  kind: 'groups' | 'units';
  pointLayerId: string;
  panels: ComparisonPanel[];
}

export interface ComparisonPanel {
  layerId: string;
  field: string;
  title: string;
}

/** One group of points to count for a panel: its title and the filter that picks its points. */
export interface PointGroup {
  title: string;
  filter: PointFilter;
}

/** At most this many maps side by side: more would be too small to read at 1366×768. */
export const MAX_PANELS = 4;

/** The classes shared by every panel: one classification over all their values together. */
export function comparisonClasses(exercise: Exercise, comparison: Comparison): LegendClass[] {
  const valuesOf = (panel: ComparisonPanel) => {
    const layer = exercise.layers.find((l) => l.id === panel.layerId);
    return layer ? numericValues(layer, panel.field) : [];
  };
  const values = comparison.panels.flatMap(valuesOf);
  const style = exercise.thematic;
  // Manual breaks and 0-centred classes belong to the one map they were set for.
  const method = style && style.method !== 'manual' && style.method !== 'diverging' ? style.method : 'quantile';
  const classCount = style?.classCount ?? 5;
  // Units: the classes of the first (largest) unit, the last one reaching the highest value of any unit.
  // Pooled, the hundreds of small areas would set every break and the districts would all look alike;
  // this way the districts show their differences and the small units show the peaks they hide.
  const classes =
    comparison.kind === 'units'
      ? classify(values, 'manual', classCount, classify(valuesOf(comparison.panels[0]!), method, classCount).slice(0, -1).map((c) => c.upperBound))
      : classify(values, method, classCount);
  const palette = style?.palette && !['BuRd', 'RdBu'].includes(style.palette) ? style.palette : DEFAULT_PALETTE;
  const colors = paletteColors(palette, classes.length);
  return classes.map((c, i) => ({ ...c, color: colors[i]! }));
}

/** What one panel draws: its layer alone, its column mapped (the shared classes are passed beside it). */
export function panelExercise(exercise: Exercise, panel: ComparisonPanel): Exercise {
  const layer = exercise.layers.find((l) => l.id === panel.layerId);
  return {
    ...exercise,
    id: `${exercise.id}:${panel.layerId}:${panel.field}`,
    title: panel.title,
    layers: layer ? [{ ...layer, visible: true }] : [],
    analysis: null,
    thematic: { layerId: panel.layerId, field: panel.field, method: 'quantile', classCount: 5 },
    view: null,
  };
}

const ISO_DATE = /^(\d{4})-(\d{2})-\d{2}/;
// The end of a day compared as text: '2024-03-31 23:59' and '2024-03-31T10:00' sort before it.
const endOf = (day: string) => `${day}T99`;

/**
 * The groups a point column splits into for panels: dates by 年度 (April to March) when they span 2 to 4
 * of them, else by quarter of the one 年度; other values by their most frequent 2 to 4 values. Null when
 * the column gives fewer than two groups.
 */
export function pointGroups(layer: Layer, field: string): PointGroup[] | null {
  if (!findColumn(layer.data, field)) return null;
  // Values as filters compare them: trimmed (' 声かけ' and '声かけ' are one group).
  const counts = new Map<string, number>();
  for (const [value, count] of valueCounts(layer.data, field)) {
    const trimmed = value.trim();
    if (trimmed !== '') counts.set(trimmed, (counts.get(trimmed) ?? 0) + count);
  }
  const values = [...counts.keys()];
  const dates = values.filter((v) => ISO_DATE.test(v));
  if (values.length > 0 && dates.length === values.length) {
    const fiscalYear = (v: string) => {
      const [, y, m] = ISO_DATE.exec(v)!;
      return Number(m) >= 4 ? Number(y) : Number(y) - 1;
    };
    const years = [...new Set(dates.map(fiscalYear))].sort((a, b) => a - b);
    if (years.length >= 2 && years.length <= MAX_PANELS) {
      return years.map((fy) => ({ title: `${fy}年度`, filter: { field, from: `${fy}-04-01`, to: endOf(`${fy + 1}-03-31`) } }));
    }
    if (years.length === 1) {
      const fy = years[0]!;
      const quarters: [string, string, string][] = [
        ['4〜6月', `${fy}-04-01`, `${fy}-06-30`],
        ['7〜9月', `${fy}-07-01`, `${fy}-09-30`],
        ['10〜12月', `${fy}-10-01`, `${fy}-12-31`],
        ['1〜3月', `${fy + 1}-01-01`, `${fy + 1}-03-31`],
      ];
      return quarters.map(([name, from, to]) => ({ title: `${fy}年度 ${name}`, filter: { field, from, to: endOf(to) } }));
    }
    return null;
  }
  const frequent = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'ja')).slice(0, MAX_PANELS);
  return frequent.length >= 2 ? frequent.map(([value]) => ({ title: value, filter: { field, values: [value] } })) : null;
}
