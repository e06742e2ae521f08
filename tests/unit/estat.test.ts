// An e-Stat 小地域 table in e-Stat's layout (two header rows, Shift_JIS, X/- marks, HYOSYO levels), made
// from the sample's real census figures (tests/fixtures/make-estat.mjs): read with its names and numbers,
// joined to the census points by KEY_CODE, it gives each school district the population the sample gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';
import { joinTable } from '../../src/lib/geo/join';
import { aggregatePointsInPolygons } from '../../src/lib/geo/aggregate';
import { columnNamesOf, findColumn, valueAt } from '../../src/lib/table/layer-table';
import { strToU8 } from 'fflate';
import { applyRecipe } from '../../src/lib/cleaning/steps';

const read = (url: string) => new Uint8Array(readFileSync(new URL(url, import.meta.url)));
const load = async (name: string, bytes: Uint8Array) => {
  const [outcome] = await importFiles([{ name, bytes }]);
  if (!outcome?.ok) throw new Error(outcome?.error.en);
  return outcome.result;
};

describe('an e-Stat small-area table', () => {
  it('takes the second header row as the names, reads X and - as missing, and explains HYOSYO', async () => {
    const result = await load('tblT000849H08220.txt', read('../fixtures/in/estat/tblT000849H08220-format.txt'));
    const table = result.layers[0]!.data;
    expect(columnNamesOf(table)).toEqual(['KEY_CODE', 'HYOSYO', 'CITYNAME', 'NAME', 'HTKSYORI', 'HTKSAKI', 'GASSAN', '人口総数', '世帯総数']);
    expect(table.rowCount).toBe(311); // the city's row and 310 areas: the names row is not data
    expect(findColumn(table, '人口総数')!.type).toBe('number');
    expect(findColumn(table, '世帯総数')!.type).toBe('number');
    expect(findColumn(table, 'KEY_CODE')!.type).toBe('text');
    expect(valueAt(findColumn(table, 'KEY_CODE')!, 1)).toBe('082200470'); // leading zero kept
    const note = result.warnings.find((w) => w.code === 'estat-table')!;
    expect(note.ja).toContain('T000849001→人口総数');
    expect(note.ja).toMatch(/「X」（秘匿）\d+ 件/);
    expect(note.ja).toMatch(/「-」（該当数値なし）\d+ 件/);
    expect(note.ja).toContain('1=市区町村 1 行、2=大字・町 310 行');
    // Hidden households are missing, not 0 and not text.
    const homes = findColumn(table, '世帯総数') as { values: Float64Array };
    expect(Array.from(homes.values).filter(Number.isNaN).length).toBeGreaterThan(0);
  });

  it('joined by KEY_CODE to the census points of each area, gives each school district the population of the sample', async () => {
    const [estat, census, districts] = await Promise.all([
      load('tblT000849H08220.txt', read('../fixtures/in/estat/tblT000849H08220-format.txt')),
      load('census.csv', read('../../public/sample-data/tsukuba-census-2015-population.csv')),
      load('districts.geojson', read('../../public/sample-data/tsukuba-school-districts.geojson')),
    ]);
    const all = census.layers[0]!.data, polygons = districts.layers[0]!.data;
    // The boundary data splits 20 areas into pieces (飛び地): joined to every piece, an area's figure would be
    // counted once per piece, and the join says so.
    expect(joinTable(all, 'KEY_CODE', estat.layers[0]!.data, 'KEY_CODE').report.repeatedTargetKeys).toHaveLength(20);
    // One point per area (the piece where its people live, as 表を整える's 「行を削除：JINKO が 0」 leaves them).
    const { table: points } = applyRecipe(all, [{ op: 'delete-rows', column: 'JINKO', match: 'equals', value: '0' }]);
    const { data: joined, report } = joinTable(points, 'KEY_CODE', estat.layers[0]!.data, 'KEY_CODE');
    expect(report.repeatedTargetKeys).toEqual([]);
    expect(report.unmatchedTargetKeys).toEqual([]);
    const fromEStat = aggregatePointsInPolygons(joined, polygons, { op: 'sum', field: '人口総数' }).values;
    const fromSample = aggregatePointsInPolygons(all, polygons, { op: 'sum', field: 'JINKO' }).values;
    expect(fromEStat).toEqual(fromSample);
    expect(fromSample.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBeGreaterThan(220_000);
  });

  it('leaves a table that only names KEY_CODE as it is (one header row)', async () => {
    const result = await load('plain.csv', strToU8('KEY_CODE,HYOSYO,人口\r\n08220,1,100\r\n082200470,2,50\r\n'));
    expect(columnNamesOf(result.layers[0]!.data)).toEqual(['KEY_CODE', 'HYOSYO', '人口']);
    expect(result.layers[0]!.data.rowCount).toBe(2);
    expect(result.warnings.map((w) => w.code)).not.toContain('estat-table');
  });
});
