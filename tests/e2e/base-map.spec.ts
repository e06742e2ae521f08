import { readFileSync } from 'node:fs';
import { test, expect, mapMade } from './fixtures';

const GSI = 'https://cyberjapandata.gsi.go.jp/';
// A 1×1 PNG stands in for the GSI tiles (this machine has no internet, like an LGWAN office PC).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

test.describe('online maps allowed for this test only', () => {
  test.use({ allowedOutside: [GSI] });

  test('地理院タイル are requested only after the user turns online maps on, with their attribution', async ({ page }) => {
    const tileRequests: string[] = [];
    await page.route(`${GSI}**`, (route) => {
      tileRequests.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'image/png', body: PNG });
    });
    await page.goto('/');
    await page.getByTestId('load-sample').click();
    await expect(page.getByTestId('layer-item')).toHaveCount(2);

    await page.getByTestId('base-map').selectOption('gsi');
    await expect(page.getByTestId('online-off-note')).toBeVisible();
    await page.waitForTimeout(1000);
    expect(tileRequests).toEqual([]);
    await expect(page.getByTestId('map-source')).not.toContainText('地理院タイル');

    await page.getByTestId('online-maps').check();
    await expect.poll(() => tileRequests.length).toBeGreaterThan(0);
    expect(tileRequests.every((u) => /^https:\/\/cyberjapandata\.gsi\.go\.jp\/xyz\/std\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
    await expect(page.getByTestId('map-source')).toContainText('地理院タイル（国土地理院）');

    // The choice is remembered for this browser; turning it off stops the requests.
    await page.reload();
    await expect(page.getByTestId('online-maps')).toBeChecked();
    await page.getByTestId('online-maps').uncheck();
    const before = tileRequests.length;
    await page.getByTestId('map-title-input').fill('オフライン');
    await page.waitForTimeout(1000);
    expect(tileRequests.length).toBe(before);
  });
});

test('offline by default: the plain and city base maps make no request outside the app', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('online-maps')).not.toBeChecked();
  await page.getByTestId('base-map').selectOption('plain');
  await expect(page.getByTestId('map-source')).not.toContainText('背景');
  await page.getByTestId('base-map').selectOption('city');
  await expect(page.getByTestId('map-source')).toContainText('つくば市域');
  // The fixture fails the test on any request outside the app's origin.
});

test('a PMTiles base map from disk is drawn offline; a wrong file is refused; after a reload it is asked for again', async ({ page }) => {
  await page.goto('/');
  const pmtiles = readFileSync(new URL('../fixtures/in/one-tile.pmtiles', import.meta.url));
  await page.getByTestId('pmtiles-input').setInputFiles({ name: 'bad.pmtiles', mimeType: 'application/octet-stream', buffer: Buffer.from('not a pmtiles file at all, just text') });
  await expect(page.getByTestId('notice-error')).toHaveAttribute('data-code', 'pmtiles-invalid');
  await expect(page.getByTestId('notice-error')).toContainText('bad.pmtiles は PMTiles として読めません');

  await page.getByTestId('pmtiles-input').setInputFiles({ name: 'one-tile.pmtiles', mimeType: 'application/octet-stream', buffer: pmtiles });
  await expect(page.getByTestId('base-map')).toHaveValue('pmtiles');
  await expect(page.getByTestId('map-source')).toContainText('テスト用の背景地図（1 タイル）');
  await mapMade(page);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const map = (window as unknown as { __chizuDojoMap: import('maplibre-gl').Map }).__chizuDojoMap;
        return Boolean(map.getLayer('base-pmtiles')) && map.isSourceLoaded('base-pmtiles');
      }),
    )
    .toBe(true);

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('pmtiles-reopen')).toBeVisible();
  await expect(page.getByTestId('map-source')).toContainText('つくば市域');
});
