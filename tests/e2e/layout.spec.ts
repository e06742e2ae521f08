import type { Page } from '@playwright/test';
import { test, expect, mapMade } from './fixtures';

/**
 * The screens a trainee works in, at the usual office laptop (1366×768) and full HD, in both languages:
 * the step's buttons in view, the IMC row's fields and its button reachable, the map's data clear of
 * its legend and title. Screenshots are written to test-results/layout-*.png to be looked at.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function startLevel2(page: Page, locale: 'ja' | 'en') {
  await page.addInitScript((l) => localStorage.setItem('chizu-dojo.locale', l), locale);
  await page.goto('/');
  await page.getByTestId('nav-lessons').click();
  await page.getByTestId('trainee-name').fill('Layout');
  await page.locator('[data-curriculum-id="tsukuba-data-2"]').getByTestId('start-curriculum').click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
}

/** The screen box of the fitted layers' extent, and of the legend and title drawn over the map. */
const boxes = (page: Page) =>
  page.evaluate(`(() => {
    const map = window.__chizuDojoMap;
    const frame = map.getContainer().getBoundingClientRect();
    const ids = map.getStyle().layers.filter((l) => l.id.endsWith('-fill')).map((l) => l.source);
    const features = map.querySourceFeatures(ids[0]);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const f of features) for (const ring of f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()) for (const c of ring) {
      const p = map.project(c);
      minX = Math.min(minX, p.x + frame.left); maxX = Math.max(maxX, p.x + frame.left); minY = Math.min(minY, p.y + frame.top); maxY = Math.max(maxY, p.y + frame.top);
    }
    const box = (el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
    return { data: { left: minX, right: maxX, top: minY, bottom: maxY }, legend: box(document.querySelector('[data-testid="legend"]')), title: box(document.querySelector('[data-testid="map-title"]')), frame: box(map.getContainer()) };
  })()`) as Promise<Record<'data' | 'legend' | 'title' | 'frame', { left: number; right: number; top: number; bottom: number }>>;

const overlaps = (a: { left: number; right: number; top: number; bottom: number }, b: typeof a) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

for (const size of SIZES) {
  for (const locale of ['ja', 'en'] as const) {
    test(`layout ${size.width}×${size.height} (${locale}): IMC form, lesson buttons in view, map clear of legend and title`, async ({ page }) => {
      await page.setViewportSize(size);
      await startLevel2(page, locale);
      const name = `${size.width}x${size.height}-${locale}`;

      // ワーク① with the worked examples: every field of a row and its button can be reached.
      await page.getByTestId('lesson-select').selectOption({ index: 1 });
      await page.getByTestId('step-next').click();
      await expect(page.getByTestId('imc-editor')).toBeVisible();
      await page.getByTestId('imc-examples').click();
      const row = page.getByTestId('imc-row').first();
      for (const id of ['imc-purpose', 'imc-processing', 'imc-title', 'imc-make']) {
        // The rows are drawn again with the examples filled in: measure once the field is on screen.
        await expect(row.getByTestId(id)).toBeVisible();
        const box = (await row.getByTestId(id).boundingBox())!;
        const editor = (await page.getByTestId('imc-editor').boundingBox())!;
        expect(box.x + box.width, `${id} within the chart's width`).toBeLessThanOrEqual(editor.x + editor.width + 1);
      }
      await expect(page.getByTestId('check-task')).toBeInViewport();
      await page.screenshot({ path: `test-results/layout-imc-${name}.png` });

      // ワーク③ counted: the data fitted clear of the legend and the title; the step's buttons in view.
      await page.getByTestId('lesson-select').selectOption({ index: 3 });
      await page.getByTestId('load-task-data').click();
      await expect(page.getByTestId('layer-item')).toHaveCount(2);
      await page.getByTestId('run-count').click();
      await expect(page.getByTestId('count-summary')).toBeVisible();
      await expect(page.getByTestId('legend-class')).toHaveCount(5);
      await expect(page.getByTestId('check-task')).toBeInViewport();
      await expect(page.getByTestId('load-task-data')).toBeInViewport();
      await mapMade(page);
      await expect.poll(async () => {
        const b = await boxes(page);
        return Number.isFinite(b.data.left) && !overlaps(b.data, b.legend) && !overlaps(b.data, b.title) && b.data.left >= b.frame.left && b.data.bottom <= b.frame.bottom;
      }).toBe(true);
      // The legend folds to its heading (the source stays).
      await page.getByTestId('legend-fold').click();
      await expect(page.getByTestId('legend-class').first()).toBeHidden();
      await expect(page.getByTestId('map-source')).toBeVisible();
      await page.getByTestId('legend-fold').click();
      await page.screenshot({ path: `test-results/layout-map-${name}.png` });

      // The triage: the check button stays in view below a long list.
      await page.getByTestId('lesson-select').selectOption({ index: 4 });
      await page.getByTestId('step-next').click();
      await expect(page.getByTestId('triage-item')).toHaveCount(10);
      await expect(page.getByTestId('triage-check')).toBeInViewport();
      await page.screenshot({ path: `test-results/layout-triage-${name}.png` });
    });
  }
}

test('the map fits its data again when the window grows', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await mapMade(page);
  const zoom = () => page.evaluate('window.__chizuDojoMap.getZoom()') as Promise<number>;
  await expect.poll(zoom).toBeGreaterThan(9);
  const before = await zoom();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(zoom).toBeGreaterThan(before + 0.3);
});

test('the page is first shown with the fonts its text needs, on a first visit and on reload', async ({ page }) => {
  // Records, the moment the app is first shown, whether every character on screen has its font loaded
  // (laid out before, the text is shaped with fallback fonts first: slow, and it flashes).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const app = document.getElementById('app');
      if (!app || app.hidden || !app.firstChild) return;
      observer.disconnect();
      // (check() is true too for a family the page never declared: the app's own subsets must be among those loaded.)
      const ownLoaded = [...document.fonts].some((face) => face.family.replace(/"/g, '') === 'Noto Sans JP' && face.status === 'loaded');
      (window as unknown as { __shownWithFonts: boolean }).__shownWithFonts = ownLoaded && document.fonts.check('14px "Noto Sans JP"', app.innerText);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
  });
  const shownWithFonts = () =>
    page.waitForFunction(() => (window as unknown as { __shownWithFonts?: boolean }).__shownWithFonts !== undefined).then(() => page.evaluate(() => (window as unknown as { __shownWithFonts: boolean }).__shownWithFonts));
  await page.goto('/');
  expect(await shownWithFonts()).toBe(true);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  expect(await shownWithFonts()).toBe(true);
  await expect(page.getByTestId('layer-item').first()).toContainText('小学校区（つくば市）');
});
