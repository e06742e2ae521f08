// GeoPackage in and out. In: a file GDAL wrote (ogr2ogr, as QGIS writes them) with a table in plane
// rectangular zone IX and one in JGD2011; out: the app's layers as one GeoPackage, read back by the app and
// checked by GDAL's ogrinfo (layers, counts, CRS) — the reference the issue names. CI installs gdal-bin.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { strToU8 } from 'fflate';
import { importFiles } from '../../src/lib/io/import-files';
import { writeGeoPackage } from '../../src/lib/io/geopackage';
import { readGpkgGeometry, writeGpkgGeometry } from '../../src/lib/io/gpkg-geometry';
import { loadSqlite } from '../../src/lib/io/sqlite';
import { columnNamesOf, findColumn, valueAt, type LayerTable } from '../../src/lib/table/layer-table';

const read = (url: string) => new Uint8Array(readFileSync(new URL(url, import.meta.url)));
const sites = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features;
const importOne = async (name: string, bytes: Uint8Array, options = {}) => {
  const [outcome] = await importFiles([{ name, bytes }], { [name]: options });
  if (!outcome?.ok) throw new Error(outcome?.error.en);
  return outcome.result;
};
const ogrinfo = (() => {
  try {
    execFileSync('ogrinfo', ['--version']);
    return (file: string) => execFileSync('ogrinfo', ['-ro', '-so', '-al', file], { encoding: 'utf8' });
  } catch {
    return null;
  }
})();

describe('GeoPackage import', () => {
  it('reads every table of a GDAL-written file, asks which, and converts zone IX back to where the sites are', async () => {
    const bytes = read('../fixtures/in/gpkg/tsukuba-qgis.gpkg');
    const result = await importOne('tsukuba-qgis.gpkg', bytes);
    expect(result.questions.find((q) => q.kind === 'choose-layers')).toMatchObject({ names: ['小学校区', '避難場所_第9系'] });
    expect(result.layers.map((l) => [l.name, l.data.kind, l.data.rowCount, l.crsLabel])).toEqual([
      ['小学校区', 'polygon', 33, expect.stringContaining('経緯度')],
      ['避難場所_第9系', 'point', 114, expect.stringContaining('第9系')],
    ]);
    const points = result.layers[1]!.data;
    const xy = (points.geometry as { xy: Float64Array }).xy;
    // Within a millimetre of the surveyed positions after the round trip through zone IX.
    sites.forEach((site: { geometry: { coordinates: number[] } }, row: number) => {
      expect(Math.abs(xy[row * 2]! - site.geometry.coordinates[0]!)).toBeLessThan(1e-8);
      expect(Math.abs(xy[row * 2 + 1]! - site.geometry.coordinates[1]!)).toBeLessThan(1e-8);
    });
    expect(valueAt(findColumn(points, '施設・場所名')!, 0)).toBe(sites[0].properties['施設・場所名']);
    expect(findColumn(points, 'NO')!.type).toBe('number');
    const only = await importOne('tsukuba-qgis.gpkg', bytes, { layerNames: ['小学校区'] });
    expect(only.layers.map((l) => l.name)).toEqual(['小学校区']);
  });

  it('refuses a file that is not SQLite, SQLite that is no GeoPackage, and names damaged geometries', async () => {
    const refused = async (name: string, bytes: Uint8Array) => {
      const [outcome] = await importFiles([{ name, bytes }]);
      return outcome!.ok ? null : outcome!.error;
    };
    expect((await refused('text.gpkg', strToU8('x'.repeat(200))))!.ja).toBe('text.gpkg は GeoPackage（SQLite）ではありません。');
    const SQL = await loadSqlite();
    const plain = new SQL.Database();
    plain.run('CREATE TABLE t (a INTEGER)');
    expect((await refused('plain.gpkg', plain.export()))!.ja).toContain('GeoPackage の表（gpkg_contents）がありません');
    // A blob whose count runs past its end, among good ones: the row stays, the shape is named as damaged.
    const { bytes } = await writeGeoPackage([{ name: 'pts', description: '', data: (await importOne('s.geojson', read('../../public/sample-data/tsukuba-evacuation-sites.geojson'))).layers[0]!.data }]);
    const db = new SQL.Database(bytes);
    db.run(`UPDATE pts SET geom = X'4750000100000000010200000000ffffff' WHERE fid = 1`);
    const result = await importOne('damaged.gpkg', db.export());
    expect(result.layers[0]!.data.rowCount).toBe(114);
    expect(result.warnings.map((w) => w.ja).join()).toContain('1 件の図形が壊れていて読めません');
    // A geometry column holding text (WKT) instead of GeoPackage blobs: the rows stay, without a location, named.
    db.run(`UPDATE pts SET geom = 'POINT(140 36)'`);
    const text = await importOne('text-geometry.gpkg', db.export());
    expect(text.layers[0]!.data.rowCount).toBe(114);
    expect(text.warnings.map((w) => w.code)).toContain('features-without-geometry');
  });
});

describe('GeoPackage export', () => {
  it('writes the map\'s layers that the app reads back the same and GDAL reads with their counts and EPSG:6668', async () => {
    const [districts, points, census] = await Promise.all([
      importOne('d.geojson', read('../../public/sample-data/tsukuba-school-districts.geojson')),
      importOne('s.geojson', read('../../public/sample-data/tsukuba-evacuation-sites.geojson')),
      importOne('census.csv', read('../../public/sample-data/tsukuba-census-2015-population.csv')),
    ]);
    const layers = [
      { name: '小学校区', description: '国土数値情報（小学校区データ）', data: districts.layers[0]!.data },
      { name: '避難場所', description: '国土地理院 指定緊急避難場所データ', data: points.layers[0]!.data },
      { name: '避難場所', description: 'same name, kept apart', data: census.layers[0]!.data },
    ];
    const { bytes, tables } = await writeGeoPackage(layers);
    expect(tables).toEqual(['小学校区', '避難場所', '避難場所_2']);
    const back = await importOne('out.gpkg', bytes);
    const byName = new Map(back.layers.map((l) => [l.name, l.data]));
    const same = (a: LayerTable, b: LayerTable) => {
      expect(b.rowCount).toBe(a.rowCount);
      expect(columnNamesOf(b)).toEqual(columnNamesOf(a));
      for (const name of columnNamesOf(a)) for (const row of [0, Math.floor(a.rowCount / 2), a.rowCount - 1]) expect(valueAt(findColumn(b, name)!, row) ?? null).toEqual(valueAt(findColumn(a, name)!, row) ?? null);
    };
    same(layers[0]!.data, byName.get('小学校区')!);
    same(layers[1]!.data, byName.get('避難場所')!);
    same(layers[2]!.data, byName.get('避難場所_2')!);
    if (!ogrinfo) {
      if (process.env.CI) throw new Error('ogrinfo (gdal-bin) is required in CI: .ci/run installs it');
      return;
    }
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gpkg-')), 'out.gpkg');
    writeFileSync(file, bytes);
    const info = ogrinfo(file);
    const counts = [...info.matchAll(/Layer name: (.+)\n[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1], Number(m[2])]);
    expect(counts).toEqual([['小学校区', 33], ['避難場所', 114], ['避難場所_2', 338]]);
    expect(info.match(/ID\["EPSG",6668\]|AUTHORITY\["EPSG","6668"\]/g)?.length).toBe(3);
    expect(info).toContain('学区名: String');
    expect(info).toContain('JINKO: Real');
  });

  it('round-trips every WKB geometry type, holes and multi-parts included', () => {
    const geometries = [
      { type: 'Point', coordinates: [140.1, 36.1] },
      { type: 'LineString', coordinates: [[140, 36], [140.1, 36.2]] },
      { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] },
      { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] },
      { type: 'MultiLineString', coordinates: [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] },
      { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 1] }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }] },
    ] as const;
    for (const g of geometries) expect(readGpkgGeometry(writeGpkgGeometry(g as never, 6668))).toEqual(g);
  });
});
