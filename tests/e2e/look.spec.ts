import { test, expect } from './fixtures';

test('screenshot', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('legend-class').first()).toBeVisible();
  await page.getByTestId('map-title-input').fill('小学校区別不審者出没状況図');
  await page.waitForTimeout(2000);
  await page.screenshot({ path: 'test-results/look.png' });
});
