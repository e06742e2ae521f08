import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { imported, expectRefused } from './import-helpers';
import { unzipSafely } from '../../src/lib/io/zip';
import { crsFromName, planeRectangularCrs, transformGeometry } from '../../src/lib/io/crs';
import { crsFromPrj } from '../../src/lib/io/projection';
import { detectEncoding } from '../../src/lib/io/text-encoding';
import { parseJapaneseEraDate } from '../../src/lib/io/japanese-date';
import { UserInputError } from '../../src/lib/util/errors';
import { featuresOf } from '../../src/lib/table/geojson-table';

const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const districts = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon>;

describe('CSV encodings, delimiters and values', () => {
  const table = '名称,種別,住所,緯度,経度\n①髙橋㈱倉庫,倉庫,つくば市研究学園１丁目,36.0835,140.0764\n';

  it('detects Shift_JIS (CP932) including ①, ㈱ and 髙', async () => {
    const result = await imported(sjis(table), 'sjis.csv');
    expect(featuresOf(result.layers[0]!.data).features[0]!.properties.名称).toBe('①髙橋㈱倉庫');
    expect(result.layers[0]!.encoding).toBe('shift_jis');
  });

  it('detects EUC-JP, UTF-16 with and without BOM, and UTF-8 with BOM', async () => {
    expect(featuresOf((await imported(new Uint8Array(iconv.encode('名称,緯度,経度\n研究学園駅,36.0823,140.0825\n', 'euc-jp')), 'euc.csv')).layers[0]!.data).features[0]!.properties.名称).toBe('研究学園駅');
    for (const [bytes, name] of [
      [new Uint8Array(iconv.encode('\ufeff' + table, 'utf-16le')), 'utf16bom.csv'],
      [new Uint8Array(iconv.encode(table, 'utf-16le')), 'utf16.csv'],
      [utf8('\ufeff' + table), 'utf8bom.csv'],
    ] as const) {
      const properties = featuresOf((await imported(bytes, name)).layers[0]!.data).features[0]!.properties;
      expect(Object.keys(properties)[0]).toBe('名称');
      expect(properties.名称).toBe('①髙橋㈱倉庫');
    }
  });

  it('lets the user override the detected encoding', async () => {
    const bytes = sjis('name,lat,lon\n①髙橋㈱倉庫,36.0835,140.0764\n');
    const forced = await imported(bytes, 'sjis.csv', { encoding: 'euc-jp' });
    expect(featuresOf(forced.layers[0]!.data).features[0]!.properties.name).not.toBe('①髙橋㈱倉庫');
    expect(forced.layers[0]!.encoding).toBe('euc-jp');
    expect(featuresOf((await imported(bytes, 'sjis.csv', { encoding: 'shift_jis' })).layers[0]!.data).features[0]!.properties.name).toBe('①髙橋㈱倉庫');
  });

  it('finds tab, semicolon and pipe delimiters', async () => {
    for (const delimiter of ['\t', ';', '|']) {
      const text = table.replaceAll(',', delimiter);
      expect(featuresOf((await imported(utf8(text), 'table.tsv')).layers[0]!.data).features[0]!.geometry).toEqual({ type: 'Point', coordinates: [140.0764, 36.0835] });
    }
  });

  it('recognises 北緯/東経 and lat/lng headers, full-width digits and thousands separators', async () => {
    const result = await imported(utf8('名称,北緯,東経,人口\nA,３６．０８,１４０．０７,"1,234"\n'), 'fw.csv');
    expect(featuresOf(result.layers[0]!.data).features[0]!.geometry).toEqual({ type: 'Point', coordinates: [140.07, 36.08] });
    expect(featuresOf(result.layers[0]!.data).features[0]!.properties.人口).toBe(1234);
  });

  it('detects swapped latitude/longitude and asks; the answer fixes it', async () => {
    const swapped = utf8('名称,緯度,経度\nA,140.0764,36.0835\nB,140.1,36.1\n');
    const asked = await imported(swapped, 'swapped.csv');
    expect(asked.layers).toEqual([]);
    expect(asked.questions).toContainEqual({ kind: 'swap-coordinates', required: true });
    expect(asked.preview?.rows[0]).toEqual(['A', '140.0764', '36.0835']);
    const fixed = await imported(swapped, 'swapped.csv', { swapCoordinates: true });
    expect(featuresOf(fixed.layers[0]!.data).features[0]!.geometry).toEqual({ type: 'Point', coordinates: [140.0764, 36.0835] });
    expect(fixed.warnings.map((w) => w.code)).toContain('coordinates-swapped');
  });

  it('reads 和暦 dates as ISO, keeps codes as text, and recognises the standard open-data columns', async () => {
    const csv = '都道府県コード又は市区町村コード,NO,名称,住所,緯度,経度,開設日,郵便番号\n082201,001,桜中学校,つくば市,36.0985,140.1297,令和5年4月1日,305-0000\n082201,002,竹園東小学校,つくば市,36.0851,140.1139,H31.4.30,305-0032\n';
    const result = await imported(utf8(csv), 'standard.csv');
    const layer = result.layers[0]!;
    expect(layer.schema).toBe('municipal-standard');
    expect(featuresOf(layer.data).features.map((f) => f.properties.開設日)).toEqual(['2023-04-01', '2019-04-30']);
    expect(featuresOf(layer.data).features.map((f) => f.properties.NO)).toEqual(['001', '002']);
    expect(featuresOf(layer.data).features[0]!.properties['都道府県コード又は市区町村コード']).toBe('082201');
    expect(result.warnings.map((w) => w.code)).toContain('era-dates-converted');
  });

  it('parses the Japanese era forms staff type', () => {
    expect(parseJapaneseEraDate('令和5年4月1日')).toBe('2023-04-01');
    expect(parseJapaneseEraDate('令和元年5月1日')).toBe('2019-05-01');
    expect(parseJapaneseEraDate('R5.4.1')).toBe('2023-04-01');
    expect(parseJapaneseEraDate('Ｒ５．４．１')).toBe('2023-04-01');
    expect(parseJapaneseEraDate('H31/4/30')).toBe('2019-04-30');
    expect(parseJapaneseEraDate('昭和64年1月7日')).toBe('1989-01-07');
    expect(parseJapaneseEraDate('平成31年2月30日')).toBeNull();
    expect(parseJapaneseEraDate('2023-04-01')).toBeNull();
  });

  it('calls valid UTF-8 certain and a short ambiguous byte string uncertain', () => {
    expect(detectEncoding(utf8('名称'))).toEqual({ encoding: 'utf-8', confidence: 'certain' });
    expect(detectEncoding(sjis('名称,住所,つくば市研究学園'))).toMatchObject({ encoding: 'shift_jis' });
  });
});

describe('coordinate systems', () => {
  it('reads ESRI and OGC WKT names of plane rectangular zones, JGD2000/2011 and Tokyo', () => {
    const esri = (datum: string, lat0: number, lon0: number) =>
      `PROJCS["x",GEOGCS["GCS_${datum}",DATUM["D_${datum}",SPHEROID["GRS_1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${lon0}],PARAMETER["Scale_Factor",0.9999],PARAMETER["Latitude_Of_Origin",${lat0}],UNIT["Meter",1.0]]`;
    expect(crsFromPrj(esri('JGD_2011', 36, 139.8333333333333))?.epsg).toBe(6677);
    expect(crsFromPrj(esri('JGD_2000', 40, 140.8333333333333))?.epsg).toBe(2452);
    expect(crsFromPrj(esri('Tokyo', 36, 139.8333333333333))).toMatchObject({ epsg: 30169, isTokyoDatum: true });
    expect(crsFromPrj(esri('JGD_2011', 26, 127.5))?.epsg).toBe(6683);
    expect(crsFromPrj('GEOGCS["GCS_JGD_2011",DATUM["D_JGD_2011",SPHEROID["GRS_1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]]')?.proj4).toBeNull();
    expect(crsFromPrj('<!DOCTYPE html>')).toBeNull();
  });

  it('maps every EPSG code of the 19 zones and reads GeoJSON crs names', () => {
    for (let zone = 1; zone <= 19; zone++) {
      expect(crsFromName(`urn:ogc:def:crs:EPSG::${6668 + zone}`)?.label).toContain(`第${zone}系`);
      expect(crsFromName(`EPSG:${2442 + zone}`)?.label).toContain(`第${zone}系`);
    }
    expect(crsFromName('urn:ogc:def:crs:OGC:1.3:CRS84')?.proj4).toBeNull();
  });

  it('reprojects GeoJSON that names a plane rectangular zone in its crs member', async () => {
    const crs = planeRectangularCrs('JGD2011', 9);
    const toZone9 = proj4('EPSG:4326', crs.proj4!);
    const projected = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::6677' } },
      features: districts.features.slice(0, 3).map((f) => ({ ...f, geometry: transformGeometry(f.geometry, (p) => toZone9.forward([p[0]!, p[1]!])) })),
    };
    const layer = (await imported(utf8(JSON.stringify(projected)), 'zone9.geojson')).layers[0]!;
    expect((featuresOf(layer.data).features[0]!.geometry as Polygon).coordinates[0]![0]![0]).toBeCloseTo(districts.features[0]!.geometry.coordinates[0]![0]![0]!, 7);
    const noCrs = { ...projected, crs: undefined };
    expect((await imported(utf8(JSON.stringify(noCrs)), 'nocrs.geojson')).questions).toContainEqual({ kind: 'crs', required: true, suggestedEpsg: 6677 });
    await expectRefused(utf8(JSON.stringify({ ...projected, crs: { type: 'name', properties: { name: 'EPSG:3857' } } })), 'merc.geojson', 'crs-unknown');
  });
});

describe('FlatGeobuf', () => {
  it('reads the districts and refuses empty or truncated files before decoding', async () => {
    const bytes = serialize(districts as never);
    const layer = (await imported(bytes, 'districts.fgb')).layers[0]!;
    expect(featuresOf(layer.data).features).toHaveLength(33);
    expect(featuresOf(layer.data).features.map((f) => f.properties.学区名)).toEqual(districts.features.map((f) => f.properties!.学区名));
    await expectRefused(new Uint8Array(), 'empty.fgb', 'fgb-invalid');
    await expectRefused(bytes.slice(0, 10), 'short.fgb', 'fgb-invalid');
    await expectRefused(bytes.slice(0, 200), 'truncated.fgb', 'fgb-invalid');
    await expectRefused(utf8('{"type":"FeatureCollection"}'), 'renamed.fgb', 'fgb-invalid');
  });

  it('refuses a header whose feature count is damaged (0 sent the index reader round a loop for ever; too many cannot fit)', async () => {
    const bytes = serialize(districts as never);
    // Where the header (a flatbuffer after 8 magic bytes and a 4-byte size) keeps features_count and
    // index_node_size: fields 8 and 9, found through the table's vtable (slots 20 and 22).
    const view0 = new DataView(bytes.buffer, bytes.byteOffset);
    const table = 12 + view0.getUint32(12, true);
    const vtable = table - view0.getInt32(table, true);
    const field = (slot: number) => table + view0.getUint16(vtable + slot, true);
    expect(view0.getBigUint64(field(20), true)).toBe(33n);
    expect(view0.getUint16(vtable + 22, true)).toBeGreaterThan(0); // index_node_size is written (as 0: no index)
    expect(view0.getUint16(field(22), true)).toBe(0);
    for (const count of [0n, 1n << 40n]) {
      const damaged = bytes.slice();
      const view = new DataView(damaged.buffer, damaged.byteOffset);
      view.setBigUint64(field(20), count, true);
      view.setUint16(field(22), 16, true); // as if the file had a spatial index
      await expectRefused(damaged, 'damaged.fgb', 'fgb-invalid');
    }
  });

  it('reprojects a FlatGeobuf whose header names zone IX', async () => {
    const toZone9 = proj4('EPSG:4326', planeRectangularCrs('JGD2011', 9).proj4!);
    const point = (p: number[]) => ({ type: 'Feature', properties: { 名称: '研究学園駅' }, geometry: { type: 'Point', coordinates: toZone9.forward(p) } });
    const bytes = serialize({ type: 'FeatureCollection', features: [point([140.0825, 36.0823])] } as never, 6677);
    const geometry = featuresOf((await imported(bytes, 'zone9.fgb')).layers[0]!.data).features[0]!.geometry as Point;
    expect(geometry.coordinates[0]).toBeCloseTo(140.0825, 7);
    expect(geometry.coordinates[1]).toBeCloseTo(36.0823, 7);
  });

  it('reads Shift_JIS text a converter left in a FlatGeobuf (said to be a guess), and takes the encoding the user gives', async () => {
    // The format says UTF-8; a file converted from a CP932 shapefile without its .cpg carries CP932 bytes.
    const names = ['竹園東小学校', '吾妻小学校', '並木小学校'];
    const placeholders = names.map((name, i) => String(i).repeat(sjis(name).length));
    const features = placeholders.map((p, i) => ({ type: 'Feature', properties: { 学区名: p, 児童数: 100 + i }, geometry: { type: 'Point', coordinates: [140.1 + i * 0.01, 36.05] } }));
    const bytes = serialize({ type: 'FeatureCollection', features } as never);
    placeholders.forEach((p, i) => bytes.set(sjis(names[i]!), Buffer.from(bytes).indexOf(p)));
    const result = await imported(bytes, 'cp932.fgb');
    const props = featuresOf(result.layers[0]!.data).features.map((f) => f.properties);
    expect(props.map((p) => p.学区名)).toEqual(names);
    expect(props.map((p) => p.児童数)).toEqual([100, 101, 102]);
    expect(result.layers[0]!.encoding).toBe('shift_jis');
    expect(result.questions).toEqual([{ kind: 'encoding', required: false, encoding: 'shift_jis', confidence: 'likely' }]);
    // 文字コードを変える: the user's choice is taken as it is.
    const forced = await imported(bytes, 'cp932.fgb', { encoding: 'euc-jp' });
    expect(featuresOf(forced.layers[0]!.data).features[0]!.properties.学区名).not.toBe(names[0]);
    // A UTF-8 file, as the format says: certain, nothing asked, and still changeable (its encoding is shown).
    const utf = await imported(serialize(districts as never), 'districts.fgb');
    expect(utf.questions).toEqual([]);
    expect(utf.layers[0]!.encoding).toBe('utf-8');
  });
});

describe('zip safety', () => {
  it('keeps entry names only: "../" and folders are never honoured', () => {
    const zip = zipSync({ '../../evil.geojson': strToU8('{}'), 'a/b/c.csv': strToU8('x'), '__MACOSX/._c.csv': strToU8('junk') });
    const skipped: string[] = [];
    expect(unzipSafely(zip, 'z.zip', undefined, false, skipped).map((e) => e.name).sort()).toEqual(['c.csv']);
    expect(skipped).toEqual(['../../evil.geojson']);
  });

  it('stops a zip bomb while inflating, by ratio and by size', () => {
    const bomb = zipSync({ 'zeros.csv': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => unzipSafely(bomb, 'bomb.zip')).toThrowError(/zip bomb/);
    const limits = { maxEntries: 10, maxEntryBytes: 1000, maxTotalBytes: 5000, maxRatio: 1e9 };
    expect(() => unzipSafely(zipSync({ 'big.csv': new Uint8Array(2000).fill(65) }, { level: 0 }), 'big.zip', limits)).toThrowError(/too large/);
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}.csv`, strToU8('x')]));
    try {
      unzipSafely(zipSync(many), 'many.zip', limits);
      throw new Error('not refused');
    } catch (error) {
      expect((error as UserInputError).info.code).toBe('zip-too-large');
      expect((error as UserInputError).info.ja).toContain('many.zip');
    }
  });

  it('refuses a zip with no data file, listing what it holds', async () => {
    await expectRefused(zipSync({ 'readme.txt': strToU8('hello') }), 'docs.zip', 'zip-no-layers');
  });

  it('imports all layers of an archive: a shapefile beside a GeoJSON, with __MACOSX junk', async () => {
    const dir = new URL('../fixtures/in/evacuation-zone9-cp932/', import.meta.url);
    const parts = Object.fromEntries(['shp', 'shx', 'dbf', 'prj'].map((e) => [`data/evacuation-sites.${e}`, new Uint8Array(readFileSync(new URL(`evacuation-sites.${e}`, dir)))]));
    const zip = zipSync({ ...parts, '__MACOSX/data/._evacuation-sites.shp': strToU8('junk'), 'districts.geojson': strToU8(JSON.stringify(districts)) });
    const result = await imported(zip, 'bundle.zip');
    expect(result.layers.map((l) => [l.name, featuresOf(l.data).features.length])).toEqual([['evacuation-sites', 114], ['districts', 33]]);
  });
});

describe('zips as Windows and mail systems make them (issue 13)', () => {
  /** Replaces every occurrence of `from` (same length) in the zip's bytes: local and central headers. */
  const patched = (zip: Uint8Array, from: Uint8Array, to: Uint8Array) => {
    const out = zip.slice();
    for (let i = 0; i + from.length <= out.length; i++) if (from.every((b, j) => out[i + j] === b)) out.set(to, i);
    return out;
  };
  const geojson = strToU8(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '中央公園' }, geometry: { type: 'Point', coordinates: [140.1, 36.08] } }] }));

  it('reads Japanese entry names written in CP932 without the UTF-8 flag (Windows Explorer)', async () => {
    // 「公園」 is 4 bytes in CP932: an ASCII name of the same length is written, then its bytes replaced.
    const cp932 = new Uint8Array([0x8c, 0xf6, 0x89, 0x80]);
    const zip = patched(zipSync({ 'abcd.geojson': geojson, 'readme.txt': strToU8('x') }), strToU8('abcd'), cp932);
    expect(unzipSafely(zip, 'parks.zip').map((e) => e.name).sort()).toEqual(['readme.txt', '公園.geojson']);
    const result = await imported(zip, 'parks.zip');
    expect(result.layers[0]!.name).toBe('公園');
  });

  it('names an entry that points outside the archive in a warning and loads the rest', async () => {
    const zip = zipSync({ '../../etc/parks.geojson': geojson, 'ok.geojson': geojson });
    const result = await imported(zip, 'mixed.zip');
    expect(result.layers.map((l) => l.name)).toEqual(['ok']);
    expect(result.warnings.find((w) => w.code === 'file-skipped')!.ja).toContain('../../etc/parks.geojson');
  });

  it('says a password-protected zip (PPAP) is one, instead of a decoding error', async () => {
    const zip = zipSync({ 'parks.geojson': geojson });
    const view = new DataView(zip.buffer);
    for (let i = 0; i + 4 <= zip.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) zip[i + 6]! |= 1; // local header flags
      if (signature === 0x02014b50) zip[i + 8]! |= 1; // central directory flags
    }
    await expectRefused(zip, 'ppap.zip', 'zip-encrypted');
  });
});

describe('GeoJSON whose coordinates are not places (issue 13)', () => {
  const point = (coordinates: unknown, name: string) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates } });
  const collection = (features: unknown[]) => strToU8(JSON.stringify({ type: 'FeatureCollection', features }));
  const good = [point([140.11, 36.08], 'a'), point([140.08, 36.08], 'b'), point([140.1, 36.05], 'c')];

  it('keeps good features where a few are bad, reporting each kind with feature numbers, and asks no zone', async () => {
    const bytes = strToU8(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [...good, point([1e999 === Infinity ? 'x' : 0, 36], 'text'), point([140, 999], 'beyond'), { type: 'Feature', properties: { name: 'none' } }, { type: 'Feature', properties: { name: 'null' }, geometry: null }, point([0, 0], 'not found')],
      }).replace('"x"', '1e999'),
    );
    const result = await imported(bytes, 'mixed.geojson');
    expect(result.questions.filter((q) => q.kind === 'crs')).toEqual([]);
    const table = result.layers[0]!.data;
    expect(table.rowCount).toBe(8);
    expect(table.bbox).toEqual([140.08, 36.05, 140.11, 36.08]); // nothing moved, nothing at 0,0
    const texts = result.warnings.map((w) => w.ja).join('\n');
    expect(texts).toContain('座標が数値でない（文字・NaN・無限大、形の種類に合わない配列など）地物が 1 件あります（4番目）');
    expect(texts).toContain('座標が経緯度の範囲（経度 ±180・緯度 ±90）を超える地物が 1 件あります（5番目）');
    expect(texts).toContain('「geometry」の項目がない地物が 1 件あります（6番目）');
    expect(texts).toContain('「geometry」が null の地物が 1 件あります（7番目）');
    expect(texts).toContain('位置が 0,0（位置が見つからなかった印）の地物が 1 件あります（8番目）');
  });

  it('a geometry whose arrays are not nested as its type needs stays in the table, named, and the rest is drawn', async () => {
    const shape = (type: string, coordinates: unknown, name: string) => ({ type: 'Feature', properties: { name }, geometry: { type, coordinates } });
    const square = [[140.1, 36.0], [140.2, 36.0], [140.2, 36.1], [140.1, 36.0]];
    const result = await imported(
      collection([shape('Polygon', [square], 'ok'), shape('Polygon', [140.1, 36.0, 140.2, 36.1], 'one position'), shape('Polygon', square, 'a line'), shape('MultiPolygon', [square], 'one level short'), shape('Point', [[140.1, 36.0]], 'a list')]),
      'nesting.geojson',
    );
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features.map((f) => [f.properties.name, f.geometry?.type ?? null])).toEqual([['ok', 'Polygon'], ['one position', null], ['a line', null], ['one level short', null], ['a list', null]]);
    expect(result.warnings.map((w) => w.ja).join('\n')).toContain('座標が数値でない（文字・NaN・無限大、形の種類に合わない配列など）地物が 4 件あります（2、3、4、5番目）');
  });

  it('a GeometryCollection thousands deep is named, not a stack overflow; a collection in a collection still reads', async () => {
    // Written as text: JSON.stringify itself overflows the stack on such a value.
    const nested = (depth: number) => {
      let geometry = '{"type":"Point","coordinates":[140.1,36.1]}';
      for (let i = 0; i < depth; i++) geometry = `{"type":"GeometryCollection","geometries":[${geometry}]}`;
      return `{"type":"Feature","properties":{"depth":${depth}},"geometry":${geometry}}`;
    };
    const text = `{"type":"FeatureCollection","features":[${nested(3000)},${nested(2)},${JSON.stringify(point([140.2, 36.2], 'ok'))}]}`;
    const result = await imported(strToU8(text), 'deep.geojson');
    expect(featuresOf(result.layers[0]!.data).features.map((f) => f.geometry?.type ?? null)).toEqual([null, 'GeometryCollection', 'Point']);
    expect(result.warnings.map((w) => w.ja).join('\n')).toContain('地物が 1 件あります（1番目）');
  });

  it('offers to swap [lat, lon] order, and swaps when told', async () => {
    const swapped = collection([point([36.08, 140.11], 'a'), point([36.09, 140.08], 'b')]);
    const asked = await imported(swapped, 'latlon.geojson');
    expect(asked.questions.map((q) => q.kind)).toContain('swap-coordinates');
    expect(asked.layers).toEqual([]);
    const fixed = await imported(swapped, 'latlon.geojson', { swapCoordinates: true });
    expect(fixed.layers[0]!.data.bbox).toEqual([140.08, 36.08, 140.11, 36.09]);
  });

  it('reads a Shift_JIS GeoJSON without U+FFFD, says the encoding was a guess, and offers to change it', async () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: [point([140.11, 36.08], 'つくば市役所'), point([140.1, 36.05], '中央公園と研究学園駅')] });
    const result = await imported(new Uint8Array(iconv.encode(text, 'cp932')), 'sjis.geojson');
    const names = featuresOf(result.layers[0]!.data).features.map((f) => f.properties.name);
    expect(names).toEqual(['つくば市役所', '中央公園と研究学園駅']);
    expect(result.questions.find((q) => q.kind === 'encoding')).toMatchObject({ encoding: 'shift_jis' });
    expect(result.layers[0]!.encoding).toBe('shift_jis');
  });

  it('asks the zone only when most features are in metres, and says when the converted points miss Japan', async () => {
    const metres = collection([point([30000, 10000], 'a'), point([31000, 11000], 'b')]);
    expect((await imported(metres, 'zone.geojson')).questions.map((q) => q.kind)).toContain('crs');
    const zone9 = await imported(metres, 'zone.geojson', { crsEpsg: 6677 });
    expect(zone9.warnings.find((w) => w.code === 'points-far-away')).toBeUndefined();
    const wrong = await imported(strToU8(JSON.stringify({ type: 'FeatureCollection', features: [point([3000000, 3000000], 'a')] })), 'far.geojson', { crsEpsg: 6677 });
    expect(wrong.warnings.find((w) => w.code === 'points-far-away')!.ja).toContain('日本の外');
  });
});

describe('GeoJSON polygons whose rings are broken (issue 13)', () => {
  it('closes an unclosed ring (reported, drawn) and leaves out a ring that cannot enclose anything (reported)', async () => {
    const polygon = (ring: number[][], name: string) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } });
    const bytes = strToU8(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          polygon([[140.0, 36.0], [140.1, 36.0], [140.1, 36.1], [140.0, 36.1], [140.0, 36.0]], 'ok'),
          polygon([[140.2, 36.0], [140.3, 36.0], [140.3, 36.1]], 'open'),
          polygon([[140.4, 36.0], [140.5, 36.0], [140.4, 36.0]], 'flat'),
        ],
      }),
    );
    const result = await imported(bytes, 'rings.geojson');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features[1]!.geometry).toEqual({ type: 'Polygon', coordinates: [[[140.2, 36.0], [140.3, 36.0], [140.3, 36.1], [140.2, 36.0]]] });
    expect(features[2]!.geometry).toBeNull();
    const texts = result.warnings.map((w) => w.ja).join('\n');
    expect(texts).toContain('面の輪が閉じていなかった（始点で閉じて読み込みました）地物が 1 件あります（2番目）。地図に表示しています。');
    expect(texts).toContain('面の輪が 3 点未満で面積を持たない地物が 1 件あります（3番目）');
  });
});
