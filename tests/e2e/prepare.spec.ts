import { readFileSync } from 'node:fs';
import { test, expect, renderedFeatures, dropFiles } from './fixtures';

// The 114 real evacuation sites (国土地理院) as a department keeps them: names and addresses, no coordinates.
const sites = JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-evacuation-sites.geojson', import.meta.url), 'utf8')).features as {
  properties: Record<string, string>;
}[];
const addressCsv = ['施設名,住所', ...sites.map((f) => `${f.properties['施設・場所名']},${f.properties['住所']}`)].join('\r\n');

test('a table with addresses only: the check says it has no coordinates, address matching maps it offline', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await dropFiles(page, [{ name: 'sites-addresses.csv', bytes: Buffer.from(addressCsv) }]);
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  const panel = page.getByTestId('prepare-panel');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('readability-issue').filter({ hasText: '位置（緯度・経度）の列がない' })).toBeVisible();
  await expect(panel.getByTestId('address-column')).toHaveValue('住所');
  await page.getByTestId('run-address-match').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('notice-info').filter({ hasText: '町字 113 件・市区町村 1 件・不一致 0 件' })).toBeVisible();
  await expect(page.getByTestId('notice-warning').filter({ hasText: 'さくらの森' })).toBeVisible();
  await expect.poll(async () => (await renderedFeatures(page, '-circle')).length).toBeGreaterThan(100);
  await page.screenshot({ path: 'test-results/prepare-address-match.png' });
  // The matched layer says where its places come from.
  await expect(page.getByTestId('layer-source').nth(1)).toHaveValue(/Geolonia 住所データ/);
});

test('the English screen names the same controls', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await dropFiles(page, [{ name: 'sites-addresses.csv', bytes: Buffer.from(addressCsv) }]);
  const panel = page.getByTestId('prepare-panel');
  await expect(panel.getByRole('heading', { name: 'Prepare data' })).toBeVisible();
  await expect(panel.getByTestId('readability-issue').filter({ hasText: 'No coordinate columns' })).toBeVisible();
  await expect(page.getByTestId('run-address-match')).toHaveText('Match addresses');
  await page.screenshot({ path: 'test-results/prepare-en.png' });
});
