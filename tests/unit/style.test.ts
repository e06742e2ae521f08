import { describe, expect, it } from 'vitest';
import { asTable } from './tables';
import { expression } from '@maplibre/maplibre-gl-style-spec';
import { MAX_CIRCLE_RADIUS, SUPPRESSED_COLOR, thematicClasses, newExercise, type Exercise } from '../../src/lib/model/exercise';
import { rowProperties } from '../../src/lib/table/layer-table';
import { buildStyle, categoryColorExpression, choroplethColorExpression, circleRadiusExpression, effectiveBaseMap, statefulLayers, type StyleInputs } from '../../src/lib/map/style';
import { anchorTable } from '../../src/lib/geo/anchors';
import { TILE_LAYER, TILE_MAX_ZOOM } from '../../src/lib/table/tile-math';
import { parseTileUrl, tiledSource } from '../../src/lib/map/table-tiles';

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

describe('areas drawn from tiles: coloured through feature state', () => {
  // 6,000 areas (over the 5,000 that are tiled), with counts and a population column; some values missing.
  const counts = Array.from({ length: 6000 }, (_, i) => (i % 97 === 0 ? null : (i * 7) % 23));
  const base = districtsWithCounts(counts as number[]);
  const withPopulation = {
    ...base,
    layers: [{ ...base.layers[0]!, data: asTable({ type: 'FeatureCollection', features: counts.map((n, i) => ({ type: 'Feature', properties: { 学区名: `学区${i}`, 件数: n, 人口: i % 50 }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } })) }) }],
  };
  const choropleth: Exercise = { ...withPopulation, thematic: { layerId: 'districts', field: '件数', method: 'quantile', classCount: 5, suppress: { field: '件数', below: 3 }, flagBelow: { field: '人口', count: 5 } } };

  it('gives each area the colour and hatching the expressions of a GeoJSON layer give it, and one colour expression whatever the classes', () => {
    const legend = thematicClasses(choropleth);
    const [layer] = statefulLayers(choropleth, legend, []);
    expect(layer!.rowCount).toBe(6000);
    // The reference: the expressions drawn for a layer of GeoJSON features (MapLibre's own evaluator).
    const expression = withSuppressedChoropleth(legend);
    const table = choropleth.layers[0]!.data;
    for (let row = 0; row < table.rowCount; row += 7) {
      const properties = rowProperties(table, row);
      if (properties.件数 === null) delete properties.件数; // a GeoJSON feature without the value
      const state = layer!.stateOf(row);
      expect(evaluate(['to-string', ['to-color', String(state.fill)]], {}), `row ${row}`).toBe(evaluate(['to-string', ['to-color', expression]], properties));
      expect(state['hatch-small']).toBe(Number(properties.人口) < 5 ? 1 : 0);
      expect(state['hatch-suppressed']).toBe(typeof properties.件数 === 'number' && properties.件数 >= 1 && properties.件数 < 3 ? 1 : 0);
    }
    const fillOf = (exercise: Exercise) => (buildStyle({ exercise, legend: thematicClasses(exercise), baseMapUrl: null, fontFaces: {} }).layers.find((l) => l.id === 'districts-fill') as { paint: Record<string, unknown> }).paint['fill-color'];
    expect(fillOf({ ...choropleth, thematic: { ...choropleth.thematic!, classCount: 3, method: 'equal-interval' } })).toEqual(fillOf(choropleth));
  });

  it('graduated circles of a tiled layer stand on the anchor table the worker makes, drawn from its tiles; none before it comes', () => {
    const circles: Exercise = { ...withPopulation, thematic: { layerId: 'districts', field: '件数', method: 'quantile', classCount: 5, kind: 'graduated-circles' } };
    const table = circles.layers[0]!.data;
    const style = (anchorTable?: StyleInputs['anchorTable']) => buildStyle({ exercise: circles, legend: [], baseMapUrl: null, fontFaces: {}, anchorTable });
    const asked: unknown[] = [];
    const waiting = style((polygons) => void asked.push(polygons));
    expect(asked).toEqual([table]);
    expect(waiting.layers.find((l) => l.id === 'districts-graduated')).toBeUndefined();
    expect(waiting.sources['districts-anchors']).toBeUndefined();
    const anchors = anchorTable(table);
    const ready = style(() => anchors);
    const circleLayer = ready.layers.find((l) => l.id === 'districts-graduated') as { source: string; 'source-layer'?: string; paint: Record<string, unknown> };
    expect(circleLayer['source-layer']).toBe(TILE_LAYER);
    const source = ready.sources[circleLayer.source] as { type: string; tiles: string[] };
    expect(source.type).toBe('vector');
    expect(decodeURIComponent(source.tiles[0]!)).toContain('["件数"]');
    // The anchors hold the polygons' own columns, one row per polygon, inside it.
    expect(anchors.rowCount).toBe(table.rowCount);
    expect(anchors.columns).toBe(table.columns);
    const [x, y] = [(anchors.geometry as { xy: Float64Array }).xy[0]!, (anchors.geometry as { xy: Float64Array }).xy[1]!];
    expect(x > 0 && x < 1 && y > 0 && y <= x).toBe(true); // in the triangle (turf may stand on its edge)
  });

  it('tiles carry the areas’ names only from the zoom their labels are drawn at (MapLibre lays out a label layer from its minzoom’s whole zoom)', () => {
    const style = buildStyle({ exercise: choropleth, legend: thematicClasses(choropleth), baseMapUrl: null, fontFaces: {} });
    const minzoom = (style.layers.find((l) => l.id === 'districts-label') as { minzoom: number }).minzoom;
    expect(minzoom).toBeGreaterThan(1);
    const url = (style.sources.districts as { tiles: string[] }).tiles[0]!;
    const fieldsAt = (z: number) => parseTileUrl(url.replace('{z}', String(z)).replace('{x}', '0').replace('{y}', '0'))!.fields;
    expect(fieldsAt(Math.floor(minzoom) - 1)).toEqual([]);
    expect(fieldsAt(Math.floor(minzoom))).toEqual(['学区名']);
    expect(fieldsAt(TILE_MAX_ZOOM)).toEqual(['学区名']);
    // Tiles that carry the mapped values (not read from feature state) have them at every zoom.
    const valuesUrl = tiledSource(choropleth.layers[0]!.data, ['件数']).tiles![0]!;
    expect(parseTileUrl(valuesUrl.replace('{z}', '0').replace('{x}', '0').replace('{y}', '0'))!.fields).toEqual(['件数']);
    expect(parseTileUrl('chizu-table://gone/0/0/0?fields=%5B%22a%22%5D')).toBeNull(); // a table no longer alive
  });

  it('a title keystroke keeps the signature (nothing set again); a new count or new classes change it', () => {
    const legend = thematicClasses(choropleth);
    const signature = (exercise: Exercise) => statefulLayers(exercise, thematicClasses(exercise), [])[0]!.signature;
    const same = (a: readonly unknown[], b: readonly unknown[]) => a.every((x, i) => x === b[i]);
    expect(same(signature(choropleth), signature({ ...choropleth, title: '図' }))).toBe(true);
    expect(same(signature(choropleth), signature({ ...choropleth, thematic: { ...choropleth.thematic!, classCount: 4 } }))).toBe(false);
    expect(statefulLayers(districtsWithCounts([1, 2, 3]), legend, [])).toEqual([]);
  });
});

/** The choropleth colour with suppression, as a GeoJSON layer is drawn. */
function withSuppressedChoropleth(legend: ReturnType<typeof thematicClasses>): unknown {
  const count = ['to-number', ['get', '件数'], 0];
  return ['case', ['all', ['>=', count, 1], ['<', count, 3]], SUPPRESSED_COLOR, choroplethColorExpression('件数', legend)];
}
