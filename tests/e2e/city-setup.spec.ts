import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, mapIdle, renderedFeatures, test } from './fixtures';

/**
 * Another city runs its own training without a programmer (issue «Any city runs its own training»):
 * tests/fixtures/second-city is a setup of 鹿児島市 made from public data (make-second-city.mjs). From the
 * screen alone: an instructor installs the setup zip, authors a map task by making its answer map, a quiz
 * and a triage step, previews and exports the lesson; on a second browser profile a trainee installs it,
 * fails with a wrong map and passes with the right one; the trainee's hand-in becomes an example map that a
 * manager opens.
 */
const cityDir = new URL('../fixtures/second-city/', import.meta.url).pathname;
const setupZip = () => zipSync(Object.fromEntries(readdirSync(cityDir).map((name) => [name, new Uint8Array(readFileSync(path.join(cityDir, name)))])));
const districts = JSON.parse(readFileSync(path.join(cityDir, 'districts-approx.geojson'), 'utf8')) as { features: { properties: Record<string, string> }[] };

async function installSetup(page: Page, bytes: Uint8Array) {
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-setup').click();
  await page.getByTestId('setup-zip-input').setInputFiles({ name: 'kagoshima-setup.zip', mimeType: 'application/zip', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('setup-in-use')).toContainText('鹿児島市（テスト用）');
}

test('an instructor of another city authors a lesson from the screen; a trainee on another PC fails a wrong map and passes the right one; the hand-in becomes an example map', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await installSetup(page, setupZip());
  await expect(page.getByTestId('setup-layer')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/city-setup-ja.png' });
  await page.getByTestId('language-switch').click();
  await page.screenshot({ path: 'test-results/city-setup-en.png' });
  await page.getByTestId('language-switch').click();

  // The setup is the city's everywhere: its layers are the one-click data, its city presets address matching.
  await page.getByTestId('nav-workspace').click();
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('layer-item').nth(0)).toContainText('地区（近似）');

  // 教材をつくる: a Level Ⅱ-style curriculum with a map task made by doing it, a quiz and a triage step.
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-author').click();
  await page.getByTestId('new-level').selectOption('2');
  await page.getByTestId('new-curriculum').click();
  await page.getByTestId('curriculum-about').locator('summary').click();
  await page.getByTestId('curriculum-title-ja').fill('鹿児島市 データ利活用研修Ⅱ（テスト）');
  await page.getByTestId('curriculum-id').fill('kagoshima-data-2');
  await page.getByTestId('curriculum-id').dispatchEvent('change');
  const lesson = page.getByTestId('lesson-outline').nth(1);
  await lesson.getByTestId('new-step-kind').selectOption('map-task');
  await lesson.getByTestId('add-step').click();
  await expect(page.getByTestId('step-editor')).toHaveAttribute('data-step-kind', 'map-task');
  await page.getByTestId('step-title-ja').fill('避難場所を地区ごとに数える');
  await page.getByTestId('key-field').fill('地区ID');
  await page.getByTestId('make-answer-map').click();

  // The answer map is made in the ordinary workshop.
  await expect(page.getByTestId('authoring-bar')).toBeVisible();
  await expect(page.getByTestId('layer-item')).toHaveCount(0);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await page.getByTestId('map-title-input').fill('地区別 指定緊急避難場所の数');
  await mapIdle(page);
  // Every district is drawn with its count (a district in several tiles is listed once per tile).
  const counted = new Set((await renderedFeatures(page, '-fill')).filter((p) => typeof p.件数 === 'number').map((p) => p.地区ID));
  expect(counted.size).toBe(districts.features.length);
  await page.getByTestId('record-answer').click();

  // Back in the editor: the checks were tried on the answer (pass) and on maps that must fail (fail).
  await expect(page.getByTestId('trial')).toHaveCount(4);
  for (const trial of await page.getByTestId('trial').all()) await expect(trial).toHaveAttribute('data-good', 'true');
  await expect(page.getByTestId('task-check').filter({ hasText: '面ごとの件数が正解と同じ' })).toContainText('地区ID');
  await page.screenshot({ path: 'test-results/author-map-task-ja.png' });
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('trials')).toContainText('An empty map');
  await page.screenshot({ path: 'test-results/author-map-task-en.png' });
  await page.getByTestId('language-switch').click();

  await lesson.getByTestId('new-step-kind').selectOption('quiz');
  await lesson.getByTestId('add-step').click();
  await page.getByTestId('step-title-ja').fill('件数の地図の読み方');
  await page.getByTestId('quiz-question-ja').fill('面積の大きい地区で件数が多いのはなぜか。');
  await lesson.getByTestId('new-step-kind').selectOption('triage');
  await lesson.getByTestId('add-step').click();
  await page.getByTestId('triage-name-ja').fill('指定緊急避難場所の一覧');
  await page.getByTestId('triage-answer').selectOption('open');
  await page.getByTestId('check-draft').click();
  await expect(page.getByTestId('draft-ok')).toBeVisible();
  await page.screenshot({ path: 'test-results/author-triage-ja.png' });

  // Preview as a trainee, then export the package.
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-author').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-draft').click();
  const packagePath = await (await download).path();
  const packageBytes = readFileSync(packagePath);
  await page.getByTestId('preview-draft').click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();

  // The city setup exports as one zip for IT to hand to every PC; it reads back as the same setup.
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-setup').click();
  const setupDownload = page.waitForEvent('download');
  await page.getByTestId('export-setup').click();
  const exportedSetup = readFileSync(await (await setupDownload).path());
  expect(unzipSync(new Uint8Array(exportedSetup))['setup.json']).toBeDefined();

  // A second PC: a fresh browser profile installs the lesson alone (it brings its data, their names and
  // 出典); the trainee works through it.
  const other = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP', acceptDownloads: true });
  const trainee = await other.newPage();
  const problems: string[] = [];
  trainee.on('pageerror', (e) => problems.push(e.message));
  await trainee.goto('/');
  await trainee.getByTestId('nav-instructor').click();
  await trainee.getByTestId('package-input').setInputFiles({ name: 'kagoshima-data-2.zip', mimeType: 'application/zip', buffer: packageBytes });
  await trainee.getByTestId('publish-package').click();
  await trainee.getByTestId('nav-lessons').click();
  await trainee.getByTestId('trainee-name').fill('鹿児島 花子');
  await trainee.locator('[data-curriculum-id="kagoshima-data-2"]').getByTestId('start-curriculum').click();
  await expect(trainee.getByTestId('lesson-panel')).toBeVisible();
  await trainee.getByTestId('lesson-select').selectOption({ index: 1 });
  await trainee.getByTestId('step-next').click();
  await expect(trainee.getByTestId('lesson-step')).toHaveAttribute('data-step-kind', 'map-task');
  await trainee.getByTestId('load-task-data').click();
  await expect(trainee.getByTestId('layer-item')).toHaveCount(2);
  // Wrong: the title only, nothing counted.
  await trainee.getByTestId('map-title-input').fill('地区別 指定緊急避難場所の数');
  await trainee.getByTestId('check-task').click();
  await expect(trainee.getByTestId('check-result').filter({ hasText: 'まだ「地区（近似）」ごとに集計していません' })).toBeVisible();
  await expect(trainee.getByTestId('lesson-step')).not.toHaveAttribute('data-passed', 'true');
  // Right: counted per district.
  await trainee.getByTestId('run-count').click();
  await trainee.getByTestId('check-task').click();
  const results = await trainee.getByTestId('check-result').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-passed')));
  expect(results.length).toBeGreaterThan(3);
  expect(results.every((r) => r === 'true')).toBe(true);
  await trainee.screenshot({ path: 'test-results/second-city-trainee-ja.png' });
  // The hand-in.
  await trainee.getByTestId('nav-lessons').click();
  const handIn = trainee.waitForEvent('download');
  await trainee.getByTestId('export-work').first().click();
  const workFile = readFileSync(await (await handIn).path());
  expect(problems).toEqual([]);
  await other.close();

  // The instructor reads the hand-in and makes its map an example; a manager opens it in 事例地図.
  await page.getByTestId('instructor-tab-work').click();
  await page.getByTestId('work-input').setInputFiles({ name: '鹿児島 花子.chizudojo.json', mimeType: 'application/json', buffer: workFile });
  await page.getByTestId('submission-row').filter({ hasText: '鹿児島 花子' }).getByTestId('submission-details').click();
  await page.getByTestId('show-task-map').first().click();
  await page.getByTestId('make-gallery-map').click();
  await page.getByTestId('example-question-ja').fill('避難場所が少ない地区はどこか。');
  await page.getByTestId('example-decision-ja').fill('避難場所を追加で指定する地区の候補を挙げる。');
  await page.getByTestId('example-caution-ja').fill('地区は近似の区域です。収容人数は考えていません。');
  await page.getByTestId('save-gallery-map').click();
  await expect(page.getByTestId('gallery-map-saved')).toBeVisible();
  await page.getByTestId('nav-gallery').click();
  await expect(page.getByTestId('gallery-card')).toHaveCount(1);
  await page.getByTestId('gallery-open').click();
  await expect(page.getByTestId('example-map')).toContainText('避難場所が少ない地区はどこか。');
  await expect(page.getByTestId('read-only-map')).toBeVisible();
  await page.screenshot({ path: 'test-results/second-city-gallery-ja.png' });

  // Checks that cannot tell a wrong map from the right one are a problem: with only 「出典がある」 left, the
  // map with the data only loaded passes too, and the lesson cannot be exported until it is mended.
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-author').click();
  await page.locator('[data-testid="outline-step"][data-step-id="map-1"]').click();
  while ((await page.getByTestId('task-check').count()) > 1) await page.getByTestId('task-check').first().getByTestId('remove-check').click();
  await expect(page.getByTestId('task-check')).toHaveAttribute('data-check-kind', 'sources-given');
  await page.getByTestId('retry-checks').click();
  await expect(page.locator('[data-testid="trial"][data-map="loaded-only"]')).toHaveAttribute('data-good', 'false');
  await expect(page.getByTestId('draft-problems')).toContainText('答え合わせが正しく判定していません');
  await expect(page.getByTestId('export-draft')).toBeDisabled();
});

test('the city setup survives a reload: its dictionary, a 300 MB PMTiles base map kept without reading it into memory, its default city and base layers', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await installSetup(page, setupZip());
  // A PMTiles file of 300 MB: the one-tile archive followed by 300 MB the reader never reads.
  const bigPath = testInfo.outputPath('big-300mb.pmtiles');
  const oneTile = readFileSync(new URL('../fixtures/in/one-tile.pmtiles', import.meta.url));
  const { openSync, writeSync, ftruncateSync, closeSync } = await import('node:fs');
  const fd = openSync(bigPath, 'w');
  writeSync(fd, oneTile);
  ftruncateSync(fd, 300 * 1024 * 1024);
  closeSync(fd);

  const cdp = await page.context().newCDPSession(page);
  const heapMB = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
  };
  const before = await heapMB();
  await page.getByTestId('setup-pmtiles-input').setInputFiles(bigPath);
  await expect(page.getByTestId('setup-pmtiles')).toContainText('big-300mb.pmtiles');
  const kept = await heapMB();

  await page.getByTestId('nav-workspace').click();
  await expect(page.getByTestId('base-map')).toHaveValue('pmtiles');
  const pmtilesDrawn = () =>
    page.evaluate(() => {
      const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
      return Boolean(map?.getLayer('base-pmtiles')) && map.isSourceLoaded('base-pmtiles');
    });
  await expect.poll(pmtilesDrawn).toBe(true);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  await page.reload();
  await expect(page.getByTestId('base-map')).toHaveValue('pmtiles');
  await expect(page.getByTestId('map-source')).toContainText('テスト用の背景地図（1 タイル）');
  await expect.poll(pmtilesDrawn).toBe(true);
  const cdpAfter = await page.context().newCDPSession(page);
  await cdpAfter.send('HeapProfiler.collectGarbage');
  const afterReload = (await cdpAfter.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
  console.log(`JS heap: ${before.toFixed(1)} MB before, ${kept.toFixed(1)} MB with the 300 MB PMTiles kept, ${afterReload.toFixed(1)} MB after reload, drawn`);
  // Read into memory, 300 MB would show in the heap: it is kept on disk and read in slices.
  expect(kept - before).toBeLessThan(50);
  expect(afterReload).toBeLessThan(100);

  // The rest of the setup is back too: base layers, default city and dictionary of address matching.
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item').nth(0)).toContainText('地区（近似）');
  await page.getByTestId('tab-prepare').click();
  await expect(page.getByTestId('default-city')).toHaveValue('鹿児島県鹿児島市');
  await expect(page.getByTestId('loaded-dictionary')).toContainText('kagoshima-towns-geolonia.csv');
});
