// The lesson screen on the usual office laptop (1366×768) and a large screen (1920×1080, in English): the
// verdict is seen after 確かめる in every map and IMC task, notices leave the map its room, the column being
// cleaned and the match results are in view, the triage is a table across the screen, a decision's example
// map takes more than half of it. Screenshots of each are kept in test-results/ to be looked at.
import type { Page } from '@playwright/test';
import { test, expect, openStep, startCurriculum } from './fixtures';

const LAPTOP = { width: 1366, height: 768 };

/** An element's box lies inside the viewport (fully: top and bottom). */
async function inView(page: Page, testId: string) {
  const box = await page.getByTestId(testId).first().boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + Math.min(box.height, 40) <= size.height && box.x >= 0 && box.x + box.width <= size.width + 1;
}

/** 確かめる with nothing done: the verdict and its first ✗ line are in view and have the focus. */
async function verdictSeen(page: Page, shot: string) {
  await page.getByTestId('check-task').click();
  await expect(page.getByTestId('task-not-yet')).toBeVisible();
  await expect.poll(() => inView(page, 'task-not-yet')).toBe(true);
  const firstFailed = page.locator('[data-testid="check-result"][data-passed="false"]').first();
  await expect(firstFailed).toBeInViewport();
  await expect(page.getByTestId('check-verdict')).toBeFocused();
  await page.screenshot({ path: `test-results/lesson-${shot}.png` });
}

test('Level Ⅱ at 1366×768: the verdict in view after 確かめる in every map and IMC task; notices, the cleaned column and the match results in view; the triage across the screen', async ({ page }) => {
  await startCurriculum(page, 'tsukuba-data-2', '受講 太郎', () => page.setViewportSize(LAPTOP));

  await openStep(page, 1, 1, 'imc-row');
  await verdictSeen(page, 'imc-row-ja');

  await openStep(page, 2, 2, 'clean-messy');
  await page.getByTestId('load-task-data').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(1);
  // The Excel table's notices: one line for the file, the map keeps its room.
  await expect(page.getByTestId('notices')).toBeVisible();
  const notices = await page.getByTestId('notices').boundingBox();
  expect(notices!.height).toBeLessThanOrEqual(LAPTOP.height * 0.15);
  await verdictSeen(page, 'clean-messy-ja');
  // In 表を整える the column a step works on is in view, even at the right of the table.
  await page.getByTestId('tab-prepare').click();
  await page.getByTestId('step-op').selectOption('to-number');
  await page.getByTestId('step-column').selectOption('収容人数');
  await expect(page.getByTestId('workbench-table').locator('th.picked').first()).toBeInViewport();
  await page.screenshot({ path: 'test-results/lesson-workbench-ja.png' });

  // The attribute table open: the map keeps more than half the height it had, and more than the table.
  await page.getByTestId('tab-map').click();
  const mapAlone = (await page.locator('.maplibregl-map').first().boundingBox())!.height;
  await page.getByTestId('layer-item').first().getByTestId('show-table').click();
  await expect(page.getByTestId('attribute-table')).toBeVisible();
  const map = await page.locator('.maplibregl-map').first().boundingBox();
  const table = await page.getByTestId('attribute-table').boundingBox();
  expect(map!.height).toBeGreaterThan(mapAlone / 2);
  expect(map!.height).toBeGreaterThan(table!.height);
  await page.getByTestId('attribute-table').getByRole('button', { name: '閉じる' }).click();

  await openStep(page, 2, 3, 'match-addresses');
  await verdictSeen(page, 'match-addresses-ja');
  await page.getByTestId('tab-map').click();
  await expect(page.getByTestId('address-column')).toHaveValue('住所');
  await page.getByTestId('run-address-match').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // The match results (added at the right end of the table) are brought into view in 表を整える.
  await page.getByTestId('tab-prepare').click();
  await expect(page.getByTestId('workbench-table').locator('th', { hasText: '一致レベル' }).last()).toBeInViewport();

  await openStep(page, 3, 0, 'map-from-imc');
  // Changing step right after the match saves both maps: no false "newer in another tab" that stops saving.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await verdictSeen(page, 'map-from-imc-ja');
  await openStep(page, 3, 2, 'map-small-numbers');
  await verdictSeen(page, 'map-small-numbers-ja');
  await openStep(page, 4, 2, 'publish-safely');
  await verdictSeen(page, 'publish-safely-ja');

  // The triage: a table across the screen, the map hidden; every dataset's row on the page without a box
  // that scrolls inside the panel sideways.
  await openStep(page, 4, 1, 'triage-ten');
  await expect(page.getByTestId('triage-table')).toBeVisible();
  await expect(page.locator('.maplibregl-map').first()).toBeHidden();
  const panel = await page.getByTestId('lesson-panel').boundingBox();
  expect(panel!.width).toBeGreaterThan(LAPTOP.width * 0.9);
  const fits = await page.getByTestId('triage-table').evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth);
  expect(fits).toBe(true);
  await expect(page.getByTestId('triage-item')).toHaveCount(10);
  await page.screenshot({ path: 'test-results/lesson-triage-ja.png' });
  await expect(page.getByTestId('save-status')).not.toHaveAttribute('data-status', 'failed');
  // Personal data marked open: the step's dot is not ✓.
  for (const item of await page.getByTestId('triage-item').all()) await item.getByTestId('triage-open').check();
  await page.getByTestId('triage-check').click();
  await expect(page.locator('[data-testid="step-dot"][aria-current="step"]')).toHaveAttribute('data-mark', 'tried');
  await expect(page.locator('[data-testid="step-dot"][aria-current="step"]')).not.toHaveText('✓');
});

test('Level Ⅰ at 1366×768: the verdict in view in its three map tasks', async ({ page }) => {
  await startCurriculum(page, 'tsukuba-data-1', '受講 花子', () => page.setViewportSize(LAPTOP));
  for (const [forward, id] of [[1, 'map-count'], [3, 'map-equal-interval'], [5, 'map-units']] as const) {
    await openStep(page, 2, forward, id);
    await verdictSeen(page, `l1-${id}-ja`);
  }
});

test('Level Ⅲ: a decision\'s example map takes more than half the screen and closes with the step; the 事例地図 cards', async ({ page }) => {
  for (const [size, locale] of [[LAPTOP, 'ja'], [{ width: 1920, height: 1080 }, 'en']] as const) {
    await startCurriculum(page, 'tsukuba-data-3', `管理 ${locale}`, () => page.setViewportSize(size));
    if (locale === 'en') await page.getByTestId('language-switch').click();
    await openStep(page, 1, 3, 'decide-street-lights');
    await page.getByTestId('open-example').first().click();
    await expect(page.getByTestId('example-map')).toBeVisible();
    const example = await page.getByTestId('read-only-map').boundingBox();
    expect(example!.width).toBeGreaterThanOrEqual(size.width / 2);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `test-results/lesson-decision-${size.width}-${locale}.png` });
    // The next step does not keep the previous step's example open.
    await page.getByTestId('step-next').click();
    await expect(page.getByTestId('example-map')).toBeHidden();

    await page.getByTestId('nav-gallery').click();
    await expect(page.getByTestId('gallery-card').first()).toBeVisible();
    await expect(page.locator('[data-testid="gallery-card"] img')).toHaveCount(4, { timeout: 60_000 });
    await page.screenshot({ path: `test-results/gallery-cards-${size.width}-${locale}.png` });
  }
});

test('Level Ⅱ at 1920×1080 in English: the tasks and the triage as a large screen shows them', async ({ page }) => {
  await startCurriculum(page, 'tsukuba-data-2', 'Trainee', () => page.setViewportSize({ width: 1920, height: 1080 }));
  await page.getByTestId('language-switch').click();
  for (const [lesson, forward, id] of [[1, 1, 'imc-row'], [2, 2, 'clean-messy'], [2, 3, 'match-addresses'], [3, 0, 'map-from-imc'], [3, 2, 'map-small-numbers'], [4, 2, 'publish-safely']] as const) {
    await openStep(page, lesson, forward, id);
    await verdictSeen(page, `${id}-1920-en`);
  }
  await openStep(page, 4, 1, 'triage-ten');
  await page.screenshot({ path: 'test-results/lesson-triage-1920-en.png' });
});
