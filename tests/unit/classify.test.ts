import { describe, expect, it } from 'vitest';
import { classIndexOf, classifyQuantile, sequentialColors } from '../../src/lib/geo/classify';

describe('classifyQuantile', () => {
  it('splits ten values into five classes of two', () => {
    const { classes } = classifyQuantile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 5);
    expect(classes.map((c) => [c.min, c.max, c.count])).toEqual([[1, 2, 2], [3, 4, 2], [5, 6, 2], [7, 8, 2], [9, 10, 2]]);
  });

  it('never puts equal values in two classes, so ties give fewer classes', () => {
    const { classes } = classifyQuantile([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 5);
    expect(classes.map((c) => [c.min, c.max, c.count])).toEqual([[0, 0, 6], [1, 2, 2], [3, 4, 2]]);
  });

  it('assigns every value to exactly one class', () => {
    const values = [3, 38, 35, 27, 24, 22, 17, 17, 15, 14, 14, 13, 10, 9, 8, 8, 7, 6, 4, 4, 2];
    const { classes } = classifyQuantile(values, 5);
    expect(classes.reduce((s, c) => s + c.count, 0)).toBe(values.length);
    for (let i = 1; i < classes.length; i++) expect(classes[i]!.min).toBeGreaterThan(classes[i - 1]!.max);
  });

  it('ignores non-numbers and handles no values', () => {
    expect(classifyQuantile([NaN, 1, 2], 3).classes.reduce((s, c) => s + c.count, 0)).toBe(2);
    expect(classifyQuantile([], 5).classes).toEqual([]);
  });
});

describe('classIndexOf and colours', () => {
  it('puts a value on a bound into the lower class', () => {
    expect(classIndexOf(4, [2, 4, 6])).toBe(1);
    expect(classIndexOf(4.5, [2, 4, 6])).toBe(2);
    expect(classIndexOf(99, [2, 4, 6])).toBe(2);
  });

  it('has one colour per class', () => {
    for (let n = 1; n <= 7; n++) expect(sequentialColors(n)).toHaveLength(n);
  });
});
