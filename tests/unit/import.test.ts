import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/lib/io/parse-number';
import { findCoordinateColumns } from '../../src/lib/io/table-layout';
import { decodeText } from '../../src/lib/io/text-encoding';
import { imported, expectRefused } from './import-helpers';
import { checkFitsInMemory, estimatedPeakBytes } from '../../src/lib/io/memory-estimate';
import { UserInputError } from '../../src/lib/util/errors';
import { featuresOf } from '../../src/lib/table/geojson-table';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/in/${name}`, import.meta.url)));
const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../public/sample-data/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);


describe('CSV import', () => {
  it('reads the sample reports: 420 points with Japanese attributes kept as text', async () => {
    const result = await imported(sample('fictional-suspicious-person-reports.csv'), 'fictional-suspicious-person-reports.csv');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features).toHaveLength(420);
    expect(result.warnings).toEqual([]);
    expect(features[0]!.properties).toMatchObject({ 番号: 'R0001', 備考: '架空データ' });
    expect(['声かけ', 'つきまとい', '露出', 'その他']).toContain(features[0]!.properties.種別);
    expect(features.every((f) => f.geometry?.type === 'Point')).toBe(true);
  });

  it('reads a real Shift_JIS (CP932) CSV, detected, with the encoding offered for change', async () => {
    const result = await imported(fixture('katsushika-tourism-cp932.csv'), 'katsushika.csv');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features.map((f) => f.properties.名称)).toEqual(['葛飾柴又寅さん記念館', '山田洋次ミュージアム', '葛飾区山本亭']);
    expect(features[0]!.geometry).toEqual({ type: 'Point', coordinates: [139.88053, 35.757368] });
    expect(result.questions.filter((q) => q.kind === 'encoding')).toEqual([{ kind: 'encoding', required: false, encoding: 'shift_jis', confidence: 'likely' }]);
    expect(result.questions.find((q) => q.kind === 'table-layout')).toMatchObject({ confident: true, headerRow: 0, latitude: '緯度', longitude: '経度', address: '住所' });
    expect(result.layers[0]!.encoding).toBe('shift_jis');
  });

  it('reads a UTF-8 CSV with BOM in the standard open-data columns', async () => {
    const features = featuresOf((await imported(fixture('shimabara-tourism-standard-columns-utf8bom.csv'), 'shimabara.csv')).layers[0]!.data).features;
    expect(features).toHaveLength(28);
    expect(Object.keys(features[0]!.properties)[0]).toBe('都道府県コード又は市区町村コード');
    expect(features[0]!.properties.名称).toBe('島原城');
    expect(features[0]!.properties.都道府県コード又は市区町村コード).toBe('422037');
  });

  it('keeps rows without valid coordinates in the table and counts them in a warning', async () => {
    const csv = '名称,緯度,経度\nA,36.1,140.1\nB,,\nC,abc,140\nD,９０．５,140\n';
    const result = await imported(utf8(csv), 'mixed.csv');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features.map((f) => [f.properties.名称, f.geometry?.type ?? null])).toEqual([['A', 'Point'], ['B', null], ['C', null], ['D', null]]);
    expect(result.warnings[0]).toMatchObject({ code: 'rows-without-coordinates' });
    expect(result.warnings[0]!.ja).toContain('3 行');
  });

  it('keeps codes with leading zeros as text and a __proto__ column as an ordinary column', async () => {
    const result = await imported(utf8('コード,__proto__,lat,lon\n08220,x,36,140\n'), 'codes.csv');
    const properties = featuresOf(result.layers[0]!.data).features[0]!.properties;
    expect(properties.コード).toBe('08220');
    expect(Object.prototype.hasOwnProperty.call(properties, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses files it cannot use, naming the file and the problem', async () => {
    await expectRefused(utf8(''), 'empty.csv', 'empty-file');
    await expectRefused(utf8('名称,緯度,経度\n'), 'header-only.csv', 'csv-no-header');
    await expectRefused(utf8('x'), 'map.pdf', 'unsupported-format');
  });
});

describe('GeoJSON import', () => {
  it('reads the 33 Tsukuba school districts with ids and names', async () => {
    const features = featuresOf((await imported(sample('tsukuba-school-districts.geojson'), 'districts.geojson')).layers[0]!.data).features;
    expect(features).toHaveLength(33);
    expect(features.map((f) => f.properties.学区ID)).toEqual(Array.from({ length: 33 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`));
    expect(new Set(features.map((f) => f.properties.学区名)).size).toBe(33);
    expect(features.map((f) => f.properties.学区名)).toContain('竹園東小学校区');
  });

  it('accepts a single Feature or a bare geometry and keeps null geometries with a warning', async () => {
    expect(featuresOf((await imported(utf8('{"type":"Point","coordinates":[140,36]}'), 'p.geojson')).layers[0]!.data).features).toHaveLength(1);
    const result = await imported(utf8('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":1},"geometry":null}]}'), 'n.json');
    expect(featuresOf(result.layers[0]!.data).features[0]!.geometry).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(['features-without-geometry']);
  });

  it('refuses broken and non-GeoJSON files with their own codes', async () => {
    await expectRefused(utf8('{"type":'), 'broken.geojson', 'invalid-json');
    await expectRefused(utf8('{"name":"x"}'), 'other.json', 'not-geojson');
    await expectRefused(utf8('{"type":"FeatureCollection","features":[]}'), 'none.geojson', 'no-features');
  });
});

describe('helpers', () => {
  it('finds coordinate columns by the names staff use, full-width too', async () => {
    expect(findCoordinateColumns(['名称', '北緯', '東経'])).toEqual({ latitude: 1, longitude: 2 });
    expect(findCoordinateColumns(['Name', 'Longitude', 'Latitude'])).toEqual({ latitude: 2, longitude: 1 });
    expect(findCoordinateColumns(['ＬＡＴ', 'ＬＯＮ'])).toEqual({ latitude: 0, longitude: 1 });
    expect(findCoordinateColumns(['住所'])).toBeNull();
  });

  it('reads numbers with full-width digits and thousands separators', async () => {
    expect(parseNumber('３６．０８')).toBe(36.08);
    expect(parseNumber(' 1,234.5 ')).toBe(1234.5);
    expect(parseNumber('')).toBeNaN();
  });

  it('decodes UTF-16 with BOM', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'緯度'].map((c) => c.charCodeAt(0))).buffer)]);
    expect(decodeText(bytes)).toMatchObject({ text: '緯度', encoding: 'utf-16le' });
  });
});

describe('CSV without coordinates', () => {
  it('becomes a table layer (for joins) with a warning that says how to map it', async () => {
    const result = await imported(utf8('学区ID,児童数\nD01,"1,234"\nD02,56\n'), 'children.csv');
    expect(featuresOf(result.layers[0]!.data).features.map((f) => [f.properties.学区ID, f.properties.児童数, f.geometry])).toEqual([['D01', 1234, null], ['D02', 56, null]]);
    expect(result.warnings.map((w) => w.code)).toEqual(['table-without-coordinates']);
    expect(result.warnings[0]!.ja).toContain('緯度');
  });
});

describe('parseNumber edge cases', () => {
  it('reads plain, signed, exponent and padded numbers, and refuses hex, binary, octal and junk', () => {
    expect([parseNumber('140.0825'), parseNumber('-36.5'), parseNumber('+1'), parseNumber('.5'), parseNumber('1e3'), parseNumber('12 ')]).toEqual([140.0825, -36.5, 1, 0.5, 1000, 12]);
    for (const bad of ['0x10', '0b1', '0o7', '0X1F', '12abc', '-', '1 2', 'Infinity', '']) expect(parseNumber(bad)).toBeNaN();
  });
});

describe('files too large for memory', () => {
  it('refuses, before reading, a file whose import would need more memory than the browser gives, naming it and the sizes', () => {
    expect(() => checkFitsInMemory('reports.csv', 50e6, 4e9 * 0.75)).not.toThrow();
    try {
      checkFitsInMemory('全件.csv', 400e6, 4e9 * 0.75);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserInputError);
      const info = (error as UserInputError).info;
      expect(info).toMatchObject({ code: 'file-too-large', fileName: '全件.csv' });
      expect(info.ja).toContain('全件.csv（400 MB）');
      expect(info.ja).toContain('約 4,800 MB 必要');
      expect(info.en).toContain('about 3,000 MB available');
    }
  });

  it('counts a zip and GeoJSON as needing more memory per byte than a CSV', () => {
    expect(estimatedPeakBytes('a.zip', 1e6)).toBeGreaterThan(estimatedPeakBytes('a.geojson', 1e6));
    expect(estimatedPeakBytes('a.geojson', 1e6)).toBeGreaterThan(estimatedPeakBytes('a.csv', 1e6));
  });
});
