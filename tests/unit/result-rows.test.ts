import { describe, expect, it } from 'vitest';
import { resultRows } from '../../src/lib/model/result-rows';

/** The reference: every row sorted (value descending, equal values by name, empty last), the first `limit`. */
function fullSort(values: number[], names: string[], limit: number): number[] {
  const collator = new Intl.Collator('ja');
  const finite = values.map((_, i) => i).filter((i) => !Number.isNaN(values[i]));
  // Of equal values the earlier rows are the ones kept when the limit cuts through them, then named in order.
  const kept = [...finite].sort((a, b) => values[b]! - values[a]! || a - b).slice(0, limit);
  kept.sort((a, b) => values[b]! - values[a]! || collator.compare(names[a]!, names[b]!));
  const empty = values.map((_, i) => i).filter((i) => Number.isNaN(values[i]));
  return [...kept, ...empty].slice(0, limit);
}

describe('the results table rows', () => {
  it('lists a small layer whole: largest first, equal values by name, empty last', () => {
    const values = [3, NaN, 10, 3, 0, 10];
    const names = ['竹園', '空', '吾妻', '春日', '並木', '東'];
    expect(resultRows(values, (r) => names[r]!, 200)).toEqual(fullSort(values, names, 200));
    expect(resultRows(values, (r) => names[r]!, 200)).toHaveLength(6);
    expect(resultRows(values, (r) => names[r]!, 200).at(-1)).toBe(1);
  });

  it('keeps the 200 largest of 200,000 areas (as a full sort would) without sorting them all', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = Array.from({ length: 200_000 }, () => (random() < 0.01 ? NaN : Math.floor(random() * 50)));
    const names = values.map((_, i) => `区域${i}`);
    const started = performance.now();
    const rows = resultRows(values, (r) => names[r]!, 200);
    const ms = performance.now() - started;
    expect(rows).toEqual(fullSort(values, names, 200));
    expect(rows.every((r) => values[r] === 49)).toBe(true);
    // Not a timing test: printed so a regression to a full sort shows in the log.
    console.log(`resultRows over 200,000 values: ${ms.toFixed(1)} ms`);
  });

  it('shows rows without a value when there are few values', () => {
    expect(resultRows([NaN, 1, NaN], () => 'x', 2)).toEqual([1, 0]);
    expect(resultRows([], () => 'x', 10)).toEqual([]);
  });
});
