// The map exported for QGIS (a .qgs beside its GeoPackage, in one zip), opened in QGIS itself: every layer
// valid with its features, in EPSG:6668, the thematic layer graduated with the app's breaks and colours.
// QGIS (python3-qgis) is installed by .ci/run; without it the test fails in CI and is skipped elsewhere.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { importFiles } from '../../src/lib/io/import-files';
import { writeGeoPackage } from '../../src/lib/io/geopackage';
import { qgisPackage, qgisProjectXml } from '../../src/lib/io/qgis-project';
import { qgisProjectOf } from '../../src/lib/model/qgis-export';
import { newExercise, thematicClasses, categoryClasses, type Layer } from '../../src/lib/model/exercise';
import { countPointsInPolygons } from '../../src/lib/geo/count-points-in-polygons';
import { numberColumn, withColumn } from '../../src/lib/table/layer-table';

const read = (name: string) => new Uint8Array(readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url)));
const PYTHON = '/usr/bin/python3';
const hasQgis = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import qgis.core'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

async function finishedMap() {
  const outcomes = await importFiles([
    { name: 'tsukuba-school-districts.geojson', bytes: read('tsukuba-school-districts.geojson') },
    { name: 'fictional-suspicious-person-reports.csv', bytes: read('fictional-suspicious-person-reports.csv') },
  ]);
  const [districts, reports] = outcomes.map((o, i): Layer => {
    if (!o.ok) throw new Error(o.error.en);
    return { id: `l${i}`, name: i === 0 ? '小学校区' : '不審者情報', kind: o.result.layers[0]!.data.kind, sourceFileName: o.result.sourceName, attribution: i === 0 ? '国土数値情報（小学校区データ）' : '架空データ（地図道場）', data: o.result.layers[0]!.data };
  }) as [Layer, Layer];
  const { counts } = countPointsInPolygons(reports.data, districts.data);
  const exercise = {
    ...newExercise('e', new Date()),
    title: '小学校区別不審者出没状況図',
    layers: [{ ...districts, data: withColumn(districts.data, numberColumn('件数', counts)) }, reports],
    thematic: { layerId: 'l0', field: '件数', method: 'natural-breaks' as const, classCount: 5 },
  };
  return { exercise, legend: thematicClasses(exercise), categories: categoryClasses(exercise) };
}

describe('the map as a QGIS project', () => {
  it('describes the thematic layer with the legend\'s breaks and colours, the others in their colours', async () => {
    const { exercise, legend, categories } = await finishedMap();
    const project = qgisProjectOf(exercise, legend, categories, ['小学校区', '不審者情報'], 'map.gpkg', () => '#d62728');
    const districts = project.layers[0]!.renderer;
    expect(districts.kind).toBe('graduated');
    if (districts.kind !== 'graduated') return;
    expect(districts.ranges.map((r) => [r.upper, r.color])).toEqual(legend.map((c) => [c.upperBound, c.color]));
    expect(districts.ranges.slice(1).map((r) => r.lower)).toEqual(legend.slice(0, -1).map((c) => c.upperBound));
    expect(project.layers[1]!.renderer).toEqual({ kind: 'single', color: '#d62728' });
    const xml = qgisProjectXml(project);
    expect(xml).toContain('<rights>国土数値情報（小学校区データ） / 架空データ（地図道場）</rights>');
    expect(xml).toContain('./map.gpkg|layername=小学校区');
  });

  it.skipIf(!hasQgis && !process.env.CI)('opens in QGIS with every layer valid, its features, EPSG:6668 and the same classes', async () => {
    if (!hasQgis) throw new Error('QGIS (python3-qgis) is required in CI: .ci/run installs it');
    const { exercise, legend, categories } = await finishedMap();
    const { bytes, tables } = await writeGeoPackage(exercise.layers.map((l) => ({ name: l.name, description: l.attribution, data: l.data })));
    const project = qgisProjectOf(exercise, legend, categories, tables, 'map.gpkg', () => '#d62728');
    const dir = mkdtempSync(path.join(tmpdir(), 'qgis-'));
    for (const [name, content] of Object.entries(unzipSync(qgisPackage(project, bytes, 'map.qgs')))) writeFileSync(path.join(dir, name), content);
    expect(existsSync(path.join(dir, 'map.gpkg'))).toBe(true);
    const script = new URL('../reference/check_qgis.py', import.meta.url).pathname;
    const seen = JSON.parse(execFileSync(PYTHON, [script, path.join(dir, 'map.qgs')], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' }, encoding: 'utf8' }).trim().split('\n').at(-1)!);
    console.log('QGIS check:', JSON.stringify(seen));
    expect(seen.title).toBe('小学校区別不審者出没状況図');
    expect(seen.abstract).toContain('国土数値情報'); // the 出典, as the project's metadata
    const byName = Object.fromEntries(seen.layers.map((l: { name: string }) => [l.name, l]));
    expect(byName['小学校区']).toMatchObject({ valid: true, count: 33, crs: 'EPSG:6668', renderer: 'graduatedSymbol', field: '件数' });
    expect(byName['不審者情報']).toMatchObject({ valid: true, count: 420, crs: 'EPSG:6668', renderer: 'singleSymbol', color: '#d62728' });
    expect(byName['小学校区'].ranges.map((r: [number, number, string]) => [r[1], r[2]])).toEqual(legend.map((c) => [c.upperBound, c.color.toLowerCase()]));
  }, 60_000);
});
