import { ckmeans } from 'simple-statistics';

/** One class of a classification: its upper bound and the values actually in it. */
export interface ClassInterval {
  /** Values v with previous upperBound < v <= upperBound belong here. */
  upperBound: number;
  /** Smallest and largest value in the class; NaN when the class is empty (possible with equal intervals). */
  min: number;
  max: number;
  count: number;
}

export type ClassificationMethod = 'quantile' | 'equal-interval' | 'natural-breaks' | 'manual';
export const CLASSIFICATION_METHODS: ClassificationMethod[] = ['quantile', 'equal-interval', 'natural-breaks', 'manual'];
export const MIN_CLASS_COUNT = 3;
export const MAX_CLASS_COUNT = 9;

/**
 * Classifies values into at most `classCount` classes.
 * - quantile: each class about the same number of features; ties never straddle a break, so many equal
 *   values (e.g. many districts with 0 reports) give fewer classes rather than two with the same range;
 * - equal-interval: equal widths from min to max (classes may be empty);
 * - natural-breaks: Jenks-style optimal breaks (ckmeans: minimal within-class variance);
 * - manual: the given upper bounds, plus the maximum as the last bound.
 */
export function classify(values: readonly number[], method: ClassificationMethod, classCount: number, manualBreaks: readonly number[] = []): ClassInterval[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0]!, max = sorted[n - 1]!;
  let bounds: number[];
  switch (method) {
    case 'quantile':
      bounds = Array.from({ length: classCount }, (_, i) => sorted[Math.min(n, Math.ceil(((i + 1) * n) / classCount)) - 1]!);
      break;
    case 'equal-interval':
      bounds = Array.from({ length: classCount }, (_, i) => (i === classCount - 1 ? max : min + ((max - min) * (i + 1)) / classCount));
      break;
    case 'natural-breaks':
      bounds = ckmeans(sorted, Math.min(classCount, new Set(sorted).size)).map((cluster) => cluster[cluster.length - 1]!);
      break;
    case 'manual':
      bounds = [...manualBreaks.filter((b) => Number.isFinite(b) && b >= min && b < max), max];
      break;
  }
  const upperBounds = [...new Set(bounds)].sort((a, b) => a - b);
  const classes = upperBounds.map((upperBound) => ({ upperBound, min: NaN, max: NaN, count: 0 }));
  for (const value of sorted) {
    const target = classes[classIndexOf(value, upperBounds)]!;
    if (target.count === 0) target.min = value;
    target.max = value;
    target.count++;
  }
  return classes;
}

/** The class a value falls in; values above the last bound go to the last class. */
export function classIndexOf(value: number, upperBounds: readonly number[]): number {
  const i = upperBounds.findIndex((bound) => value <= bound);
  return i === -1 ? upperBounds.length - 1 : i;
}
