// The statistics the app shows, computed by its own functions on the sample data, against references
// computed by other tools (tests/reference/compute.py: GEOS via GDAL, GeographicLib and PROJ via pyproj,
// QGIS's classification, the published formulas). `npm run test:reference` (part of `npm test`); .ci/run
// installs gdal-bin and python3-qgis. Each tolerance is the difference the methods' own approximations
// allow, said beside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { aggregatePointsInPolygons } from '../../src/lib/geo/aggregate';
import { areasKm2 } from '../../src/lib/geo/normalize';
import { bufferFeatures, coveredShare, nearestDistancesM } from '../../src/lib/geo/overlay';
import { empiricalBayesRates } from '../../src/lib/geo/rates';
import { hotSpotsOfTable } from '../../src/lib/geo/hot-spots';
import { meshCode } from '../../src/lib/geo/mesh';
import { classify } from '../../src/lib/geo/classify';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { findColumn, makeTable, numberColumn, pointCoordinates, valueAt, withColumn } from '../../src/lib/table/layer-table';

const SAMPLE = new URL('../../public/sample-data/', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';
const reference = (() => {
  try {
    return JSON.parse(execFileSync(PYTHON, [new URL('./compute.py', import.meta.url).pathname, SAMPLE], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch (error) {
    if (process.env.CI) throw new Error(`the reference tools (gdal-bin, python3-qgis) are required in CI: ${(error as Error).message}`);
    return null;
  }
})();

const load = async (name: string) => {
  const [outcome] = await importFiles([{ name, bytes: new Uint8Array(readFileSync(SAMPLE + name)) }]);
  if (!outcome?.ok) throw new Error(outcome?.error.en);
  return outcome.result.layers[0]!.data;
};
/** The largest relative difference of two lists, and where. */
const worst = (ours: readonly number[], theirs: readonly number[]) => Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]!) / Math.max(Math.abs(theirs[i]!), 1e-12))); // bounded: 33 districts or 420 reports

describe.skipIf(!reference)('every number against a reference tool (sample data: 33 districts, 420 reports, 338 census points, 114 sites)', async () => {
  const [districts, reports, census, sites] = await Promise.all([
    load('tsukuba-school-districts.geojson'),
    load('fictional-suspicious-person-reports.csv'),
    load('tsukuba-census-2015-population.csv'),
    load('tsukuba-evacuation-sites.geojson'),
  ]);
  const ids = Array.from({ length: districts.rowCount }, (_, r) => valueAt(findColumn(districts, '学区ID')!, r));
  const counts = countPointsInPolygons(reports, districts).counts;

  it('lists the districts in the same order as the reference', () => expect(ids).toEqual(reference.districtIds));

  it('counts points per polygon as GEOS does (exactly; no report lies on a shared border)', () => {
    expect(reference.reportsOnSharedBorders).toBe(0);
    expect(counts).toEqual(reference.counts);
  });

  it('sums a column per polygon as GEOS does (exactly)', () => {
    expect(aggregatePointsInPolygons(census, districts, { op: 'sum', field: 'JINKO' }).values).toEqual(reference.populationSums);
  });

  it('averages a column per polygon as the reference does (to 1e-12)', () => {
    const ours = aggregatePointsInPolygons(census, districts, { op: 'mean', field: 'JINKO' }).values;
    ours.forEach((v, i) => (reference.populationMeans[i] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(reference.populationMeans[i], 9)));
  });

  it('counts 20,000 generated points into the districts as GEOS does (exactly)', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const xy = new Float64Array(40_000);
    for (let i = 0; i < 20_000; i++) {
      xy[i * 2] = 139.99 + random() * 0.19;
      xy[i * 2 + 1] = 35.94 + random() * 0.3;
    }
    const points = makeTable([], { layout: 'points', xy }, 20_000);
    expect(countPointsInPolygons(points, districts).counts).toEqual(reference.generatedCounts);
  });

  it('measures areas within 0.5 % of GeographicLib on the GRS80 ellipsoid (turf\'s area is on a sphere of radius 6,371,008.8 m)', () => {
    const error = worst(areasKm2(districts), reference.areasKm2);
    expect(error).toBeLessThan(0.005);
    console.log(`areas: largest difference ${(error * 100).toFixed(3)} %`);
  });

  it('measures nearest distances within 0.5 % of geodesic distances on GRS80 (the app uses a sphere)', () => {
    const ours = nearestDistancesM(featuresOf(reports), featuresOf(sites)) as number[];
    const error = worst(ours, reference.nearestM);
    expect(error).toBeLessThan(0.005);
    console.log(`nearest distances: largest difference ${(error * 100).toFixed(3)} %`);
  });

  it('gives each district\'s share within 1,000 m of a site within 1 percentage point of GEOS buffers in zone IX (both approximate the circle by segments)', () => {
    const ours = (coveredShare(featuresOf(districts), bufferFeatures(featuresOf(sites), 1000)) as number[]).map((share) => share * 100);
    const diff = Math.max(...ours.map((v, i) => Math.abs(v - reference.coveredSharePct[i]))); // bounded: 33 districts
    expect(diff).toBeLessThan(1);
    console.log(`covered share: largest difference ${diff.toFixed(3)} points`);
  });

  it('smooths rates as Marshall\'s global Empirical Bayes formula (to 1e-9)', () => {
    const { smoothed } = empiricalBayesRates(counts, reference.populationSums);
    expect(worst(smoothed, reference.ebRate)).toBeLessThan(1e-9);
  });

  it('gives Gi* z-scores as Ord & Getis with touching neighbours and the area itself (to 1e-9)', () => {
    const table = withColumn(districts, numberColumn('件数', counts));
    const { z } = hotSpotsOfTable(table, '件数');
    expect(worst(z, reference.giStar)).toBeLessThan(1e-9);
  });

  it('codes each report\'s 1 km and 500 m grid square as JIS X 0410 computed from the standard', () => {
    const xy = pointCoordinates(reports);
    const ours = Array.from({ length: reports.rowCount }, (_, i) => [meshCode(xy[i * 2]!, xy[i * 2 + 1]!, '1km'), meshCode(xy[i * 2]!, xy[i * 2 + 1]!, '500m')]);
    expect(ours.map((m) => m[0])).toEqual(reference.mesh1km);
    expect(ours.map((m) => m[1])).toEqual(reference.mesh500m);
  });

  it('classes the counts as QGIS does for natural breaks (Jenks) and equal intervals', () => {
    for (const method of ['natural-breaks', 'equal-interval'] as const) {
      const ours = classify(counts, method, 5).map((c) => c.upperBound);
      expect(ours).toHaveLength(reference.breaks[method].length);
      ours.forEach((b, i) => expect(b).toBeCloseTo(reference.breaks[method][i], 9)); // 23.6 against 23.599999999999998
    }
  });
});
