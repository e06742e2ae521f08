import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyRecipe, applyStep, type CleaningStep } from '../../src/lib/cleaning/steps';
import { readShippedDictionary } from '../../src/lib/address/dictionary';
import { importCsv } from '../../src/lib/io/csv';
import { checkTableReadability } from '../../src/lib/io/readability';
import { columnNamesOf, findColumn, valueAt, type LayerTable } from '../../src/lib/table/layer-table';

const table = (csv: string) => importCsv(new TextEncoder().encode(csv), 't.csv').layers[0]!.data;
const column = (t: LayerTable, name: string) => Array.from({ length: t.rowCount }, (_, r) => valueAt(findColumn(t, name)!, r));
const dictionary = readShippedDictionary(new Uint8Array(readFileSync(new URL('../../public/address-dictionary/japan-towns-geolonia.csv.gz', import.meta.url))));

// A register as a department keeps it: units in cells, ①, spaced names, a total row, dates in 和暦 with a 不明.
const register = [
  '番号,施設名,所在地,定員,開設,区分',
  '1,桜中学校　,茨城県つくば市さくらの森32,４５０人,令和3年4月1日,①学校',
  '2,みどりの学園,茨城県つくば市みどりの中央12-1,1,200人,不明,',
  '3,公　園,つくば市研究学園一丁目1番1号,約80人,平成20年4月1日,',
  '合計,,,1730人,,',
].join('\n');

describe('cleaning steps', () => {
  it('turn units and full-width digits into numbers, and name the cells they could not', () => {
    const { table: cleaned, result } = applyStep(table(register.replace('1,200人', '"1,200人"')), { op: 'to-number', column: '定員' });
    expect(column(cleaned, '定員')).toEqual([450, 1200, 80, 1730]);
    expect(result).toMatchObject({ changed: 4, failedCount: 0 });
    const { table: dates, result: dateResult } = applyStep(cleaned, { op: 'era-to-western', column: '開設' });
    expect(column(dates, '開設')).toEqual(['2021-04-01', '不明', '2008-04-01', '']);
    expect(dateResult).toMatchObject({ changed: 2, failedCount: 1, failed: [{ row: 2, value: '不明' }] });
  });

  it('delete the total row, trim spaced names, make ① plain, fill down, rename', () => {
    const recipe: CleaningStep[] = [
      { op: 'delete-rows', column: '番号', match: 'equals', value: '合計' },
      { op: 'trim', column: '施設名' },
      { op: 'half-width', column: '区分' },
      { op: 'fill-down', column: '区分' },
      { op: 'rename-column', column: '定員', to: '定員（人）' },
      { op: 'standard-names' },
    ];
    const { table: cleaned, results } = applyRecipe(table(register.replace('1,200人', '"1,200人"')), recipe);
    expect(cleaned.rowCount).toBe(3);
    expect(column(cleaned, '名称')).toEqual(['桜中学校', 'みどりの学園', '公園']);
    expect(column(cleaned, '区分')).toEqual(['1学校', '1学校', '1学校']);
    expect(columnNamesOf(cleaned)).toEqual(['番号', '名称', '住所', '定員（人）', '開設', '区分']);
    expect(results.map((r) => r.changed)).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it('split addresses into prefecture, city, town and block with the dictionary, filling a left-out prefecture', () => {
    const { table: split, result } = applyStep(table(register.replace('1,200人', '"1,200人"')), { op: 'split-address', column: '所在地' }, { dictionary });
    expect(columnNamesOf(split).slice(2, 7)).toEqual(['所在地', '都道府県', '市区町村', '町字', '番地']);
    expect(column(split, '町字')).toEqual(['さくらの森', 'みどりの中央', '研究学園一丁目', null]);
    expect(column(split, '番地')).toEqual(['32', '12-1', '1番1号', null]);
    expect(column(split, '都道府県')[2]).toBe('茨城県');
    // さくらの森 has no point in the dictionary but is a known town; every address was split.
    expect(result.failedCount).toBe(0);
  });

  it('make points from coordinate columns, and leave rows without them unlocated (counted)', () => {
    const t = table('名称,北,東\nA,36.08,140.08\nB,,\n');
    const { table: points, result } = applyStep(t, { op: 'points-from-columns', latitude: '北', longitude: '東' });
    expect(points.kind).toBe('point');
    expect(result).toMatchObject({ changed: 1, failedCount: 1 });
  });

  it('use a row as the header when the table has two header rows', () => {
    const t = table('施設,位置,\n名称,緯度,経度\nA,36.08,140.08\n');
    const { table: fixed } = applyStep(t, { op: 'use-row-as-header', row: 0 });
    expect(columnNamesOf(fixed)).toEqual(['名称', '緯度', '経度']);
    expect(fixed.rowCount).toBe(1);
  });

  it('replayed on a new version of the file, a step naming a missing column is reported, not guessed', () => {
    const steps: CleaningStep[] = [{ op: 'to-number', column: '定員' }, { op: 'trim', column: '施設名' }];
    const next = table('番号,施設名,人数\n1,東　京,5人\n');
    const { results } = applyRecipe(next, steps);
    expect(results[0]).toMatchObject({ changed: 0, missingColumn: '定員' });
    expect(results[1]).toMatchObject({ changed: 1 });
  });

  it('the check of the cleaned table no longer lists what the steps fixed', () => {
    const before = table(register.replace('1,200人', '"1,200人"'));
    const rulesOf = (t: LayerTable) => checkTableReadability(t).issues.map((i) => i.rule);
    expect(rulesOf(before)).toEqual(expect.arrayContaining(['number-with-unit', 'japanese-era', 'layout-spaces', 'platform-characters']));
    const { table: after } = applyRecipe(before, [
      { op: 'to-number', column: '定員' },
      { op: 'era-to-western', column: '開設' },
      { op: 'trim', column: '施設名' },
      { op: 'half-width', column: '区分' },
    ]);
    expect(rulesOf(after)).not.toEqual(expect.arrayContaining(['number-with-unit']));
    expect(rulesOf(after)).not.toContain('japanese-era');
    expect(rulesOf(after)).not.toContain('layout-spaces');
    expect(rulesOf(after)).not.toContain('platform-characters');
  });
});
