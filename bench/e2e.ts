// npm run bench:e2e: what a user waits for, in Chromium, on the built app and on two baseline pages
// measured in the same run: a lon/lat CSV chosen → listed → drawn; then (app only) counted per school
// district, saved, reloaded, and a title edit saved. Also the longest main-thread task, the total time
// in long tasks (from a Chrome trace, frames apart), the page's JS heap, the growth of the renderer and GPU processes' memory from loading
// the file, and the stored size.
// Figures vary with the machine and its load: compare the ratios. Never a pass/fail test.
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { makeLargeCsv } from './make-large-csv';
import { makeLinesGeoJson, makeVoronoiGeoJson } from './make-shapes';
import { STATES_DRAWN_MARK } from '../src/lib/map/feature-states';

const ROOT = new URL('..', import.meta.url).pathname;
const SIZES = (process.env.BENCH_ROWS ?? '10000,100000,300000,1000000').split(',').map(Number).filter((n) => n > 0);
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
      // Served as `npm start` serves the app: cross-origin isolated, so it may share tables between threads.
      response
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' })
        .end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/**
 * The page's main-thread tasks over 50 ms from a Chrome trace, split into the app's own work and frames:
 * with software WebGL every frame is read back on the main thread (Commit, Paint), which the app cannot
 * shorten, and MapLibre renders the map in a frame callback; a task mostly spent in these is a frame.
 */
interface TaskSplit {
  appLongest: number;
  /**
   * The longest task spent in MapLibre's own code outside frames: mostly a tile arriving from its worker,
   * which with feature state set applies every state of the source to the tile (O(states) per tile).
   */
  mapLibreLongest: number;
  appTotal: number;
  mapLibreTotal: number;
  framesTotal: number;
}

const DRAWING = new Set(['Commit', 'Paint', 'CompositeLayers', 'FireAnimationFrame']);

async function traced(browser: Browser, page: Page, action: () => Promise<void>): Promise<TaskSplit> {
  const path = join(ROOT, 'test-results', 'bench-trace.json');
  await browser.startTracing(page, { path, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(process.env.BENCH_DEBUG ? ['v8', 'blink', 'gpu', 'disabled-by-default-v8.compile'] : [])] });
  try {
    await action();
  } finally {
    await browser.stopTracing().catch(() => {});
  }
  type Event = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; functionName?: string; lineNumber?: number } } };
  const events = (JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Event[] }).traceEvents;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
  const split: TaskSplit = { appLongest: 0, mapLibreLongest: 0, appTotal: 0, mapLibreTotal: 0, framesTotal: 0 };
  for (const task of onMain.filter((e) => e.name === 'RunTask' && e.dur! > 50_000)) {
    const end = task.ts + task.dur!;
    // Drawing: the page's paint and its read-back, and MapLibre's animation-frame callback, which renders
    // the map (the app's own code schedules nothing heavier than a timer from a frame callback).
    const drawing = onMain.filter((e) => DRAWING.has(e.name) && e.ts >= task.ts && e.ts + e.dur! <= end).reduce((sum, e) => sum + e.dur!, 0);
    const ms = task.dur! / 1000;
    // Whose code the task ran: the script of its longest function call (MapLibre's bundle, or the app's).
    const calls = onMain.filter((e) => e.name === 'FunctionCall' && e.ts >= task.ts && e.ts + e.dur! <= end);
    const script = calls.reduce<Event | undefined>((a, e) => (!a || e.dur! > a.dur! ? e : a), undefined)?.args?.data?.url ?? '';
    if (drawing > task.dur! / 2) split.framesTotal += ms;
    else if (/\/maplibre-gl[^/]*\.js/.test(script)) {
      split.mapLibreTotal += ms;
      split.mapLibreLongest = Math.max(split.mapLibreLongest, ms);
    }
    else {
      split.appTotal += ms;
      split.appLongest = Math.max(split.appLongest, ms);
      if (process.env.BENCH_DEBUG) {
        // What fills the task: the events inside it by name (nested ones counted in their parents too).
        const inside = new Map<string, number>();
        for (const e of onMain) if (e !== task && e.ts >= task.ts && e.ts + e.dur! <= end) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur! / 1000);
        const where = calls.reduce<Event | undefined>((a, e) => (!a || e.dur! > a.dur! ? e : a), undefined)?.args?.data;
        console.log(`    own task ${ms.toFixed(0)} ms (${where?.functionName ?? ''}@${where?.url?.split('/').pop() ?? ''}:${where?.lineNumber ?? ''}): ${[...inside].sort((a, b) => b[1] - a[1]).slice(0, 16).map(([n, d]) => `${n} ${d.toFixed(0)}`).join(', ')}`);
      }
    }
  }
  return split;
}

/** Every task that is not a frame, the app's and MapLibre's together (a baseline page is nothing but its library). */
const notFrames = (split: TaskSplit) => ({ longestS: Math.max(split.appLongest, split.mapLibreLongest) / 1000, blockedS: (split.appTotal + split.mapLibreTotal) / 1000 });

async function jsHeapMb(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  await session.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
}

/**
 * Collects garbage in the page and every worker (measureUserAgentSpecificMemory does, at once with
 * --enable-blink-features=ForceEagerMeasureMemory; the pages are cross-origin isolated), so what is
 * measured next is memory held, not garbage a worker has not collected yet. Resolves to nothing where
 * the API is missing.
 */
async function collectEverywhere(page: Page): Promise<void> {
  await page.evaluate(() => (performance as unknown as { measureUserAgentSpecificMemory?: () => Promise<unknown> }).measureUserAgentSpecificMemory?.()).catch(() => {});
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

/**
 * The longest script of the page's own code and of MapLibre's, untraced: the Long Animation Frames API
 * times each script run of over 5 ms with its source. (Tracing slows the app's start about twofold: it
 * compiles with source positions. Frames are not in these times: neither their rendering nor the
 * animation-frame callback in which MapLibre draws.)
 */
interface LongestScripts {
  own: number;
  /** What ran it (the API's invoker and function name). */
  ownWhat: string;
  mapLibre: number;
}
const LONGEST_SCRIPTS = () => {
  const longest = ((window as unknown as { __longestScripts: LongestScripts }).__longestScripts = { own: 0, ownWhat: '', mapLibre: 0 });
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries() as unknown as { scripts: { duration: number; sourceURL: string; invoker: string; sourceFunctionName: string }[] }[]) {
      for (const script of frame.scripts) {
        // Frames are measured apart, as in the trace: MapLibre draws the map in its animation-frame callback.
        if (script.invoker === 'FrameRequestCallback') continue;
        if (/\/maplibre-gl[^/]*\.js/.test(script.sourceURL)) longest.mapLibre = Math.max(longest.mapLibre, script.duration);
        else if (script.duration > longest.own) Object.assign(longest, { own: script.duration, ownWhat: `${script.invoker} ${script.sourceFunctionName}`.trim() });
      }
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
};

/**
 * Waits until the app's map is idle with its layers of the given kind drawn (points: circles; shapes:
 * fills and lines), and, when `field` is given, drawn with that column (a count's result); returns the page time.
 */
function appDrawn(page: Page, { kind = 'points', field }: { kind?: 'points' | 'shapes'; field?: string } = {}): Promise<number> {
  const suffix = kind === 'points' ? '-circle' : '-(fill|line|outline)';
  // A string, not a function: the bundler's helpers (__name) would not exist in the page.
  return page.evaluate(`new Promise((resolve, reject) => {
    const deadline = performance.now() + ${TIMEOUT_MS};
    const check = () => {
      const map = window.__chizuDojoMap;
      const layers = map?.getStyle()?.layers.filter((l) => !l.id.startsWith('base-') && /${suffix}$/.test(l.id)).map((l) => l.id) ?? [];
      // Features in the middle of the map are enough to tell it is drawn: querying the whole view for a
      // million points took the page's main thread 0.1–0.15 s per check, counted as the app's own task.
      const canvas = map?.getCanvas();
      const middle = canvas && [[canvas.clientWidth / 2 - 100, canvas.clientHeight / 2 - 100], [canvas.clientWidth / 2 + 100, canvas.clientHeight / 2 + 100]];
      const drawn = map && layers.length > 0 && map.loaded() && map.areTilesLoaded() && map.queryRenderedFeatures(middle, { layers });
      const field = ${JSON.stringify(field ?? null)};
      if (drawn && drawn.length > 0 && (field === null || drawn.some((f) => f.properties[field] !== undefined || (f.state && f.state.value !== undefined)))) return resolve(performance.now());
      if (performance.now() > deadline) return reject(new Error('not drawn in time'));
      setTimeout(check, 20);
    };
    check();
  })`);
}

/**
 * Page time of the first frame drawn with every area's new state after `since` (FeatureStates marks it):
 * a count or a restyle is finished then, not when the states can be read.
 */
function statesDrawnAfter(page: Page, since: number): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const find = () => {
      const mark = performance.getEntriesByName('${STATES_DRAWN_MARK}').find((e) => e.startTime > ${since});
      if (mark) return resolve(mark.startTime);
      if (performance.now() - ${since} > ${TIMEOUT_MS}) return reject(new Error('not recoloured in time'));
      setTimeout(find, 20);
    };
    find();
  })`);
}

interface Row {
  page: string;
  rows: number;
  listedS?: number;
  drawnS: number;
  longestS: number;
  blockedS: number;
  framesS?: number;
  heapMb: number;
  tabMb: number;
  /** The same after garbage collection in the page and every worker: memory held. */
  tabHeldMb?: number;
  countS?: number;
  countWorkS?: number;
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
    await page.addInitScript(CHANGE_TIME);
    await page.goto(`${base}/baselines/${name}.html`);
    await page.waitForFunction(() => (window as unknown as { __map?: { loaded(): boolean } }).__map?.loaded());
    await collectEverywhere(page);
    const idleMb = rendererMb();
    const split = await traced(browser, page, async () => {
      await page.setInputFiles('#file', csvPath);
      await page.waitForFunction(() => (window as unknown as { __drawnAt?: number }).__drawnAt !== undefined, undefined, { timeout: TIMEOUT_MS, polling: 50 });
    });
    const { chosen, drawn } = await page.evaluate(() => ({ chosen: (window as unknown as { __chosenAt: number }).__chosenAt, drawn: (window as unknown as { __drawnAt: number }).__drawnAt }));
    const heapMb = await jsHeapMb(page), tabMb = rendererMb() - idleMb;
    await collectEverywhere(page);
    return { page: name, rows, drawnS: (drawn - chosen) / 1000, ...notFrames(split), framesS: split.framesTotal / 1000, heapMb, tabMb, tabHeldMb: rendererMb() - idleMb };
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
    await page.addInitScript(CHANGE_TIME);
    await page.goto(`${base}/app/`);
    // The school districts first (the worked example's two layers), then the large file.
    await page.getByTestId('load-sample').click();
    await page.getByTestId('layer-item').nth(1).waitFor();
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor();
    await collectEverywhere(page);
    const idleMb = rendererMb();
    let listed = 0, drawn = 0;
    const tasks = await traced(browser, page, async () => {
      await page.setInputFiles('[data-testid="file-input"]', csvPath);
      await page.getByTestId('layer-item').nth(2).waitFor({ timeout: TIMEOUT_MS });
      listed = await page.evaluate(() => performance.now());
      drawn = await appDrawn(page);
    });
    const chosen = await page.evaluate(() => (window as unknown as { __chosenAt: number }).__chosenAt);
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: TIMEOUT_MS });
    const saves = await page.evaluate(() => performance.getEntriesByName('chizu-dojo:save').map((e) => e.duration));
    const heapMb = await jsHeapMb(page);
    const tabMb = rendererMb() - idleMb;
    await collectEverywhere(page);
    const tabHeldMb = rendererMb() - idleMb;
    if (process.env.BENCH_DEBUG) console.log(`    renderer ${rendererMb('renderer').toFixed(0)} MB, gpu ${rendererMb('gpu-process').toFixed(0)} MB (before the file: ${idleMb.toFixed(0)} MB both)`);

    // Count the large layer per school district: click → legend and map redrawn.
    const layerName = csvPath.split('/').pop()!.replace(/\.csv$/, '');
    await page.getByTestId('point-layer-select').selectOption({ label: layerName });
    let countStart = 0, counted = 0;
    const countTasks = await traced(browser, page, async () => {
      countStart = await page.evaluate(() => performance.now());
      await page.getByTestId('run-count').click();
      await page.getByTestId('count-summary').waitFor({ timeout: TIMEOUT_MS });
      await page.getByTestId('legend-class').first().waitFor();
      counted = await appDrawn(page);
    });
    const countWork = await page.evaluate(() => performance.getEntriesByName('chizu-dojo:count').at(-1)!.duration);
    await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: TIMEOUT_MS });
    // IndexedDB only (the service worker's copy of the app is stored too, apart).
    const storedMb = (await page.evaluate(async () => { const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: { indexedDB?: number } }; return e.usageDetails?.indexedDB ?? e.usage!; })) / 1e6;

    // A title keystroke, with the map at rest: how long its save takes and how much it writes.
    await appDrawn(page);
    await page.waitForTimeout(Number(process.env.BENCH_TITLE_WAIT ?? 0));
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
    let reloaded = 0;
    const reloadTasks = await traced(browser, page, async () => {
      await page.reload();
      reloaded = await appDrawn(page);
    });
    return {
      page: 'app',
      rows,
      listedS: (listed - chosen) / 1000,
      drawnS: (drawn - chosen) / 1000,
      ...notFrames(tasks),
      framesS: tasks.framesTotal / 1000,
      heapMb,
      tabMb,
      tabHeldMb,
      countS: (counted - countStart) / 1000,
      countWorkS: countWork / 1000,
      countLongestS: countTasks.appLongest / 1000,
      saveS: Math.max(0, ...saves) / 1000,
      storedMb,
      reloadS: reloaded / 1000,
      reloadLongestS: reloadTasks.appLongest / 1000,
      titleSaveMs: title.ms,
      titleBytes: title.bytes,
    };
  } catch (error) {
    return { page: 'app', rows, drawnS: NaN, longestS: NaN, blockedS: NaN, heapMb: NaN, tabMb: NaN, crashed: crashed || String((error as Error).message).split('\n')[0] };
  } finally {
    await context.close().catch(() => {});
  }
}

interface ShapeRow {
  page: string;
  listedS?: number;
  drawnS: number;
  longestS: number;
  /** MapLibre's own longest task outside frames (TaskSplit.mapLibreLongest), while drawn, counted, reloaded. */
  mapLibreS?: number;
  framesS?: number;
  heapMb?: number;
  tabHeldMb?: number;
  countS?: number;
  countWorkS?: number;
  countLongestS?: number;
  countMapLibreS?: number;
  restyleS?: number;
  restyleLongestS?: number;
  restyleMapLibreS?: number;
  saveS?: number;
  saveLongestS?: number;
  reloadS?: number;
  reloadLongestS?: number;
  reloadMapLibreS?: number;
  /** The longest script run on reloading again, untraced (LONGEST_SCRIPTS): the app's own and MapLibre's. */
  reloadUntracedS?: number;
  reloadUntracedMapLibreS?: number;
  reloadUntracedWhat?: string;
  crashed?: string;
}

/**
 * The app with a large polygon or line layer: chosen → listed → drawn; then, for polygons, a point CSV
 * loaded and counted into them (click → the map recoloured with the counts), saved, and reloaded.
 */
async function runAppShapes(browser: Browser, shapePath: string, pointsPath: string | null, base: string): Promise<ShapeRow> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  const page = await context.newPage();
  let crashed = '';
  page.on('crash', () => (crashed = 'tab crashed'));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const saved = () => page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: TIMEOUT_MS });
  try {
    await page.addInitScript(CHANGE_TIME);
    await page.goto(`${base}/app/`);
    await page.waitForFunction(() => (window as unknown as { __chizuDojoMap?: { loaded(): boolean } }).__chizuDojoMap?.loaded(), undefined, { timeout: TIMEOUT_MS });
    await collectEverywhere(page);
    const idleMb = rendererMb();
    let listed = 0, drawn = 0;
    const tasks = await traced(browser, page, async () => {
      await page.setInputFiles('[data-testid="file-input"]', shapePath);
      await page.getByTestId('layer-item').first().waitFor({ timeout: TIMEOUT_MS });
      listed = await page.evaluate(() => performance.now());
      drawn = await appDrawn(page, { kind: 'shapes' });
    });
    const chosen = await page.evaluate(() => (window as unknown as { __chosenAt: number }).__chosenAt);
    await saved();
    const heapMb = await jsHeapMb(page);
    await collectEverywhere(page);
    const row: ShapeRow = { page: 'app', listedS: (listed - chosen) / 1000, drawnS: (drawn - chosen) / 1000, longestS: tasks.appLongest / 1000, mapLibreS: tasks.mapLibreLongest / 1000, framesS: tasks.framesTotal / 1000, heapMb, tabHeldMb: rendererMb() - idleMb };
    let field: string | undefined;
    if (pointsPath) {
      await page.setInputFiles('[data-testid="file-input"]', pointsPath);
      await page.getByTestId('layer-item').nth(1).waitFor({ timeout: TIMEOUT_MS });
      await appDrawn(page);
      await saved();
      let countStart = 0, counted = 0;
      field = '件数';
      const countTasks = await traced(browser, page, async () => {
        countStart = await page.evaluate(() => performance.now());
        await page.getByTestId('run-count').click();
        await page.getByTestId('count-summary').waitFor({ timeout: TIMEOUT_MS });
        await page.getByTestId('legend-class').first().waitFor({ timeout: TIMEOUT_MS });
        await appDrawn(page, { kind: 'shapes', field });
        // Recoloured: the first frame drawn with every area's new colour (the app marks it), not the first
        // check that finds a count in the middle of the map (states are readable before they are drawn).
        counted = await statesDrawnAfter(page, countStart);
      });
      row.countS = (counted - countStart) / 1000;
      row.countWorkS = (await page.evaluate(() => performance.getEntriesByName('chizu-dojo:count').at(-1)!.duration)) / 1000;
      row.countLongestS = countTasks.appLongest / 1000;
      row.countMapLibreS = countTasks.mapLibreLongest / 1000;
      // Restyled: other classes (natural breaks) → the first frame drawn with every area's new colour.
      let restyleStart = 0, restyled = 0;
      const restyleTasks = await traced(browser, page, async () => {
        restyleStart = await page.evaluate(() => performance.now());
        await page.getByTestId('class-method').selectOption('natural-breaks');
        // (Not recoloured in time: printed as —, and the run goes on to the save and the reload.)
        restyled = await statesDrawnAfter(page, restyleStart).catch(() => NaN);
      });
      row.restyleS = (restyled - restyleStart) / 1000;
      row.restyleLongestS = restyleTasks.appLongest / 1000;
      row.restyleMapLibreS = restyleTasks.mapLibreLongest / 1000;
    }
    const saveTasks = await traced(browser, page, saved);
    row.saveLongestS = saveTasks.appLongest / 1000;
    const saves = await page.evaluate(() => performance.getEntriesByName('chizu-dojo:save').map((e) => e.duration));
    row.saveS = saves.reduce((a, b) => Math.max(a, b), 0) / 1000;
    let reloaded = 0;
    const reloadTasks = await traced(browser, page, async () => {
      await page.reload();
      reloaded = await appDrawn(page, { kind: 'shapes', field });
    });
    row.reloadS = reloaded / 1000;
    row.reloadLongestS = reloadTasks.appLongest / 1000;
    row.reloadMapLibreS = reloadTasks.mapLibreLongest / 1000;
    // Once more, untraced.
    await page.addInitScript(LONGEST_SCRIPTS);
    await page.reload();
    await appDrawn(page, { kind: 'shapes', field });
    await page.waitForTimeout(1000);
    const untraced = await page.evaluate(() => (window as unknown as { __longestScripts: LongestScripts }).__longestScripts);
    row.reloadUntracedS = untraced.own / 1000;
    row.reloadUntracedWhat = untraced.ownWhat;
    row.reloadUntracedMapLibreS = untraced.mapLibre / 1000;
    if (errors.length > 0) row.crashed = `page errors: ${errors.slice(0, 3).join(' | ')}`;
    return row;
  } catch (error) {
    return { page: 'app', drawnS: NaN, longestS: NaN, crashed: crashed || [String((error as Error).message).split('\n')[0], ...errors.slice(0, 3)].join(' | ') };
  } finally {
    await context.close().catch(() => {});
  }
}

const port = 4190;
const server = await serve(port);
const base = `http://127.0.0.1:${port}`;
/** A fresh browser for each page run: a crashed tab or a heap grown by one page never weighs on the next. */
async function withBrowser<T>(run: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--enable-blink-features=ForceEagerMeasureMemory', '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    return await run(browser);
  } finally {
    await browser.close().catch(() => {});
  }
}
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
    const app = PAGES.includes('app') ? await withBrowser((b) => runApp(b, csvPath, rows, base)) : skipped('app');
    const plain = PAGES.includes('plain') ? await withBrowser((b) => runBaseline(b, 'plain', csvPath, rows, base)) : skipped('plain');
    const deck = PAGES.includes('deck') ? await withBrowser((b) => runBaseline(b, 'deck', csvPath, rows, base)) : skipped('deck');
    results.push(app, plain, deck);
    for (const r of [app, plain, deck]) {
      if (r.crashed) {
        console.log(`  ${r.page.padEnd(6)} FAILED: ${r.crashed}`);
        continue;
      }
      console.log(
        `  ${r.page.padEnd(6)} drawn ${f(r.drawnS)} s` +
          (r.page === 'app' ? ` (${f(deck.drawnS / r.drawnS)}× deck.gl speed, ${f(plain.drawnS / r.drawnS)}× plain)` : '') +
          ` | main thread: longest task ${f(r.longestS)} s, long tasks ${f(r.blockedS)} s, frames ${f(r.framesS)} s | JS heap ${f(r.heapMb, 0)} MB (${f(r.heapMb / csvMb)}× CSV), renderer+GPU +${f(r.tabMb, 0)} MB (${f(r.tabMb / csvMb)}× CSV; held, after collecting every thread's garbage: +${f(r.tabHeldMb ?? NaN, 0)} MB, ${f((r.tabHeldMb ?? NaN) / csvMb)}×)`,
      );
      if (r.page === 'app') {
        console.log(
          `         listed ${f(r.listedS)} s | count: result ${f(r.countWorkS)} s, map redrawn ${f(r.countS)} s (longest task ${f(r.countLongestS)} s) | longest save ${f(r.saveS)} s, stored ${f(r.storedMb, 1)} MB` +
            ` | title save ${f(r.titleSaveMs, 0)} ms, ${r.titleBytes} bytes | reload → drawn ${f(r.reloadS)} s (longest task ${f(r.reloadLongestS)} s)`,
        );
      }
    }
  }
}
// Polygons and lines (issue 26): seeded Voronoi cells (20k, 200k) and random-walk lines (30k) as GeoJSON files,
// the app against the same two baselines; for polygons the app also counts BENCH_COUNT_POINTS points into them.
const SHAPES = (process.env.BENCH_SHAPES ?? 'polygons:20000,polygons:200000,lines:30000').split(',').filter((s) => s.includes(':'));
const COUNT_POINTS = Number(process.env.BENCH_COUNT_POINTS ?? 1_000_000);
if (SHAPES.length > 0) {
  let pointsPath: string | null = null;
  if (COUNT_POINTS > 0) writeFileSync((pointsPath = join(ROOT, 'test-results', `bench-${COUNT_POINTS}.csv`)), makeLargeCsv(COUNT_POINTS));
  for (const shape of SHAPES) {
    const [kind, n] = [shape.split(':')[0]!, Number(shape.split(':')[1])];
    const path = join(ROOT, 'test-results', `bench-${kind}-${n}.geojson`);
    const bytes = kind === 'lines' ? makeLinesGeoJson(n) : makeVoronoiGeoJson(n);
    writeFileSync(path, bytes);
    console.log(`\n${n.toLocaleString()} ${kind} (${(bytes.length / 1e6).toFixed(1)} MB GeoJSON), ${RUNS} run(s) each`);
    for (let run = 0; run < RUNS; run++) {
      const app: ShapeRow = PAGES.includes('app') ? await withBrowser((b) => runAppShapes(b, path, kind === 'polygons' ? pointsPath : null, base)) : { page: 'app', drawnS: NaN, longestS: NaN, crashed: 'not run' };
      const baselines = [];
      for (const name of ['plain', 'deck'] as const) {
        if (!PAGES.includes(name)) continue;
        const r = await withBrowser((b) => runBaseline(b, name, path, n, base));
        baselines.push(r);
      }
      for (const r of [app, ...baselines]) {
        if (r.crashed && Number.isNaN(r.drawnS)) {
          console.log(`  ${r.page.padEnd(6)} FAILED: ${r.crashed}`);
          continue;
        }
        const ratios = r.page === 'app' ? ` (${baselines.map((b) => `${f(r.drawnS / b.drawnS)}× ${b.page}'s time`).join(', ')})` : '';
        const mapLibre = (seconds?: number) => (r.page === 'app' ? `, MapLibre's ${f(seconds)} s` : '');
        console.log(`  ${r.page.padEnd(6)} drawn ${f(r.drawnS)} s${ratios} | longest own task ${f(r.longestS)} s${mapLibre((r as ShapeRow).mapLibreS)}, frames ${f(r.framesS)} s | JS heap ${f(r.heapMb, 0)} MB, held +${f(r.tabHeldMb, 0)} MB`);
        if (r.page === 'app') {
          const a = r as ShapeRow;
          console.log(
            `         listed ${f(a.listedS)} s` +
              (a.countS !== undefined ? ` | count ${COUNT_POINTS.toLocaleString()} points: result ${f(a.countWorkS)} s, click → recoloured ${f(a.countS)} s (longest own task ${f(a.countLongestS)} s${mapLibre(a.countMapLibreS)}) | restyled (natural breaks) ${f(a.restyleS)} s (longest own task ${f(a.restyleLongestS)} s${mapLibre(a.restyleMapLibreS)})` : '') +
              ` | longest save ${f(a.saveS)} s (longest own task while saving ${f(a.saveLongestS)} s) | reload → drawn ${f(a.reloadS)} s (longest own task ${f(a.reloadLongestS)} s${mapLibre(a.reloadMapLibreS)}; untraced, longest script: own ${f(a.reloadUntracedS)} s [${a.reloadUntracedWhat}], MapLibre's ${f(a.reloadUntracedMapLibreS)} s)` +
              (a.crashed ? ` | ${a.crashed}` : ''),
          );
        }
      }
      results.push(app as never, ...baselines);
    }
  }
}

// Excel (issue 12): a 100,000 × 20 workbook chosen → points drawn, with the longest main-thread task while
// the worker reads it; the same table as CSV is the baseline, measured in the same run.
const EXCEL_ROWS = Number(process.env.BENCH_EXCEL_ROWS ?? 100_000);
if (EXCEL_ROWS > 0) {
  const XLSX = await import('@e965/xlsx');
  const header = Array.from({ length: 20 }, (_, c) => (c === 0 ? '緯度' : c === 1 ? '経度' : `列${c}`));
  const table: unknown[][] = [header];
  for (let r = 0; r < EXCEL_ROWS; r++) table.push(header.map((_, c) => (c === 0 ? 36 + (r % 1000) / 5000 : c === 1 ? 140 + (r % 777) / 5000 : c % 3 === 0 ? `項目${r % 50}` : r * c)));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(table), 'data');
  const files = {
    xlsx: { path: join(ROOT, 'test-results', `bench-${EXCEL_ROWS}x20.xlsx`), bytes: XLSX.write(book, { bookType: 'xlsx', type: 'buffer', compression: true }) as Buffer },
    csv: { path: join(ROOT, 'test-results', `bench-${EXCEL_ROWS}x20.csv`), bytes: Buffer.from(XLSX.utils.sheet_to_csv(book.Sheets.data!)) },
  };
  console.log(`\nExcel: ${EXCEL_ROWS.toLocaleString()} rows × 20 columns (.xlsx ${(files.xlsx.bytes.length / 1e6).toFixed(1)} MB; the same as CSV ${(files.csv.bytes.length / 1e6).toFixed(1)} MB)`);
  for (const [kind, file] of Object.entries(files)) {
    writeFileSync(file.path, file.bytes);
    for (let run = 0; run < RUNS; run++) {
      const measured = await withBrowser(async (browser) => {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
        const page = await context.newPage();
        await page.addInitScript(CHANGE_TIME);
        await page.goto(`${base}/app/`);
        // The app started (its map made and idle), so the trace holds the file's work, not the page's start-up.
        await page.waitForFunction(() => (window as unknown as { __chizuDojoMap?: { loaded(): boolean } }).__chizuDojoMap?.loaded(), undefined, { timeout: TIMEOUT_MS });
        let drawn = 0;
        const tasks = await traced(browser, page, async () => {
          await page.setInputFiles('[data-testid="file-input"]', file.path);
          await page.getByTestId('layer-item').first().waitFor({ timeout: TIMEOUT_MS });
          drawn = await appDrawn(page);
        });
        const chosen = await page.evaluate(() => (window as unknown as { __chosenAt: number }).__chosenAt);
        await context.close();
        return { drawnS: (drawn - chosen) / 1000, ...notFrames(tasks) };
      });
      console.log(`  ${kind.padEnd(5)} chosen → drawn ${f(measured.drawnS)} s | main thread: longest own task ${f(measured.longestS)} s, long tasks ${f(measured.blockedS)} s`);
    }
  }
}
server.close();
writeFileSync(join(ROOT, 'test-results', 'bench-e2e.json'), JSON.stringify(results, null, 1));
