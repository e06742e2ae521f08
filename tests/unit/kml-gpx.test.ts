// KML (Google マイマップ), KMZ (Google Earth) and GPX (patrol apps) in the layouts those tools write, made
// from the real つくば evacuation sites (tests/fixtures/make-kml-gpx.mjs); hostile variants refused by name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { importFiles } from '../../src/lib/io/import-files';
import { columnNamesOf, countWithGeometry, findColumn, valueAt } from '../../src/lib/table/layer-table';

const fixture = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/in/kml-gpx/${name}`, import.meta.url))) });
const sites = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features;
const one = async (file: { name: string; bytes: Uint8Array }) => {
  const [outcome] = await importFiles([file]);
  if (!outcome?.ok) throw new Error(outcome?.error.en);
  return outcome.result;
};

describe('KML from Google マイマップ', () => {
  it('reads placemarks as layers by kind, ExtendedData as columns, the folder as a column, styles named as not read', async () => {
    const result = await one(fixture('tsukuba-evacuation-mymaps.kml'));
    expect(result.layers.map((l) => [l.name, l.data.kind, l.data.rowCount])).toEqual([
      ['tsukuba-evacuation-mymaps（点）', 'point', 114],
      ['tsukuba-evacuation-mymaps（面）', 'polygon', 2],
    ]);
    const points = result.layers[0]!.data;
    expect(columnNamesOf(points)).toEqual(expect.arrayContaining(['name', 'description', '住所', '共通ID', 'フォルダ']));
    expect(columnNamesOf(points)).not.toContain('styleUrl');
    // Every site where the surveyed data puts it, with its own name and address.
    const names = findColumn(points, 'name')!, addresses = findColumn(points, '住所')!;
    const xy = (points.geometry as { xy: Float64Array }).xy;
    sites.forEach((site: { properties: Record<string, string>; geometry: { coordinates: number[] } }, row: number) => {
      expect(valueAt(names, row)).toBe(site.properties['施設・場所名']);
      expect(valueAt(addresses, row)).toBe(site.properties['住所']);
      expect([xy[row * 2], xy[row * 2 + 1]]).toEqual(site.geometry.coordinates);
    });
    expect(valueAt(findColumn(points, 'フォルダ')!, 0)).toBe('指定緊急避難場所');
    expect(result.warnings.map((w) => w.code)).toContain('kml-styles');
    expect(result.warnings.find((w) => w.code === 'kml-styles')!.ja).toContain('116 件の地物のスタイル');
  });

  it('reads the same from a KMZ (doc.kml and its icon, zipped)', async () => {
    const result = await one(fixture('tsukuba-evacuation-mymaps.kmz'));
    expect(result.layers.map((l) => countWithGeometry(l.data))).toEqual([114, 2]);
  });
});

describe('GPX from a patrol app', () => {
  it('makes waypoints, the track and the route three layers', async () => {
    const result = await one(fixture('tsukuba-patrol.gpx'));
    expect(result.layers.map((l) => [l.name, l.data.kind, l.data.rowCount])).toEqual([
      ['tsukuba-patrol（ウェイポイント）', 'point', 5],
      ['tsukuba-patrol（トラック）', 'line', 1],
      ['tsukuba-patrol（ルート）', 'line', 1],
    ]);
    expect(valueAt(findColumn(result.layers[0]!.data, 'name')!, 0)).toBe(sites[10].properties['施設・場所名']);
    expect(valueAt(findColumn(result.layers[1]!.data, 'name')!, 0)).toBe('パトロール記録');
  });
});

describe('hostile KML, KMZ and GPX', () => {
  const refused = async (name: string, bytes: Uint8Array) => {
    const [outcome] = await importFiles([{ name, bytes }]);
    expect(outcome?.ok).toBe(false);
    return outcome!.ok ? null : outcome!.error;
  };
  it('names a file that is not XML, a GPX saved as .kml, and a KMZ without KML', async () => {
    expect((await refused('broken.kml', strToU8('<kml><Document><Placemark>')))!.ja).toMatch(/^broken\.kml は KML として読めません/);
    expect((await refused('patrol.kml', fixture('tsukuba-patrol.gpx').bytes))!.ja).toContain('<gpx>');
    expect((await refused('empty.kmz', zipSync({ 'readme.txt': strToU8('x') })))!.code).toBe('zip-no-layers');
    expect((await refused('none.kml', strToU8('<kml xmlns="http://www.opengis.net/kml/2.2"><Document/></kml>')))!.code).toBe('no-features');
  });

  it('refuses a KMZ zip bomb before inflating it', async () => {
    const bomb = zipSync({ 'doc.kml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 }); // inflates 1,000× its size
    expect((await refused('bomb.kmz', bomb))!.code).toMatch(/zip-too-large|file-too-large/);
  });

  it('does not expand entities (a "billion laughs" file stays small) and reads 10,000 nested folders', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&g;</name><Point><coordinates>140.1,36.1</coordinates></Point></Placemark></Document></kml>`;
    const [outcome] = await importFiles([{ name: 'laughs.kml', bytes: strToU8(laughs) }]);
    if (outcome?.ok) expect(String(valueAt(findColumn(outcome.result.layers[0]!.data, 'name')!, 0) ?? '').length).toBeLessThan(10_000);
    const depth = 10_000;
    const nested = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${'<Folder><name>f</name>'.repeat(depth)}<Placemark><name>深い</name><Point><coordinates>140.1,36.1</coordinates></Point></Placemark>${'</Folder>'.repeat(depth)}</Document></kml>`;
    const [deep] = await importFiles([{ name: 'deep.kml', bytes: strToU8(nested) }]);
    // Either read (the folder path kept) or refused with a message: never a crash of the importer.
    if (deep?.ok) expect(deep.result.layers[0]!.data.rowCount).toBe(1);
    else expect(deep!.error.ja).toContain('deep.kml');
  });
});

describe('KML export of a point layer (for Google マイマップ)', () => {
  it('writes placemarks the KML reader reads back with their names, columns and positions', async () => {
    const { toKmlText } = await import('../../src/lib/io/export-data');
    const source = await one({ name: 'sites.geojson', bytes: new Uint8Array(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url))) });
    const { text, skipped } = toKmlText(source.layers[0]!.data, '避難場所 <&>');
    expect(skipped).toBe(0);
    const back = await one({ name: 'back.kml', bytes: strToU8(text) });
    const table = back.layers[0]!.data;
    expect(table.rowCount).toBe(114);
    expect(valueAt(findColumn(table, 'name')!, 5)).toBe(sites[5].properties['施設・場所名']);
    expect(valueAt(findColumn(table, '住所')!, 5)).toBe(sites[5].properties['住所']);
    const xy = (table.geometry as { xy: Float64Array }).xy;
    expect([xy[10], xy[11]]).toEqual(sites[5].geometry.coordinates);
  });
});
