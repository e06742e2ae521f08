// npm run bench: performance figures, each against a baseline measured in the same run.
// Timings vary with the machine and its load; compare the ratios, and the goals from the issues.
import Papa from 'papaparse';
import { bbox, booleanPointInPolygon, randomPoint, voronoi } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Polygon } from 'geojson';
import { makeLargeCsv } from './make-large-csv';
import { importCsv } from '../src/lib/io/csv';
import { countPointsInPolygons, locatorFor, positionsOf } from '../src/lib/geo/count-points-in-polygons';
import { aggregatePointsInPolygons } from '../src/lib/geo/aggregate';
import { locateInGeometry } from '../src/lib/geo/point-in-polygon';
import type { AnyFeatureCollection } from '../src/lib/geo/types';
import { tableFromFeatures } from '../src/lib/table/geojson-table';

/** Best of `runs` timings in ms (the first run also warms the JIT). */
function time(runs: number, action: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    action();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** One result: time, speed relative to the section's first baseline (>1 = faster), and the goal if any. */
const row = (label: string, ms: number, baselineMs: number, goalMs?: number) =>
  console.log(
    `${label.padEnd(52)} ${ms.toFixed(0).padStart(7)} ms   ${(baselineMs / ms).toFixed(baselineMs / ms >= 10 ? 0 : 2).padStart(5)}× baseline speed` +
      (goalMs ? `   goal < ${goalMs} ms: ${ms <= goalMs ? 'met' : 'NOT met'}` : ''),
  );

const ROWS = 1_000_000;
console.log(`CSV import: ${ROWS.toLocaleString()} rows of lon/lat points (${process.version}, ${process.arch})`);
const bytes = makeLargeCsv(ROWS);
const text = new TextDecoder().decode(bytes);
const papaMs = time(3, () => Papa.parse(text, { header: false, skipEmptyLines: 'greedy' }));
row('baseline: papaparse, parse only (no decode/points)', papaMs, papaMs);
row('chizu-dojo importCsv: bytes → columnar table', time(3, () => importCsv(bytes, 'large.csv')), papaMs, 1500);

console.log('\nCount points per polygon: 1,000,000 points into 3,000 Voronoi polygons over Tsukuba');
const extent: [number, number, number, number] = [139.99, 35.94, 140.18, 36.24];
const polygons = voronoi(randomPoint(3000, { bbox: extent }), { bbox: extent }) as unknown as AnyFeatureCollection;
const random = (() => {
  let a = 42;
  return () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648);
})();
const points: AnyFeatureCollection = {
  type: 'FeatureCollection',
  features: Array.from({ length: 1_000_000 }, () => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [extent[0] + random() * (extent[2] - extent[0]), extent[1] + random() * (extent[3] - extent[1])] } })),
};
const geometries = polygons.features.map((f) => f.geometry as Polygon);
// The app's working model: the same layers as columnar tables (the CSV importer makes them directly).
const pointTable = tableFromFeatures(points.features), polygonTable = tableFromFeatures(polygons.features);

// Baseline 1: turf's booleanPointInPolygon over every polygon. Too slow for all points: 2,000 are
// timed and the figure scaled to 1M (printed as such).
const sample = points.features.slice(0, 2000);
const turfSampleMs = time(1, () => {
  for (const p of sample) geometries.findIndex((g) => booleanPointInPolygon(p.geometry as never, g));
});
const turfMs = (turfSampleMs * points.features.length) / sample.length;
row('baseline: plain turf loop (2k points timed, ×500)', turfMs, turfMs);

// Baseline 2: a Flatbush index of polygon boxes, then the exact test on each candidate (first n points).
function countWithFlatbush(n: number): void {
  const index = new Flatbush(geometries.length);
  for (const g of geometries) {
    const [minX, minY, maxX, maxY] = bbox(g);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  for (let i = 0; i < n; i++) {
    const [x, y] = (points.features[i]!.geometry as GeoJSON.Point).coordinates as [number, number];
    index.search(x, y, x, y).sort((a, b) => a - b).find((j) => locateInGeometry(x, y, geometries[j]!) !== 'outside');
  }
}
const flatbushMs = time(1, () => countWithFlatbush(points.features.length));
row('baseline: Flatbush index + exact test', flatbushMs, turfMs);
row('chizu-dojo countPointsInPolygons (index included)', time(3, () => countPointsInPolygons(pointTable, polygonTable)), turfMs, 400);
// What the worker does when counting again (e.g. with another filter): the index and the point
// positions were kept from the first count.
const prepared = { locator: locatorFor(polygonTable), positions: positionsOf(pointTable) };
row('chizu-dojo re-count, index and positions kept (worker cache)', time(3, () => aggregatePointsInPolygons(pointTable, polygonTable, { op: 'count' }, [], prepared)), turfMs, 150);

// The kernel against the Flatbush baseline at every size the end-to-end benchmark uses: the index is
// built once per count (a first count), so its cost weighs most on small layers.
console.log('\nFirst count at each size (index included), 3,000 polygons: chizu-dojo vs Flatbush + exact test');
for (const n of [10_000, 100_000, 300_000, 1_000_000]) {
  const subset = tableFromFeatures(points.features.slice(0, n));
  const flatbush = time(3, () => countWithFlatbush(n));
  row(`${n.toLocaleString().padStart(9)} points: chizu-dojo (Flatbush ${flatbush.toFixed(0)} ms)`, time(3, () => countPointsInPolygons(subset, polygonTable)), flatbush);
}
