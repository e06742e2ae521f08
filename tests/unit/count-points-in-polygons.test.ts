import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asFeatures, asTable } from './tables';
import { seededRandom } from './seeded-random';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { importCsv } from '../../src/lib/io/csv';
import type { AnyFeatureCollection, Properties } from '../../src/lib/geo/types';

const sample = (name: string) => readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url));
const districts = JSON.parse(sample('tsukuba-school-districts.geojson').toString()) as AnyFeatureCollection;
const evacuationSites = JSON.parse(sample('tsukuba-evacuation-sites.geojson').toString()) as AnyFeatureCollection;

const collection = (features: AnyFeatureCollection['features']): AnyFeatureCollection => ({ type: 'FeatureCollection', features });
const point = (x: number, y: number): Feature<Point, Properties> => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [x, y] } });
const square = (x0: number, y0: number, size: number) => [[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]];
const polygon = (...rings: number[][][]) => ({ type: 'Feature' as const, properties: {}, geometry: { type: 'Polygon' as const, coordinates: rings } });

/** The independent computation: turf's test, boundary included, first containing polygon wins. */
function countWithTurf(points: AnyFeatureCollection, polygons: AnyFeatureCollection): number[] {
  const counts = polygons.features.map(() => 0);
  for (const p of points.features) {
    if (p.geometry?.type !== 'Point') continue;
    const owner = polygons.features.findIndex((poly) => booleanPointInPolygon(p.geometry as Point, poly as never));
    if (owner !== -1) counts[owner]!++;
  }
  return counts;
}


describe('countPointsInPolygons on real Tsukuba data', () => {
  it('counts the 114 real evacuation sites per school district as turf does, all inside', () => {
    const result = countPointsInPolygons(asTable(evacuationSites), asTable(districts));
    expect(result.counts).toEqual(countWithTurf(asFeatures(evacuationSites), asFeatures(districts)));
    expect(result.counts.reduce((a, b) => a + b, 0)).toBe(114);
    expect(result.outside).toBe(0);
  });

  it('counts the sample reports per district as turf does', () => {
    const reports = importCsv(sample('fictional-suspicious-person-reports.csv'), 'reports.csv').layers[0]!.data;
    const result = countPointsInPolygons(asTable(reports), asTable(districts));
    expect(result.counts).toEqual(countWithTurf(asFeatures(reports), asFeatures(districts)));
    expect(result.counts.reduce((a, b) => a + b, 0) + result.outside).toBe(420);
  });

  it('agrees with turf on 5,000 random points over and around the city, including outside ones', () => {
    const random = seededRandom(7);
    const points = collection(Array.from({ length: 5000 }, () => point(139.95 + random() * 0.3, 35.9 + random() * 0.4)));
    const result = countPointsInPolygons(asTable(points), asTable(districts));
    const expected = countWithTurf(asFeatures(points), asFeatures(districts));
    expect(result.counts).toEqual(expected);
    expect(result.outside).toBe(5000 - expected.reduce((a, b) => a + b, 0));
    expect(result.outside).toBeGreaterThan(1000);
  });

  it('counts every vertex of the districts exactly once (points on shared borders)', () => {
    const vertices = collection(
      districts.features.flatMap((f) =>
        f.geometry?.type === 'Polygon' ? f.geometry.coordinates[0]!.slice(0, -1).map(([x, y]) => point(x!, y!)) : [],
      ),
    );
    const result = countPointsInPolygons(asTable(vertices), asTable(districts));
    expect(result.outside).toBe(0);
    expect(result.counts.reduce((a, b) => a + b, 0)).toBe(vertices.features.length);
    expect(result.onSharedBoundary).toBeGreaterThan(100);
  });
});

describe('countPointsInPolygons border rule and geometry cases', () => {
  // Four unit squares meeting at (1,1): A bottom-left, B bottom-right, C top-left, D top-right.
  const grid = collection([polygon(square(0, 0, 1)), polygon(square(1, 0, 1)), polygon(square(0, 1, 1)), polygon(square(1, 1, 1))]);

  it('gives a point on a shared edge to the first polygon only', () => {
    const result = countPointsInPolygons(asTable(collection([point(1, 0.5)])), asTable(grid));
    expect(result.counts).toEqual([1, 0, 0, 0]);
    expect(result.onSharedBoundary).toBe(1);
  });

  it('gives the common vertex of four polygons to the first one', () => {
    expect(countPointsInPolygons(asTable(collection([point(1, 1)])), asTable(grid)).counts).toEqual([1, 0, 0, 0]);
  });

  it('follows layer order, not geometry, on a shared edge', () => {
    const reversed = collection([...grid.features].reverse());
    expect(countPointsInPolygons(asTable(collection([point(1, 1.5)])), asTable(reversed)).counts).toEqual([1, 0, 0, 0]);
  });

  it('counts points on an outer (unshared) edge, and not those outside every polygon', () => {
    const result = countPointsInPolygons(asTable(collection([point(0, 0.5), point(2, 2), point(-0.001, 0.5), point(3, 3)])), asTable(grid));
    expect(result.counts).toEqual([1, 0, 0, 1]);
    expect(result.outside).toBe(2);
    expect(result.onSharedBoundary).toBe(0);
  });

  it('treats a hole as outside, its edge as the boundary, and an island in the hole as its own polygon', () => {
    const withHole = polygon(square(0, 0, 10), square(4, 4, 2));
    const island = polygon(square(4.5, 4.5, 1));
    const points = collection([point(1, 1), point(5, 4.2), point(4, 5), point(5, 5), point(20, 20)]);
    const result = countPointsInPolygons(asTable(points), asTable(collection([withHole, island])));
    // (1,1) inside; (5,4.2) in the hole; (4,5) on the hole's edge; (5,5) on the island; (20,20) outside.
    expect(result.counts).toEqual([2, 1]);
    expect(result.outside).toBe(2);
  });

  it('counts points in any part of a MultiPolygon', () => {
    const multi = {
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] },
    };
    const result = countPointsInPolygons(asTable(collection([point(0.5, 0.5), point(5.5, 5.5), point(3, 3)])), asTable(collection([multi])));
    expect(result.counts).toEqual([2]);
    expect(result.outside).toBe(1);
  });

  it('counts each position of a MultiPoint and skips features without geometry', () => {
    const points = collection([
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [[0.5, 0.5], [1.5, 0.5]] } },
      { type: 'Feature', properties: {}, geometry: null },
    ]);
    const result = countPointsInPolygons(asTable(points), asTable(grid));
    expect(result.counts).toEqual([1, 1, 0, 0]);
    expect(result.withoutGeometry).toBe(1);
  });

  it('gives zero counts, not an error, for empty layers and polygon features without geometry', () => {
    expect(countPointsInPolygons(asTable(collection([point(0.5, 0.5)])), asTable(collection([]))).outside).toBe(1);
    const withNull = collection([{ type: 'Feature', properties: {}, geometry: null }, polygon(square(0, 0, 1))]);
    expect(countPointsInPolygons(asTable(collection([point(0.5, 0.5)])), asTable(withNull)).counts).toEqual([0, 1]);
  });
});
