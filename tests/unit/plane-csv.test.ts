import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/lib/io/csv';
import { planeZoneOf } from '../../src/lib/io/crs';

// The 114 real evacuation sites (国土地理院) with their surveyed points, written in plane rectangular zone IX.
const sites = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features as { geometry: { coordinates: [number, number] }; properties: Record<string, string> }[];
const ZONE9 = '+proj=tmerc +lat_0=36 +lon_0=139.8333333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const metres = sites.map((s) => proj4(ZONE9).forward(s.geometry.coordinates));
const csv = (header: [string, string], order: (easting: number, northing: number) => [number, number]) =>
  new TextEncoder().encode([`名称,${header.join(',')}`, ...sites.map((s, i) => `${s.properties['施設・場所名']},${order(metres[i]![0]!, metres[i]![1]!).map((v) => v.toFixed(3)).join(',')}`)].join('\r\n'));
const placed = (result: ReturnType<typeof importCsv>) => (result.layers[0]!.data.geometry as { xy: Float64Array }).xy;
const maxErrorDeg = (xy: Float64Array) => Math.max(...sites.map((s, i) => Math.hypot(xy[i * 2]! - s.geometry.coordinates[0], xy[i * 2 + 1]! - s.geometry.coordinates[1])));

describe('a CSV of plane rectangular X/Y in metres (公共測量)', () => {
  it('asks the zone, then reads X as the northing and lands every site where it was surveyed', () => {
    const file = csv(['X座標', 'Y座標'], (e, n) => [n, e]);
    const asked = importCsv(file, 'sites-xy.csv');
    expect(asked.layers).toEqual([]);
    expect(asked.questions.find((q) => q.kind === 'crs')).toMatchObject({ required: true });
    const result = importCsv(file, 'sites-xy.csv', { crsEpsg: 6677 });
    expect(result.layers[0]!.crsLabel).toContain('第9系');
    expect(maxErrorDeg(placed(result))).toBeLessThan(1e-6);
    expect(result.warnings.find((w) => w.code === 'plane-axes')?.ja).toContain('「X座標」を北向き（X）');
    expect(asked.questions.find((q) => q.kind === 'plane-axes')).toMatchObject({ columns: ['X座標', 'Y座標'], north: 'X座標' });
  });

  it('reads 南北/東西 by their meaning; a table in GIS order (X = easting) is read right once the user says which is north', () => {
    const named = importCsv(csv(['東西', '南北'], (e, n) => [e, n]), 'sites-ew.csv', { crsEpsg: 6677 });
    expect(maxErrorDeg(placed(named))).toBeLessThan(1e-6);
    const gisFile = csv(['X', 'Y'], (e, n) => [e, n]);
    // Read in survey order it lands kilometres off (still in Japan, so nothing can tell): the guess is shown.
    expect(maxErrorDeg(placed(importCsv(gisFile, 'sites-gis.csv', { crsEpsg: 6677 })))).toBeGreaterThan(0.05);
    const answered = importCsv(gisFile, 'sites-gis.csv', { crsEpsg: 6677, planeNorthColumn: 'Y' });
    expect(maxErrorDeg(placed(answered))).toBeLessThan(1e-6);
  });

  it('offers the zone of the city’s prefecture: one per prefecture, 北海道 by longitude', () => {
    expect([planeZoneOf('茨城県'), planeZoneOf('福岡県'), planeZoneOf('石川県'), planeZoneOf('長崎県'), planeZoneOf('鹿児島県'), planeZoneOf('沖縄県')]).toEqual([9, 2, 7, 1, 2, 15]);
    expect([planeZoneOf('北海道', 140.73), planeZoneOf('北海道', 141.35), planeZoneOf('北海道', 144.38)]).toEqual([11, 12, 13]);
  });
});
