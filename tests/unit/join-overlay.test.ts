import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asFeatures, asTable } from './tables';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { area, distance } from '@turf/turf';
import type { Point, Position } from 'geojson';
import { joinTable } from '../../src/lib/geo/join';
import { bufferFeatures, coveredShare, nearestDistancesM } from '../../src/lib/geo/overlay';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { importCsv } from '../../src/lib/io/csv';
import type { AnyFeatureCollection } from '../../src/lib/geo/types';

const sample = (name: string) => readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url));
const districts = JSON.parse(sample('tsukuba-school-districts.geojson').toString()) as AnyFeatureCollection;
const sites = JSON.parse(sample('tsukuba-evacuation-sites.geojson').toString()) as AnyFeatureCollection;
const census = importCsv(sample('tsukuba-census-2015-population.csv'), 'census.csv').layers[0]!.data;
const table = (csv: string) => importCsv(new TextEncoder().encode(csv), 't.csv').layers[0]!.data;

describe('attribute join', () => {
  it('joins a table to the districts by 学区ID, reporting unmatched keys on both sides and duplicates', () => {
    const rows = districts.features.slice(0, 32).map((f, i) => `${f.properties.学区ID},${100 + i}`).join('\n');
    const { data, report } = joinTable(asTable(districts), '学区ID', asTable(table(`学区ID,児童数\n${rows}\nD99,5\nD01,999\n`)), '学区ID');
    expect(report.matched).toBe(32);
    expect(report.unmatchedTargetKeys).toEqual(['D33']);
    expect(report.unmatchedTableKeys).toEqual(['D99']);
    expect(report.duplicateTableKeys).toEqual(['D01']);
    expect(featuresOf(data).features[0]!.properties.児童数).toBe(100); // the first D01 row wins
    expect(featuresOf(data).features[32]!.properties.児童数).toBeNull();
  });

  it('keeps codes as text: 08220 matches ０８２２０ but not 8220, and clashing names get a suffix', () => {
    const target: AnyFeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '08220', 名称: 'つくば市' }, geometry: null }] };
    const joined = joinTable(asTable(target), 'code', asTable(table('code,名称,人口\n０８２２０,Tsukuba,255152\n8220,x,1\n')), 'code');
    expect(featuresOf(joined.data).features[0]!.properties).toEqual({ code: '08220', 名称: 'つくば市', 名称_結合: 'Tsukuba', 人口: 255152 });
    expect(joined.report.unmatchedTableKeys).toEqual(['8220']);
  });
});

describe('overlay', () => {
  it('measures the distance to the nearest evacuation site as brute force does', () => {
    const distances = nearestDistancesM(asFeatures(census), asFeatures(sites));
    featuresOf(census).features.forEach((f, i) => {
      const p = (f.geometry as Point).coordinates;
      const brute = Math.min(...sites.features.map((s) => distance(p, (s.geometry as Point).coordinates as Position, { units: 'meters' })));
      expect(distances[i]).toBeCloseTo(brute, 6);
    });
    expect(Math.max(...(distances as number[]))).toBeLessThan(5000);
  });

  it('buffers points by metres: a 500 m circle has about π·0.25 km² and contains its centre', () => {
    const one: AnyFeatureCollection = { type: 'FeatureCollection', features: [sites.features[0]!] };
    const circle = bufferFeatures(asFeatures(one), 500);
    expect(area(circle.features[0] as never) / 1e6).toBeCloseTo(Math.PI * 0.25, 1);
    expect(circle.features[0]!.properties).toEqual(sites.features[0]!.properties);
    expect(countPointsInPolygons(asTable(one), asTable(circle)).counts).toEqual([1]);
  });

  it('gives the covered share of each district: full for the district itself, partial for a buffer', () => {
    expect(coveredShare(asFeatures(districts), asFeatures(districts)).every((s) => s !== null && Math.abs(s - 1) < 1e-6)).toBe(true);
    const buffers = bufferFeatures(asFeatures(sites), 1000);
    const shares = coveredShare(asFeatures(districts), asFeatures(buffers)) as number[];
    expect(shares.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(shares.some((s) => s > 0.5)).toBe(true);
    expect(shares.some((s) => s < 0.5)).toBe(true);
  });
});
