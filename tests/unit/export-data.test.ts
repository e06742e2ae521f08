import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { asTable } from './tables';
import Papa from 'papaparse';
import { toCsvText, toGeoJsonText } from '../../src/lib/io/export-data';
import { importCsv } from '../../src/lib/io/csv';
import type { AnyFeatureCollection } from '../../src/lib/geo/types';

const geojson = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { 名称: '研究学園駅', コード: '08220', 件数: 3, メモ: '=HYPERLINK("http://x")' }, geometry: { type: 'Point', coordinates: [140.0825, 36.0823] } },
    { type: 'Feature', properties: { 名称: 'A, "B"\n改行', コード: '08221', 件数: -2, メモ: '@SUM(A1)' }, geometry: null },
  ],
} as AnyFeatureCollection;
const layer = asTable(geojson);

describe('data export', () => {
  it('writes CSV for Excel: BOM, CRLF, 緯度/経度, quoting, and formulas kept as text', () => {
    const csv = toCsvText(layer);
    expect(csv.startsWith('\ufeff名称,コード,件数,メモ,緯度,経度\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[1]).toEqual(['研究学園駅', '08220', '3', `'=HYPERLINK("http://x")`, '36.0823', '140.0825']);
    expect(rows[2]).toEqual(['A, "B"\n改行', '08221', '-2', `'@SUM(A1)`, '', '']);
  });

  it('round-trips through the importer: same names, codes and points', () => {
    const back = importCsv(new TextEncoder().encode(toCsvText(layer)), 'back.csv').layers[0]!.data;
    const features = featuresOf(back).features;
    expect(features[0]!.properties.名称).toBe('研究学園駅');
    expect(features[0]!.properties.コード).toBe('08220');
    expect(features[0]!.geometry).toEqual({ type: 'Point', coordinates: [140.0825, 36.0823] });
    expect(features[1]!.geometry).toBeNull();
  });

  it('writes GeoJSON that parses back to the same layer', () => {
    expect(JSON.parse(toGeoJsonText(layer))).toEqual(geojson);
  });
});
