/**
 * The smallest and largest finite value, in one pass. `Math.min(...values)` passes every value as an
 * argument and throws (RangeError: call stack) somewhere past 100,000 values: a layer's column can hold a
 * million. Returns [Infinity, -Infinity] when there is no finite value, as Math.min() / Math.max() do.
 */
export function extent(values: Iterable<number>): [min: number, max: number] {
  let min = Infinity, max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}
