import { readdirSync, readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { unzipSync } from 'fflate';
import { test, expect, mapMade, renderedFeatures, dropFiles } from './fixtures';

const fixtures = new URL('../fixtures/in/', import.meta.url);
const shapefileDir = new URL('evacuation-zone9-cp932/', fixtures);
// The CP932 shapefile in plane rectangular zone IX, without .cpg: the usual file from a Japanese GIS.
const shapefileParts = readdirSync(shapefileDir).map((name) => ({ name, bytes: readFileSync(new URL(name, shapefileDir)) }));
const shiftJisCsv = { name: 'katsushika-tourism-cp932.csv', bytes: readFileSync(new URL('katsushika-tourism-cp932.csv', fixtures)) };

test('a Shift_JIS CSV and a CP932 shapefile without .cpg show correct Japanese names in the table and on the map', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [shiftJisCsv, ...shapefileParts]);
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  const details = page.getByTestId('layer-details');
  await expect(details.nth(0)).toContainText('Shift_JIS');
  await expect(details.nth(0)).toContainText('JGD2011 平面直角座標系 第9系');
  await expect(details.nth(1)).toContainText('Shift_JIS');
  await expect(details.nth(1)).toContainText('自治体標準OD');

  // The map drew the points with their decoded names.
  const drawnNames = async () => (await renderedFeatures(page, '-circle')).map((p) => p.名称);
  await expect.poll(drawnNames).toContain('桜中学校');
  await expect.poll(drawnNames).toContain('葛飾柴又寅さん記念館');

  // Attribute tables, sorted by name, with the column types.
  await page.getByTestId('show-table').nth(1).click();
  const table = page.getByTestId('attribute-table');
  await expect(table.getByTestId('attribute-row')).toHaveCount(3);
  await expect(table).toContainText('葛飾柴又寅さん記念館');
  await expect(table).toContainText('山田洋次ミュージアム');
  await page.getByTestId('show-table').nth(0).click();
  await expect(table.getByTestId('attribute-row')).toHaveCount(114);
  await expect(table).toContainText('茨城県つくば市さくらの森32');
  await table.getByTestId('column-header').filter({ hasText: '名称' }).click();
  const names: string[] = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features.map((f: { properties: Record<string, string> }) => f.properties['施設・場所名']);
  const [first] = names.sort(new Intl.Collator('ja', { numeric: true }).compare);
  await expect(table.getByTestId('attribute-row').first()).toContainText(first!);
  await expect(table.locator('th[aria-sort="ascending"]')).toContainText('名称');
  await page.screenshot({ path: 'test-results/import-table.png' });

});

test('a shapefile without .prj in metres asks for the zone, defaulting to zone IX, and lands in Tsukuba', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, shapefileParts.filter((f) => !f.name.endsWith('.prj')));
  const dialog = page.getByTestId('import-review');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('crs-zone')).toHaveValue('9');
  await expect(dialog.getByTestId('review-preview')).toContainText('桜中学校');
  await page.screenshot({ path: 'test-results/import-review-crs.png' });
  await page.getByTestId('review-accept').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('layer-details').first()).toContainText('第9系');
  await mapMade(page);
  const drawn = await page.evaluate(() => {
    const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
    return map.getCenter().toArray();
  });
  expect(drawn[0]).toBeGreaterThan(139.9);
  expect(drawn[0]).toBeLessThan(140.3);
  expect(drawn[1]).toBeGreaterThan(35.9);
  expect(drawn[1]).toBeLessThan(36.3);
});

test('swapped latitude/longitude are offered a fix, and an archive of several shapefiles lets the user choose', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: '逆.csv', bytes: Buffer.from('名称,緯度,経度\n研究学園駅,140.0825,36.0823\n') }]);
  await expect(page.getByTestId('import-review')).toContainText('緯度と経度の列が逆のようです');
  await page.getByTestId('review-accept').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await expect(page.getByTestId('notice-warning')).toContainText('「緯度」を経度');

  await dropFiles(page, [{ name: 'ishinomaki.zip', bytes: readFileSync(new URL('../fixtures/in/ishinomaki-jgd2000-zone10-shp.zip', import.meta.url)) }]);
  const dialog = page.getByTestId('import-review');
  await expect(dialog.getByRole('checkbox')).toHaveCount(3);
  await dialog.getByRole('checkbox', { name: 'bridge' }).uncheck();
  await expect(dialog).toContainText('2 レイヤ');
  await page.getByTestId('review-accept').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('layer-item').nth(1)).toContainText('elevation');
  await expect(page.getByTestId('layer-item').nth(2)).toContainText('vegetation');
});

test('a large CSV shows progress and can be cancelled; what was loaded stays and the app keeps working', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  const rows = Array.from({ length: 600_000 }, (_, i) => `R${i},2023-04-01,${(36 + (i % 1000) / 10000).toFixed(4)},${(140 + (i % 997) / 10000).toFixed(4)}`);
  await page.getByTestId('file-input').setInputFiles({ name: 'large.csv', mimeType: 'text/csv', buffer: Buffer.from(`番号,発生日,緯度,経度\n${rows.join('\n')}\n`) });
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('cancel-work').click();
  await expect(page.getByTestId('busy')).toBeHidden();
  // A cancel is the user's choice: said as information, not as an error.
  await expect(page.getByTestId('notice-info')).toHaveAttribute('data-code', 'cancelled');
  await expect(page.getByTestId('notice-error')).toHaveCount(0);
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // A fresh worker took over: counting still works.
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('result-row')).toHaveCount(33);
});

test('the encoding of a loaded layer can be changed with a preview, keeping the layer', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [shiftJisCsv]);
  await expect(page.getByTestId('layer-details')).toContainText('Shift_JIS');
  await page.getByTestId('change-encoding').click();
  const dialog = page.getByTestId('import-review');
  await expect(dialog.getByTestId('encoding-select')).toHaveValue('shift_jis');
  await expect(dialog.getByTestId('review-preview')).toContainText('葛飾柴又寅さん記念館');
  await dialog.getByTestId('encoding-select').selectOption('euc-jp');
  await expect(dialog.getByTestId('review-preview')).not.toContainText('葛飾柴又寅さん記念館');
  await dialog.getByTestId('encoding-select').selectOption('shift_jis');
  await expect(dialog.getByTestId('review-preview')).toContainText('葛飾柴又寅さん記念館');
  await page.getByTestId('review-accept').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await page.getByTestId('show-table').click();
  await expect(page.getByTestId('attribute-table')).toContainText('葛飾柴又寅さん記念館');
});

test('a file too large for the browser memory is refused before it is read; the other files of the drop load', async ({ page }) => {
  // A browser that gives 8 MB of heap: the 60,000-row CSV (1.6 MB, about 19 MB to import) does not fit.
  await page.addInitScript(() => Object.defineProperty(performance, 'memory', { value: { jsHeapSizeLimit: 8e6, usedJSHeapSize: 0, totalJSHeapSize: 0 } }));
  await page.goto('/');
  const rows = Array.from({ length: 60_000 }, (_, i) => `R${i},2023-04-01,36.1,140.1`);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'all-years.csv', mimeType: 'text/csv', buffer: Buffer.from(`番号,発生日,緯度,経度\n${rows.join('\n')}\n`) },
    { name: shiftJisCsv.name, mimeType: 'text/csv', buffer: shiftJisCsv.bytes },
  ]);
  await expect(page.getByTestId('notice-error')).toHaveAttribute('data-code', 'file-too-large');
  await expect(page.getByTestId('notice-error')).toContainText('all-years.csv');
  await expect(page.getByTestId('notice-error')).toContainText('メモリが足りません');
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await expect(page.getByTestId('layer-item')).toContainText('katsushika');
});

test('a damaged .xls on which the Excel reader loops for ever is stopped and named; what was loaded stays and the app keeps working', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await dropFiles(page, [{ name: '避難所一覧.xls', bytes: readFileSync(new URL('excel/damaged-formula-loop.xls', fixtures)) }]);
  await expect(page.getByTestId('busy')).toBeVisible();
  const error = page.locator('[data-testid="notice-error"][data-code="import-timeout"]');
  await expect(error).toContainText('避難所一覧.xls: 32 秒たっても読み終わらないため中止しました', { timeout: 60_000 });
  await expect(page.getByTestId('busy')).toBeHidden();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // The sample's save, waiting behind the stuck reader, went to the new worker: nothing failed to save.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('notice-error')).toHaveCount(1);
  // A fresh worker took over: counting still works.
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('result-row')).toHaveCount(33);
});

test('an Excel workbook with a title, two sheets and merged cells: the sheet is asked, the 114 sites are mapped', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  const workbook = { name: 'evacuation-sites-messy.xlsx', bytes: readFileSync(new URL('excel/evacuation-sites-messy.xlsx', fixtures)) };
  await dropFiles(page, [workbook]);
  const dialog = page.getByTestId('import-review');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('sheet-select')).toHaveValue('避難場所');
  // The header row found under the title, and the coordinate columns with their bracketed names.
  await expect(page.getByTestId('header-row-4')).toBeChecked();
  await expect(page.getByTestId('latitude-select')).toHaveValue('緯度（世界測地系）');
  await expect(dialog.getByTestId('review-preview')).toContainText('桜中学校');
  await page.screenshot({ path: 'test-results/import-review-excel.png' });
  await expect(page.getByTestId('review-accept')).toBeInViewport();
  await page.getByTestId('review-accept').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBeGreaterThan(100);
  await expect(page.getByTestId('notice-warning').filter({ hasText: '見出しを 4 行目' })).toBeVisible();
});

test('a table whose coordinate headers are unknown: the columns its values suggest are shown, and the user maps it', async ({ page }) => {
  await page.goto('/');
  const csv = '地点,北,東\nつくば駅,36.0827,140.1115\n研究学園駅,36.0823,140.0825\n';
  await dropFiles(page, [{ name: 'stations.csv', bytes: Buffer.from(csv) }]);
  const dialog = page.getByTestId('import-review');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('latitude-select')).toHaveValue('北');
  await expect(page.getByTestId('longitude-select')).toHaveValue('東');
  // Picking "none" keeps a table; picking the columns again maps it.
  await page.getByTestId('latitude-select').selectOption('');
  await expect(page.getByTestId('layout-as-table')).toBeVisible();
  await page.getByTestId('latitude-select').selectOption('北');
  await expect(page.getByTestId('layout-as-table')).toBeHidden();
  await page.getByTestId('review-accept').click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).map((p) => p.地点).sort()).toEqual(['つくば駅', '研究学園駅']);
});

test('rows at 0,0 are not drawn in the Gulf of Guinea and the map stays on Japan', async ({ page }) => {
  await page.goto('/');
  const csv = ['名称,緯度,経度', 'つくば駅,36.0827,140.1115', '研究学園駅,36.0823,140.0825', '見つからず,0,0', '見つからず2,0,0'].join('\n');
  await dropFiles(page, [{ name: 'geocoded.csv', bytes: Buffer.from(csv) }]);
  await expect(page.getByTestId('notice-warning').filter({ hasText: '2 行の位置が 0,0' })).toBeVisible();
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).map((p) => p.名称).sort()).toEqual(['つくば駅', '研究学園駅']);
  const center = await page.evaluate(() => (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap.getCenter().toArray());
  expect(center[0]).toBeGreaterThan(139.5);
  expect(center[1]).toBeGreaterThan(35.5);
});

test('a table of hundreds of columns opens at once, its columns a hundred at a time', async ({ page }) => {
  await page.goto('/');
  const names = Array.from({ length: 250 }, (_, i) => `項目${i + 1}`);
  const row = (r: number) => [36.08 + r / 100, 140.11, ...names.map((_, i) => r * 1000 + i)].join(',');
  await page.getByTestId('file-input').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(`緯度,経度,${names.join(',')}\n${row(1)}\n${row(2)}\n`) });
  await page.getByTestId('show-table').click();
  const table = page.getByTestId('attribute-table');
  await expect(table.getByTestId('column-header')).toHaveCount(100);
  await expect(table.getByTestId('column-pages')).toContainText('列 1〜100（全 252 列）');
  await expect(table.getByTestId('column-header').first()).toContainText('緯度');
  await table.getByRole('button', { name: '次の列' }).click();
  await expect(table.getByTestId('column-pages')).toContainText('列 101〜200（全 252 列）');
  await expect(table.getByTestId('column-header').first()).toContainText('項目99');
  await table.getByRole('button', { name: '次の列' }).click();
  await expect(table.getByTestId('column-header')).toHaveCount(52);
  await expect(table.getByTestId('column-header').last()).toContainText('項目250');
  await expect(table.getByTestId('attribute-row').nth(1)).toContainText('2249');
  await expect(table.getByRole('button', { name: '次の列' })).toBeDisabled();
});

test('columns named like JavaScript object keys are kept and the layer is drawn', async ({ page }) => {
  await page.goto('/');
  const csv = ['名称,constructor,__proto__,toString,緯度,経度', 'つくば駅,1,a,x,36.0827,140.1115', '研究学園駅,2,b,y,36.0823,140.0825'].join('\n');
  await dropFiles(page, [{ name: 'keys.csv', bytes: Buffer.from(csv) }]);
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).map((p) => p.名称).sort()).toEqual(['つくば駅', '研究学園駅']);
  await page.getByTestId('show-table').click();
  const table = page.getByTestId('attribute-table');
  await expect(table.getByTestId('column-header').filter({ hasText: 'constructor' })).toBeVisible();
  await expect(table.getByTestId('column-header').filter({ hasText: '__proto__' })).toBeVisible();
  await expect(table).toContainText('研究学園駅');
});

test('a GeoJSON with a few impossible points among good ones: no zone is asked, the good points stay where they are, the bad are named', async ({ page }) => {
  await page.goto('/');
  const point = (name: string, coordinates: string) => `{"type":"Feature","properties":{"名称":"${name}"},"geometry":{"type":"Point","coordinates":${coordinates}}}`;
  // Written as text: 1e999 is what a broken exporter writes for Infinity (JSON.parse reads it as Infinity).
  const text = `{"type":"FeatureCollection","features":[${[
    point('つくば駅', '[140.1115,36.0827]'),
    point('研究学園駅', '[140.0825,36.0823]'),
    point('万博記念公園駅', '[140.0585,36.0619]'),
    point('壊れた点', '[1e999,36.08]'),
    point('メートルの点', '[-12345.6,-6789.1]'),
    point('見つからず', '[0,0]'),
  ].join(',')}]}`;
  await dropFiles(page, [{ name: 'stations.geojson', bytes: Buffer.from(text) }]);
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await expect(page.getByTestId('import-review')).toBeHidden();
  const warnings = page.getByTestId('notice-warning');
  await expect(warnings.filter({ hasText: 'stations.geojson: 座標が数値でない' }).filter({ hasText: '4番目' })).toBeVisible();
  await expect(warnings.filter({ hasText: '経緯度の範囲' }).filter({ hasText: '5番目' })).toBeVisible();
  await expect(warnings.filter({ hasText: '0,0' }).filter({ hasText: '6番目' })).toBeVisible();
  await expect
    .poll(async () => (await renderedFeatures(page, '-circle')).map((p) => p.名称).sort())
    .toEqual(['つくば駅', '万博記念公園駅', '研究学園駅']);
  // Not moved: the station is drawn where the file puts it (a zone would have taken it tens of km away).
  const where = await page.evaluate(`(() => {
    const map = window.__chizuDojoMap;
    const f = map.queryRenderedFeatures().find((f) => f.properties && f.properties['名称'] === 'つくば駅');
    return f.geometry.coordinates;
  })()`);
  expect((where as number[])[0]).toBeCloseTo(140.1115, 3);
  expect((where as number[])[1]).toBeCloseTo(36.0827, 3);
});

test('a CSV of plane rectangular X/Y asks the zone and which column is north, and lands in the city', async ({ page }) => {
  await page.goto('/');
  // The Tsukuba evacuation sites in zone IX metres, written as a survey table: X = northing, Y = easting.
  const sites = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features as { geometry: { coordinates: [number, number] }; properties: Record<string, string> }[];
  const zone9 = proj4('+proj=tmerc +lat_0=36 +lon_0=139.8333333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  const csv = ['名称,X座標,Y座標', ...sites.map((s) => {
    const [e, n] = zone9.forward(s.geometry.coordinates);
    return `${s.properties['施設・場所名']},${n!.toFixed(2)},${e!.toFixed(2)}`;
  })].join('\r\n');
  await dropFiles(page, [{ name: 'sites-xy.csv', bytes: Buffer.from(csv) }]);
  const dialog = page.getByTestId('import-review');
  await expect(dialog).toBeVisible();
  // The sample city's zone (茨城県: IX) is offered first; X座標 is north, as surveying writes it.
  await expect(page.getByTestId('crs-zone')).toHaveValue('9');
  await expect(page.locator('[data-testid="plane-north"][data-column="X座標"]')).toBeChecked();
  await page.getByTestId('review-accept').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('layer-details').first()).toContainText('第9系');
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBeGreaterThan(100);
  const [lon, lat] = await page.evaluate(() => (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap.getCenter().toArray());
  expect(lon).toBeGreaterThan(139.9);
  expect(lon).toBeLessThan(140.3);
  expect(lat).toBeGreaterThan(35.9);
  expect(lat).toBeLessThan(36.3);
});

test('a Google マイマップ KMZ and a patrol GPX dropped together: points, districts, waypoints, track and route as layers on the map', async ({ page }) => {
  await page.goto('/');
  const file = (name: string) => ({ name, bytes: readFileSync(new URL(`kml-gpx/${name}`, fixtures)) });
  await dropFiles(page, [file('tsukuba-evacuation-mymaps.kmz'), file('tsukuba-patrol.gpx')]);
  await expect(page.getByTestId('layer-item')).toHaveCount(5);
  await expect(page.getByTestId('layer-item').filter({ hasText: 'tsukuba-evacuation-mymaps（点）' })).toContainText('114');
  await expect(page.getByTestId('layer-item').filter({ hasText: 'tsukuba-patrol（トラック）' })).toBeVisible();
  // The styles of My Maps are said not to be read, in the file's one line of notices.
  await expect(page.getByTestId('notice-group').filter({ hasText: 'tsukuba-evacuation-mymaps.kmz' })).toContainText('スタイル');
  await mapMade(page);
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).filter((p) => p['フォルダ'] === '指定緊急避難場所').length).toBeGreaterThan(50);
});

test('an e-Stat small-area table (Shift_JIS, two header rows, X and - marks) loads with its names and numbers, ready to join by KEY_CODE', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'tblT000849H08220.txt', bytes: readFileSync(new URL('estat/tblT000849H08220-format.txt', fixtures)) }]);
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  await expect(page.getByTestId('notice-group')).toContainText('e-Stat の小地域集計の表として読みました');
  await page.getByTestId('layer-item').first().getByTestId('show-table').click();
  const headers = page.getByTestId('attribute-table').getByTestId('column-header');
  await expect(headers.filter({ hasText: '人口総数' })).toHaveCount(1);
  await expect(page.getByTestId('attribute-table')).not.toContainText('T000849001');
  // The names row is not data: the first row is the city's total.
  await expect(page.getByTestId('attribute-table').locator('tbody tr').first()).toContainText('226963');
});

test('a GeoPackage written by GDAL loads (the table chosen, zone IX converted); the map goes out as a GeoPackage the app reads back', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'tsukuba-qgis.gpkg', bytes: readFileSync(new URL('gpkg/tsukuba-qgis.gpkg', fixtures)) }]);
  // Two tables: the choice is offered, as for archives; both are taken.
  await expect(page.getByTestId('import-review')).toBeVisible();
  await page.getByTestId('review-accept').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('layer-item').filter({ hasText: '避難場所_第9系' })).toContainText('第9系');
  await mapMade(page);
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBeGreaterThan(50);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-gpkg').click()]);
  expect(download.suggestedFilename()).toMatch(/\.gpkg$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 15).toString()).toBe('SQLite format 3');
  // For QGIS: the project and its GeoPackage in one zip.
  const [qgis] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-qgis').click()]);
  expect(qgis.suggestedFilename()).toMatch(/-qgis\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync(await qgis.path())));
  expect(Object.keys(files).sort()).toEqual([expect.stringMatching(/\.gpkg$/), expect.stringMatching(/\.qgs$/)]);
  // Read back by the app: the same two layers, with their counts.
  await page.reload();
  await dropFiles(page, [{ name: 'again.gpkg', bytes }]);
  await page.getByTestId('review-accept').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(4);
  await expect(page.getByTestId('layer-item').filter({ hasText: '小学校区' })).toHaveCount(2);
  for (const item of await page.getByTestId('layer-item').filter({ hasText: '小学校区' }).all()) await expect(item).toContainText('33');
});
