// Sizes real layers reach (200,000 polygons, a million rows): nothing that looks at every value may pass
// them as arguments (Math.max(...values) throws "Maximum call stack size exceeded" past ~100k). Each case
// here threw before, as it did in a browser counting into 200,000 polygons.
import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import { extent } from '../../src/lib/util/extent';
import type { AnyFeatureCollection } from '../../src/lib/geo/types';
import { sharedDecimals } from '../../src/lib/util/format';
import { circleLegendValues, newExercise, type Layer } from '../../src/lib/model/exercise';
import { cartographyHints } from '../../src/lib/model/cartography-checks';
import { buildStyle } from '../../src/lib/map/style';
import { makeTable, numberColumn } from '../../src/lib/table/layer-table';
import { tableFromFeatures } from '../../src/lib/table/geojson-table';
import { unboundedSpreads } from '../../scripts/check-spreads';

const N = 300_000;
const values = Float64Array.from({ length: N }, (_, i) => (i * 7919) % 100_003 + 0.25);

describe('a column of 300,000 values', () => {
  it('has its extent, as a plain loop finds it', () => {
    let min = Infinity, max = -Infinity;
    for (const v of values) (min = Math.min(min, v)), (max = Math.max(max, v));
    expect(extent(values)).toEqual([min, max]);
    expect(extent([NaN, Infinity, 3, -2])).toEqual([-2, 3]);
    expect(extent([])).toEqual([Infinity, -Infinity]);
    expect(() => Math.max(...values)).toThrow(RangeError); // why: the spread itself fails at this size
  });

  it('gets shared decimals, legend circles and a style without throwing', () => {
    expect(sharedDecimals([...values])).toBeGreaterThanOrEqual(0);
    const data = makeTable([numberColumn('件数', values)], { layout: 'points', xy: new Float64Array(N * 2).fill(140) }, N);
    const layer: Layer = { id: 'p', name: 'p', kind: 'point', sourceFileName: 'p.csv', attribution: 'x', data };
    const exercise = { ...newExercise('e', new Date()), layers: [layer], thematic: { kind: 'graduated-circles' as const, layerId: 'p', field: '件数', method: 'quantile' as const, classCount: 5 } };
    expect(circleLegendValues(exercise)[0]).toBe(extent(values)[1]);
    expect(() => buildStyle({ exercise, legend: [], fontFaces: [] } as never)).not.toThrow();
  });
});

describe('200,000 polygons', () => {
  it('get the unequal-areas hint of a count map', () => {
    const features: Feature<Polygon>[] = Array.from({ length: 200_000 }, (_, i) => {
      const x = 139 + (i % 500) * 0.002, y = 35 + Math.floor(i / 500) * 0.002, size = i === 0 ? 0.0019 : 0.0002;
      return { type: 'Feature', properties: { 件数: i % 7 }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] } };
    });
    const layer: Layer = { id: 'a', name: 'areas', kind: 'polygon', sourceFileName: 'a.geojson', attribution: 'x', data: tableFromFeatures(features) };
    const exercise = {
      ...newExercise('e', new Date()),
      layers: [layer],
      analysis: { pointLayerId: 'p', polygonLayerId: 'a', field: '件数', aggregation: { op: 'count' as const }, counted: 0, outside: 0, withoutGeometry: 0, onSharedBoundary: 0 },
      thematic: { layerId: 'a', field: '件数', method: 'quantile' as const, classCount: 5 },
    };
    expect(cartographyHints(exercise, []).map((h) => h.code)).toContain('raw-values-unequal-areas');
    // As circle sizes: no unequal-areas warning (circles show totals honestly), but 200,000 circles cannot be read.
    const circles = cartographyHints({ ...exercise, thematic: { ...exercise.thematic, kind: 'graduated-circles' as const } }, []);
    expect(circles.map((h) => h.code)).toEqual(['too-many-circles', 'no-title']);
    expect(circles[0]!.ja).toContain('200,000 の区域');
  });
});

describe('the spread check of npm run check', () => {
  it('refuses data-sized spreads and lets bounded ones and object spreads pass', () => {
    const text = ['const a = Math.max(...values);', 'out.push(...positions);', 'const b = Math.min(0, ...xs);', 'checks.push({ kind: "x", ...(y ? {} : {}) });', 'w.push(...few); // bounded: two lines', '// bounded: one per kind', 'w.push(...kinds);', ' * Math.max(...x) in a comment'].join('\n');
    expect(unboundedSpreads(text)).toEqual([1, 2, 3]);
  });
});

describe('the covered share with thousands of covers over one area', () => {
  it('unions them in chunks, without spreading them all into one call', async () => {
    const { coveredShare } = await import('../../src/lib/geo/overlay');
    const square = (x: number, y: number, s: number): Feature<Polygon> => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] } });
    const collection = (features: Feature<Polygon>[]) => ({ type: 'FeatureCollection', features }) as unknown as AnyFeatureCollection;
    const target = collection([square(140, 36, 0.1)]);
    // 3,000 disjoint squares covering 3,000 / 10,000 of the area (100 × 100 slots of 0.001°).
    const covers = Array.from({ length: 3000 }, (_, i) => square(140 + (i % 100) * 0.001, 36 + Math.floor(i / 100) * 0.001, 0.001));
    const [share] = coveredShare(target, collection(covers));
    expect(share).toBeCloseTo(0.3, 3);
  });
});
