import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, mapIdle, renderedFeatures, renderedValues } from './fixtures';

const census = { name: 'tsukuba-census-2015-population.csv', bytes: readFileSync(new URL('../../public/sample-data/tsukuba-census-2015-population.csv', import.meta.url)) };

/** Loads the census points and sums their population (JINKO) into the districts: the column 人口合計. */
async function sumCensusPerDistrict(page: Page) {
  await page.getByTestId('file-input').setInputFiles({ name: census.name, mimeType: 'text/csv', buffer: census.bytes });
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await page.getByTestId('point-layer-select').selectOption({ label: '国勢調査 町丁目人口（2015）' });
  await page.getByText('集計方法と絞り込み').click();
  await page.getByTestId('aggregation-op').selectOption('sum');
  await page.getByTestId('aggregation-field').selectOption('JINKO');
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('style-field')).toHaveValue('人口合計');
}

test('reports per 1,000 residents: count, sum population from census points, divide, classify, with teaching hints', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('result-row')).toHaveCount(33);
  // Raw counts over districts of very different size: the app says so.
  await expect(page.locator('[data-testid="carto-hint"][data-code="raw-values-unequal-areas"]')).toBeVisible();
  await expect(page.locator('[data-testid="carto-hint"][data-code="no-title"]')).toBeVisible();

  // Population per district: sum the census points' JINKO into the districts.
  await sumCensusPerDistrict(page);
  const populations = await page.getByTestId('result-count').allTextContents();
  expect(populations.reduce((s, v) => s + Number(v.replace(/,/g, '')), 0)).toBe(226_963);

  // Reports per 1,000 residents.
  await page.getByTestId('style-field').selectOption('件数');
  await page.getByTestId('normalize-field').selectOption('人口合計');
  await page.getByTestId('normalize-by-field').click();
  await expect(page.getByTestId('style-field')).toHaveValue('件数（人口合計千あたり）');
  await expect(page.locator('[data-testid="carto-hint"][data-code="raw-values-unequal-areas"]')).toHaveCount(0);
  await page.getByTestId('class-method').selectOption('natural-breaks');
  await page.getByTestId('palette').selectOption('PuBuGn');
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  await expect(page.getByTestId('histogram-break')).toHaveCount(4);
  await page.getByTestId('map-title-input').fill('小学校区別 人口千人あたり不審者出没件数');
  await expect(page.locator('[data-testid="carto-hint"][data-code="no-title"]')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/per-1000.png' });

  // Nine classes is too many to read: the app says so.
  await page.getByTestId('class-count').selectOption('9');
  await expect(page.locator('[data-testid="carto-hint"][data-code="too-many-classes"]')).toBeVisible();
});

test('the finished map exports as PNG (screen and high resolution), prints on A4 landscape, and its data as CSV', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await page.getByTestId('run-count').click();
  await page.getByTestId('map-title-input').fill('小学校区別不審者出没状況図');
  await page.getByTestId('author-input').fill('つくば市 研修受講者');
  await page.getByTestId('author-input').press('Tab');
  await page.getByTestId('date-input').fill('2026-11-22');
  await page.getByTestId('date-input').press('Tab');
  await expect(page.getByTestId('map-credits')).toContainText('つくば市 研修受講者　2026-11-22');
  await mapIdle(page);

  const canvasSize = await page.evaluate(() => {
    const canvas = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap.getCanvas();
    return [canvas.width, canvas.height];
  });
  for (const [button, ratio] of [['export-png', 1], ['export-png-hires', 3]] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(button).click()]);
    expect(download.suggestedFilename()).toBe(ratio === 1 ? '小学校区別不審者出没状況図.png' : '小学校区別不審者出没状況図@3x.png');
    const path = `test-results/export-${ratio}x.png`;
    await download.saveAs(path);
    const png = readFileSync(path);
    // PNG IHDR: width and height at bytes 16–23.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([canvasSize[0]! * ratio, canvasSize[1]! * ratio]);
    // Not blank: the image has many distinct colours (choropleth classes, labels, legend).
    const colours = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = 200, canvas.height = 150;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0, 200, 150);
      const data = ctx.getImageData(0, 0, 200, 150).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    }, png.toString('base64'));
    expect(colours).toBeGreaterThan(200);
  }

  await page.getByTestId('paper').selectOption('A4');
  await page.evaluate(() => (window.print = () => undefined));
  await page.getByTestId('print').click();
  await expect(page.locator('.print-sheet img')).toHaveAttribute('src', /^blob:/);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/print-a4.png' });
  await page.emulateMedia({ media: 'screen' });

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').first().click()]);
  const text = readFileSync(await csv.path()).toString('utf8');
  expect(text.startsWith('\ufeff学区ID,学区名')).toBe(true);
  expect(text).toContain('件数');
  expect(text.split('\r\n').filter(Boolean)).toHaveLength(34);
});

test('join a table by key with a report, buffer evacuation sites, map the covered share, and measure distances', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  const ids = Array.from({ length: 32 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
  const table = `学区ID,児童数\n${ids.map((id, i) => `${id},${300 + i * 10}`).join('\n')}\nD99,5\n`;
  await page.getByTestId('file-input').setInputFiles({ name: '児童数.csv', mimeType: 'text/csv', buffer: Buffer.from(table) });
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('notice-warning')).toContainText('表として読み込みました');

  await page.getByTestId('overlay-tool').selectOption('join');
  await page.getByTestId('overlay-target-key').selectOption('学区ID');
  await page.getByTestId('overlay-other').selectOption({ label: '児童数' });
  await page.getByTestId('overlay-other-key').selectOption('学区ID');
  await page.getByTestId('overlay-run').click();
  const report = page.getByTestId('notice-info');
  await expect(report).toContainText('33 件のうち 32 件が一致');
  await expect(report).toContainText('表になかったキー：D33');
  await expect(report).toContainText('使われなかった表のキー：D99');

  // Evacuation sites within 1 km, and the share of each district they cover.
  await page.getByTestId('file-input').setInputFiles({ name: 'tsukuba-evacuation-sites.geojson', mimeType: 'application/geo+json', buffer: readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url)) });
  await expect(page.getByTestId('layer-item')).toHaveCount(4);
  await page.getByTestId('overlay-tool').selectOption('buffer');
  await page.getByTestId('overlay-target').selectOption({ label: '指定緊急避難場所（つくば市）' });
  await page.getByTestId('overlay-distance').fill('1000');
  await page.getByTestId('overlay-run').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(5);
  await expect(page.getByTestId('layer-item').nth(4)).toContainText('（1000m圏）');
  await page.getByTestId('overlay-tool').selectOption('coverage');
  await page.getByTestId('overlay-target').selectOption({ label: '小学校区（つくば市）' });
  await page.getByTestId('overlay-other').selectOption({ label: '指定緊急避難場所（つくば市）（1000m圏）' });
  await page.getByTestId('overlay-run').click();
  await expect(page.getByTestId('style-field')).toHaveValue('指定緊急避難場所（つくば市）（1000m圏）_被覆率(%)');
  const shares = (await page.getByTestId('result-count').allTextContents()).map(Number);
  expect(shares).toHaveLength(33);
  expect(shares.every((s) => s >= 0 && s <= 100)).toBe(true);
  expect(Math.max(...shares)).toBeGreaterThan(50);

  // Distance from each district to the nearest evacuation site.
  await page.getByTestId('overlay-tool').selectOption('nearest');
  await page.getByTestId('overlay-target').selectOption({ label: '小学校区（つくば市）' });
  await page.getByTestId('overlay-other').selectOption({ label: '指定緊急避難場所（つくば市）' });
  await page.getByTestId('overlay-run').click();
  await expect(page.getByTestId('style-field')).toHaveValue('指定緊急避難場所（つくば市）までの距離(m)');
  await page.screenshot({ path: 'test-results/overlay.png' });
});

test('graduated circles for raw counts, and reports coloured by type as categories', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // A plain layer's point size and colour, as the user sets them.
  await page.getByTestId('layer-size').nth(1).fill('6');
  await page.getByTestId('layer-size').nth(1).press('Tab');
  await expect
    .poll(() =>
      page.evaluate(() => {
        const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
        const id = map.getStyle().layers.find((l) => l.id.endsWith('-circle'))!.id;
        return map.getPaintProperty(id, 'circle-radius');
      }),
    )
    .toBe(6);
  await page.getByTestId('run-count').click();
  await expect(page.locator('[data-testid="carto-hint"][data-code="raw-values-unequal-areas"]')).toBeVisible();
  await page.getByTestId('style-kind').selectOption('graduated-circles');
  // Circle sizes do not depend on the area: no warning.
  await expect(page.locator('[data-testid="carto-hint"][data-code="raw-values-unequal-areas"]')).toHaveCount(0);
  await expect(page.getByTestId('legend-circles').locator('circle')).toHaveCount(3);
  await expect.poll(async () => (await renderedFeatures(page, '-graduated')).length).toBeGreaterThan(25);
  await page.screenshot({ path: 'test-results/graduated-circles.png' });

  await page.getByTestId('style-kind').selectOption('categories');
  await page.getByTestId('style-layer').selectOption({ label: '不審者情報（架空データ）' });
  await page.getByTestId('style-field').selectOption('種別');
  const categories = page.getByTestId('legend-category');
  await expect(categories).toHaveCount(4);
  const labels = await categories.allTextContents();
  expect(labels.map((l) => l.replace(/（\d+）/, '').trim()).sort()).toEqual(['その他', 'つきまとい', '声かけ', '露出'].sort());
  expect(labels.reduce((s, l) => s + Number(/（(\d+)）/.exec(l)![1]), 0)).toBe(420);
  await page.screenshot({ path: 'test-results/categories.png' });
});

test('the same reports counted per 500 m grid square: a new layer with mesh codes to join e-Stat tables, mapped in classes', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('mesh-size').selectOption('500m');
  await page.getByTestId('run-mesh').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('layer-item').nth(2)).toContainText('不審者情報（架空データ）（500mメッシュ）');
  await expect(page.getByTestId('legend-class').first()).toBeVisible();
  await mapIdle(page);
  // Squares drawn with their 9-digit 500 m codes (Tsukuba lies in the first-level squares 5340 and 5440).
  const squares = await renderedFeatures(page, '-fill');
  const mesh = squares.filter((p) => typeof p['メッシュコード'] === 'string');
  expect(mesh.length).toBeGreaterThan(50);
  expect(mesh.every((p) => /^5[34]\d{7}$/.test(String(p['メッシュコード'])))).toBe(true);
  await page.getByTestId('layer-item').nth(2).getByTestId('show-table').click();
  const table = page.getByTestId('attribute-table');
  await expect(table.getByTestId('column-header').filter({ hasText: 'メッシュコード' })).toBeVisible();
  await page.screenshot({ path: 'test-results/mesh-500m.png' });
});

test('a map showing points of office-only data does not leave as it is: hide the points, or export it marked for internal use', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await page.getByTestId('run-count').click();
  await page.getByTestId('map-title-input').fill('小学校区別不審者出没状況図');
  const reports = page.getByTestId('layer-item').filter({ hasText: '不審者情報' });
  await reports.getByTestId('layer-data-level').selectOption('office');
  await mapIdle(page);

  // PNG: the check stops it and says why; cancelling exports nothing.
  await page.getByTestId('export-png').click();
  await expect(page.getByTestId('publish-check')).toContainText('「不審者情報（架空データ）」は 庁内限定 のデータ');
  await page.getByTestId('publish-cancel').click();
  await expect(page.getByTestId('publish-check')).toBeHidden();

  // For internal use: written on the map and in the image.
  await page.getByTestId('export-png').click();
  const [internal] = await Promise.all([page.waitForEvent('download'), page.getByTestId('publish-internal').click()]);
  expect(internal.suggestedFilename()).toBe('小学校区別不審者出没状況図.png');
  await expect(page.getByTestId('internal-stamp')).toHaveText('庁内限定（内部利用）');
  await internal.saveAs('test-results/export-internal.png');

  // Mark taken off: asked again; hiding the points exports the counts only.
  await page.getByTestId('remove-stamp').click();
  await expect(page.getByTestId('internal-stamp')).toBeHidden();
  await page.getByTestId('print-what').selectOption('map');
  // Which point layers the map still showed when its picture was taken for the file.
  await page.evaluate(() => {
    const exposed = window as unknown as { __chizuDojoMap: import('maplibre-gl').Map; __pointLayersInExport?: number };
    const drawImage = CanvasRenderingContext2D.prototype.drawImage as (...args: unknown[]) => void;
    CanvasRenderingContext2D.prototype.drawImage = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      const map = exposed.__chizuDojoMap;
      if (args[0] === map.getCanvas()) exposed.__pointLayersInExport = map.getStyle().layers.filter((l) => l.id.endsWith('-circle') && l.layout?.visibility !== 'none').length;
      drawImage.apply(this, args);
    } as typeof CanvasRenderingContext2D.prototype.drawImage;
  });
  await page.getByTestId('export-png').click();
  const [aggregated] = await Promise.all([page.waitForEvent('download'), page.getByTestId('publish-hide-points').click()]);
  expect(aggregated.suggestedFilename()).toBe('小学校区別不審者出没状況図.png');
  // The points were hidden before the picture was taken, not a frame later.
  expect(await page.evaluate(() => (window as unknown as { __pointLayersInExport?: number }).__pointLayersInExport)).toBe(0);
  await expect(reports.getByRole('checkbox').first()).not.toBeChecked();
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBe(0);
  // Now nothing restricted is shown: exports go straight out.
  await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
});

test('rates on small numbers: the Empirical Bayes rate and excess risk are added and mapped, areas with few reports hatched and named', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await sumCensusPerDistrict(page);

  await page.getByTestId('eb-section').locator('summary').click();
  await expect(page.getByTestId('eb-events')).toHaveValue('件数');
  await expect(page.getByTestId('eb-population')).toHaveValue('人口合計');
  await page.getByTestId('eb-run').click();
  await expect(page.getByTestId('style-field')).toHaveValue('件数（経験ベイズ、人口合計千あたり）');
  await expect(page.getByTestId('legend-flag')).toHaveText('斜線：「件数」が 5 未満で率が不安定な地区');
  // 今鹿島 has 2 reports: named in the notice and hatched on the map.
  await expect(page.getByTestId('notice-info').filter({ hasText: '「件数」が 5 未満' })).toContainText('今鹿島小学校区');
  await mapIdle(page);
  const hatched = (await renderedFeatures(page, '-small')).map((p) => p.学区名);
  expect(hatched).toContain('今鹿島小学校区');
  expect(hatched).not.toContain('谷田部小学校区');
  await page.getByTestId('show-table').first().click();
  await expect(page.getByTestId('attribute-table').getByTestId('column-header').filter({ hasText: '件数（超過リスク）' })).toBeVisible();
  await page.screenshot({ path: 'test-results/small-numbers.png' });
});

test('hot spots of the counts per 500 m square: z-scores and classes added, mapped in diverging colours; few districts get a caution', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // 33 districts: the app says a hot spot is only a hint.
  await page.getByTestId('run-count').click();
  await page.getByTestId('hot-spot-section').locator('summary').click();
  await page.getByTestId('run-hot-spots').click();
  await expect(page.getByTestId('notice-info').filter({ hasText: '面が 33 しかない' })).toBeVisible();
  await expect(page.getByTestId('style-field')).toHaveValue('件数_ホットスポット');
  // Per 500 m square (hundreds of areas), the reports' clusters show as hot spots.
  await page.getByTestId('run-mesh').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  const section = page.getByTestId('hot-spot-section');
  if ((await section.getAttribute('open')) === null) await section.locator('summary').click();
  await page.getByTestId('run-hot-spots').click();
  await expect(page.getByTestId('legend-category').filter({ hasText: '高い値の集まり（99%）' })).toBeVisible();
  await mapIdle(page);
  const classes = new Set((await renderedFeatures(page, '-fill')).map((p) => p['件数_ホットスポット']).filter(Boolean));
  expect(classes).toContain('高い値の集まり（99%）');
  expect(classes).toContain('有意でない');
  await page.screenshot({ path: 'test-results/hot-spots.png' });
});

test('small counts suppressed: areas with 1–4 reports become one hatched class 「秘匿」, their values hidden, also on a rate map', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  await page.getByTestId('suppress-below').selectOption('5');
  // 今鹿島 (2), 谷田部南 (4), 要 (4), 学区16 (4): one class of 4 areas, labelled 秘匿 on the map.
  await expect(page.getByTestId('legend-class').last()).toContainText('秘匿（1〜4件）');
  await expect(page.getByTestId('legend-class').last()).toContainText('4 区');
  await mapIdle(page);
  expect([...new Set((await renderedFeatures(page, '-suppressed')).map((p) => p.学区名))].sort()).toEqual(['今鹿島小学校区', '学区16', '要小学校区', '谷田部南小学校区'].sort());
  // The classes are made without them: the lowest class starts above 4.
  expect(Number((await page.getByTestId('legend-range').first().textContent())!.split('–')[0]!.trim())).toBeGreaterThanOrEqual(5);
  // A rate on the same counts (per km²) hides the same areas.
  await page.getByTestId('normalize-area').click();
  await expect(page.getByTestId('style-field')).toHaveValue('件数（1km²あたり）');
  await expect(page.getByTestId('legend-class').last()).toContainText('秘匿（1〜4件）');
  await page.screenshot({ path: 'test-results/suppressed.png' });
});

test('a density surface in points per km² with a radius on the ground: drawn in classes, remade when the radius changes', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-density').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('layer-item').nth(2)).toContainText('不審者情報（架空データ）（密度・半径1000m）');
  await expect(page.getByTestId('style-field')).toHaveValue('密度（件/km²）');
  await expect(page.getByTestId('legend-note')).toContainText('半径 1000 m、250 m 四方の格子');
  await mapIdle(page);
  const cells = await renderedValues(page, '-fill', '密度（件/km²）');
  expect(cells.length).toBeGreaterThan(500);
  // 420 reports over Tsukuba: the densest cell holds a few reports per km², none is 0 (empty cells are not drawn).
  expect(Math.max(...cells)).toBeGreaterThan(1);
  expect(Math.min(...cells)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/density-1000m.png' });

  // Letting go of the slider at 500 m draws the same layer again, finer: not a second layer.
  await page.getByTestId('density-bandwidth').fill('500');
  await page.getByTestId('density-bandwidth').dispatchEvent('change');
  await expect(page.getByTestId('layer-item').nth(2)).toContainText('（密度・半径500m）');
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('legend-note')).toContainText('半径 500 m、125 m 四方の格子');
  await mapIdle(page);
  // (Finer cells are many: drawn from tiles, their values in the feature state.)
  const finer = await renderedValues(page, '-fill', '密度（件/km²）');
  // A smaller radius piles the same reports into tighter peaks.
  expect(Math.max(...finer)).toBeGreaterThan(Math.max(...cells));
});

test('maps side by side: the reports per quarter of the fiscal year in one set of classes, then the difference of two quarters centred on 0', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // The date column is picked, and a year of reports splits into its four quarters.
  await expect(page.getByTestId('compare-field')).toHaveValue('発生日');
  await expect(page.getByTestId('compare-groups')).toContainText('4 枚：2023年度 4〜6月 / 2023年度 7〜9月 / 2023年度 10〜12月 / 2023年度 1〜3月');
  await page.getByTestId('run-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-panel-title')).toHaveText(['2023年度 4〜6月', '2023年度 7〜9月', '2023年度 10〜12月', '2023年度 1〜3月']);
  await expect(page.getByTestId('compare-class').first()).toBeVisible();
  // Each panel draws its own quarter: the 33 districts' counts add up to the quarter's reports
  // (the sample's 114, 109, 83 and 114 reports per quarter, less any outside the districts).
  const totals: number[] = [];
  for (const [i, field] of ['件数（2023年度 4〜6月）', '件数（2023年度 7〜9月）', '件数（2023年度 10〜12月）', '件数（2023年度 1〜3月）'].entries()) {
    const features = await renderedFeatures(page, '-fill', `panel-${i}`);
    const byDistrict = new Map(features.map((p) => [p['学区ID'], Number(p[field])]));
    expect(byDistrict.size).toBe(33);
    totals.push([...byDistrict.values()].reduce((a, b) => a + b, 0));
  }
  expect(totals.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(420);
  expect(totals.reduce((a, b) => a + b, 0)).toBeGreaterThan(400);
  expect(new Set(totals).size).toBeGreaterThan(1);
  await page.screenshot({ path: 'test-results/compare-quarters.png' });

  // The difference of the last and first quarter: one map, classes centred on 0, blue for fewer, red for more.
  await page.getByTestId('make-difference').click();
  await expect(page.getByTestId('style-field')).toHaveValue('件数（2023年度 1〜3月）−件数（2023年度 4〜6月）');
  await expect(page.getByTestId('class-method')).toHaveValue('diverging');
  const ranges = await page.getByTestId('legend-range').allTextContents();
  expect(ranges).toHaveLength(5);
  expect(ranges[2]).toMatch(/^-?\d+ – \d+$|^0$/);
  await mapIdle(page);
  const differences = (await renderedFeatures(page, '-fill')).map((p) => Number(p['件数（2023年度 1〜3月）−件数（2023年度 4〜6月）'])).filter(Number.isFinite);
  expect(differences.some((d) => d < 0)).toBe(true);
  expect(differences.some((d) => d > 0)).toBe(true);
  await page.screenshot({ path: 'test-results/difference-map.png' });
});

test('a count that replaces a column of other values says so, and undo brings the old values back', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('result-row')).toHaveCount(33);
  const counts = () => page.getByTestId('result-count').allTextContents().then((v) => v.map(Number));
  const all = await counts();
  expect(all.reduce((a, b) => a + b, 0)).toBe(420);
  // The same count again writes the same values: nothing to say.
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('count-summary')).toBeVisible();
  await expect(page.locator('[data-code="column-replaced"]')).toHaveCount(0);

  // Only 声かけ, written into the same column 件数: the 420 reports' counts are replaced, and it is said.
  await page.getByText('集計方法と絞り込み').click();
  await page.getByTestId('filter-field').selectOption('種別');
  await page.getByTestId('filter-values').fill('声かけ');
  await page.getByTestId('column-name').fill('件数');
  await page.getByTestId('run-count').click();
  const notice = page.locator('[data-code="column-replaced"]');
  await expect(notice).toContainText('小学校区（つくば市）: 列「件数」を新しい結果で置き換えました。前の値は「元に戻す」で戻せます。');
  await expect.poll(async () => (await counts()).reduce((a, b) => a + b, 0)).toBeLessThan(420);

  // Undo: the districts carry the counts of all 420 reports again (as the map draws them).
  // (A district cut by tile edges is drawn, and found, once per tile: one value per district is summed.)
  const drawnTotal = async () => [...new Map((await renderedFeatures(page, '-fill')).map((p) => [p.学区名, Number(p.件数)])).values()].reduce((a, b) => a + b, 0);
  await expect.poll(drawnTotal).toBeLessThan(420);
  await page.getByTestId('undo').click();
  await expect.poll(drawnTotal).toBe(420);
});
