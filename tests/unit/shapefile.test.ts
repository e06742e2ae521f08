import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Point } from 'geojson';
import { imported, importedFiles, expectRefused } from './import-helpers';
import type { SourceFile } from '../../src/lib/io/types';
import { featuresOf } from '../../src/lib/table/geojson-table';

const formats = new URL('../fixtures/in/', import.meta.url);
const edge = new URL('shapefile-js-edgecases/', formats);
const read = (url: URL) => new Uint8Array(readFileSync(url));
const filesOf = (dir: URL, base: string): SourceFile[] =>
  readdirSync(dir)
    .filter((n) => n.startsWith(`${base}.`))
    .map((name) => ({ name, bytes: read(new URL(name, dir)) }));
const evacuationDir = new URL('../fixtures/in/evacuation-zone9-cp932/', import.meta.url);
const evacuationParts = filesOf(evacuationDir, 'evacuation-sites');
const evacuationGeoJson = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8'));
const without = (ext: string) => evacuationParts.filter((f) => !f.name.endsWith(`.${ext}`));

describe('shapefile: a CP932 shapefile in plane rectangular zone IX without .cpg (the usual Japanese case)', () => {
  it('decodes the Japanese attributes and lands every point on its real lon/lat', async () => {
    const result = await importedFiles(evacuationParts);
    const layer = result.layers[0]!;
    expect(featuresOf(layer.data).features).toHaveLength(114);
    expect(layer.encoding).toBe('shift_jis');
    expect(layer.crsLabel).toBe('JGD2011 平面直角座標系 第9系 (EPSG:6677)');
    expect(result.questions).toEqual([{ kind: 'encoding', required: false, encoding: 'shift_jis', confidence: 'likely' }]);
    featuresOf(layer.data).features.forEach((feature, i) => {
      const original = evacuationGeoJson.features[i];
      expect(feature.properties.名称).toBe(original.properties['施設・場所名']);
      expect(feature.properties.住所).toBe(original.properties['住所']);
      const [lon, lat] = (feature.geometry as Point).coordinates;
      const [lon0, lat0] = original.geometry.coordinates;
      // 1e-7° is about 1 cm: the round trip through zone IX is exact to survey precision.
      expect(Math.abs(lon! - lon0)).toBeLessThan(1e-7);
      expect(Math.abs(lat! - lat0)).toBeLessThan(1e-7);
    });
  });

  it('does not trust a .cpg that says UTF-8 over CP932 text: reads it as Shift_JIS and says so', async () => {
    const lying = [...evacuationParts, { name: 'evacuation-sites.cpg', bytes: new TextEncoder().encode('UTF-8') }];
    const result = await importedFiles(lying);
    expect(featuresOf(result.layers[0]!.data).features[0]!.properties.名称).toBe(evacuationGeoJson.features[0].properties['施設・場所名']);
    expect(result.layers[0]!.encoding).toBe('shift_jis');
    expect(result.warnings.find((w) => w.code === 'cpg-invalid')!.ja).toContain('evacuation-sites.cpg は UTF-8 としていますが');
    // A true UTF-8 .cpg over UTF-8 text stays certain (the shapefile-js edge cases cover that file).
  });

  it('decodes the same bytes as mojibake only when the user forces another encoding', async () => {
    const result = await importedFiles(evacuationParts, { encoding: 'utf-8' }, 'evacuation-sites.shp');
    expect(featuresOf(result.layers[0]!.data).features[0]!.properties.名称).toBeUndefined();
    expect(JSON.stringify(featuresOf(result.layers[0]!.data).features[0]!.properties)).toContain('\ufffd');
  });

  it('asks for the zone when the .prj is missing and coordinates are metres, defaulting to zone IX', async () => {
    const asked = await importedFiles(without('prj'));
    expect(asked.layers).toEqual([]);
    expect(asked.questions).toContainEqual({ kind: 'crs', required: true, suggestedEpsg: 6677 });
    const answered = await importedFiles(without('prj'), { crsEpsg: 6677 }, 'evacuation-sites.shp');
    expect((featuresOf(answered.layers[0]!.data).features[0]!.geometry as Point).coordinates[0]).toBeCloseTo(140.129771, 6);
  });

  it('converts the Tokyo datum with a warning about its accuracy (about 400 m shift in Tsukuba)', async () => {
    const result = await importedFiles(without('prj'), { crsEpsg: 30169 }, 'evacuation-sites.shp');
    expect(result.warnings.map((w) => w.code)).toContain('tokyo-datum');
    const [lon, lat] = (featuresOf(result.layers[0]!.data).features[0]!.geometry as Point).coordinates;
    const shiftM = Math.hypot((lon! - 140.129771) * 90_000, (lat! - 36.098502) * 111_000);
    expect(shiftM).toBeGreaterThan(300);
    expect(shiftM).toBeLessThan(600);
  });

  it('loads shapes without attributes when the .dbf is missing, and names it', async () => {
    const result = await importedFiles(without('dbf'));
    expect(featuresOf(result.layers[0]!.data).features).toHaveLength(114);
    expect(result.warnings.find((w) => w.code === 'dbf-missing')?.ja).toContain('evacuation-sites.dbf');
  });

  it('refuses parts without the .shp, naming the missing file', async () => {
    await expectRefused(new Uint8Array(), 'evacuation-sites.dbf, evacuation-sites.prj, evacuation-sites.shx', 'shp-missing', without('shp'));
  });
});

describe('shapefile: real archives and edge cases', () => {
  it('reads the JGD2000 zone X archive onto 石巻 (lon ≈ 141.3, lat ≈ 38.4) and offers its three layers', async () => {
    const result = await imported(read(new URL('ishinomaki-jgd2000-zone10-shp.zip', formats)), 'ishinomaki.zip');
    expect(result.layers.map((l) => [l.name, featuresOf(l.data).features.length])).toEqual([['bridge', 3], ['elevation', 5], ['vegetation', 12]]);
    expect(result.questions).toContainEqual({ kind: 'choose-layers', required: false, names: ['bridge', 'elevation', 'vegetation'] });
    for (const layer of result.layers) {
      expect(layer.crsLabel).toBe('JGD2000 平面直角座標系 第10系 (EPSG:2452)');
      const text = JSON.stringify(featuresOf(layer.data).features.map((f) => f.geometry));
      const numbers = [...text.matchAll(/\[(1\d\d\.\d+),(\d\d\.\d+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(numbers.length).toBeGreaterThan(0);
      for (const [lon, lat] of numbers) {
        expect(lon).toBeGreaterThan(141.2), expect(lon).toBeLessThan(141.4);
        expect(lat).toBeGreaterThan(38.35), expect(lat).toBeLessThan(38.5);
      }
    }
    const chosen = await imported(read(new URL('ishinomaki-jgd2000-zone10-shp.zip', formats)), 'ishinomaki.zip', { layerNames: ['elevation'] });
    expect(chosen.layers.map((l) => l.name)).toEqual(['elevation']);
  });

  it('reads nested folders, upper-case extensions and code pages', async () => {
    // One polyline (its .dbf and .shx list one) followed by zero padding, which was once read as two empty shapes.
    const nested = await imported(read(new URL('T8Th4_6n.zip', edge)), 'T8Th4_6n.zip');
    expect(featuresOf(nested.layers[0]!.data).features.map((f) => f.geometry?.type)).toEqual(['LineString']);
    expect(nested.warnings.map((w) => w.code)).not.toContain('dbf-count-mismatch');
    const senate = (await imported(read(new URL('mixedcase.zip', edge)), 'mixedcase.zip')).layers[0]!;
    expect(featuresOf(senate.data).features).toHaveLength(40);
    expect(featuresOf(senate.data).features[0]!.properties.SEN_DIST).toBe('First Worcester');
    expect(featuresOf((await imported(read(new URL('utf.zip', edge)), 'utf.zip')).layers[0]!.data).features[0]!.properties.field).toBe('💩');
    expect((await imported(read(new URL('codepage.zip', edge)), 'codepage.zip')).layers[0]!.encoding).toBe('windows-1250');
  });

  it('ignores HTML saved as .cpg or .prj, with a warning', async () => {
    const cpg = await importedFiles(filesOf(edge, 'htmlcpg'));
    expect(cpg.warnings.map((w) => w.code)).toContain('cpg-invalid');
    expect(featuresOf(cpg.layers[0]!.data).features[0]!.properties.field).toBe('💩');
    const prj = await importedFiles(filesOf(edge, 'htmlprj'));
    expect(prj.warnings.map((w) => w.code)).toContain('prj-invalid');
  });

  it('reads Z/M shapes and archives with side files', async () => {
    expect(featuresOf((await importedFiles(filesOf(edge, 'export_multipointz'))).layers[0]!.data).features[0]!.geometry!.type).toBe('MultiPoint');
    expect(featuresOf((await importedFiles(filesOf(edge, 'export_polylinez'))).layers[0]!.data).features[0]!.geometry!.type).toBe('MultiLineString');
    const stations = await imported(read(new URL('train_stations.zip', edge)), 'train_stations.zip');
    expect(featuresOf(stations.layers[0]!.data).features.length).toBeGreaterThan(100);
  });

  it('keeps a null shape in the table and names it; zero padding after the last record is not shapes', async () => {
    const pipes = await imported(read(new URL('zero-len-line.zip', edge)), 'zero-len-line.zip');
    const features = featuresOf(pipes.layers[0]!.data).features;
    expect(features.map((f) => f.geometry?.type ?? null)).toEqual(['LineString', null, 'LineString']);
    expect(features[1]!.properties.Shape_Leng).toBe(0);
    const empty = pipes.warnings.find((w) => w.code === 'features-without-geometry')!;
    expect(empty.ja).toContain('Null Shape）の地物が 1 件あります（2番目）');
    expect(empty.en).toContain('1 feature with an empty shape (null shape) (feature 2)');
    // One record followed by 324 zero bytes (the .shx lists one): one feature, nothing to warn about.
    const padded = await importedFiles(filesOf(edge, 'ipra_dresden_polygon'));
    expect(featuresOf(padded.layers[0]!.data).features).toHaveLength(1);
    expect(padded.warnings).toEqual([]);
  });

  it('a .shp cut short loads its whole shapes and says so; rows without a shape stay in the table', async () => {
    const shp = evacuationParts.find((f) => f.name.endsWith('.shp'))!;
    const cut = [...without('shp'), { name: shp.name, bytes: shp.bytes.slice(0, shp.bytes.length - 10) }];
    const result = await importedFiles(cut, { crsEpsg: 6677 }, 'evacuation-sites');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features).toHaveLength(114);
    expect(features.filter((f) => f.geometry === null)).toHaveLength(1);
    expect(features[113]!.geometry).toBeNull();
    expect(features[113]!.properties).toEqual(featuresOf((await importedFiles(evacuationParts, { crsEpsg: 6677 }, 'evacuation-sites')).layers[0]!.data).features[113]!.properties);
    expect(result.warnings.find((w) => w.code === 'shp-truncated')!.ja).toContain('途中で切れています');
    const mismatch = result.warnings.find((w) => w.code === 'dbf-count-mismatch')!;
    expect(mismatch.ja).toContain('行 114〜114 番目は対応する図形がないため、表には残しますが地図には表示しません');
    expect(mismatch.en).toContain('rows 114–114 have no shape');
  });

  it('reads archives without a .dbf, with a field-less .dbf, and from QGIS', async () => {
    const noDbf = await imported(read(new URL('no-dbf.zip', edge)), 'no-dbf.zip');
    expect(featuresOf(noDbf.layers[0]!.data).features).toHaveLength(14);
    expect(noDbf.warnings.map((w) => w.code)).toContain('dbf-missing');
    expect(featuresOf((await imported(read(new URL('empty-shp.zip', edge)), 'empty-shp.zip')).layers[0]!.data).features).toHaveLength(2);
    expect(featuresOf((await imported(read(new URL('qgis.zip', edge)), 'qgis.zip')).layers[0]!.data).features.map((f) => f.properties.FID)).toEqual([0, 1]);
    const exclude = featuresOf((await imported(read(new URL('SHP_Exclude.zip', edge)), 'SHP_Exclude.zip')).layers[0]!.data).features;
    expect(exclude[0]!.properties.ClientName).toBe('Vliegen, Jelle');
  });

  it('refuses a damaged zip and a zip without a .shp', async () => {
    await expectRefused(read(new URL('badzip.zip', edge)), 'badzip.zip', 'zip-invalid');
    await expectRefused(read(new URL('noshp.zip', edge)), 'noshp.zip', 'shp-missing');
  });

  it('refuses a file that is not a shapefile', async () => {
    await expectRefused(new Uint8Array(), 'x.shp', 'shp-invalid', [{ name: 'x.shp', bytes: new TextEncoder().encode('<html>not a shapefile</html>') }]);
  });
});
