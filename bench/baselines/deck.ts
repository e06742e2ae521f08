// Baseline 2: papaparse → binary attributes (one Float64Array of positions) → deck.gl ScatterplotLayer
// over MapLibre (MapboxOverlay), as kepler.gl / loaders.gl hand columnar data to deck.gl.
import Papa from 'papaparse';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { ScatterplotLayer } from '@deck.gl/layers';
import { markDrawn, startPage } from './shared';

startPage((map, text) => {
  const { data } = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const header = data[0]!;
  const lat = header.indexOf('緯度'), lon = header.indexOf('経度');
  const length = data.length - 1;
  const positions = new Float64Array(length * 2);
  for (let i = 0; i < length; i++) {
    positions[i * 2] = Number(data[i + 1]![lon]);
    positions[i * 2 + 1] = Number(data[i + 1]![lat]);
  }
  let drawn = false;
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [
      new ScatterplotLayer({
        id: 'points',
        data: { length, attributes: { getPosition: { value: positions, size: 2 } } },
        getRadius: 2,
        radiusUnits: 'pixels',
        getFillColor: [29, 79, 145],
      }),
    ],
    onAfterRender: () => {
      if (!drawn) (drawn = true), markDrawn();
    },
  });
  map.addControl(overlay as never);
});
