/**
 * MapLibre, loaded when the first map is made rather than with the app: its ~800 kB of code then runs in a
 * task of its own after the page is up (evaluated with the app, it was most of one 0.1 s start-up task).
 * Everything on the page that needs it at run time asks here; types are imported as usual.
 */
import type * as MapLibre from 'maplibre-gl';

let loading: Promise<typeof MapLibre> | null = null;

export function loadMapLibre(): Promise<typeof MapLibre> {
  loading ??= import('maplibre-gl').then(async (maplibre) => {
    // MapLibre finds its worker at run time, which Vite cannot see; hand it the bundled file's URL.
    const { default: workerUrl } = await import('maplibre-gl/dist/maplibre-gl-worker.mjs?url');
    maplibre.setWorkerUrl(new URL(workerUrl, document.baseURI).href);
    return maplibre;
  });
  return loading;
}
