// npm run bench: performance figures, each against a baseline measured in the same run.
// Timings vary with the machine and its load; compare the ratios, and the goals from the issues.
import Papa from 'papaparse';
import { booleanPointInPolygon } from '@turf/turf';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import { makeLargeCsv } from './make-large-csv';
import { importCsv } from '../src/lib/io/csv';
import { countPointsInPolygons } from '../src/lib/geo/count-points-in-polygons';
import type { AnyFeatureCollection } from '../src/lib/geo/types';

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

const row = (label: string, ms: number, baselineMs: number, goalMs?: number) =>
  console.log(
    `${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms   ×${(ms / baselineMs).toFixed(2)} of baseline` + (goalMs ? `   goal ${goalMs} ms: ${ms <= goalMs ? 'met' : 'NOT met'}` : ''),
  );

const ROWS = 1_000_000;
console.log(`CSV import: ${ROWS.toLocaleString()} rows of lon/lat points (${process.version}, ${process.arch})`);
const bytes = makeLargeCsv(ROWS);
const text = new TextDecoder().decode(bytes);
const papaMs = time(2, () => Papa.parse(text, { header: false, skipEmptyLines: 'greedy' }));
row('baseline: papaparse, parse only (no decode/points)', papaMs, papaMs);
row('chizu-dojo importCsv: bytes → point features', time(2, () => importCsv(bytes, 'large.csv')), papaMs, 1500);

console.log('\nCount points per polygon: the sample reports over the 33 Tsukuba districts, repeated');
const districts = JSON.parse(readFileSync(new URL('../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon>;
const reports = importCsv(readFileSync(new URL('../public/sample-data/fictional-suspicious-person-reports.csv', import.meta.url)), 'r.csv').layers[0]!.data;
const many: AnyFeatureCollection = { type: 'FeatureCollection', features: Array.from({ length: 100_000 }, (_, i) => reports.features[i % reports.features.length]!) };
const turfMs = time(1, () => {
  for (const p of many.features) districts.features.findIndex((d) => booleanPointInPolygon(p.geometry as never, d));
});
row('baseline: plain turf loop, 100k points', turfMs, turfMs);
row('chizu-dojo countPointsInPolygons, 100k points', time(3, () => countPointsInPolygons(many, districts as AnyFeatureCollection)), turfMs);
