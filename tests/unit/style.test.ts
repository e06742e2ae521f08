import { describe, expect, it } from 'vitest';
import { asTable } from './tables';
import { expression } from '@maplibre/maplibre-gl-style-spec';
import { MAX_CIRCLE_RADIUS, thematicClasses, newExercise, type Exercise } from '../../src/lib/model/exercise';
import { buildStyle, categoryColorExpression, choroplethColorExpression, circleRadiusExpression, effectiveBaseMap } from '../../src/lib/map/style';

const districtsWithCounts = (counts: number[]): Exercise => ({
  ...newExercise('ex', new Date(0)),
  layers: [
    {
      id: 'districts',
      name: '小学校区',
      kind: 'polygon',
      sourceFileName: 'd.geojson',
      attribution: '',
      data: asTable({
        type: 'FeatureCollection',
        features: counts.map((n, i) => ({ type: 'Feature', properties: { 学区名: `学区${i}`, 件数: n }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } })),
      }),
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

describe('other thematic kinds and layer colours', () => {
  it('colours categories by value and others grey; sizes circles by area (√value)', () => {
    const categories = [
      { value: '声かけ', color: '#66c2a5', count: 3 },
      { value: '', color: '#bdbdbd', count: 1 },
    ];
    const colour = (props: Record<string, unknown>) => evaluate(['to-string', ['to-color', categoryColorExpression('種別', categories)]], props);
    expect(colour({ 種別: '声かけ' })).toBe(evaluate(['to-string', ['to-color', '#66c2a5']], {}));
    expect(colour({ 種別: '露出' })).toBe(evaluate(['to-string', ['to-color', '#bdbdbd']], {}));
    const radius = (v: unknown) => evaluate(circleRadiusExpression('件数', 36), { 件数: v }) as number;
    expect(radius(36)).toBeCloseTo(MAX_CIRCLE_RADIUS, 6);
    expect(radius(9)).toBeCloseTo(MAX_CIRCLE_RADIUS / 2, 6);
    expect(radius(null)).toBe(0);
  });

  it('draws a non-thematic layer in the colour and width the user picked', () => {
    const exercise = districtsWithCounts([1, 2]);
    const plain = { ...exercise, thematic: null, layers: [{ ...exercise.layers[0]!, color: '#123456', size: 3 }] };
    const style = buildStyle({ exercise: plain, legend: [], baseMapUrl: 'http://app.local/b.geojson', fontFaces: {} });
    const paint = (id: string) => (style.layers.find((l) => l.id === id) as { paint: Record<string, unknown> }).paint;
    expect(paint('districts-fill')['fill-color']).toBe('#123456');
    expect(paint('districts-outline')['line-width']).toBe(3);
  });
});

describe('base maps', () => {
  const exercise = (baseMap?: 'city' | 'plain' | 'gsi') => ({ ...newExercise('e', new Date(0)), baseMap });
  const build = (baseMap: 'city' | 'plain' | 'gsi' | undefined, onlineAllowed: boolean) =>
    buildStyle({ exercise: exercise(baseMap), legend: [], baseMapUrl: 'http://app.local/b.geojson', fontFaces: {}, onlineAllowed });

  it('uses 地理院タイル only when chosen and online maps are allowed; otherwise nothing outside the app', () => {
    const urls = (style: ReturnType<typeof build>) => JSON.stringify(style.sources).match(/https?:\/\/[^"]+/g) ?? [];
    expect(urls(build('gsi', true))).toContain('https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png');
    for (const [kind, online] of [['gsi', false], ['city', true], ['plain', false], [undefined, false]] as const) {
      expect(urls(build(kind, online)).every((u) => u.startsWith('http://app.local/'))).toBe(true);
    }
    expect(effectiveBaseMap('gsi', false)).toBe('city');
    expect(build('plain', false).layers.map((l) => l.id)).toEqual(['background']);
  });
});
