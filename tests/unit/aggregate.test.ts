import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asFeatures, asTable } from './tables';
import { pointFilters } from '../../src/lib/model/exercise';
import { booleanPointInPolygon } from '@turf/turf';
import type { Point } from 'geojson';
import { aggregatePointsInPolygons, matchesFilter } from '../../src/lib/geo/aggregate';
import { areasKm2, normalizeValues } from '../../src/lib/geo/normalize';
import { area as turfArea } from '@turf/turf';
import { importCsv } from '../../src/lib/io/csv';
import type { AnyFeatureCollection } from '../../src/lib/geo/types';

const sample = (name: string) => readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url));
const districts = JSON.parse(sample('tsukuba-school-districts.geojson').toString()) as AnyFeatureCollection;
const census = importCsv(sample('tsukuba-census-2015-population.csv'), 'census.csv').layers[0]!.data;
const reports = importCsv(sample('fictional-suspicious-person-reports.csv'), 'reports.csv').layers[0]!.data;

/** Independent computation: turf, first containing district wins. */
function perDistrict(points: AnyFeatureCollection, value: (p: AnyFeatureCollection['features'][number]) => number | null): number[] {
  const totals = districts.features.map(() => 0);
  for (const p of points.features) {
    const v = value(p);
    if (v === null || p.geometry?.type !== 'Point') continue;
    const owner = districts.features.findIndex((d) => booleanPointInPolygon(p.geometry as Point, d as never));
    if (owner !== -1) totals[owner]! += v;
  }
  return totals;
}

describe('aggregatePointsInPolygons on real Tsukuba data', () => {
  it('sums census population (JINKO) per school district', () => {
    const result = aggregatePointsInPolygons(asTable(census), asTable(districts), { op: 'sum', field: 'JINKO' });
    expect(result.values).toEqual(perDistrict(asFeatures(census), (p) => Number(p.properties.JINKO)));
    // 226,963 residents in the 2015 census points; every point with people lies in a district.
    expect((result.values as number[]).reduce((a, b) => a + b, 0)).toBe(226_963);
  });

  it('takes the mean and the maximum, null where a district has no points', () => {
    const mean = aggregatePointsInPolygons(asTable(census), asTable(districts), { op: 'mean', field: 'JINKO' }).values;
    const max = aggregatePointsInPolygons(asTable(census), asTable(districts), { op: 'max', field: 'JINKO' }).values;
    const sums = perDistrict(asFeatures(census), (p) => Number(p.properties.JINKO));
    const counts = perDistrict(asFeatures(census), () => 1);
    mean.forEach((m, i) => (counts[i] === 0 ? expect(m).toBeNull() : expect(m).toBeCloseTo(sums[i]! / counts[i]!, 9)));
    max.forEach((m, i) => expect(m === null || m >= mean[i]!).toBe(true));
  });

  it('counts with filters on type, date range and time of day', () => {
    const filters = [
      { field: '種別', values: ['声かけ'] },
      { field: '発生日', from: '2023-06-01', to: '2023-08-31' },
      { field: '時刻', from: '15:00', to: '17:59' },
    ];
    const result = aggregatePointsInPolygons(asTable(reports), asTable(districts), { op: 'count' }, filters);
    const expected = perDistrict(asFeatures(reports), (p) => {
      const { 種別, 発生日, 時刻 } = p.properties as { 種別: string; 発生日: string; 時刻: string };
      return 種別 === '声かけ' && 発生日 >= '2023-06-01' && 発生日 <= '2023-08-31' && 時刻 >= '15:00' && 時刻 <= '17:59' ? 1 : null;
    });
    expect(result.values).toEqual(expected);
    expect(result.used).toBe(expected.reduce((a, b) => a + b, 0));
    expect(result.used).toBeGreaterThan(5);
    expect(result.used + result.filteredOut).toBe(420);
  });

  it('pads times and skips empty values in ranges', () => {
    expect(matchesFilter('9:05', { field: 't', from: '08:00', to: '10:00' })).toBe(true);
    expect(matchesFilter('', { field: 't', from: '08:00' })).toBe(false);
    expect(matchesFilter(5, { field: 't', values: ['5'] })).toBe(true);
  });
});

describe('normalisation', () => {
  it('measures geodesic areas: a 1°×1° cell at the equator, and Tsukuba (283.72 km² officially)', () => {
    const cell: AnyFeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] } }] };
    // On a sphere of radius 6371.0088 km: R² · Δλ · (sin φ2 − sin φ1) = 12,364 km².
    expect(areasKm2(asTable(cell))[0]).toBeCloseTo(12_364, -1);
    const total = areasKm2(asTable(districts)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(280);
    expect(total).toBeLessThan(288);
  });

  it('gives turf’s area for every district, a polygon with a hole and a multipolygon (worked out on the table’s arrays)', () => {
    const holed: AnyFeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[140, 36], [140.1, 36], [140.1, 36.1], [140, 36.1], [140, 36]], [[140.02, 36.02], [140.02, 36.05], [140.05, 36.05], [140.02, 36.02]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[[[139, 35], [139.1, 35], [139.1, 35.1], [139, 35]]], [[[139.5, 35], [139.6, 35], [139.6, 35.2], [139.5, 35]]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [139, 35] } },
      ],
    };
    for (const collection of [districts, holed]) {
      const ours = areasKm2(asTable(collection));
      collection.features.forEach((f, i) => expect(ours[i]).toBeCloseTo(turfArea(f) / 1e6, 9));
    }
  });

  it('divides by area and by another column per 1,000, leaving null where the divisor is 0', () => {
    const layer: AnyFeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { n: 6, pop: 3000 }, geometry: null },
        { type: 'Feature', properties: { n: 2, pop: 0 }, geometry: null },
        { type: 'Feature', properties: { n: null, pop: 100 }, geometry: null },
      ],
    };
    expect(normalizeValues(asTable(layer), 'n', { kind: 'field', field: 'pop', per: 1000 })).toEqual([2, null, null]);
    const perKm2 = normalizeValues(asTable(districts), '学区ID', { kind: 'area-km2' });
    expect(perKm2.every((v) => v === null)).toBe(true); // text ids are not numbers
  });
});

describe('the aggregation form’s filters', () => {
  it('reads a typed list (comma, 、 or full-width comma) and a range, leaving out what was not given', () => {
    expect(pointFilters('', '声かけ', '', '')).toEqual([]);
    expect(pointFilters('種別', '声かけ、つきまとい, 露出，その他 ,', '', '')).toEqual([{ field: '種別', values: ['声かけ', 'つきまとい', '露出', 'その他'] }]);
    expect(pointFilters('発生日', '', ' 2023-06-01 ', '')).toEqual([{ field: '発生日', from: '2023-06-01' }]);
    expect(pointFilters('時刻', '', '15:00', '17:59')).toEqual([{ field: '時刻', from: '15:00', to: '17:59' }]);
  });
});
