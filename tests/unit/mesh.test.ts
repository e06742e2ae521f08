import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { countPointsByMesh, meshBounds, meshCode } from '../../src/lib/geo/mesh';
import { importCsv } from '../../src/lib/io/csv';
import { importGeoJson } from '../../src/lib/io/geojson';
import { featuresOf } from '../../src/lib/table/geojson-table';

describe('standard grid squares (地域メッシュ, JIS X 0410)', () => {
  it('gives the published codes: Tokyo Station 5339-46-11, and the squares of Tsukuba city hall', () => {
    // Tokyo Station (35.681236, 139.767125) is in the 1 km square 53394611, as the Statistics Bureau lists it.
    expect(meshCode(139.767125, 35.681236, '1km')).toBe('53394611');
    // Its 500 m quarter is the north-west one (3), its 250 m quarter of that the south-east one (2).
    expect(meshCode(139.767125, 35.681236, '500m')).toBe('533946113');
    expect(meshCode(139.767125, 35.681236, '250m')).toBe('5339461132');
    expect(meshCode(140.0764, 36.0835, '1km')).toBe('54401006');
    expect(meshCode(0, 0, '1km')).toBeNull();
  });

  it('bounds a square by 30″ × 45″ (1 km), halved for 500 m and 250 m, around the point that named it', () => {
    for (const size of ['1km', '500m', '250m'] as const) {
      const [w, s, e, n] = meshBounds(meshCode(140.0764, 36.0835, size)!);
      expect(w).toBeLessThanOrEqual(140.0764);
      expect(e).toBeGreaterThan(140.0764);
      expect(s).toBeLessThanOrEqual(36.0835);
      expect(n).toBeGreaterThan(36.0835);
      const halvings = size === '1km' ? 1 : size === '500m' ? 2 : 4;
      expect((n - s) * 3600).toBeCloseTo(30 / halvings, 6);
      expect((e - w) * 3600).toBeCloseTo(45 / halvings, 6);
    }
    // A point on a square's south-west corner belongs to that square, not its neighbour.
    const [w, s] = meshBounds('54401006');
    expect(meshCode(w, s, '1km')).toBe('54401006');
  });

  it('counts points per square, codes as text keys for joining e-Stat mesh tables, and counts those outside the grid', () => {
    const xy = new Float64Array([140.0764, 36.0835, 140.0765, 36.0836, 139.767125, 35.681236, 0, 0, NaN, NaN]);
    const { squares, outside } = countPointsByMesh(xy, '1km');
    expect(squares.map((f) => [f.properties.メッシュコード, f.properties.件数])).toEqual([['53394611', 1], ['54401006', 2]]);
    expect(outside).toBe(1);
    expect(squares[1]!.geometry.coordinates[0]).toHaveLength(5);
    // With room for them, the empty squares in the points' extent are listed with 0.
    const near = new Float64Array([140.0764, 36.0835, 140.09, 36.1]);
    const filled = countPointsByMesh(near, '1km', 100).squares;
    expect(filled.length).toBe(3 * 2);
    expect(filled.filter((f) => f.properties.件数 === 0)).toHaveLength(4);
    expect(countPointsByMesh(near, '1km', 5).squares).toHaveLength(2);
  });
});

describe('empty grid squares only where the points were gathered', () => {
  const sample = (name: string) => readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url));
  const reports = importCsv(sample('fictional-suspicious-person-reports.csv'), 'reports.csv').layers[0]!.data;
  const xy = reports.geometry.layout === 'points' ? reports.geometry.xy : new Float64Array(0);
  const districts = featuresOf(importGeoJson(sample('tsukuba-school-districts.geojson'), 'districts.geojson').layers[0]!.data).features as Feature<Polygon | MultiPolygon>[];
  const inDistricts = (x: number, y: number) => districts.some((d) => booleanPointInPolygon([x, y], d));

  it('keeps every square with reports and the empty squares reaching the districts; drops empty squares beyond them', () => {
    const everywhere = countPointsByMesh(xy, '500m', 100_000).squares;
    const within = countPointsByMesh(xy, '500m', 100_000, districts).squares;
    const total = (squares: typeof within) => squares.reduce((sum, s) => sum + s.properties.件数, 0);
    expect(total(within)).toBe(total(everywhere));
    expect(total(within)).toBe(420);
    const kept = new Set(within.map((s) => s.properties.メッシュコード));
    const dropped = everywhere.filter((s) => !kept.has(s.properties.メッシュコード));
    // The points' rectangle around a long, narrow city: many squares of it lie outside.
    expect(dropped.length).toBeGreaterThan(everywhere.length / 5);
    const centre = (s: (typeof within)[number]) => {
      const [w, south, e, n] = meshBounds(s.properties.メッシュコード);
      return [(w + e) / 2, (south + n) / 2] as const;
    };
    for (const square of dropped) {
      expect(square.properties.件数).toBe(0);
      expect(inDistricts(...centre(square))).toBe(false);
    }
    // Every square whose centre lies in a district is kept, with its 0 where nothing was reported.
    for (const square of everywhere) if (inDistricts(...centre(square))) expect(kept.has(square.properties.メッシュコード)).toBe(true);
    // Along the city's edge, squares holding its boundary are kept though their centre lies outside.
    expect(within.some((s) => s.properties.件数 === 0 && !inDistricts(...centre(s)))).toBe(true);
  });
});
