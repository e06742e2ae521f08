import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/lib/io/csv';
import { importGeoJson } from '../../src/lib/io/geojson';
import { classify } from '../../src/lib/geo/classify';
import { pointGroups } from '../../src/lib/model/comparison';
import { newExercise, type Exercise, type Layer } from '../../src/lib/model/exercise';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { countPointsByMesh } from '../../src/lib/geo/mesh';
import { findColumn, numberColumn, valueAt, withColumn } from '../../src/lib/table/layer-table';
import { matchesFilter } from '../../src/lib/geo/aggregate';
import { normalizeValues } from '../../src/lib/geo/normalize';
import { tableFromFeatures } from '../../src/lib/table/geojson-table';
import { packageSourceFile, readCurriculumPackage } from '../../src/lib/curriculum/package';
import { checkMapTask } from '../../src/lib/curriculum/checks';
import type { MapTaskStep } from '../../src/lib/curriculum/schema';

const sample = (name: string) => readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url));
const reports = importCsv(sample('fictional-suspicious-person-reports.csv'), 'fictional-suspicious-person-reports.csv').layers[0]!.data;
const layer = (id: string, data: Layer['data'], kind: Layer['kind'], sourceFileName = id): Layer => ({ id, name: id, kind, sourceFileName, attribution: '', data });

describe('groups of points for maps side by side', () => {
  it('splits a year of dates into the quarters of the fiscal year (April–March), with filters that take every report once', () => {
    const groups = pointGroups(layer('r', reports, 'point'), '発生日')!;
    expect(groups.map((g) => g.title)).toEqual(['2023年度 4〜6月', '2023年度 7〜9月', '2023年度 10〜12月', '2023年度 1〜3月']);
    expect(groups[3]!.filter).toEqual({ field: '発生日', from: '2024-01-01', to: '2024-03-31T99' });
    // The sample's reports per quarter (44+40+30, 33+41+35, 24+25+34, 36+33+45): each report in one group.
    const column = findColumn(reports, '発生日')!;
    const perGroup = groups.map((g) => Array.from({ length: reports.rowCount }, (_, row) => valueAt(column, row)).filter((v) => matchesFilter(v, g.filter)).length);
    expect(perGroup).toEqual([114, 109, 83, 114]);
  });

  it('splits dates of several fiscal years by year, other values by the most frequent, and says when a column gives no groups', () => {
    const csv = (rows: string[]) => importCsv(new TextEncoder().encode(['日付,種別,緯度,経度', ...rows].join('\n')), 'x.csv').layers[0]!.data;
    const twoYears = csv(['2023-05-01,声かけ,36.1,140.1', '2024-03-31,声かけ,36.1,140.1', '2024-04-01,露出,36.1,140.1', '2025-02-01,声かけ,36.1,140.1']);
    expect(pointGroups(layer('t', twoYears, 'point'), '日付')!.map((g) => g.title)).toEqual(['2023年度', '2024年度']);
    expect(pointGroups(layer('t', twoYears, 'point'), '種別')!.map((g) => g.title)).toEqual(['声かけ', '露出']);
    expect(pointGroups(layer('t', csv(['2023-05-01,声かけ,36.1,140.1']), 'point'), '種別')).toBeNull();
    expect(pointGroups(layer('t', twoYears, 'point'), 'ない列')).toBeNull();
    const kinds = pointGroups(layer('r', reports, 'point'), '種別')!;
    expect(kinds.map((g) => g.title)).toEqual(['声かけ', 'つきまとい', 'その他', '露出']);
  });
});

describe('classes centred on 0 (differences)', () => {
  it('mirrors whole-number classes about 0, keeps empty classes so a colour always means the same change', () => {
    const classes = classify([-4, 0, 1, 2, 3, 10], 'diverging', 5);
    expect(classes.map((c) => c.upperBound)).toEqual([-6.5, -2.5, 2.5, 6.5, 10]);
    expect(classes.map((c) => c.count)).toEqual([0, 1, 3, 1, 1]);
    // Rates: equal steps of 2 × max|v| / 5, 0 in the middle of the middle class.
    const rates = classify([-0.5, 0.1, 1], 'diverging', 5);
    expect(rates.map((c) => c.upperBound)).toEqual([-0.6, -0.2, 0.2, 0.6, 1].map((v) => expect.closeTo(v, 10)));
  });
});

describe('the MAUP check (Level Ⅰ, map-units)', () => {
  const root = new URL('../../curricula/level-1/', import.meta.url).pathname;
  const files = (dir: string, prefix = ''): { path: string; bytes: Uint8Array }[] =>
    readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name), `${prefix}${name}/`) : [{ path: prefix + name, bytes: readFileSync(path.join(dir, name)) }]));

  it('fails before the units are compared or with one missing, passes with districts, 町丁目 and the grid side by side', () => {
    const result = readCurriculumPackage(files(root));
    if (!result.ok) throw new Error('level 1 invalid');
    const pkg = result.pkg;
    const step = pkg.curriculum.lessons.flatMap((l) => l.steps).find((s) => s.id === 'map-units') as MapTaskStep;
    const read = (p: string) => packageSourceFile(pkg, p);
    const districts = layer('d', importGeoJson(read('data/tsukuba-school-districts.geojson').bytes, 'x').layers[0]!.data, 'polygon', 'tsukuba-school-districts.geojson');
    const chome = layer('c', importGeoJson(read('data/tsukuba-chome-approx.geojson').bytes, 'x').layers[0]!.data, 'polygon', 'tsukuba-chome-approx.geojson');
    const points = layer('p', reports, 'point', 'fictional-suspicious-person-reports.csv');
    const xy = reports.geometry.layout === 'points' ? reports.geometry.xy : new Float64Array(0);
    const mesh = layer('m', tableFromFeatures(countPointsByMesh(xy, '500m').squares), 'polygon', 'fictional-suspicious-person-reports.csv');
    const base: Exercise = { ...newExercise('e', new Date()), layers: [districts, points] };
    const judge = (e: Exercise) => checkMapTask(step, e, pkg)[0]!;

    expect(judge(base).ja).toContain('「tsukuba-chome-approx.geojson」が地図にありません');
    const loaded = { ...base, layers: [districts, points, chome, mesh] };
    expect(judge(loaded)).toMatchObject({ passed: false });
    expect(judge(loaded).ja).toContain('「区切り方を変えて比べる」を押してください');
    const panel = (l: Layer) => ({ layerId: l.id, field: '件数（1km²あたり）', title: l.name });
    // Small multiples by period are not a comparison of units.
    expect(judge({ ...loaded, comparison: { kind: 'groups', pointLayerId: 'p', panels: [panel(districts), panel(districts)] } }).passed).toBe(false);
    const withoutChome = judge({ ...loaded, comparison: { kind: 'units', pointLayerId: 'p', panels: [panel(districts), panel(mesh)] } });
    expect(withoutChome.passed).toBe(false);
    expect(withoutChome.ja).toContain('「c」がありません');
    const all = judge({ ...loaded, comparison: { kind: 'units', pointLayerId: 'p', panels: [panel(districts), panel(chome), panel(mesh)] } });
    expect(all).toMatchObject({ passed: true });
    expect(all.ja).toContain('3 通りの単位');
  });

  it('gives the quiz its facts: the finer the unit, the higher the densest area per km², the total unchanged', () => {
    const result = readCurriculumPackage(files(root));
    if (!result.ok) throw new Error('level 1 invalid');
    const read = (p: string) => importGeoJson(packageSourceFile(result.pkg, p).bytes, 'x').layers[0]!.data;
    const xy = reports.geometry.layout === 'points' ? reports.geometry.xy : new Float64Array(0);
    const densest = (polygons: Layer['data'], counts: ArrayLike<number>) => {
      const perKm2 = normalizeValues(withColumn(polygons, numberColumn('件数', Array.from(counts))), '件数', { kind: 'area-km2' });
      return { total: Array.from(counts).reduce((a, b) => a + b, 0), max: Math.max(...perKm2.filter((v): v is number => v !== null)) };
    };
    const districts = read('data/tsukuba-school-districts.geojson'), chome = read('data/tsukuba-chome-approx.geojson');
    const mesh = tableFromFeatures(countPointsByMesh(xy, '500m').squares);
    const byDistrict = densest(districts, countPointsInPolygons(reports, districts).counts);
    const byChome = densest(chome, countPointsInPolygons(reports, chome).counts);
    const bySquare = densest(mesh, Array.from({ length: mesh.rowCount }, (_, row) => Number(valueAt(findColumn(mesh, '件数')!, row))));
    // Every report is counted once by each unit (the 町丁目 areas cover the city as the districts do).
    expect([byDistrict.total, byChome.total, bySquare.total]).toEqual([420, 420, 420]);
    // The quiz's figures: about 10 reports per km² at most by district, about 30 by 500 m square.
    expect(byDistrict.max).toBeCloseTo(10, 0);
    expect(bySquare.max).toBeGreaterThan(28);
    expect(bySquare.max).toBeLessThan(33);
    expect(byChome.max).toBeGreaterThan(byDistrict.max);
  });
});
