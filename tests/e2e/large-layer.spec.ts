import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, Polygon } from 'geojson';
import { test, expect, mapMade, renderedFeatures } from './fixtures';
import { makeLargeCsv } from '../../bench/make-large-csv';

const ROWS = 60_000;
const districts = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon>;

/** Independent oracle: turf, each point in the first district that contains it. */
function countsWithTurf(csv: Uint8Array): number[] {
  const counts = districts.features.map(() => 0);
  for (const line of new TextDecoder().decode(csv).split('\n').slice(1)) {
    const cells = line.split(',');
    if (cells.length < 5) continue;
    const point = [Number(cells[4]), Number(cells[3])];
    const owner = districts.features.findIndex((d) => booleanPointInPolygon(point, d));
    if (owner !== -1) counts[owner]!++;
  }
  return counts;
}

test('a 60,000-row CSV is drawn from tiles the worker makes, counted per district as turf counts, and drawn again after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const csv = makeLargeCsv(ROWS);
  await page.goto('/');
  // Served cross-origin isolated (as `npm start` serves it): the worker and the page share the table.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('file-input').setInputFiles({ name: 'large-reports.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('layer-item').nth(2)).toContainText('60000');

  // Drawn from a vector source (not a GeoJSON object per row), and the map really shows points.
  await mapMade(page);
  const sourceTypes = () => page.evaluate(() => (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap.getStyle().layers.filter((l) => l.id.endsWith('-circle')).map((l) => (l as { source: string }).source).map((id) => (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap.getSource(id)!.type));
  await expect.poll(sourceTypes).toEqual(['geojson', 'vector']);
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBeGreaterThan(1000);

  // Counted per district: the same numbers as turf gives, in the result table.
  await page.getByTestId('point-layer-select').selectOption({ label: 'large-reports' });
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('result-row')).toHaveCount(33);
  const shown = (await page.getByTestId('result-count').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  expect(shown).toEqual(countsWithTurf(csv).sort((a, b) => b - a));
  await expect(page.getByTestId('count-summary')).toBeVisible();

  // The attribute table shows a page of rows, not all 60,000.
  await page.getByTestId('show-table').nth(2).click();
  await expect(page.getByTestId('attribute-row')).toHaveCount(200);
  await expect(page.getByTestId('attribute-table')).toContainText('60000');
  // Sorted in the worker: by number (R0 … R59999, numeric collation), descending on the second click.
  const header = page.getByTestId('attribute-table').getByTestId('column-header').filter({ hasText: '番号' });
  await header.click();
  await header.click();
  await expect(page.getByTestId('attribute-row').first()).toContainText('R59999');
  await expect(page.getByTestId('table-sorting')).toHaveCount(0);
  await page.getByTestId('attribute-table').getByRole('button', { name: '閉じる' }).click();

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBeGreaterThan(1000);
  await expect(page.getByTestId('result-row')).toHaveCount(33);

  // Coloured by category: the tiles now carry 種別 (only the mapped column), and four colours show.
  await page.getByTestId('style-kind').selectOption('categories');
  await page.getByTestId('style-layer').selectOption({ label: 'large-reports' });
  await page.getByTestId('style-field').selectOption('種別');
  const tiledKinds = () =>
    page.evaluate(async () => {
      const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
      if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
      const layers = map.getStyle().layers.filter((l) => 'source' in l && map.getSource(l.source)?.type === 'vector').map((l) => l.id);
      return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties.種別)))].sort();
    });
  await expect.poll(tiledKinds).toEqual(['その他', 'つきまとい', '声かけ', '露出']);
  await expect(page.getByTestId('legend-category')).toHaveCount(4);

  // The finished map exports as a high-resolution PNG with the tiled layer on it.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png-hires').click()]);
  const png = readFileSync((await download.path())!);
  const canvas = await page.evaluate(() => (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap.getCanvas().width);
  expect(png.readUInt32BE(16)).toBe(canvas * 3);
  await page.screenshot({ path: 'test-results/large-layer.png' });
});
