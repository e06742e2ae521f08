import { describe, expect, it } from 'vitest';
import { empiricalBayesRates } from '../../src/lib/geo/rates';

describe('rates on small numbers: global Empirical Bayes (Marshall 1991) and excess risk', () => {
  // The worked example of PySAL's smoothing tutorial (6 areas, events and population at risk), with the
  // values it prints for Empirical_Bayes(e, b).r and Excess_Risk(e, b).r.
  const events = [18, 5, 8, 7, 3, 8];
  const populations = [190, 45, 45, 50, 160, 150];

  it('gives the published smoothed rates and excess risks', () => {
    const { smoothed, excessRisk, overall } = empiricalBayesRates(events, populations);
    expect(overall).toBeCloseTo(49 / 640, 12);
    [0.09080775, 0.09252352, 0.12332267, 0.10753624, 0.03301368, 0.05934766].forEach((v, i) => expect(smoothed[i]).toBeCloseTo(v, 7));
    [1.23737916, 1.45124717, 2.32199546, 1.82857143, 0.24489796, 0.69659864].forEach((v, i) => expect(excessRisk[i]).toBeCloseTo(v, 7));
  });

  it('pulls small populations harder towards the overall rate, and leaves areas without population out', () => {
    const { raw, smoothed, overall } = empiricalBayesRates([...events, 4], [...populations, 0]);
    // Area 3 (45 people, raw 0.178) moves more than area 1 (190 people, raw 0.095).
    expect(Math.abs(raw[2]! - smoothed[2]!)).toBeGreaterThan(Math.abs(raw[0]! - smoothed[0]!));
    expect(smoothed.slice(0, 6).every((s, i) => Math.min(raw[i]!, overall) - 1e-12 <= s && s <= Math.max(raw[i]!, overall) + 1e-12)).toBe(true);
    expect(smoothed[6]).toBeNaN();
    // Equal rates everywhere: nothing to smooth, every estimate is the overall rate.
    expect(empiricalBayesRates([1, 2, 4], [10, 20, 40]).smoothed).toEqual([0.1, 0.1, 0.1]);
  });
});
