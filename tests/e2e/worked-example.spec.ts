import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { Page } from '@playwright/test';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import { test, expect, renderedFeatures, dropFiles } from './fixtures';

// The worked example of the IMC chart, row 1: count suspicious-person reports (点) per elementary-school
// district (面) and map them as 小学校区別不審者出没状況図.
const TITLE = '小学校区別不審者出没状況図';
const sampleDir = new URL('../../public/sample-data/', import.meta.url);
const districtsText = readFileSync(new URL('tsukuba-school-districts.geojson', sampleDir), 'utf8');
const reportsText = readFileSync(new URL('fictional-suspicious-person-reports.csv', sampleDir), 'utf8');
const districts = JSON.parse(districtsText) as FeatureCollection<Polygon, { 学区名: string }>;

/** Expected counts, computed independently of the app: turf on the CSV's 緯度/経度 columns. */
const expectedCounts: Map<string, number> = (() => {
  const [header, ...lines] = reportsText.trim().split(/\r?\n/);
  const columns = header!.split(',');
  const lat = columns.indexOf('緯度'), lon = columns.indexOf('経度');
  const counts = new Map(districts.features.map((d) => [d.properties.学区名, 0]));
  for (const line of lines) {
    const cells = line.split(',');
    const point: Point = { type: 'Point', coordinates: [Number(cells[lon]), Number(cells[lat])] };
    const owner = districts.features.find((d) => booleanPointInPolygon(point, d));
    if (owner) counts.set(owner.properties.学区名, counts.get(owner.properties.学区名)! + 1);
  }
  return counts;
})();

async function shownCounts(page: Page): Promise<Map<string, number>> {
  const rows = await page.getByTestId('result-row').evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent!.trim(), Number(tr.children[1]!.textContent)] as const));
  return new Map(rows);
}

async function expectFinishedMap(page: Page) {
  // Every district's count in the results table equals the independent computation.
  await expect(page.getByTestId('result-row')).toHaveCount(33);
  expect(await shownCounts(page)).toEqual(expectedCounts);
  await expect(page.getByTestId('count-summary')).toContainText('420 件を 33 区に集計');
  // Five quantile classes that together hold all 33 districts, in ascending, non-overlapping ranges.
  const ranges = await page.getByTestId('legend-range').allTextContents();
  expect(ranges).toHaveLength(5);
  const bounds = ranges.map((r) => r.split('–').map((n) => Number(n.trim())));
  for (let i = 1; i < bounds.length; i++) expect(bounds[i]![0]!).toBeGreaterThan(bounds[i - 1]!.at(-1)!);
  const values = [...expectedCounts.values()];
  expect(bounds[0]![0]).toBe(Math.min(...values));
  expect(bounds.at(-1)!.at(-1)).toBe(Math.max(...values));
  const perClass = await page.getByTestId('legend-class').evaluateAll((lis) => lis.map((li) => Number(/（(\d+)/.exec(li.textContent!)![1])));
  expect(perClass.reduce((a, b) => a + b, 0)).toBe(33);
  await expect(page.getByTestId('map-title')).toHaveText(TITLE);
  await expect(page.getByTestId('map-source')).toContainText('国土数値情報（小学校区データ）');
  await expect(page.getByTestId('map-source')).toContainText('架空データ');
  // The map really drew the districts with their counts.
  // The map draws asynchronously (its own worker), so poll until all districts are on it.
  // The counts arrive with the source's new data, after the districts themselves may already be drawn.
  const drawnCounts = async () => Object.fromEntries((await renderedFeatures(page, '-fill')).map((p) => [p.学区名, p.件数]));
  await expect.poll(drawnCounts).toEqual(Object.fromEntries(expectedCounts));
}

test('one click loads the sample; the count runs in a worker; the finished map survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('layers-empty')).toBeVisible();
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('layer-item').nth(0)).toContainText('小学校区（つくば市）');
  await expect(page.getByTestId('layer-item').nth(1)).toContainText('不審者情報（架空データ）');

  await page.getByTestId('run-count').click();
  await page.getByTestId('map-title-input').fill(TITLE);
  await expectFinishedMap(page);
  await page.screenshot({ path: 'test-results/worked-example.png' });

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const viewBefore = await page.evaluate(() => {
    const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
    return { center: map.getCenter().toArray(), zoom: map.getZoom() };
  });
  await page.reload();
  await expectFinishedMap(page);
  await expect(page.getByTestId('map-title-input')).toHaveValue(TITLE);
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  const viewAfter = await page.evaluate(() => {
    const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
    return { center: map.getCenter().toArray(), zoom: map.getZoom() };
  });
  expect(viewAfter.zoom).toBeCloseTo(viewBefore.zoom, 2);
  expect(viewAfter.center[0]).toBeCloseTo(viewBefore.center[0]!, 4);
  expect(viewAfter.center[1]).toBeCloseTo(viewBefore.center[1]!, 4);
});

test('dropping the two files gives the same map; a bad file is refused and loses nothing', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [
    { name: 'tsukuba-school-districts.geojson', bytes: Buffer.from(districtsText) },
    { name: 'fictional-suspicious-person-reports.csv', bytes: Buffer.from(reportsText) },
  ]);
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await page.getByTestId('map-title-input').fill(TITLE);
  await expectFinishedMap(page);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  await dropFiles(page, [{ name: '壊れた.geojson', bytes: Buffer.from('{"type": "FeatureCollection", "features": [') }]);
  const error = page.getByTestId('notice-error');
  await expect(error).toHaveAttribute('data-code', 'invalid-json');
  await expect(error).toContainText('壊れた.geojson は JSON として読めません');
  // One language at a time; the other on demand (to pass the message on).
  await expect(page.getByTestId('notices')).not.toContainText('is not valid JSON');
  await page.getByTestId('notice-group').filter({ hasText: '壊れた.geojson' }).getByTestId('notice-more').click();
  await page.getByTestId('notice-other-language').click();
  await expect(error).toContainText('壊れた.geojson is not valid JSON');
  await expect(page.getByTestId('layer-item')).toHaveCount(2);

  await page.reload();
  await expectFinishedMap(page);
});

test('the file chooser loads files, and the UI switches to English and back', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('file-input').setInputFiles([
    { name: 'districts.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(districtsText) },
    { name: 'reports.csv', mimeType: 'text/csv', buffer: Buffer.from(reportsText) },
  ]);
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('result-row')).toHaveCount(33);
  expect(await shownCounts(page)).toEqual(expectedCounts);

  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('run-count')).toHaveText('Count per polygon');
  await expect(page.getByTestId('count-summary')).toContainText('Counted 420 points in 33 areas');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: 'test-results/english.png' });
  await page.reload();
  await expect(page.getByTestId('run-count')).toHaveText('Count per polygon');
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('run-count')).toHaveText('面ごとに数える');
});

test('a click on the map shows the clicked area’s or report’s own values, the count first; a click on no feature or the close button hides them', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await page.getByTestId('map-title-input').fill(TITLE);
  await expectFinishedMap(page);
  // A pixel over a district with no report within 6 px, one over no district, and a report's own pixel,
  // with what the map drew there.
  const targets = await page.evaluate(() => {
    const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
    const ids = (suffix: string) => map.getStyle().layers.filter((l) => l.id.endsWith(suffix) && !l.id.startsWith('base-')).map((l) => l.id);
    const canvas = map.getCanvas();
    let area: { x: number; y: number; name: unknown; count: unknown } | null = null;
    let empty: { x: number; y: number } | null = null;
    for (let y = 100; y < canvas.clientHeight - 100; y += 23) {
      for (let x = 100; x < canvas.clientWidth - 100; x += 23) {
        const fills = map.queryRenderedFeatures([[x - 6, y - 6], [x + 6, y + 6]], { layers: ids('-fill') });
        const circles = map.queryRenderedFeatures([[x - 6, y - 6], [x + 6, y + 6]], { layers: ids('-circle') });
        if (circles.length > 0) continue;
        if (!empty && fills.length === 0) empty = { x, y };
        const under = map.queryRenderedFeatures([x, y], { layers: ids('-fill') });
        if (!area && under.length > 0) area = { x, y, name: under[0]!.properties.学区名, count: under[0]!.properties.件数 };
      }
    }
    const report = map.queryRenderedFeatures({ layers: ids('-circle') })[0]!;
    const at = map.project((report.geometry as GeoJSON.Point).coordinates as [number, number]);
    return { area, empty, report: { x: at.x, y: at.y, properties: report.properties } };
  });
  expect(targets.area).not.toBeNull();
  expect(targets.empty).not.toBeNull();
  const map = page.getByTestId('map');
  await map.click({ position: { x: targets.area!.x, y: targets.area!.y } });
  const card = page.getByTestId('identify');
  await expect(card).toContainText('小学校区（つくば市）');
  await expect(card.locator('dd[data-column="学区名"]')).toHaveText(String(targets.area!.name));
  await expect(card.locator('dd[data-column="件数"]')).toHaveText(String(targets.area!.count));
  await expect(card.locator('dt').first()).toHaveText('件数');
  await page.screenshot({ path: 'test-results/identify.png' });

  await map.click({ position: { x: targets.report.x, y: targets.report.y } });
  await expect(card).toContainText('不審者情報（架空データ）');
  const [column, value] = Object.entries(targets.report.properties).find(([, v]) => typeof v === 'string' && v !== '')!;
  await expect(card.locator(`dd[data-column="${column}"]`)).toHaveText(String(value));

  await map.click({ position: targets.empty! });
  await expect(card).toHaveCount(0);
  await map.click({ position: { x: targets.area!.x, y: targets.area!.y } });
  await expect(card).toContainText('小学校区（つくば市）');
  await page.getByTestId('identify-close').click();
  await expect(card).toHaveCount(0);
});
