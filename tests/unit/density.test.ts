import { describe, expect, it } from 'vitest';
import { DENSITY_FIELD, densityCells, kernelDensity, metresPerDegree, quarticKernel } from '../../src/lib/geo/density';
import { seededRandom } from './seeded-random';

const at = (grid: ReturnType<typeof kernelDensity>, row: number, col: number) => grid.values[row * grid.cols + col]!;

describe('kernel density (quartic kernel, bandwidth in metres, points per km²)', () => {
  it('puts the kernel’s peak 3 / (π h²) on a lone point and its published shape around it', () => {
    // h = 1 km: 3 / π per km² = 0.9549 at the point.
    const grid = kernelDensity(new Float64Array([140.1, 36.1]), 1000);
    expect(grid.cellM).toBe(250);
    const mid = (grid.rows - 1) / 2, centre = (grid.cols - 1) / 2;
    expect(at(grid, mid, centre)).toBeCloseTo(3 / Math.PI, 10);
    // Two cells away is half the bandwidth: (1 − ¼)² = 0.5625 of the peak; at the bandwidth, nothing.
    expect(at(grid, mid, centre + 2) / at(grid, mid, centre)).toBeCloseTo(0.5625, 10);
    expect(at(grid, mid + 2, centre) / at(grid, mid, centre)).toBeCloseTo(0.5625, 10);
    expect(at(grid, mid, centre + 4)).toBe(0);
    expect(quarticKernel(0, 1000) * 1e6).toBeCloseTo(3 / Math.PI, 10);
  });

  it('keeps every point: the surface integrates to the number of points', () => {
    const random = seededRandom(7);
    const xy = new Float64Array(2 * 500);
    for (let i = 0; i < 500; i++) (xy[2 * i] = 140.0 + random() * 0.15), (xy[2 * i + 1] = 36.0 + random() * 0.2);
    const grid = kernelDensity(xy, 800, { cellM: 80 });
    const cellKm2 = (grid.cellM / 1000) ** 2;
    const total = grid.values.reduce((a, b) => a + b, 0) * cellKm2;
    expect(total / 500).toBeGreaterThan(0.99);
    expect(total / 500).toBeLessThan(1.01);
    expect(grid.points).toBe(500);
  });

  it('measures the bandwidth on the ground: a cell is as many metres east–west as north–south', () => {
    const grid = kernelDensity(new Float64Array([140.1, 36.1, 140.2, 36.2]), 500);
    const m = metresPerDegree(36.15);
    expect(grid.cellLon * m.lon).toBeCloseTo(grid.cellM, 6);
    expect(grid.cellLat * m.lat).toBeCloseTo(grid.cellM, 6);
    // One degree of latitude at 36° is 110.96 km (GRS80), of longitude 90.16 km.
    expect(metresPerDegree(36).lat).toBeCloseTo(110959, -1);
    expect(metresPerDegree(36).lon).toBeCloseTo(90164, -1);
  });

  it('skips points without coordinates and stays within the cell budget by making cells larger', () => {
    const grid = kernelDensity(new Float64Array([140.1, 36.1, NaN, NaN, 141.5, 37.5]), 100, { maxCells: 10_000 });
    expect(grid.points).toBe(2);
    expect(grid.cols * grid.rows).toBeLessThanOrEqual(10_000);
    expect(grid.cellM).toBeGreaterThan(25);
    expect(() => kernelDensity(new Float64Array([140, 36]), 0)).toThrow();
  });

  it('gives the occupied surface as square cells with their density (3 significant digits)', () => {
    const grid = kernelDensity(new Float64Array([140.1, 36.1]), 1000);
    const cells = densityCells(grid);
    // Cells whose centre lies within the bandwidth: 4 cells of 250 m, so the disc of radius 4 less its rim.
    expect(cells.length).toBe(45);
    expect(Math.max(...cells.map((c) => c.properties[DENSITY_FIELD]))).toBe(0.955);
    const ring = cells[0]!.geometry.coordinates[0]!;
    expect(ring).toHaveLength(5);
  });
});
