import { describe, expect, it } from 'vitest';
import { expression } from '@maplibre/maplibre-gl-style-spec';
import { thematicClasses, newExercise, type Exercise } from '../../src/lib/model/exercise';
import { buildStyle, choroplethColorExpression } from '../../src/lib/map/style';

const districtsWithCounts = (counts: number[]): Exercise => ({
  ...newExercise('ex', new Date(0)),
  layers: [
    {
      id: 'districts',
      name: '小学校区',
      kind: 'polygon',
      sourceFileName: 'd.geojson',
      attribution: '',
      data: {
        type: 'FeatureCollection',
        features: counts.map((n, i) => ({ type: 'Feature', properties: { 学区名: `学区${i}`, 件数: n }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } })),
      },
    },
  ],
  thematic: { layerId: 'districts', field: '件数', method: 'quantile', classCount: 5 },
});

describe('choropleth colours on the map', () => {
  it('colours each feature with its legend class, as MapLibre evaluates the expression', () => {
    const exercise = districtsWithCounts([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const legend = thematicClasses(exercise);
    expect(legend.map((c) => [c.min, c.max])).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
    const colorOf = (value: number) => evaluate(['to-string', ['to-color', choroplethColorExpression('件数', legend)]], { 件数: value });
    for (let v = 0; v <= 9; v++) expect(colorOf(v)).toBe(evaluate(['to-string', ['to-color', legend[Math.floor(v / 2)]!.color]], {}));
    expect(evaluate(['to-string', ['to-color', choroplethColorExpression('件数', legend)]], {})).toBe(evaluate(['to-string', ['to-color', '#d9d9d9']], {}));
  });

  it('builds a valid style with no glyph server and only same-origin sources', () => {
    const exercise = districtsWithCounts([1, 2, 3]);
    const style = buildStyle({ exercise, legend: thematicClasses(exercise), baseMapUrl: 'http://app.local/base-map/city.geojson', fontFaces: {} });
    expect(style.glyphs).toBeUndefined();
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'base-city-fill', 'base-city-outline', 'districts-fill', 'districts-outline', 'districts-label']);
  });
});

/** Evaluates an expression the way MapLibre does for a feature with these properties. */
function evaluate(input: unknown, properties: Record<string, unknown>): unknown {
  const compiled = expression.createExpression(input, 'layers[0].paint.fill-color');
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  return compiled.value.evaluate({ zoom: 10 }, { type: 'Polygon', properties } as never);
}
