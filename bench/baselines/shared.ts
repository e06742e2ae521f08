import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

/** What a beginner's page does: a MapLibre map over Tsukuba, then wait for a CSV to be chosen. */
export function startPage(onCsv: (map: MapLibreMap, text: string) => void): void {
  setWorkerUrl(new URL(maplibreWorkerUrl, document.baseURI).href);
  const map = new MapLibreMap({
    container: 'map',
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e8ecef' } }] },
    center: [140.09, 36.09],
    zoom: 10,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  (window as unknown as { __map: MapLibreMap }).__map = map;
  document.getElementById('file')!.addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files![0]!;
    onCsv(map, await file.text());
  });
}

/** Marks the moment the points are on screen (after the frame and the task that drew it), for the benchmark. */
export function markDrawn(): void {
  requestAnimationFrame(() => setTimeout(() => ((window as unknown as { __drawnAt: number }).__drawnAt = performance.now())));
}
