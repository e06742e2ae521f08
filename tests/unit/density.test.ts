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

describe('the density surface against the exact quartic kernel (issue 27)', () => {
  it('is within 1 % of the kernel summed at every cell centre over all 420 sample reports, distances on the ellipsoid', async () => {
    const { readFileSync } = await import('node:fs');
    const proj4 = (await import('proj4')).default;
    // The reference distance: both positions in JGD2011 plane rectangular zone IX (transverse Mercator on
    // GRS80 by PROJ's algorithm in proj4js, scale 0.9999 at the meridian): over a city, within 0.02 %.
    const zone9 = '+proj=tmerc +lat_0=36 +lon_0=139.833333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    const project = (p: readonly number[]) => proj4('EPSG:4326', zone9, [p[0]!, p[1]!]);
    const distance = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!) / 0.9999;
    const lines = readFileSync(new URL('../../public/sample-data/fictional-suspicious-person-reports.csv', import.meta.url), 'utf8').trim().split(/\r?\n/).slice(1);
    const points = lines.map((line) => line.split(',')).map((c) => [Number(c[6]), Number(c[5])] as const);
    const xy = Float64Array.from(points.flat());
    const projected = points.map((p) => project(p));
    const h = 1000;
    const grid = kernelDensity(xy, h);
    const peak = grid.values.reduce((m, v) => Math.max(m, v), 0);
    let worst = 0, checked = 0;
    for (let row = 0; row < grid.rows; row++) {
      for (let col = 0; col < grid.cols; col++) {
        const value = at(grid, row, col);
        if (value < peak * 0.01) continue;
        const centre = project([grid.west + (col + 0.5) * grid.cellLon, grid.south + (row + 0.5) * grid.cellLat]);
        // The reference: every point, its great-circle distance to the cell's centre, the published kernel.
        let exact = 0;
        for (const p of projected) exact += quarticKernel(distance(centre, p) ** 2, h) * 1e6;
        worst = Math.max(worst, Math.abs(value - exact) / exact);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(worst).toBeLessThan(0.01);
    console.log(`density: ${checked} cells above 1 % of the peak, largest error ${(worst * 100).toFixed(4)} % against the exact kernel`);
  });
});
