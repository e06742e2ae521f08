// Baseline 2: binary attributes handed to deck.gl over MapLibre (MapboxOverlay), as kepler.gl / loaders.gl
// hand columnar data to deck.gl: papaparse → one Float64Array of positions → ScatterplotLayer; a GeoJSON
// file → flat positions with start indices → SolidPolygonLayer + PathLayer (outlines), or PathLayer (lines).
import Papa from 'papaparse';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { flatPaths, markDrawn, startPage } from './shared';

function pointLayer(text: string): Layer {
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const header = data[0]!;
  const lat = header.indexOf('緯度'), lon = header.indexOf('経度');
  const length = data.length - 1;
  const positions = new Float64Array(length * 2);
  for (let i = 0; i < length; i++) {
    positions[i * 2] = Number(data[i + 1]![lon]);
    positions[i * 2 + 1] = Number(data[i + 1]![lat]);
  }
  return new ScatterplotLayer({
    id: 'points',
    data: { length, attributes: { getPosition: { value: positions, size: 2 } } },
    getRadius: 2,
    radiusUnits: 'pixels',
    getFillColor: [29, 79, 145],
  });
}

function shapeLayers(text: string): Layer[] {
  const { polygons, length, startIndices, positions } = flatPaths(JSON.parse(text) as GeoJSON.FeatureCollection);
  const paths = new PathLayer({
    id: 'paths',
    data: { length, startIndices, attributes: { getPath: { value: positions, size: 2 } } },
    _pathType: 'open',
    getWidth: 1,
    widthUnits: 'pixels',
    getColor: [74, 74, 74],
  });
  if (!polygons) return [paths];
  const fills = new SolidPolygonLayer({
    id: 'fills',
    data: { length, startIndices, attributes: { getPolygon: { value: positions, size: 2 } } },
    _normalize: false,
    getFillColor: [158, 202, 225, 153],
  });
  return [fills, paths];
}

startPage((map, text, name) => {
  let drawn = false;
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: name.endsWith('.geojson') ? shapeLayers(text) : [pointLayer(text)],
    onAfterRender: () => {
      if (!drawn) (drawn = true), markDrawn();
    },
  });
  map.addControl(overlay as never);
});
