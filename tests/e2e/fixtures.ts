import { test as base, expect, type Page } from '@playwright/test';
import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Every test fails on a page error, a console error, or any request leaving the app's origin
 * (the app must work on an isolated office network).
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page, baseURL }, use) => {
      const problems: string[] = [];
      const origin = new URL(baseURL!).origin;
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
      });
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`outside request: ${url}`);
      });
      await use(problems);
      expect(problems, 'page errors, console errors and outside requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until MapLibre has drawn everything, then returns what it rendered in a layer. */
export async function renderedFeatures(page: Page, layerIdSuffix: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(async (suffix) => {
    const map = (window as unknown as { __chizuDojoMap: MapLibreMap }).__chizuDojoMap;
    if (!map.loaded() || !map.areTilesLoaded()) await new Promise((resolve) => map.once('idle', resolve));
    // Layers of the exercise's data, not of the base map.
    const layers = map.getStyle().layers.filter((l) => l.id.endsWith(suffix) && !l.id.startsWith('base-')).map((l) => l.id);
    return map.queryRenderedFeatures({ layers }).map((f) => f.properties);
  }, layerIdSuffix);
}
