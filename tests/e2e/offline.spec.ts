import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test, expect, renderedFeatures } from './fixtures';

// The built app on a plain static server under a sub-path, as an office intranet would serve it.
const PORT = 4180;
const BASE = '/office/chizu-dojo/';
const ORIGIN = `http://127.0.0.1:${PORT}`;
const dist = new URL('../../dist/', import.meta.url).pathname;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.geojson': 'application/geo+json', '.csv': 'text/csv', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.wasm': 'application/wasm' };

/**
 * Serves dist/; `editServiceWorker` lets a test publish a "new build" by changing sw.js; `cityDir` is a city
 * setup folder served as `city/` beside the app, as IT would put it there.
 */
function serveDist(editServiceWorker: (text: string) => string = (text) => text, cityDir?: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', ORIGIN);
    const relative = url.pathname.startsWith(BASE) ? decodeURIComponent(url.pathname.slice(BASE.length)) || 'index.html' : null;
    try {
      if (relative === null || relative.split('/').includes('..')) throw new Error('outside');
      const city = cityDir && relative.startsWith('city/');
      let body: Buffer | string = await readFile(city ? path.join(cityDir, relative.slice(5)) : path.join(dist, relative));
      if (relative === 'sw.js') body = editServiceWorker(body.toString('utf8'));
      response.writeHead(200, { 'content-type': TYPES[path.extname(relative)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(PORT, '127.0.0.1', () => resolve(server)));
}

const stopServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

test.use({ allowedOutside: [ORIGIN] });
// These tests start and stop their own server around a service worker's install: once in a fresh-clone run
// (of many) the city/ test waited out its minute with nothing failing (under load; 7–9 s otherwise). One retry,
// said here, rather than a red run for a timing of the machine; a real failure fails twice.
test.describe.configure({ retries: 1 });

test('after one visit the app loads and works with the server stopped, served under a sub-path', async ({ page }) => {
  const server = await serveDist();
  await page.goto(`${ORIGIN}${BASE}`);
  await expect(page.getByTestId('layers-empty')).toBeVisible();
  // This server sends no isolation headers: the first visit copies tables between threads.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  // The service worker has cached the whole app once it controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await stopServer(server);

  await page.reload();
  await expect(page.getByTestId('layers-empty')).toBeVisible();
  // From the cache the service worker serves the app cross-origin isolated: tables are shared, not copied.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  await expect.poll(async () => new Set((await renderedFeatures(page, '-fill')).map((p) => p.学区ID)).size).toBe(33);

  // Curricula and their data come from the cache too.
  await page.getByTestId('nav-lessons').click();
  await page.getByTestId('trainee-name').fill('オフライン');
  await page.locator('[data-curriculum-id="tsukuba-data-1"]').getByTestId('start-curriculum').click();
  await expect(page.getByTestId('lesson-panel')).toBeVisible();
  await page.screenshot({ path: 'test-results/offline.png' });
});

test('a new build on the server is downloaded in the background and offered with a reload', async ({ page }) => {
  let build = '';
  const server = await serveDist((text) => text.replace(/const VERSION = '([^']*)'/, `const VERSION = '$1${build}'`));
  await page.goto(`${ORIGIN}${BASE}`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await expect(page.getByTestId('update-ready')).toBeHidden();

  // IT copies a new version to the server; the browser checks for it (as it does on each visit).
  build = '-next';
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  await expect(page.getByTestId('update-ready')).toContainText('新しい版を読み込みました');
  await page.getByTestId('update-ready').getByRole('button').click();
  await expect(page.getByTestId('layers-empty')).toBeVisible();
  await expect(page.getByTestId('update-ready')).toBeHidden();
  await stopServer(server);
});

test('a city setup IT puts beside the app (city/) is the one every PC uses, also with the server stopped', async ({ page }) => {
  const server = await serveDist(undefined, new URL('../fixtures/second-city/', import.meta.url).pathname);
  await page.goto(`${ORIGIN}${BASE}`);
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item').nth(0)).toContainText('地区（近似）');
  await expect(page.getByTestId('map-source')).toContainText('鹿児島市域の近似');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Once it controls the page, the service worker reads the setup and keeps every file it names.
  await page.reload();
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-setup').click();
  await expect(page.getByTestId('setup-in-use')).toContainText('鹿児島市（テスト用）');
  await expect.poll(() => page.evaluate(async () => Boolean(await (await caches.open('city-setup')).match(new URL('city/districts-approx.geojson', document.baseURI).href)))).toBe(true);
  await stopServer(server);

  await page.reload();
  await page.getByTestId('nav-instructor').click();
  await page.getByTestId('instructor-tab-setup').click();
  await expect(page.getByTestId('setup-in-use')).toContainText('サーバーの city/ フォルダ');
  await page.getByTestId('nav-workspace').click();
  // A new map reads the city's layers from the service worker's cache.
  await page.getByTestId('new-exercise').click();
  await expect(page.getByTestId('layers-empty')).toBeVisible();
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item').nth(0)).toContainText('地区（近似）');
});
