import { describe, expect, it } from 'vitest';
import { ckmeans } from 'simple-statistics';
import { classIndexOf, classify, NATURAL_BREAKS_SAMPLE, sortedFinite } from '../../src/lib/geo/classify';
import { seededRandom } from './seeded-random';
import { isColorBlindSafe, paletteColors } from '../../src/lib/geo/palettes';

const summary = (classes: ReturnType<typeof classify>) => classes.map((c) => [c.min, c.max, c.count]);

describe('classify', () => {
  it('quantile: ten values into five classes of two', () => {
    expect(summary(classify([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 'quantile', 5))).toEqual([[1, 2, 2], [3, 4, 2], [5, 6, 2], [7, 8, 2], [9, 10, 2]]);
  });

  it('quantile never puts equal values in two classes, so ties give fewer classes', () => {
    expect(summary(classify([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 'quantile', 5))).toEqual([[0, 0, 6], [1, 2, 2], [3, 4, 2]]);
  });

  it('equal interval: equal widths from min to max, empty classes kept', () => {
    const classes = classify([0, 1, 2, 10], 'equal-interval', 5);
    expect(classes.map((c) => c.upperBound)).toEqual([2, 4, 6, 8, 10]);
    expect(classes.map((c) => c.count)).toEqual([3, 0, 0, 0, 1]);
  });

  it('natural breaks: the same groups as ckmeans finds (hand-checkable clusters)', () => {
    const values = [1, 2, 3, 20, 21, 22, 50, 51, 90];
    expect(summary(classify(values, 'natural-breaks', 4))).toEqual([[1, 3, 3], [20, 22, 3], [50, 51, 2], [90, 90, 1]]);
    expect(classify(values, 'natural-breaks', 4).map((c) => c.upperBound)).toEqual(ckmeans(values, 4).map((g) => g.at(-1)));
  });

  it('manual: the given bounds, the maximum closing the last class', () => {
    expect(summary(classify([0, 5, 10, 15, 20, 40], 'manual', 5, [9, 19]))).toEqual([[0, 5, 2], [10, 15, 2], [20, 40, 2]]);
  });

  it('assigns every value to exactly one class, in every method', () => {
    const values = [3, 38, 35, 27, 24, 22, 17, 17, 15, 14, 14, 13, 10, 9, 8, 8, 7, 6, 4, 4, 2];
    for (const method of ['quantile', 'equal-interval', 'natural-breaks'] as const) {
      for (let k = 3; k <= 9; k++) {
        const classes = classify(values, method, k);
        expect(classes.reduce((s, c) => s + c.count, 0)).toBe(values.length);
        expect(classes.length).toBeLessThanOrEqual(k);
      }
    }
  });

  it('sorts counts by counting them, the same order as a plain sort (negatives, gaps, NaN, wide ranges)', () => {
    const random = seededRandom(7);
    const counts = Array.from({ length: 5000 }, () => (random() < 0.05 ? NaN : Math.floor(random() * 40) - 10));
    const reference = counts.filter(Number.isFinite).sort((a, b) => a - b);
    expect(Array.from(sortedFinite(counts))).toEqual(reference);
    // A range wider than the count of values, and fractions: the typed sort, same answer.
    const wide = [1e9, -3, 7, 0, 2e9];
    expect(Array.from(sortedFinite(wide))).toEqual([-3, 0, 7, 1e9, 2e9]);
    expect(Array.from(sortedFinite([0.5, -1, 0.25]))).toEqual([-1, 0.25, 0.5]);
  });

  it('natural breaks over many values: found on an even sample, every value classed, clusters kept apart', () => {
    // Three groups of 60,000 values around 10, 100 and 1,000: breaks fall between them as ckmeans puts them.
    const random = seededRandom(3);
    const values = [10, 100, 1000].flatMap((centre) => Array.from({ length: 60_000 }, () => centre + Math.round((random() - 0.5) * centre * 0.2)));
    expect(values.length).toBeGreaterThan(NATURAL_BREAKS_SAMPLE);
    const classes = classify(values, 'natural-breaks', 3);
    expect(classes.map((c) => c.count)).toEqual([60_000, 60_000, 60_000]);
    const groupRange = (centre: number) => {
      const group = values.filter((v) => v >= centre * 0.9 && v <= centre * 1.1);
      return [group.reduce((a, b) => Math.min(a, b)), group.reduce((a, b) => Math.max(a, b))];
    };
    expect(classes.map((c) => [c.min, c.max])).toEqual([10, 100, 1000].map(groupRange));
    expect(classes.at(-1)!.upperBound).toBe(values.reduce((a, b) => Math.max(a, b)));
  });

  it('ignores non-numbers and handles no values', () => {
    expect(classify([NaN, 1, 2], 'quantile', 3).reduce((s, c) => s + c.count, 0)).toBe(2);
    expect(classify([], 'quantile', 5)).toEqual([]);
  });
});

describe('classIndexOf and palettes', () => {
  it('puts a value on a bound into the lower class', () => {
    expect(classIndexOf(4, [2, 4, 6])).toBe(1);
    expect(classIndexOf(4.5, [2, 4, 6])).toBe(2);
    expect(classIndexOf(99, [2, 4, 6])).toBe(2);
  });

  it('has one ColorBrewer colour per class, 1 to 9, and marks colour-blind safe schemes', () => {
    for (let n = 1; n <= 9; n++) expect(paletteColors('YlOrRd', n)).toHaveLength(n);
    expect(paletteColors('YlOrRd', 5)).toEqual(['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']);
    expect(isColorBlindSafe('YlOrRd')).toBe(true);
    expect(isColorBlindSafe('Spectral')).toBe(false);
  });
});

describe('the quantile convention, against QGIS\'s', () => {
  it('breaks at data values (rank ⌈i·n/k⌉), where QGIS interpolates between ranks (type 7): on 33 counts, QGIS puts 9 one class higher', async () => {
    // The 33 district counts of the sample reports (Level Ⅰ's answer key).
    const { readFileSync } = await import('node:fs');
    const key = readFileSync(new URL('../../curricula/level-1/data/answer-reports-per-district.csv', import.meta.url), 'utf8');
    const counts = key.trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[1]));
    expect(counts).toHaveLength(33);
    const ours = classify(counts, 'quantile', 5).map((c) => c.upperBound);
    expect(ours).toEqual([6, 9, 13, 17, 38]);
    // QGIS 3's QgsClassificationQuantile: Xq = (1 − r)·x[a] + r·x[a + 1], a + r = q·(n − 1).
    const sorted = [...counts].sort((a, b) => a - b);
    const qgis = [1, 2, 3, 4].map((i) => {
      const a = (i / 5) * (sorted.length - 1), lower = Math.floor(a), r = a - lower;
      return (1 - r) * sorted[lower]! + r * sorted[lower + 1]!;
    });
    expect(qgis.map((b) => Math.round(b * 10) / 10)).toEqual([6.4, 8.8, 13.2, 17]);
    const classOf = (value: number, bounds: readonly number[]) => bounds.findIndex((b) => value <= b);
    expect(classOf(9, ours)).toBe(1);
    expect(classOf(9, qgis)).toBe(2);
    // Every value in exactly one class.
    expect(classify(counts, 'quantile', 5).reduce((n, c) => n + c.count, 0)).toBe(counts.length);
  });
});
