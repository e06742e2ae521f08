// The app's service worker (plain JS, not bundled): vite.config.ts fills in the version and the list of
// every file of the build, and writes it as sw.js beside index.html. After one visit the whole app —
// code, fonts, workers, wasm, sample data, base map, curricula — is in the cache and loads with no
// network. All paths are relative to the worker's scope, so any static server and sub-path work.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `chizu-dojo-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new URL(file, self.registration.scope).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('chizu-dojo-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/**
 * The city's own setup that IT puts beside the app (`city/`, see state/city-setup.svelte.ts) is not part of
 * the build: it is read from the server when there is one (IT may update it without a new build) and kept
 * in a cache of its own for when the network is gone. Ranged reads (a PMTiles base map) go to the server.
 */
const CITY_CACHE = 'city-setup';
const SUBRESOURCES = new Set(['script', 'style', 'font', 'image']);

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  if (request.url.startsWith(new URL('city/', self.registration.scope).href)) {
    if (request.headers.has('range')) return;
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok) await (await caches.open(CITY_CACHE)).put(request.url, response.clone());
          // The setup read afresh: the files it names are kept too (not a PMTiles base map: read in ranges).
          if (response.ok && request.url.endsWith('/city/setup.json')) event.waitUntil(keepCityFiles(request.url, response.clone()));
          return isolated(response);
        })
        .catch(async () => {
          const kept = await (await caches.open(CITY_CACHE)).match(request.url);
          // Offline with no copy: as the server would answer a city setup that is not there.
          return kept ? isolated(kept) : new Response(null, { status: 404 });
        }),
    );
    return;
  }
  // Every page of the app is the cached start page ('./' = index.html); anything else is its own cached
  // file. Cache first: files are content-hashed (or replaced together with a new VERSION), and the
  // network may be gone.
  const key = request.mode === 'navigate' ? self.registration.scope : request.url;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const response = (await cache.match(key, { ignoreSearch: request.mode === 'navigate' })) ?? (await fetch(request));
      // Scripts, styles, fonts and images of the page's own origin need no isolation headers; handed on as
      // the cache gave them (not copied into a new response) the app's scripts arrived in 15–27 ms instead
      // of 52–92 ms on reload.
      return SUBRESOURCES.has(request.destination) ? response : isolated(response);
    }),
  );
});

async function keepCityFiles(setupUrl, response) {
  try {
    const setup = await response.json();
    const files = [
      ...(setup.layers ?? []).map((l) => l.file),
      setup.outline?.file,
      ...(setup.dictionaries ?? []).map((d) => d.file),
      ...(setup.gallery ?? []).map((g) => g.exercise),
      ...(setup.curricula ?? []),
    ].filter((file) => typeof file === 'string');
    const cache = await caches.open(CITY_CACHE);
    await Promise.all(files.map((file) => cache.add(new URL(file, setupUrl).href).catch(() => {})));
  } catch {
    // A setup the app cannot read is reported by the app; nothing to keep.
  }
}

/**
 * The app's responses with the headers that make the page cross-origin isolated, as vite.config.ts
 * sends them: the page and its workers then share tables in memory instead of copying them (see
 * src/lib/table/shared-memory.ts), even from a server that does not send the headers itself.
 */
function isolated(response) {
  if (response.type !== 'basic' && response.type !== 'default') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
