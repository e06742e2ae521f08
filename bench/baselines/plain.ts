// Baseline 1: papaparse → one GeoJSON object per row → MapLibre GeoJSON source; a GeoJSON file straight
// into one GeoJSON source (fill and outline for polygons, a line layer for lines).
import Papa from 'papaparse';
import { markDrawn, startPage } from './shared';

startPage((map, text, name) => {
  if (name.endsWith('.geojson')) {
    const data = JSON.parse(text) as GeoJSON.FeatureCollection;
    map.addSource('shapes', { type: 'geojson', data });
    map.addLayer({ id: 'fill', type: 'fill', source: 'shapes', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#9ecae1', 'fill-opacity': 0.6 } });
    map.addLayer({ id: 'line', type: 'line', source: 'shapes', paint: { 'line-color': '#4a4a4a', 'line-width': 0.8 } });
  } else {
    const { data } = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    const features = data.map((row) => ({ type: 'Feature' as const, properties: row, geometry: { type: 'Point' as const, coordinates: [Number(row['経度']), Number(row['緯度'])] } }));
    map.addSource('points', { type: 'geojson', data: { type: 'FeatureCollection', features } });
    map.addLayer({ id: 'points', type: 'circle', source: 'points', paint: { 'circle-radius': 2, 'circle-color': '#1d4f91' } });
  }
  map.once('idle', markDrawn);
});
