// Baseline 1: papaparse → one GeoJSON object per row → MapLibre GeoJSON source.
import Papa from 'papaparse';
import { markDrawn, startPage } from './shared';

startPage((map, text) => {
  const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const features = data.map((row) => ({ type: 'Feature' as const, properties: row, geometry: { type: 'Point' as const, coordinates: [Number(row['経度']), Number(row['緯度'])] } }));
  map.addSource('points', { type: 'geojson', data: { type: 'FeatureCollection', features } });
  map.addLayer({ id: 'points', type: 'circle', source: 'points', paint: { 'circle-radius': 2, 'circle-color': '#1d4f91' } });
  map.once('idle', markDrawn);
});
