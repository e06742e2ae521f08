// npm run bench:profile: where the page's main thread spends its longest stretches while a large CSV is
// chosen, drawn and counted, from a sampled CPU profile of the built app (vite preview must be running on
// :4173: `npm start`). Prints, per stretch over 50 ms, the functions with the most self time. A tool for
// finding what to make shorter, not a measurement to report: bench:e2e measures.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { makeLargeCsv } from './make-large-csv';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

const csvPath = `/tmp/profile-${ROWS}.csv`;
writeFileSync(csvPath, makeLargeCsv(ROWS));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
await page.goto('http://localhost:4173/');
await page.getByTestId('load-sample').click();
await page.getByTestId('layer-item').nth(1).waitFor();
// BENCH_PHASE=reload profiles the page reopening the saved exercise instead of the file loading.
const reload = process.env.BENCH_PHASE === 'reload';
if (reload) {
  await page.setInputFiles('[data-testid="file-input"]', csvPath);
  await page.getByTestId('layer-item').nth(2).waitFor({ timeout: 120_000 });
  await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: 120_000 });
}
let cdp = await page.context().newCDPSession(page);
const startProfiling = async () => {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
};
if (reload) {
  // The profile must start before the page's script: pause it on navigation, start, then let it run.
  await cdp.send('Debugger.enable');
  await page.evaluate('location.reload()');
  cdp = await page.context().newCDPSession(page);
  await startProfiling();
  await page.getByTestId('layer-item').nth(2).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3000);
} else {
  await startProfiling();
  await page.setInputFiles('[data-testid="file-input"]', csvPath);
  await page.getByTestId('layer-item').nth(2).waitFor({ timeout: 120_000 });
  await page.getByTestId('save-status').and(page.locator('[data-status="saved"]')).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(1500);
}
const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
await browser.close();

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
let time = profile.startTime;
const samples = profile.samples.map((id, i) => ((time += profile.timeDeltas[i]!), { node: byId.get(id)!, time }));
const idle = (n: Node) => n.callFrame.functionName === '(idle)';
// Contiguous busy stretches (a gap of idle ends one).
const stretches: (typeof samples)[] = [];
let current: typeof samples = [];
for (const s of samples) {
  if (idle(s.node)) current.length && stretches.push(current), (current = []);
  else current.push(s);
}
if (current.length) stretches.push(current);
const long = stretches.map((s) => ({ s, ms: (s.at(-1)!.time - s[0]!.time) / 1000 })).filter((x) => x.ms > 50).sort((a, b) => b.ms - a.ms);
for (const { s, ms } of long.slice(0, 6)) {
  const self = new Map<string, number>();
  for (const { node } of s) {
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  console.log(`\n${ms.toFixed(0)} ms stretch at ${((s[0]!.time - profile.startTime) / 1000).toFixed(0)} ms:`);
  for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${((count / s.length) * ms).toFixed(1).padStart(6)} ms  ${key}`);
}
