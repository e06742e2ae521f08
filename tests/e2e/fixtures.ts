import { test as base, expect, type Page } from '@playwright/test';
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Every test fails on a page error, a console error, or any request leaving the app's origin
 * (the app must work on an isolated office network).
 */
export const test = base.extend<{ problems: string[]; allowedOutside: string[] }>({
  /** Origins a test allows outside the app's own (only the online-maps test sets one). */
  allowedOutside: [[], { option: true }],
  problems: [
    async ({ page, baseURL, allowedOutside }, use) => {
      const problems: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      // The app must work under its Content-Security-Policy: any violation is a failure.
      await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
      page.on('console', (message) => {
        // The one request allowed to fail: the app asks whether the server has a city setup beside it
        // (city/setup.json); a server without one answers 404, which the browser logs.
        const probe = message.text().startsWith('Failed to load resource') && message.location().url.endsWith('/city/setup.json');
        if (message.type() === 'error' && !probe) problems.push(`console.error: ${message.text()}`);
      });
      page.on('request', (request) => {
        const url = request.url();
        const allowed = url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:') || allowedOutside.some((o) => url.startsWith(o));
        if (!allowed) problems.push(`outside request: ${url}`);
      });
      await use(problems);
      expect(problems, 'page errors, console errors and outside requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until MapLibre has drawn everything, then returns what it rendered in a layer. */
export async function renderedFeatures(page: Page, layerIdSuffix: string, mapId = 'main'): Promise<Record<string, unknown>[]> {
  await mapMade(page, mapId);
  // Polled from here rather than awaited in the page: a promise left waiting inside the page for the map's
  // 'idle' was now and then collected by the browser ("Resulting promise was garbage collected").
  await page.waitForFunction((id) => {
    const exposed = window as unknown as { __chizuDojoMap: MapLibreMap; __chizuDojoMaps: Record<string, MapLibreMap> };
    const map = id === 'main' ? exposed.__chizuDojoMap : exposed.__chizuDojoMaps[id]!;
    return map.loaded() && map.areTilesLoaded();
  }, mapId);
  return page.evaluate(([suffix, id]) => {
    const exposed = window as unknown as { __chizuDojoMap: MapLibreMap; __chizuDojoMaps: Record<string, MapLibreMap> };
    // The workshop's map, or one of the maps side by side ('panel-0'…).
    const map = id === 'main' ? exposed.__chizuDojoMap : exposed.__chizuDojoMaps[id]!;
    // Layers of the exercise's data, not of the base map.
    const layers = map.getStyle().layers.filter((l) => l.id.endsWith(suffix) && !l.id.startsWith('base-')).map((l) => l.id);
    return map.queryRenderedFeatures({ layers }).map((f) => f.properties);
  }, [layerIdSuffix, mapId] as const);
}

/**
 * The values of the mapped column as the map draws them: from each feature's properties (a GeoJSON
 * layer) or its feature state (areas drawn from tiles carry their value there, style.ts VALUE_STATE).
 */
export async function renderedValues(page: Page, layerIdSuffix: string, field: string): Promise<number[]> {
  await renderedFeatures(page, layerIdSuffix);
  return page.evaluate(([suffix, name]) => {
    const map = (window as unknown as { __chizuDojoMap: MapLibreMap }).__chizuDojoMap;
    const layers = map.getStyle().layers.filter((l) => l.id.endsWith(suffix) && !l.id.startsWith('base-')).map((l) => l.id);
    return map.queryRenderedFeatures({ layers }).map((f) => Number(f.properties[name] ?? (f.state as { value?: unknown }).value)).filter(Number.isFinite);
  }, [layerIdSuffix, field] as const);
}

/** Drops files on the page as a user dragging them from the desktop would. */
export async function dropFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const encoded = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    return transfer;
  }, encoded);
  await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

/** Resolves once the map has drawn everything it has (at once when it already has). */
/**
 * Waits until the map exists (window.__chizuDojoMap, or a side-by-side map by its id): it is made once the
 * page has shown and laid out its frame, so after the lists beside it may already be there.
 */
export async function mapMade(page: Page, mapId = 'main'): Promise<void> {
  await page.waitForFunction((id) => {
    const exposed = window as unknown as { __chizuDojoMap?: unknown; __chizuDojoMaps?: Record<string, unknown> };
    return id === 'main' ? exposed.__chizuDojoMap : exposed.__chizuDojoMaps?.[id];
  }, mapId);
}

export async function mapIdle(page: Page): Promise<void> {
  await mapMade(page);
  await page.waitForFunction(() => {
    const map = (window as unknown as { __chizuDojoMap: MapLibreMap }).__chizuDojoMap;
    return map.loaded() && map.areTilesLoaded();
  });
}

/** Starts the curriculum `curriculumId` as `trainee` from the lessons page (after `before`, e.g. a viewport). */
export async function startCurriculum(page: Page, curriculumId: string, trainee: string, before?: () => Promise<void>): Promise<void> {
  await page.goto('/');
  await before?.();
  await page.getByTestId('nav-lessons').click();
  await page.getByTestId('trainee-name').fill(trainee);
  await page.locator(`[data-curriculum-id="${curriculumId}"]`).getByTestId('start-curriculum').click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
}

/** Opens lesson `lesson` (from 0) and goes `forward` steps on, to the step `id`. */
export async function openStep(page: Page, lesson: number, forward: number, id: string): Promise<void> {
  await page.getByTestId('lesson-select').selectOption({ index: lesson });
  for (let i = 0; i < forward; i++) await page.getByTestId('step-next').click();
  await expect(page.getByTestId('lesson-step')).toHaveAttribute('data-step-id', id);
}
