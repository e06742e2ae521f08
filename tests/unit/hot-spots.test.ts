import { describe, expect, it } from 'vitest';
import { classifyZ, getisOrdGiStar, touchingNeighbours } from '../../src/lib/geo/hot-spots';

/** The rings of a grid of unit squares, row by row from the south-west, as flat coordinates. */
const grid = (size: number) =>
  Array.from({ length: size * size }, (_, i) => {
    const x = i % size, y = Math.floor(i / size);
    return [x, y, x + 1, y, x + 1, y + 1, x, y + 1, x, y];
  });

describe('hot spots: Getis-Ord Gi*', () => {
  it('finds the neighbours that touch, corners included (queen contiguity)', () => {
    const neighbours = touchingNeighbours(grid(3));
    expect(neighbours[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(neighbours[0]).toEqual([1, 3, 4]);
    expect(neighbours[1]).toEqual([0, 2, 3, 4, 5]);
  });

  it('gives the z-scores of Ord & Getis (1995) worked by hand on a 3 × 3 grid with one high value in the middle', () => {
    // n = 9, mean 2, S = √(108/9 − 4) = √8. Corner: 4 areas summing 13 → (13 − 8) / (√8 · √((36 − 16)/8)) = 1.1180;
    // edge: 6 areas summing 15 → (15 − 12) / (√8 · √((54 − 36)/8)) = 0.7071; the middle's neighbourhood is
    // every area, which says nothing (no value).
    const z = getisOrdGiStar([1, 1, 1, 1, 10, 1, 1, 1, 1], touchingNeighbours(grid(3)));
    expect(z[0]).toBeCloseTo(5 / Math.sqrt(20), 10);
    expect(z[1]).toBeCloseTo(3 / Math.sqrt(18), 10);
    expect(z[4]).toBeNaN();
  });

  it('finds a cluster of high values as a hot spot, and nothing in noise-free uniform data', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i % 10 < 3 && i < 30 ? 50 : 1 + (i % 7)));
    const z = getisOrdGiStar(values, touchingNeighbours(grid(10)));
    expect(classifyZ(z[11]!)).toBe('hot-99');
    expect(z.slice(60).every((v) => classifyZ(v) !== 'hot-99')).toBe(true);
    expect(getisOrdGiStar(new Array(9).fill(3), touchingNeighbours(grid(3))).every(Number.isNaN)).toBe(true);
    expect([2.6, 2.0, 1.7, 1.0, -1.7, -2.0, -2.6].map(classifyZ)).toEqual(['hot-99', 'hot-95', 'hot-90', 'none', 'cold-90', 'cold-95', 'cold-99']);
  });
});
