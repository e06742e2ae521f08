import { describe, expect, it } from 'vitest';
import { asTable } from './tables';
import { newExercise, type Exercise } from '../../src/lib/model/exercise';
import { buildStyle } from '../../src/lib/map/style';
import { describeRow, MAX_CELLS, pickRow } from '../../src/lib/map/identify';

// Districts (GeoJSON-sized) with a name, a code, a rate and a count; and points.
const districts = asTable({
  type: 'FeatureCollection',
  features: [0, 1, 2].map((i) => ({ type: 'Feature', properties: { 学区名: `学区${i}`, 学区ID: 8220 + i, 率: i / 3, 件数: i === 1 ? null : i * 10 }, geometry: { type: 'Polygon', coordinates: [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 0]]] } })),
});
const points = asTable({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 種別: '声かけ' }, geometry: { type: 'Point', coordinates: [0.5, 0.2] } }] });
const exercise: Exercise = {
  ...newExercise('ex', new Date(0)),
  layers: [
    { id: 'districts', name: '小学校区', kind: 'polygon', sourceFileName: 'd.geojson', attribution: '', data: districts },
    { id: 'reports', name: '不審者情報', kind: 'point', sourceFileName: 'r.csv', attribution: '', data: points },
  ],
  thematic: { layerId: 'districts', field: '件数', method: 'quantile', classCount: 3 },
};

describe('what a click on the map points at', () => {
  it('is the topmost feature of an exercise layer, by its row; base maps, unknown ids and rows out of range are passed over', () => {
    expect(pickRow(exercise, [{ source: 'base-city', id: 0 }, { source: 'reports', id: 0 }, { source: 'districts', id: 2 }])).toEqual({ layerId: 'reports', row: 0 });
    expect(pickRow(exercise, [{ source: 'districts' }, { source: 'districts', id: 7 }, { source: 'districts', id: 'x' }, { source: 'districts', id: '2' }])).toEqual({ layerId: 'districts', row: 2 });
    // Graduated circles stand on an anchors source whose ids are the polygons' rows.
    expect(pickRow(exercise, [{ source: 'districts-anchors', id: 1 }])).toEqual({ layerId: 'districts', row: 1 });
    expect(pickRow(exercise, [])).toBeNull();
  });

  it('names every GeoJSON feature by its row (generateId) and every circle anchor by its polygon’s row', () => {
    const style = buildStyle({ exercise: { ...exercise, thematic: { ...exercise.thematic!, kind: 'graduated-circles' } }, legend: [], baseMapUrl: null, fontFaces: {} });
    expect(style.sources.districts).toMatchObject({ type: 'geojson', generateId: true });
    const anchors = (style.sources['districts-anchors'] as { data: GeoJSON.FeatureCollection }).data.features;
    expect(anchors.map((f) => f.id)).toEqual([0, 1, 2]);
  });

  it('shows the row with the mapped column first, a missing value empty, whole numbers as the attribute table does (codes without commas), fractions rounded', () => {
    expect(describeRow(exercise, 'districts', 1)).toEqual({ layerId: 'districts', layerName: '小学校区', row: 1, cells: [['件数', ''], ['学区名', '学区1'], ['学区ID', '8221'], ['率', '0.333']], more: 0 });
    expect(describeRow(exercise, 'districts', 2)!.cells[0]).toEqual(['件数', '20']);
    expect(describeRow(exercise, 'gone', 0)).toBeNull();
    expect(describeRow(exercise, 'districts', 3)).toBeNull();
  });

  it('lists at most MAX_CELLS columns and says how many more there are', () => {
    const wide = asTable({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`c${i}`, i])), geometry: null }] });
    const described = describeRow({ ...exercise, layers: [{ ...exercise.layers[0]!, data: wide }] }, 'districts', 0)!;
    expect(described.cells).toHaveLength(MAX_CELLS);
    expect(described.more).toBe(20 - MAX_CELLS);
  });
});
