import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asTable } from './tables';
import { categoryClasses, circleLegendValues, newExercise, type Exercise, type Layer } from '../../src/lib/model/exercise';
import { cartographyHints } from '../../src/lib/model/cartography-checks';
import { classRangeLabel, legendHeading } from '../../src/lib/model/legend';
import type { AnyFeatureCollection } from '../../src/lib/geo/types';

const districts = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')) as AnyFeatureCollection;
const layer = (id: string, data: AnyFeatureCollection, extra: Partial<Layer> = {}): Layer => ({ id, name: id, kind: 'polygon', sourceFileName: `${id}.geojson`, attribution: '出典あり', data: asTable(data), ...extra });
const withCounts = (counts: number[]) => ({ ...districts, features: districts.features.map((f, i) => ({ ...f, properties: { ...f.properties, 件数: counts[i % counts.length]! } })) });

describe('categories', () => {
  it('gives the most frequent values distinct colours (as many as the palette has, at most 11) and groups the rest', () => {
    const features = Array.from({ length: 30 }, (_, i) => ({ type: 'Feature' as const, properties: { 種別: `t${i % 15}` }, geometry: null }));
    const exercise: Exercise = { ...newExercise('e', new Date(0)), layers: [layer('p', { type: 'FeatureCollection', features }, { kind: 'point' })], thematic: { kind: 'categories', layerId: 'p', field: '種別', method: 'quantile', classCount: 5 } };
    const set2 = categoryClasses(exercise); // Set2 has 8 colours
    expect(set2).toHaveLength(9);
    expect(set2.at(-1)).toMatchObject({ value: '', count: 14 });
    expect(new Set(set2.slice(0, 8).map((c) => c.color)).size).toBe(8);
    const paired = categoryClasses({ ...exercise, thematic: { ...exercise.thematic!, palette: 'Paired' } }); // 12 colours
    expect(paired).toHaveLength(12);
    expect(paired.at(-1)).toMatchObject({ value: '', count: 8 });
    expect(new Set(paired.slice(0, 11).map((c) => c.color)).size).toBe(11);
    expect(paired.reduce((s, c) => s + c.count, 0)).toBe(30);
  });
});

describe('cartography hints', () => {
  const counted = (kind: 'choropleth' | 'graduated-circles', classCount = 5): Exercise => ({
    ...newExercise('e', new Date(0)),
    layers: [layer('d', withCounts([1, 5, 9, 30]))],
    analysis: { pointLayerId: 'r', polygonLayerId: 'd', field: '件数', counted: 45, outside: 0, withoutGeometry: 0, onSharedBoundary: 0 },
    thematic: { kind, layerId: 'd', field: '件数', method: 'quantile', classCount },
  });

  it('warns about raw counts coloured over unequal areas (the Tsukuba districts differ ~100×), not about circles', () => {
    const codes = (e: Exercise) => cartographyHints(e, [{ upperBound: 1, min: 1, max: 1, count: 1, color: '#fff' }]).map((h) => h.code);
    expect(codes(counted('choropleth'))).toEqual(['raw-values-unequal-areas', 'no-title']);
    expect(codes(counted('graduated-circles'))).toEqual(['no-title']);
    expect(codes({ ...counted('choropleth', 9), title: '地図' })).toEqual(['raw-values-unequal-areas', 'too-many-classes']);
    const unsourced = { ...counted('graduated-circles'), title: 't', layers: [layer('d', withCounts([1]), { attribution: '' })] };
    expect(codes(unsourced)).toEqual(['no-source']);
    expect(codes(newExercise('empty', new Date(0)))).toEqual([]); // nothing on the map yet: nothing to title
  });

  it('offers round reference values for circles and names the legend after what was counted', () => {
    const exercise = { ...counted('graduated-circles'), layers: [...counted('graduated-circles').layers, layer('r', districts, { kind: 'point', name: '不審者情報' })] };
    expect(circleLegendValues(exercise)).toEqual([30, 20, 4]);
    expect(legendHeading(exercise, (name) => `${name}の件数`)).toBe('不審者情報の件数');
    expect(classRangeLabel([{ upperBound: 2, min: 0, max: 2, count: 3, color: '' }, { upperBound: 4, min: NaN, max: NaN, count: 0, color: '' }], 1)).toBe('2 – 4');
    // The 0-centred method on whole numbers: bounds between whole numbers, an empty class shows the whole
    // numbers it would hold (no −2.5 in a legend of counts).
    const cls = (upperBound: number, min = NaN, max = NaN, count = 0) => ({ upperBound, min, max, count, color: '' });
    const differences = [cls(-6.5), cls(-2.5, -5, -3, 4), cls(1.5, -2, 1, 20), cls(5.5), cls(9, 6, 9, 3)];
    expect(differences.map((_, i) => classRangeLabel(differences, i))).toEqual(['≤ -7', '-5 – -3', '-2 – 1', '2 – 5', '6 – 9']);
    const one = [cls(-0.5, -3, -1, 2), cls(0.5), cls(3, 1, 3, 2)];
    expect(classRangeLabel(one, 1)).toBe('0');
  });
});
