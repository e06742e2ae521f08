import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';
import { randomPoint, voronoi } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { PolygonLocator } from '../../src/lib/geo/polygon-locator';
import { BoxIndexLocator } from '../../src/lib/geo/box-index-locator';
import { tableFromFeatures } from '../../src/lib/table/geojson-table';
import { locateInGeometry } from '../../src/lib/geo/point-in-polygon';

/** The plain rule, polygon by polygon: the reference the grid must reproduce exactly. */
function reference(geometries: readonly (Polygon | MultiPolygon | null)[], x: number, y: number) {
  let owner = -1, boundaryHits = 0;
  for (let i = 0; i < geometries.length; i++) {
    const g = geometries[i];
    if (!g) continue;
    const location = locateInGeometry(x, y, g);
    if (location === 'inside') return { owner: i, boundaryHits: 0 };
    if (location === 'boundary') {
      if (owner === -1) owner = i;
      boundaryHits++;
    }
  }
  return { owner, boundaryHits };
}


const districts = (JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')) as GeoJSON.FeatureCollection<Polygon>).features.map((f) => f.geometry);

// Each locator, and the grid at its coarsest (built for few points), against the plain rule.
const locators = {
  grid: (g: (Polygon | MultiPolygon | null)[]) => new PolygonLocator(g),
  'coarse grid': (g: (Polygon | MultiPolygon | null)[]) => new PolygonLocator(g, 10),
  // The box index reads a table: the geometries as a layer (null stays a row without geometry).
  'box index': (g: (Polygon | MultiPolygon | null)[]) => new BoxIndexLocator(tableFromFeatures(g.map((geometry) => ({ type: 'Feature', properties: {}, geometry })))),
};

describe.each(Object.entries(locators))('%s locator gives exactly the plain rule’s answers', { timeout: 30_000 }, (_, make) => {
  function check(geometries: (Polygon | MultiPolygon | null)[], points: [number, number][]) {
    const locator = make(geometries);
    const wanted = points.map(([x, y]) => reference(geometries, x, y));
    let mismatches = 0;
    points.forEach(([x, y], i) => {
      const got = locator.locate(x, y), want = wanted[i]!;
      if (got.owner !== want.owner || got.boundaryHits !== want.boundaryHits) mismatches++;
    });
    expect(mismatches).toBe(0);
    // The batch path gives the same owners.
    // (The box index's batch path goes polygon by polygon over bucketed points: the same answers,
    // and the same count of points on a border of several polygons.)
    const owners = new Int32Array(points.length);
    const shared = locator.ownersOf(Float64Array.from(points, (p) => p[0]), Float64Array.from(points, (p) => p[1]), owners);
    expect(Array.from(owners)).toEqual(wanted.map((w) => w.owner));
    expect(shared).toBe(wanted.filter((w) => w.boundaryHits > 1).length);
  }

  it('on the Tsukuba districts: random points, every vertex and every edge midpoint', () => {
    const random = seededRandom(3);
    const points: [number, number][] = Array.from({ length: 20_000 }, () => [139.98 + random() * 0.21, 35.93 + random() * 0.32]);
    for (const g of districts) {
      const ring = g.coordinates[0]!;
      ring.forEach((p, i) => {
        points.push([p[0]!, p[1]!]);
        const q = ring[(i + 1) % ring.length]!;
        points.push([(p[0]! + q[0]!) / 2, (p[1]! + q[1]!) / 2]);
      });
    }
    check(districts, points);
  });

  it('with holes, islands in holes, multipolygons, overlaps and empty geometries', () => {
    const square = (x: number, y: number, s: number) => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
    const geometries: (Polygon | MultiPolygon | null)[] = [
      { type: 'Polygon', coordinates: [square(0, 0, 10), square(2, 2, 3), square(6, 6, 2)] },
      { type: 'Polygon', coordinates: [square(2.5, 2.5, 1)] },
      null,
      { type: 'MultiPolygon', coordinates: [[square(10, 0, 5)], [square(20, 20, 1)]] },
      { type: 'Polygon', coordinates: [square(8, 8, 4)] }, // overlaps polygons 0 and 3
    ];
    const random = seededRandom(9);
    const points: [number, number][] = Array.from({ length: 20_000 }, () => [-1 + random() * 23, -1 + random() * 23]);
    for (let x = -1; x <= 22; x += 0.5) for (let y = -1; y <= 22; y += 0.5) points.push([x, y]); // grid hits edges and corners exactly
    check(geometries, points);
  });

  it('on 1,000 Voronoi cells (shared edges everywhere)', () => {
    const extent: [number, number, number, number] = [140, 36, 140.2, 36.2];
    const cells = voronoi(randomPoint(1000, { bbox: extent }), { bbox: extent }).features.map((f) => f?.geometry ?? null);
    const random = seededRandom(5);
    const points: [number, number][] = Array.from({ length: 20_000 }, () => [139.99 + random() * 0.22, 35.99 + random() * 0.22]);
    for (const g of cells) if (g) for (const p of g.coordinates[0]!) points.push([p[0]!, p[1]!]);
    check(cells, points);
  });
});
