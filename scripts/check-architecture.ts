// npm run check runs this: each folder of src/lib may import only the folders below it, so the flow
// stays one way (components → state → worker client / persistence / curriculum → model → geo, io,
// table → util). Type-only imports are free: types are erased and describe what flows between layers.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The tree to check: src/, or another (the test of this check gives it a small tree with a bad import).
const SRC = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../src'));

/** What each layer may import (value imports); a layer may always import itself. */
const ALLOWED: Record<string, string[]> = {
  util: [],
  geo: ['util', 'table'],
  table: ['util', 'geo'],
  io: ['util', 'geo', 'table'],
  // Address matching: normalising, the town dictionary, matching a table's address column.
  address: ['util', 'table', 'io'],
  // The cleaning workbench's steps (pure, run in the worker).
  cleaning: ['util', 'table', 'io', 'address'],
  model: ['util', 'geo', 'table', 'io', 'address', 'cleaning'],
  curriculum: ['util', 'geo', 'table', 'io', 'model'],
  persistence: ['util', 'geo', 'table', 'io', 'model', 'curriculum'],
  // The city setup format (市の設定): its schema, reading and writing its zip.
  setup: ['util', 'geo', 'table', 'io', 'model', 'curriculum', 'persistence'],
  worker: ['util', 'geo', 'table', 'io', 'model', 'persistence', 'address', 'cleaning'],
  i18n: ['util'],
  offline: ['util'],
  'map-style': ['util', 'geo', 'table', 'model'],
  state: ['util', 'geo', 'table', 'io', 'address', 'cleaning', 'model', 'curriculum', 'persistence', 'setup', 'worker', 'i18n', 'map-style', 'offline'],
  // Svelte components render state and call its methods; the map's pure style builders and small pure
  // helpers (number formatting) are theirs too. The training's components also read the curriculum
  // model (progress summaries, Markdown, triage levels): see 'training-components'.
  components: ['state', 'model', 'i18n', 'components', 'map-style', 'util'],
  'training-components': ['state', 'model', 'i18n', 'components', 'map-style', 'util', 'curriculum'],
  main: ['*'],
};
/** Packages a layer may use; all others are free for the layers below the components. */
const COMPONENT_PACKAGES = [/^svelte(\/|$)/, /^maplibre-gl(\/|$)/];

function layerOf(file: string): string {
  // An import of './x.svelte' names x.svelte.ts when that exists (a rune module, not a component).
  const path = relative(SRC, file.endsWith('.svelte') && existsSync(`${file}.ts`) ? `${file}.ts` : file);
  if (path === 'main.ts' || path.startsWith('types/') || path === 'vite-env.d.ts') return 'main';
  if (path.startsWith('lib/components/training/') && path.endsWith('.svelte')) return 'training-components';
  if (path === 'App.svelte' || path.endsWith('.svelte')) return 'components';
  const [, folder] = path.split('/');
  if (folder === 'map') return 'map-style';
  return folder!;
}

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|svelte)$/.test(entry.name)) yield path;
  }
}

const IMPORT = /^\s*import\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const problems: string[] = [];
for (const file of files(SRC)) {
  const from = layerOf(file);
  if (from === 'main') continue;
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const typeOnly = Boolean(match[1]) || /^\{\s*type\s[^,}]*(,\s*type\s[^,}]*)*\s*\}$/.test(match[2] ?? '');
    const target = match[3] ?? match[4]!;
    if (typeOnly) continue;
    if (!target.startsWith('.')) {
      if (from.endsWith('components') && !COMPONENT_PACKAGES.some((p) => p.test(target))) problems.push(`${relative(SRC, file)}: a component imports the package ${target}`);
      continue;
    }
    const to = layerOf(resolve(dirname(file), target.replace(/\?.*$/, '')));
    if (to === 'training-components' && (from === 'components' || from === 'training-components')) continue;
    const allowed = ALLOWED[from];
    if (!allowed) problems.push(`${relative(SRC, file)}: unknown layer ${from}`);
    else if (to !== from && !allowed.includes(to) && !allowed.includes('*')) problems.push(`${relative(SRC, file)} (${from}) imports ${target} (${to})`);
  }
}
if (problems.length > 0) {
  console.error(`Architecture check: ${problems.length} import(s) go against the layering (scripts/check-architecture.ts):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Architecture check: every import follows the layering.');
