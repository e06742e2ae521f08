/**
 * Rates on small numbers. A rate from 3 reports among 500 children swings with one report more or less,
 * so a map of raw rates puts its most extreme colours on its smallest areas. The global Empirical Bayes
 * estimate (Marshall 1991) pulls each raw rate towards the overall rate, the more the smaller its
 * population; the excess risk is observed ÷ expected at the overall rate.
 */
export interface RateEstimates {
  /** Events ÷ population per area (NaN where the population is not positive). */
  raw: number[];
  /** Global Empirical Bayes rates (method of moments). */
  smoothed: number[];
  /** Observed ÷ expected events at the overall rate (1 = as expected). */
  excessRisk: number[];
  /** All events ÷ all population. */
  overall: number;
}

export function empiricalBayesRates(events: readonly number[], populations: readonly number[]): RateEstimates {
  const used = events.map((e, i) => Number.isFinite(e) && populations[i]! > 0);
  let eventSum = 0, populationSum = 0, n = 0;
  events.forEach((e, i) => {
    if (!used[i]) return;
    eventSum += e;
    populationSum += populations[i]!;
    n++;
  });
  const overall = populationSum > 0 ? eventSum / populationSum : NaN;
  const raw = events.map((e, i) => (used[i] ? e / populations[i]! : NaN));
  // Method of moments: the population-weighted variance of the raw rates, less what chance alone gives.
  let weightedSquares = 0;
  raw.forEach((r, i) => {
    if (used[i]) weightedSquares += populations[i]! * (r - overall) ** 2;
  });
  const variance = Math.max(0, weightedSquares / populationSum - overall / (populationSum / n));
  const smoothed = raw.map((r, i) => {
    if (!used[i]) return NaN;
    const weight = variance / (variance + overall / populations[i]!);
    return Number.isFinite(weight) ? weight * r + (1 - weight) * overall : overall;
  });
  const excessRisk = events.map((e, i) => (used[i] && overall > 0 ? e / (overall * populations[i]!) : NaN));
  return { raw, smoothed, excessRisk, overall };
}
