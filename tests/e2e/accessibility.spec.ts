import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { test, expect, dropFiles } from './fixtures';

const shapefileDir = new URL('../fixtures/in/evacuation-zone9-cp932/', import.meta.url);
/** The zone IX shapefile without its .prj: importing it opens the dialog asking for the zone. */
const shapefileWithoutPrj = () => readdirSync(shapefileDir).filter((n) => !n.endsWith('.prj')).map((name) => ({ name, bytes: readFileSync(new URL(name, shapefileDir)) }));

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now, in words a developer can act on. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

test('axe finds no serious violations on the main views', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  await page.getByTestId('exercises-panel').locator('summary').click();
  expect(await seriousViolations(page), 'map workshop').toEqual([]);

  await page.getByTestId('tab-imc').click();
  await page.getByRole('button', { name: '研修の例を追加' }).first().click();
  expect(await seriousViolations(page), 'IMC chart').toEqual([]);

  // The import dialog, asking for the coordinate zone of a shapefile without .prj.
  await page.getByTestId('tab-map').click();
  await dropFiles(page, shapefileWithoutPrj());
  await expect(page.getByTestId('import-review')).toBeVisible();
  expect(await seriousViolations(page), 'import dialog').toEqual([]);
  await page.getByTestId('review-accept').click();

  await page.getByTestId('nav-lessons').click();
  expect(await seriousViolations(page), 'lessons').toEqual([]);
  await page.getByTestId('trainee-name').fill('検証');
  await page.locator('[data-curriculum-id="tsukuba-data-2"]').getByTestId('start-curriculum').click();
  expect(await seriousViolations(page), 'lesson runner: survey').toEqual([]);
  await page.getByTestId('lesson-select').selectOption({ index: 4 });
  await page.getByTestId('step-next').click();
  expect(await seriousViolations(page), 'lesson runner: triage').toEqual([]);

  await page.getByTestId('nav-instructor').click();
  expect(await seriousViolations(page), 'instructor').toEqual([]);

  await page.getByTestId('nav-gallery').click();
  expect(await seriousViolations(page), 'gallery').toEqual([]);
  await page.getByTestId('gallery-open').first().click();
  await expect(page.getByTestId('read-only-map')).toBeVisible();
  expect(await seriousViolations(page), 'example map').toEqual([]);

  // A manager's decision, with an example map open beside the lesson.
  await page.getByTestId('nav-lessons').click();
  await page.locator('[data-curriculum-id="tsukuba-data-3"]').getByTestId('start-curriculum').click();
  await page.getByTestId('lesson-select').selectOption({ index: 1 });
  for (let i = 0; i < 3; i++) await page.getByTestId('step-next').click();
  await page.getByTestId('open-example').first().click();
  await expect(page.getByTestId('example-map')).toBeVisible();
  expect(await seriousViolations(page), 'lesson runner: decision').toEqual([]);
});

test('the map workshop can be used with the keyboard alone, with a visible focus', async ({ page }) => {
  await page.goto('/');
  // Tab from the start of the page to the sample button and press Enter.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.getByTestId('load-sample').evaluate((el) => el === document.activeElement)) break;
  }
  const outline = await page.getByTestId('load-sample').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  // The import dialog takes the focus, and Escape cancels it.
  await dropFiles(page, shapefileWithoutPrj());
  await expect(page.getByTestId('import-review')).toBeVisible();
  expect(await page.getByTestId('import-review').evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-review')).toBeHidden();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  // Pages switch from the keyboard too.
  await page.getByTestId('nav-gallery').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('gallery-card')).toHaveCount(4);
});
