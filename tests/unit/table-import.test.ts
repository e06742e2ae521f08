import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { columnNamesOf, findColumn, valueAt } from '../../src/lib/table/layer-table';
import { findAddressColumn, findCoordinateColumns } from '../../src/lib/io/table-layout';
import { importFiles } from '../../src/lib/io/import-files';
import { expectRefused, imported } from './import-helpers';

const excel = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/in/excel/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const sites = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')) as {
  features: { geometry: { coordinates: [number, number] }; properties: Record<string, string> }[];
};
const layoutOf = (result: Awaited<ReturnType<typeof imported>>) => result.questions.find((q) => q.kind === 'table-layout');

describe('tables as staff keep them', () => {
  it('finds the header under a title line and a blank line, and names the rows it left out', async () => {
    const csv = 'つくば市 避難所一覧,,,\n令和6年4月1日現在,,,\n\n名称,住所,緯度,経度\n桜中学校,茨城県つくば市さくらの森32,36.098502,140.129771\nつくば市役所,茨城県つくば市研究学園1-1-1,36.083,140.076\n';
    const result = await imported(utf8(csv), 'titled.csv');
    const data = result.layers[0]!.data;
    expect(columnNamesOf(data)).toEqual(['名称', '住所', '緯度', '経度']);
    expect(data.rowCount).toBe(2);
    expect(data.kind).toBe('point');
    const warning = result.warnings.find((w) => w.code === 'title-rows-skipped')!;
    expect(warning.ja).toContain('4 行目');
    expect(warning.ja).toContain('つくば市 避難所一覧');
    expect(warning.en).toContain('row 4');
    expect(layoutOf(result)).toMatchObject({ headerRow: 2, confident: true, address: '住所' });
  });

  it('leaves notes below the data out, with a warning naming them', async () => {
    const csv = '名称,種別,緯度,経度\nA,駅,36.08,140.08\nB,駅,36.09,140.09\n※出典：つくば市,,,\n注：位置は代表点,,,\n';
    const result = await imported(utf8(csv), 'notes.csv');
    expect(result.layers[0]!.data.rowCount).toBe(2);
    const warning = result.warnings.find((w) => w.code === 'notes-skipped')!;
    expect(warning.ja).toContain('4行目「※出典：つくば市」');
    expect(warning.en).toContain('2 note rows');
  });

  it('reads the header variants staff write for coordinates', () => {
    expect(findCoordinateColumns(['名称', '緯度（世界測地系）', '経度（世界測地系）'])).toEqual({ latitude: 1, longitude: 2 });
    expect(findCoordinateColumns(['北緯（度）', '東経（度）'])).toEqual({ latitude: 0, longitude: 1 });
    expect(findCoordinateColumns(['lat(deg)', 'lon(deg)'])).toEqual({ latitude: 0, longitude: 1 });
    expect(findCoordinateColumns(['緯度(度)', '経度(度)', '住所'])).toEqual({ latitude: 0, longitude: 1 });
    expect(findCoordinateColumns(['Y座標', 'X座標'])).toEqual({ latitude: 0, longitude: 1 });
    // One column holding both is not a latitude column.
    expect(findCoordinateColumns(['緯度経度', '名称'])).toBeNull();
    expect(findAddressColumn(['No', '発生場所（住所）'])).toBe(1);
    expect(findAddressColumn(['所在地', '名称'])).toBe(0);
    expect(findAddressColumn(['名称', '種別'])).toBe(-1);
  });

  it('suggests columns whose values are coordinates in Japan, asks, and maps with the columns the user picks', async () => {
    const csv = '名称,北,東\nA,36.081,140.081\nB,36.092,140.092\n';
    const first = await imported(utf8(csv), 'plain-names.csv');
    expect(first.layers[0]!.data.kind).toBe('none');
    expect(layoutOf(first)).toMatchObject({ confident: false, latitude: '北', longitude: '東' });
    const picked = await imported(utf8(csv), 'plain-names.csv', { latitudeColumn: '北', longitudeColumn: '東' });
    expect(featuresOf(picked.layers[0]!.data).features[1]!.geometry).toEqual({ type: 'Point', coordinates: [140.092, 36.092] });
    // "none" keeps a table even where the header says 緯度/経度.
    const none = await imported(utf8('名称,緯度,経度\nA,36.08,140.08\n'), 'n.csv', { latitudeColumn: '', longitudeColumn: '' });
    expect(none.layers[0]!.data.kind).toBe('none');
  });

  it('lets the user set the header row', async () => {
    const csv = '施設,位置,,\n名称,住所,緯度,経度\nA,つくば市,36.08,140.08\n';
    const result = await imported(utf8(csv), 'two-headers.csv', { headerRow: 0 });
    expect(columnNamesOf(result.layers[0]!.data)).toEqual(['施設', '位置', '列3', '列4']);
    expect(result.layers[0]!.data.rowCount).toBe(2);
  });

  it('keeps fields beyond the header in columns of their own and names the rows', async () => {
    const result = await imported(utf8('名称,緯度,経度\nA,36.08,140.08\nB,36.09,140.09,余分\n'), 'extra.csv');
    expect(columnNamesOf(result.layers[0]!.data)).toEqual(['名称', '緯度', '経度', '列4']);
    expect(valueAt(findColumn(result.layers[0]!.data, '列4')!, 1)).toBe('余分');
    expect(result.warnings.find((w) => w.code === 'rows-extra-fields')!.ja).toContain('3行目');
  });

  it('counts blank rows when it names rows, as the file shows them', async () => {
    const result = await imported(utf8('名称,緯度,経度\n\nA,36.08,140.08\n\nB,,\n'), 'blank.csv');
    expect(result.warnings.find((w) => w.code === 'rows-without-coordinates')!.ja).toContain('（5行目）');
  });
});

describe('Excel', () => {
  for (const name of ['evacuation-sites-messy.xlsx', 'evacuation-sites-messy.xls']) {
    it(`reads ${name}: past the merged title, 114 real sites at their surveyed points, dates, numbers stored as text`, async () => {
      const result = await imported(excel(name), name);
      expect(result.layers).toHaveLength(1);
      const data = result.layers[0]!.data;
      expect(data.rowCount).toBe(114);
      expect(columnNamesOf(data)).toEqual(['No.', '施設名', '住所', '緯度（世界測地系）', '経度（世界測地系）', '開設日', '収容人数', '地区']);
      const features = featuresOf(data).features;
      expect(features[0]!.geometry).toEqual({ type: 'Point', coordinates: sites.features[0]!.geometry.coordinates });
      expect(features[0]!.properties.施設名).toBe(sites.features[0]!.properties['施設・場所名']);
      expect(features[0]!.properties.開設日).toBe('2009-01-01');
      expect(features[0]!.properties.収容人数).toBe(100); // '１００' as text in the sheet
      // The merged 地区 cell covers three rows.
      expect(features.slice(0, 3).map((f) => f.properties.地区)).toEqual(['北部', '北部', '北部']);
      const codes = result.warnings.map((w) => w.code);
      expect(codes).toContain('title-rows-skipped');
      expect(codes).toContain('notes-skipped');
      if (name.endsWith('xlsx')) expect(result.warnings.find((w) => w.code === 'merged-cells-filled')!.ja).toContain('A1:H1');
      expect(result.questions.find((q) => q.kind === 'table-layout')).toMatchObject({ confident: true, headerRow: 2, latitude: '緯度（世界測地系）', address: '住所' });
      expect(result.questions.find((q) => q.kind === 'choose-sheet')).toMatchObject({ names: ['避難場所', '説明'], sheet: '避難場所' });
    });
  }

  it('reads .xlsb and .ods too (through SheetJS)', async () => {
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.read(excel('evacuation-sites-messy.xlsx'), { type: 'array' });
    for (const bookType of ['xlsb', 'ods'] as const) {
      const bytes = new Uint8Array(XLSX.write(book, { bookType, type: 'array' }));
      const result = await imported(bytes, `sites.${bookType}`);
      expect(result.layers[0]!.data.rowCount, bookType).toBe(114);
      expect(result.layers[0]!.data.kind).toBe('point');
    }
  });

  it('refuses a sheet too large for memory, naming its size', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'),
    });
    await expectRefused(bytes, 'huge.xlsx', 'excel-invalid');
  });

  it('refuses a workbook that inflates like a zip bomb', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const bytes = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(8 << 20),
    });
    await expectRefused(bytes, 'bomb.xlsx', 'zip-too-large');
  });

  it('reads another sheet when chosen', async () => {
    const result = await imported(excel('evacuation-sites-messy.xlsx'), 'book.xlsx', { sheet: '説明' });
    expect(result.layers[0]!.name).toBe('book（説明）');
  });

  it('refuses a password-protected workbook and one whose formulas have no saved results, saying what to do', async () => {
    await expectRefused(excel('password-protected.xlsx'), 'password-protected.xlsx', 'excel-invalid');
    await expectRefused(excel('formulas-without-values.xlsx'), 'formulas-without-values.xlsx', 'excel-invalid');
    await expectRefused(utf8('not a workbook'), 'fake.xlsx', 'excel-invalid');
  });
});

describe('machine-readability check', () => {
  const rules = (result: Awaited<ReturnType<typeof imported>>) => Object.fromEntries((result.layers[0]!.readability?.issues ?? []).map((i) => [i.rule, i]));

  it('lists the problems of the messy workbook with their cells', async () => {
    const found = rules(await imported(excel('evacuation-sites-messy.xlsx'), 'messy.xlsx'));
    expect(Object.keys(found)).toEqual(['title-rows', 'notes-rows', 'blank-rows', 'merged-cells', 'full-width', 'one-column-address']);
    expect(found['title-rows']!.where).toEqual(['1', '2']);
    expect(found['merged-cells']!.where).toEqual(['A1:H1', 'H5:H7']);
    expect(found['full-width']!.where[0]).toBe('G5');
    expect(found['full-width']!.count).toBeGreaterThanOrEqual(114); // 収容人数 in every row, and names such as ＦＣ
  });

  it('finds what the national rules name in a CSV: 和暦, units, ①, spaced characters, several values, lost zeros, no coordinates', async () => {
    const csv = ['番号,施設コード,名称,開設日,定員,備考', '1,08220,つくば　 センター,令和5年4月1日,120人,①駐車場あり', '2,8221,東　京,2023/4/1,80,"月;水;金"', '3,08222,A,2023/5/1,90,'].join('\n');
    const found = rules(await imported(new TextEncoder().encode(csv), 'rules.csv'));
    expect(Object.keys(found)).toEqual(['several-values', 'number-with-unit', 'japanese-era', 'layout-spaces', 'platform-characters', 'leading-zeros', 'no-coordinates']);
    expect(found['japanese-era']!.where).toEqual(['D2']);
    expect(found['number-with-unit']!.where).toEqual(['E2']);
    expect(found['leading-zeros']!.where).toEqual(['B3']);
    expect(found['several-values']!.where).toEqual(['F3']);
    expect(found['layout-spaces']!.where).toEqual(['C3']);
  });

  it('in real open data (島原市, standard columns) finds prices with units and line breaks in cells, and no layout problem', async () => {
    const real = new Uint8Array(readFileSync(new URL('../fixtures/in/shimabara-tourism-standard-columns-utf8bom.csv', import.meta.url)));
    const found = rules(await imported(real, 'shimabara.csv'));
    expect(Object.keys(found)).toEqual(['several-values', 'number-with-unit', 'full-width', 'platform-characters', 'one-column-address']);
    expect(found['number-with-unit']!.where[0]).toBe('Q2'); // 料金（基本）: 550円
    expect(found['several-values']!.where).toContain('U2'); // アクセス方法 with a line break
  });
});

describe('the fast .xlsx cell reader', () => {
  it('reads the fixtures exactly as SheetJS does', async () => {
    const XLSX = await import('@e965/xlsx');
    const { readXlsx } = await import('../../src/lib/io/xlsx-reader');
    for (const name of ['evacuation-sites-messy.xlsx']) {
      const fast = readXlsx(excel(name), name);
      const book = XLSX.read(excel(name), { type: 'array', dense: true, cellNF: true });
      expect(fast.names).toEqual(book.SheetNames);
      const cells = fast.sheet('避難場所');
      const data = book.Sheets['避難場所']!['!data']!;
      for (let r = 0; r < data.length; r++) {
        for (let c = 0; c < (data[r]?.length ?? 0); c++) {
          const cell = data[r]![c];
          if (!cell || cell.v === undefined) continue;
          const expected = cell.t === 'n' && cell.z && XLSX.SSF.is_date(String(cell.z)) ? undefined : String(cell.v);
          if (expected !== undefined) expect(cells.rows[r]?.[c], `${r},${c}`).toBe(expected);
        }
      }
      expect(cells.rows[4]?.[5]).toBe('2009-01-01'); // a date cell
      expect(cells.merges).toEqual(book.Sheets['避難場所']!['!merges']);
    }
  });

  it('reads what Excel writes that SheetJS fixtures lack: furigana runs, inline strings, escapes, styles, errors, formulas without results', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const { readXlsx } = await import('../../src/lib/io/xlsx-reader');
    const files = {
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
      'xl/workbook.xml': strToU8('<workbook><workbookPr/><sheets><sheet name="名簿 &amp; 位置" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>名称</t></si><si><r><t>研究</t></r><r><rPr/><t>学園</t></r><rPh sb="0" eb="2"><t>ケンキュウ</t></rPh></si><si><t xml:space="preserve">改行_x000D_\nあり &lt;注&gt;</t></si><si/></sst>'),
      'xl/styles.xml': strToU8('<styleSheet><numFmts count="1"><numFmt numFmtId="176" formatCode="[$-ja-JP]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/></cellXfs></styleSheet>'),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData>' +
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>日付</t></is></c><c r="C1" t="s"><v>2</v></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>45017</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="b"><v>1</v></c><c r="E3"><f>1+1</f></c><c r="F3" s="2"/></row>' +
          '</sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>',
      ),
    };
    const book = readXlsx(zipSync(files), 'hand.xlsx');
    expect(book.names).toEqual(['名簿 & 位置']);
    const sheet = book.sheet('名簿 & 位置');
    expect(sheet.rows[0]).toEqual(['名称', '日付', '改行\r\nあり <注>']);
    expect(sheet.rows[1]).toBeUndefined();
    expect(sheet.rows[2]).toEqual(['研究学園', '2023-04-01', '#N/A', 'TRUE']);
    expect(sheet).toMatchObject({ formulas: 1, formulasWithoutValue: 1, formulaCellsWithoutValue: ['E3'], merges: [{ s: { r: 0, c: 0 }, e: { r: 1, c: 0 } }] });
  });
});

describe('a damaged workbook', () => {
  it('is refused by name and sheet, not searched for ever: a cell never closed, a cell reference that is not one or beyond Excel', async () => {
    const { unzipSync, zipSync, strFromU8, strToU8 } = await import('fflate');
    const parts = unzipSync(excel('evacuation-sites-messy.xlsx'));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const lastCell = sheet.lastIndexOf('</c>');
    const damaged = [
      sheet.slice(0, lastCell) + sheet.slice(lastCell + 4), // as a random byte in the deflate stream made one: it hung the import
      sheet.replace('r="B26"', 'r="="'),
      sheet.replace('r="B26"', 'r="XFE26"'),
      sheet.replace('<row r="26"', '<row r="9999999"'),
      sheet.replace('<sheetData>', '<sheetDa'), // its cells not found: once an internal error
    ];
    expect(sheet).toContain('<sheetData>');
    for (const xml of damaged) {
      const bytes = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(xml) });
      await expectRefused(bytes, 'damaged.xlsx', 'excel-invalid');
      const outcome = (await importFiles([{ name: 'damaged.xlsx', bytes }]))[0]!;
      expect(!outcome.ok && outcome.error.ja).toContain('シート「避難場所」が壊れています');
    }
    // A date cell holding a number no date can be (once an internal error): kept as the number.
    const dateCell = /<c r="F26" s="(\d+)"><v>42299<\/v>/;
    expect(sheet).toMatch(dateCell);
    const farDate = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(sheet.replace('<v>42299</v>', '<v>9999999999</v>')) });
    const rows = featuresOf((await imported(farDate, 'far-date.xlsx')).layers[0]!.data).features.map((f) => f.properties);
    expect(rows.map((r) => Object.values(r).map(String))).toContainEqual(expect.arrayContaining(['9999999999']));
  });
});

describe('a tiny workbook that would expand to billions of cells', () => {
  const book = async (sheetData: string, mergeRef?: string) => {
    const { zipSync, strToU8 } = await import('fflate');
    return zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="x" Target="worksheets/sheet1.xml"/></Relationships>'),
      'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${sheetData}</sheetData>${mergeRef ? `<mergeCells count="1"><mergeCell ref="${mergeRef}"/></mergeCells>` : ''}</worksheet>`),
    });
  };
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>緯度</t></is></c><c r="C1" t="inlineStr"><is><t>経度</t></is></c></row>';
  const site = '<row r="2"><c r="A2" t="inlineStr"><is><t>市役所</t></is></c><c r="B2"><v>36.083</v></c><c r="C2"><v>140.076</v></c></row>';

  it('fills a merge only over the cells that hold data (a merge of the whole sheet once ran out of memory)', async () => {
    const merged = await imported(await book(header + site + '<row r="3"><c r="A3" t="inlineStr"><is><t>備考</t></is></c></row>', 'A3:XFD1048576'), 'merged.xlsx');
    expect(merged.layers[0]!.data.rowCount).toBe(2);
    expect(merged.warnings.map((w) => w.code)).toContain('merged-cells-filled');
  });

  it('refuses a sheet whose far-right cells would make it over 40 million cells, before filling them', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 3}"><c r="XFC${i + 3}"><v>1</v></c></row>`).join('');
    const bytes = await book(header + site + rows);
    expect(bytes.length).toBeLessThan(100_000);
    await expectRefused(bytes, 'sparse.xlsx', 'excel-invalid');
    const outcome = (await importFiles([{ name: 'sparse.xlsx', bytes }]))[0]!;
    expect(!outcome.ok && outcome.error.ja).toContain('シート「S」が大きすぎます（40 百万セルを超えます）');
  });
});

describe('a CSV row far wider than the others', () => {
  const table = (lastRow: string) => utf8(`名称,緯度,経度\n${Array.from({ length: 10_000 }, (_, i) => `r${i},36.08,140.07`).join('\n')}\n${lastRow}\n`);

  it('adds no columns for trailing separators (10,000 of them once made 10,000 empty columns)', async () => {
    const result = await imported(table('last,36.09,140.08' + ','.repeat(10_000)), 'trailing.csv');
    expect(columnNamesOf(result.layers[0]!.data)).toEqual(['名称', '緯度', '経度']);
    expect(result.layers[0]!.data.rowCount).toBe(10_001);
    // A field with data out there still gets its column, named in a warning.
    const far = await imported(table('last,36.09,140.08' + ','.repeat(50) + '備考'), 'far.csv');
    expect(columnNamesOf(far.layers[0]!.data)).toHaveLength(53);
    expect(valueAt(findColumn(far.layers[0]!.data, '列53')!, 10_000)).toBe('備考');
    expect(far.warnings.map((w) => w.code)).toContain('rows-extra-fields');
  });

  it('refuses more columns than a spreadsheet has, naming the file', async () => {
    await expectRefused(table('last,36.09,140.08' + ',x'.repeat(20_000)), 'too-wide.csv', 'csv-no-header');
  });
});

describe('coordinates that are not places (issue 13, CSV)', () => {
  const warning = (result: Awaited<ReturnType<typeof imported>>, code: string) => result.warnings.find((w) => w.code === code);

  it('0,0 rows (a geocoder\'s "not found") stay in the table, unmapped, named by row', async () => {
    const result = await imported(utf8('名称,緯度,経度\nA,36.08,140.08\nB,0,0\nC,0.0,0.0\n'), 'geocoded.csv');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features.map((f) => f.geometry)).toEqual([{ type: 'Point', coordinates: [140.08, 36.08] }, null, null]);
    expect(warning(result, 'zero-coordinates')!.ja).toContain('2 行の位置が 0,0');
    expect(warning(result, 'zero-coordinates')!.ja).toContain('3、4行目');
    expect(result.layers[0]!.data.bbox).toEqual([140.08, 36.08, 140.08, 36.08]);
  });

  it('coordinate columns that are all empty (or not numbers) load as a table with the warning, like a table without them', async () => {
    for (const csv of ['名称,緯度,経度\nA,,\nB,,\n', '名称,緯度,経度\nA,x,y\n']) {
      const result = await imported(utf8(csv), 'empty-coordinates.csv');
      expect(result.layers[0]!.data.kind).toBe('none');
      expect(warning(result, 'table-without-coordinates')!.ja).toContain('「緯度」「経度」列に緯度・経度として使える値がない');
    }
  });

  it('reads decimal commas in a semicolon CSV, and says so', async () => {
    const result = await imported(utf8('Name;Lat;Lon;Wert\nTokyo;35,6812;139,7671;1,5\nOsaka;34,7025;135,4959;2\n'), 'semicolon.csv');
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features[0]!.geometry).toEqual({ type: 'Point', coordinates: [139.7671, 35.6812] });
    expect(features[0]!.properties.Wert).toBe(1.5);
    expect(warning(result, 'decimal-comma')).toBeDefined();
    // A comma CSV with thousands separators is not read that way.
    const thousands = await imported(utf8('名称,人数,緯度,経度\nA,"1,200",36.08,140.08\n'), 'thousands.csv');
    expect(featuresOf(thousands.layers[0]!.data).features[0]!.properties.人数).toBe(1200);
    expect(warning(thousands, 'decimal-comma')).toBeUndefined();
  });

  it('names the few points far outside Japan when the rest are in it (kept, drawn)', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `P${i},36.${10 + i},140.${10 + i}`);
    rows.push('typo,3.61,140.1');
    const result = await imported(utf8(['名称,緯度,経度', ...rows].join('\n')), 'outlier.csv');
    expect(result.layers[0]!.data.rowCount).toBe(13);
    expect(warning(result, 'points-far-away')!.ja).toContain('1 行の位置が日本の外（14行目）'.replace('外（', '外にあります（'));
  });
});
