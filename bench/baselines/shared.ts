import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

/** What a beginner's page does: a MapLibre map over Tsukuba, then wait for a file (CSV or GeoJSON) to be chosen. */
export function startPage(onFile: (map: MapLibreMap, text: string, name: string) => void): void {
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
    onFile(map, await file.text(), file.name);
  });
}

/** Marks the moment the data is on screen (after the frame and the task that drew it), for the benchmark. */
export function markDrawn(): void {
  requestAnimationFrame(() => setTimeout(() => ((window as unknown as { __drawnAt: number }).__drawnAt = performance.now())));
}

/** A GeoJSON file's lines and polygon rings as flat positions with start indices (deck.gl's binary layout). */
export function flatPaths(collection: GeoJSON.FeatureCollection): { polygons: boolean; length: number; startIndices: Uint32Array; positions: Float64Array } {
  const starts: number[] = [];
  const values: number[] = [];
  let polygons = false;
  const add = (ring: GeoJSON.Position[]) => {
    starts.push(values.length / 2);
    for (const p of ring) values.push(p[0]!, p[1]!);
  };
  for (const f of collection.features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') (polygons = true), add(g.coordinates[0]!);
    else if (g?.type === 'MultiPolygon') (polygons = true), g.coordinates.forEach((p) => add(p[0]!));
    else if (g?.type === 'LineString') add(g.coordinates);
    else if (g?.type === 'MultiLineString') g.coordinates.forEach(add);
  }
  starts.push(values.length / 2);
  return { polygons, length: starts.length - 1, startIndices: Uint32Array.from(starts), positions: Float64Array.from(values) };
}
