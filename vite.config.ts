import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Writes sw.js: src/lib/offline/service-worker.js with the list of every file of the build (bundle and
 * public/) and a version derived from their names, so a new build replaces the whole cache at once.
 * A small plugin instead of vite-plugin-pwa: workbox-build pulls in rollup, whose platform packages
 * failed to install here (see ../shared/docs/toolchain-notes.md), and the worker needs no more than this.
 */
function serviceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'chizu-dojo-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const walk = (dir: string, prefix = ''): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
      const files = ['./', ...Object.keys(bundle).filter((f) => !f.endsWith('.map')), ...walk(publicDir).filter((f) => !f.endsWith('.md'))].sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = fs.readFileSync(path.resolve(import.meta.dirname, 'src/lib/offline/service-worker.js'), 'utf8');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: source.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(files)) });
    },
  };
}

/**
 * Cross-origin isolation: the page and its workers may then share memory (SharedArrayBuffer), so a large
 * table is held once, not once per thread (src/lib/table/shared-memory.ts). Everything the app loads is
 * its own, so requiring it to be same-origin costs nothing. The service worker adds the same headers.
 */
const ISOLATION_HEADERS = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  // Relative base: the built app works from any static server path on an office network.
  base: './',
  plugins: [svelte(), serviceWorker()],
  worker: { format: 'es' },
  // One chunk of ~1.5 MB (MapLibre is most of it): the app is cached once and works offline.
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  preview: { port: 4173, strictPort: true, headers: ISOLATION_HEADERS },
  server: { headers: ISOLATION_HEADERS },
});
