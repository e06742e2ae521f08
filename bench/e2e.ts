// npm run bench:e2e: what a user waits for, in Chromium, on the built app and on two baseline pages
// measured in the same run: a lon/lat CSV chosen → listed → drawn; then (app only) counted per school
// district, saved, reloaded, and a title edit saved. Also the longest main-thread task, the total time
// in long tasks, the page's JS heap, the growth of the renderer and GPU processes' memory from loading
// the file, and the stored size.
// Figures vary with the machine and its load: compare the ratios. Never a pass/fail test.
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { makeLargeCsv } from './make-large-csv';

const ROOT = new URL('..', import.meta.url).pathname;
const SIZES = (process.env.BENCH_ROWS ?? '10000,100000,300000,1000000').split(',').map(Number);
const PAGES = (process.env.BENCH_PAGES ?? 'app,plain,deck').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const TIMEOUT_MS = 180_000;

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.geojson': 'application/json', '.csv': 'text/csv', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2',
  '.wasm': 'application/wasm', '.pmtiles': 'application/octet-stream',
};

/** The built app at /app/, the baseline pages at /baselines/. */
function serve(port: number): Promise<Server> {
  const roots: [string, string][] = [['/app/', join(ROOT, 'dist')], ['/baselines/', join(ROOT, 'dist-bench')]];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url!, 'http://x').pathname);
    const [prefix, dir] = roots.find(([p]) => path.startsWith(p)) ?? [];
    if (!prefix || !dir) return void response.writeHead(404).end();
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

// Recorded in every page from its start: long tasks (> 50 ms on the main thread).
const OBSERVE_LONG_TASKS = () => {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
};

/** Longest task and total time in long tasks between two page times (ms). */
async function longTasks(page: Page, from: number, to: number): Promise<{ longest: number; total: number }> {
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  const inside = tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
  return { longest: Math.max(0, ...inside.map((t) => t.duration)), total: inside.reduce((s, t) => s + t.duration, 0) };
}

async function jsHeapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
}

/** Resident memory of Chromium's renderer and GPU processes (the tab, its workers and its drawing). */
function rendererMb(type = 'renderer|gpu-process'): number {
  const lines = execSync('ps -eo rss=,args=', { encoding: 'utf8' }).split('\n');
  const kb = lines.filter((l) => /chrom/.test(l) && new RegExp(`--type=(${type})`).test(l)).reduce((sum, l) => sum + Number(l.trim().split(/\s+/)[0]), 0);
  return kb / 1024;
}

/** Page time (ms since navigation) when the file input fired `change`. */
const CHANGE_TIME = () =>
  document.addEventListener('change', () => ((window as unknown as { __chosenAt: number }).__chosenAt = performance.now()), true);

/** Waits until the app's map is idle with its points drawn; returns the page time. */
function appDrawn(page: Page): Promise<number> {
  // A string, not a function: the bundler's helpers (__name) would not exist in the page.
  return page.evaluate(`new Promise((resolve, reject) => {
    const deadline = performance.now() + ${TIMEOUT_MS};
    const check = () => {
      const map = window.__chizuDojoMap;
      const layers = map?.getStyle()?.layers.filter((l) => l.id.endsWith('-circle')).map((l) => l.id) ?? [];
      if (map && layers.length > 0 && map.loaded() && map.areTilesLoaded() && map.queryRenderedFeatures({ layers }).length > 0) return resolve(performance.now());
      if (performance.now() > deadline) return reject(new Error('not drawn in time'));
      setTimeout(check, 20);
    };
    check();
  })`);
}

interface Row {
  page: string;
  rows: number;
  listedS?: number;
  drawnS: number;
  longestS: number;
  blockedS: number;
  heapMb: number;
  tabMb: number;
  countS?: number;
  countLongestS?: number;
  saveS?: number;
  storedMb?: number;
  reloadS?: number;
  reloadLongestS?: number;
  titleSaveMs?: number;
  titleBytes?: number;
  crashed?: string;
}

async function runBaseline(browser: Browser, name: 'plain' | 'deck', csvPath: string, rows: number, base: string): Promise<Row> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  let crashed = '';
  page.on('crash', () => (crashed = 'tab crashed'));
  try {
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await page.addInitScript(CHANGE_TIME);
    await page.goto(`${base}/baselines/${name}.html`);
    await page.waitForFunction(() => (window as unknown as { __map?: { loaded(): boolean } }).__map?.loaded());
    const idleMb = rendererMb();
    await page.setInputFiles('#file', csvPath);
    await page.waitForFunction(() => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: TIMEOUT_MS, polling: 50 });
    const { chosen, drawn } = await page.evaluate(() => ({ chosen: (window as unknown as { __chosenAt: number }).__chosenAt, drawn: (window as unknown as { __drawnAt: number }).__drawnAt }));
    const tasks = await longTasks(page, chosen, drawn);
    return { page: name, rows, drawnS: (drawn - chosen) / 1000, longestS: tasks.longest / 1000, blockedS: tasks.total / 1000, heapMb: await jsHeapMb(page), tabMb: rendererMb() - idleMb };
  } catch (error) {
    return { page: name, rows, drawnS: NaN, longestS: NaN, blockedS: NaN, heapMb: NaN, tabMb: NaN, crashed: crashed || String((error as Error).message).split('\n')[0] };
  } finally {
    await context.close().catch(() => {});
  }
}

async function runApp(browser: Browser, csvPath: string, rows: number, base: string): Promise<Row> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  const page = await context.newPage();
  let crashed = '';
  page.on('crash', () => (crashed = 'tab crashed'));
  try {
    await page.addInitScript(OBSERVE_LONG_TASKS);
    await page.addInitScript(CHANGE_TIME);
    await page.goto(`${base}/app/`);
    // The school districts first (the worked example's two layers), then the large file.
    await page.getByTestId('load-sample').click();
    await page.getByTestId('layer-item').nth(1).waitFor();
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor();
    const idleMb = rendererMb();
    await page.setInputFiles('[data-testid="file-input"]', csvPath);
    await page.getByTestId('layer-item').nth(2).waitFor({ timeout: TIMEOUT_MS });
    const listed = await page.evaluate(() => performance.now());
    const drawn = await appDrawn(page);
    const chosen = await page.evaluate(() => (window as unknown as { __chosenAt: number }).__chosenAt);
    const tasks = await longTasks(page, chosen, drawn);
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: TIMEOUT_MS });
    const saves = await page.evaluate(() => performance.getEntriesByName('chizu-dojo:save').map((e) => e.duration));
    const heapMb = await jsHeapMb(page);
    const tabMb = rendererMb() - idleMb;
    if (process.env.BENCH_DEBUG) console.log(`    renderer ${rendererMb('renderer').toFixed(0)} MB, gpu ${rendererMb('gpu-process').toFixed(0)} MB (before the file: ${idleMb.toFixed(0)} MB both)`);

    // Count the large layer per school district: click → legend and map redrawn.
    const layerName = csvPath.split('/').pop()!.replace(/\.csv$/, '');
    await page.getByTestId('point-layer-select').selectOption({ label: layerName });
    const countStart = await page.evaluate(() => performance.now());
    await page.getByTestId('run-count').click();
    await page.getByTestId('count-summary').waitFor({ timeout: TIMEOUT_MS });
    await page.getByTestId('legend-class').first().waitFor();
    const counted = await appDrawn(page);
    const countTasks = await longTasks(page, countStart, counted);
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: TIMEOUT_MS });
    // IndexedDB only (the service worker's copy of the app is stored too, apart).
    const storedMb = (await page.evaluate(async () => { const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } }; return e.usageDetails?.indexedDB ?? e.usage!; })) / 1e6;

    // A title keystroke: how long its save takes and how much it writes.
    // (A string, not a function: the bundler's helpers would not exist in the page.)
    await page.evaluate(`(() => {
      const written = { bytes: 0 };
      window.__written = written;
      const size = (value) => ArrayBuffer.isView(value) ? value.byteLength : typeof value === 'string' ? value.length * 2
        : value && typeof value === 'object' ? Object.values(value).reduce((s, v) => s + size(v), 0) : 8;
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (value, key) {
        written.bytes += size(value);
        return put.call(this, value, key);
      };
      performance.clearMeasures('chizu-dojo:save');
    })()`);
    await page.getByTestId('map-title-input').pressSequentially('図');
    await page.waitForFunction(() => performance.getEntriesByName('chizu-dojo:save').length > 0, undefined, { timeout: TIMEOUT_MS });
    const title = await page.evaluate(() => ({
      ms: performance.getEntriesByName('chizu-dojo:save')[0]!.duration,
      bytes: (window as unknown as { __written: { bytes: number } }).__written.bytes,
    }));

    // Reload: the exercise opens again from IndexedDB and is drawn.
    await page.reload();
    const reloaded = await appDrawn(page);
    const reloadTasks = await longTasks(page, 0, reloaded);
    return {
      page: 'app',
      rows,
      listedS: (listed - chosen) / 1000,
      drawnS: (drawn - chosen) / 1000,
      longestS: tasks.longest / 1000,
      blockedS: tasks.total / 1000,
      heapMb,
      tabMb,
      countS: (counted - countStart) / 1000,
      countLongestS: countTasks.longest / 1000,
      saveS: Math.max(0, ...saves) / 1000,
      storedMb,
      reloadS: reloaded / 1000,
      reloadLongestS: reloadTasks.longest / 1000,
      titleSaveMs: title.ms,
      titleBytes: title.bytes,
    };
  } catch (error) {
    return { page: 'app', rows, drawnS: NaN, longestS: NaN, blockedS: NaN, heapMb: NaN, tabMb: NaN, crashed: crashed || String((error as Error).message).split('\n')[0] };
  } finally {
    await context.close().catch(() => {});
  }
}

const port = 4190;
const server = await serve(port);
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
});
mkdirSync(join(ROOT, 'test-results'), { recursive: true });
const results: Row[] = [];
const f = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
for (const rows of SIZES) {
  const csvPath = join(ROOT, 'test-results', `bench-${rows}.csv`);
  const bytes = makeLargeCsv(rows);
  writeFileSync(csvPath, bytes);
  const csvMb = bytes.length / 1e6;
  console.log(`\n${rows.toLocaleString()} rows (${csvMb.toFixed(1)} MB CSV), ${RUNS} run(s) each`);
  for (let run = 0; run < RUNS; run++) {
    const skipped = (page: string): Row => ({ page, rows, drawnS: NaN, longestS: NaN, blockedS: NaN, heapMb: NaN, tabMb: NaN, crashed: 'not run (BENCH_PAGES)' });
    const app = PAGES.includes('app') ? await runApp(browser, csvPath, rows, base) : skipped('app');
    const plain = PAGES.includes('plain') ? await runBaseline(browser, 'plain', csvPath, rows, base) : skipped('plain');
    const deck = PAGES.includes('deck') ? await runBaseline(browser, 'deck', csvPath, rows, base) : skipped('deck');
    results.push(app, plain, deck);
    for (const r of [app, plain, deck]) {
      if (r.crashed) {
        console.log(`  ${r.page.padEnd(6)} FAILED: ${r.crashed}`);
        continue;
      }
      console.log(
        `  ${r.page.padEnd(6)} drawn ${f(r.drawnS)} s` +
          (r.page === 'app' ? ` (${f(deck.drawnS / r.drawnS)}× deck.gl speed, ${f(plain.drawnS / r.drawnS)}× plain)` : '') +
          ` | longest task ${f(r.longestS)} s, long tasks ${f(r.blockedS)} s | JS heap ${f(r.heapMb, 0)} MB (${f(r.heapMb / csvMb)}× CSV), renderer+GPU +${f(r.tabMb, 0)} MB (${f(r.tabMb / csvMb)}× CSV)`,
      );
      if (r.page === 'app') {
        console.log(
          `         listed ${f(r.listedS)} s | count ${f(r.countS)} s (longest task ${f(r.countLongestS)} s) | longest save ${f(r.saveS)} s, stored ${f(r.storedMb, 1)} MB` +
            ` | title save ${f(r.titleSaveMs, 0)} ms, ${r.titleBytes} bytes | reload → drawn ${f(r.reloadS)} s (longest task ${f(r.reloadLongestS)} s)`,
        );
      }
    }
  }
}
await browser.close();
server.close();
writeFileSync(join(ROOT, 'test-results', 'bench-e2e.json'), JSON.stringify(results, null, 1));
