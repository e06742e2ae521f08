/** One class of a classification: its upper bound and the values actually in it. */
export interface ClassInterval {
  /** Values v with previous upperBound < v <= upperBound belong here. */
  upperBound: number;
  min: number;
  max: number;
  count: number;
}

export interface Classification {
  method: 'quantile';
  classes: ClassInterval[];
}

/**
 * Quantile classification: each class gets about the same number of features.
 * Ties never straddle a break, so with many equal values (e.g. many districts with 0 reports)
 * fewer classes than asked for come back, rather than two classes with the same range.
 */
export function classifyQuantile(values: readonly number[], classCount: number): Classification {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { method: 'quantile', classes: [] };
  const upperBounds: number[] = [];
  for (let i = 1; i <= classCount; i++) {
    const bound = sorted[Math.min(n, Math.ceil((i * n) / classCount)) - 1]!;
    if (upperBounds.length === 0 || bound > upperBounds[upperBounds.length - 1]!) upperBounds.push(bound);
  }
  const classes = upperBounds.map((upperBound) => ({ upperBound, min: Infinity, max: -Infinity, count: 0 }));
  for (const value of sorted) {
    const target = classes[classIndexOf(value, upperBounds)]!;
    target.min = Math.min(target.min, value);
    target.max = Math.max(target.max, value);
    target.count++;
  }
  return { method: 'quantile', classes };
}

/** The class a value falls in; values above the last bound go to the last class. */
export function classIndexOf(value: number, upperBounds: readonly number[]): number {
  const i = upperBounds.findIndex((bound) => value <= bound);
  return i === -1 ? upperBounds.length - 1 : i;
}

/** ColorBrewer YlOrRd (sequential, colour-blind safe), by number of classes. */
const YL_OR_RD: Record<number, string[]> = {
  1: ['#fd8d3c'],
  2: ['#fecc5c', '#e31a1c'],
  3: ['#ffeda0', '#feb24c', '#f03b20'],
  4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
  5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
};

export const MAX_CLASS_COUNT = 7;
export const MIN_CLASS_COUNT = 3;

export function sequentialColors(classCount: number): string[] {
  return YL_OR_RD[Math.max(1, Math.min(MAX_CLASS_COUNT, classCount))]!;
}
