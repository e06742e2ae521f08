import type { ExpressionSpecification, LayerSpecification, SourceSpecification, StyleSpecification, FontFacesSpecification } from 'maplibre-gl';
import type { Exercise, Layer, LegendClass } from '../model/exercise';
import { MAP_FONT } from './font-faces';

export const BASE_SOURCE_ID = 'base-city';
const NAME_FIELDS = ['学区名', '名称', '施設・場所名', 'name', 'NAME'];
const NO_DATA_COLOR = '#d9d9d9';
const POINT_COLOR = '#1d4f91';

/** The attribute used to label a polygon layer, if it has one of the usual name columns. */
export function labelFieldOf(layer: Layer): string | null {
  const properties = layer.data.features[0]?.properties ?? {};
  return NAME_FIELDS.find((f) => typeof properties[f] === 'string') ?? null;
}

/** MapLibre colour expression: the first class whose upper bound the value does not exceed. */
export function choroplethColorExpression(field: string, classes: readonly LegendClass[]): ExpressionSpecification | string {
  if (classes.length === 0) return NO_DATA_COLOR;
  const value: ExpressionSpecification = ['to-number', ['get', field], -1];
  const cases: unknown[] = [];
  classes.forEach((c, i) => {
    if (i < classes.length - 1) cases.push(['<=', value, c.upperBound], c.color);
  });
  return ['case', ['!', ['has', field]], NO_DATA_COLOR, ...cases, classes[classes.length - 1]!.color] as ExpressionSpecification;
}

/** A label for a mapped value: up to 2 decimals, a dash where there is no value (not a misleading 0). */
function valueLabel(field: string): ExpressionSpecification {
  return ['case', ['==', ['typeof', ['get', field]], 'number'], ['number-format', ['get', field], { 'max-fraction-digits': 2 }], '—'];
}

export interface StyleInputs {
  exercise: Exercise;
  legend: readonly LegendClass[];
  baseMapUrl: string;
  fontFaces: FontFacesSpecification;
}

/**
 * The whole map as a MapLibre style, from the exercise alone (pure, so the map can be redrawn with
 * setStyle(…, {diff: true}) after any change). No `glyphs`: labels are drawn from bundled fonts.
 */
export function buildStyle({ exercise, legend, baseMapUrl, fontFaces }: StyleInputs): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    [BASE_SOURCE_ID]: { type: 'geojson', data: baseMapUrl },
  };
  const fills: LayerSpecification[] = [];
  const lines: LayerSpecification[] = [];
  const points: LayerSpecification[] = [];
  const labels: LayerSpecification[] = [];

  for (const layer of exercise.layers) {
    sources[layer.id] = { type: 'geojson', data: layer.data as GeoJSON.FeatureCollection };
    if (layer.visible === false) continue;
    const choropleth = exercise.choropleth?.layerId === layer.id ? exercise.choropleth : null;
    if (layer.kind === 'polygon' || layer.kind === 'mixed') {
      fills.push({
        id: `${layer.id}-fill`,
        type: 'fill',
        source: layer.id,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: {
          'fill-color': choropleth ? choroplethColorExpression(choropleth.field, legend) : '#9ecae1',
          'fill-opacity': choropleth ? 0.85 : 0.35,
        },
      });
      lines.push({
        id: `${layer.id}-outline`,
        type: 'line',
        source: layer.id,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'line-color': '#4a4a4a', 'line-width': 0.8 },
      });
      const nameField = labelFieldOf(layer);
      if (nameField) {
        const text: ExpressionSpecification = choropleth
          ? ['format', ['get', nameField], {}, '\n', {}, valueLabel(choropleth.field), { 'font-scale': 1.15 }]
          : ['get', nameField];
        labels.push({
          id: `${layer.id}-label`,
          type: 'symbol',
          source: layer.id,
          filter: ['==', ['geometry-type'], 'Polygon'],
          layout: { 'text-field': text, 'text-font': [MAP_FONT], 'text-size': 11, 'text-max-width': 8 },
          paint: { 'text-color': '#1a1a1a', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
        });
      }
    }
    if (layer.kind === 'line' || layer.kind === 'mixed') {
      lines.push({
        id: `${layer.id}-line`,
        type: 'line',
        source: layer.id,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': '#6a3d9a', 'line-width': 1.5 },
      });
    }
    if (layer.kind === 'point' || layer.kind === 'mixed') {
      points.push({
        id: `${layer.id}-circle`,
        type: 'circle',
        source: layer.id,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          // Over a choropleth the points are context, so they step back.
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 2, 14, 5],
          'circle-color': exercise.choropleth ? '#333333' : POINT_COLOR,
          'circle-opacity': exercise.choropleth ? 0.55 : 0.9,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 0.6,
        },
      });
    }
  }

  return {
    version: 8,
    'font-faces': fontFaces,
    sources,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#e8ecef' } },
      { id: 'base-city-fill', type: 'fill', source: BASE_SOURCE_ID, paint: { 'fill-color': '#fbfaf6' } },
      { id: 'base-city-outline', type: 'line', source: BASE_SOURCE_ID, paint: { 'line-color': '#7a7a7a', 'line-width': 1.6 } },
      ...fills,
      ...lines,
      ...points,
      ...labels,
    ],
  };
}
