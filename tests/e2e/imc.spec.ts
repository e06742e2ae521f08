import { test, expect } from './fixtures';

test('fill an IMC row through the UI, make the map from it, and see it match the row', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('tab-imc').click();
  await page.getByTestId('imc-add').click();
  const row = page.getByTestId('imc-row').first();
  await row.getByTestId('imc-purpose').fill('小学校区単位で不審者出没数の傾向を見る');
  await row.getByTestId('imc-layer1').selectOption({ label: '不審者情報（架空データ）' });
  await expect(row.getByTestId('imc-layer1-geometry')).toHaveText('点');
  await row.getByTestId('imc-layer2').selectOption({ label: '小学校区（つくば市）' });
  await expect(row.getByTestId('imc-layer2-geometry')).toHaveText('面');
  await row.getByTestId('imc-processing').selectOption('count');
  await row.getByTestId('imc-processing-note').fill('箇所数を面で集計');
  await row.getByTestId('imc-title').fill('小学校区別不審者出没状況図');
  await row.getByTestId('imc-title').blur();
  // Before the map exists, the row says what is missing on it.
  await expect(page.locator('[data-testid="imc-hint"][data-code="layer-not-loaded"]')).toHaveCount(2);

  await row.getByTestId('imc-make').click();
  // The map is made from the row: layers loaded, count per district, title set; the view switches to it.
  await expect(page.getByTestId('map-title')).toHaveText('小学校区別不審者出没状況図');
  await expect(page.getByTestId('result-row')).toHaveCount(33);
  await expect(page.getByTestId('count-summary')).toContainText('420 件を 33 区に集計');
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('tab-imc').click();
  await expect(page.getByTestId('imc-hint')).toHaveCount(0);

  // Changing the map away from the row brings the hints back.
  await page.getByTestId('tab-map').click();
  await page.getByTestId('map-title-input').fill('不審者');
  await page.getByTestId('tab-imc').click();
  await expect(page.locator('[data-testid="imc-hint"][data-code="title-differs"]')).toBeVisible();
});

test('the worked examples ship ready: row 2 maps residents per evacuation site; a wished-for layer is explained', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('tab-imc').click();
  await page.getByTestId('imc-examples').click();
  await expect(page.getByTestId('imc-row')).toHaveCount(2);
  await expect(page.getByTestId('imc-title').first()).toHaveValue('小学校区別不審者出没状況図');
  await page.getByTestId('imc-row').nth(1).getByTestId('imc-make').click();
  await expect(page.getByTestId('map-title')).toHaveText('小学校区別 避難場所1か所あたり人口');
  await expect(page.getByTestId('style-field')).toHaveValue('施設1か所あたり人口');
  await expect(page.getByTestId('legend-class').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/imc-row2.png' });

  await page.getByTestId('tab-imc').click();
  await page.getByTestId('imc-add').click();
  const wish = page.getByTestId('imc-row').nth(2);
  await wish.getByTestId('imc-purpose').fill('防犯灯の整備状況と不審者情報を重ねる');
  await wish.getByTestId('imc-layer1').selectOption('wish');
  await wish.getByTestId('imc-layer1-wish').fill('防犯灯の位置');
  await wish.getByTestId('imc-layer1-wish').blur();
  await expect(page.locator('[data-testid="imc-hint"][data-code="wish"]')).toContainText('「防犯灯の位置」はまだないデータです');
  await page.screenshot({ path: 'test-results/imc-editor.png' });
  await wish.getByTestId('imc-make').click();
  await expect(page.getByTestId('notice-info')).toContainText('まだないデータ');

  // The IMC sheet prints with the map on one landscape page.
  await page.getByTestId('tab-map').click();
  await page.getByTestId('print-what').selectOption('imc');
  await page.evaluate(() => (window.print = () => undefined));
  await page.getByTestId('print').click();
  await expect(page.locator('.print-sheet img')).toHaveAttribute('src', /^blob:/);
  await expect(page.getByTestId('imc-sheet').locator('tbody tr')).toHaveCount(3);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/imc-print.png' });
});

test('an IMC row can buffer and count: reports within 500 m of each evacuation site', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('tab-imc').click();
  await page.getByTestId('imc-add').click();
  const row = page.getByTestId('imc-row').first();
  await row.getByTestId('imc-purpose').fill('避難場所の近くで起きた不審者情報を数える');
  await row.getByTestId('imc-layer1').selectOption({ label: '不審者情報（架空データ）' });
  await row.getByTestId('imc-layer2').selectOption({ label: '指定緊急避難場所（つくば市）' });
  await row.getByTestId('imc-processing').selectOption('buffer-count');
  await row.getByTestId('imc-distance').fill('500');
  await row.getByTestId('imc-distance').blur();
  await row.getByTestId('imc-title').fill('避難場所500m圏内の不審者情報件数');
  await row.getByTestId('imc-title').blur();
  await row.getByTestId('imc-make').click();
  await expect(page.getByTestId('map-title')).toHaveText('避難場所500m圏内の不審者情報件数');
  await expect(page.getByTestId('layer-item')).toHaveCount(3);
  await expect(page.getByTestId('layer-item').nth(2)).toContainText('（500m圏）');
  await expect(page.getByTestId('result-row')).toHaveCount(114);
});
