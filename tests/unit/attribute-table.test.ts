import { describe, expect, it } from 'vitest';
import { describeColumns, pageOfRows, sortedRowIndices } from '../../src/lib/model/attribute-table';
import { tableFromFeatures } from '../../src/lib/table/geojson-table';

const table = tableFromFeatures(
  [
    { 番号: 'R10', 件数: 3, 日付: '2023-04-01', 開設: true, 空: null },
    { 番号: 'R2', 件数: null, 日付: '2023-03-31', 開設: false, 空: null },
    { 番号: '', 件数: -1, 日付: null, 開設: true, 空: null },
    { 番号: 'R1', 件数: 10, 日付: '2023-05-01', 開設: null, 空: null },
  ].map((properties) => ({ type: 'Feature' as const, properties, geometry: null })),
);

describe('attribute table', () => {
  it('gives each column the one type its values share', () => {
    expect(describeColumns(table)).toEqual([
      { name: '番号', type: 'text' },
      { name: '件数', type: 'number' },
      { name: '日付', type: 'date' },
      { name: '開設', type: 'boolean' },
      { name: '空', type: 'empty' },
    ]);
  });

  it('sorts numbers numerically and text in numeric collation, empty values last in both directions', () => {
    expect(sortedRowIndices(table, null)).toBeNull();
    expect(Array.from(sortedRowIndices(table, { column: '件数', descending: false })!)).toEqual([2, 0, 3, 1]);
    expect(Array.from(sortedRowIndices(table, { column: '件数', descending: true })!)).toEqual([3, 0, 2, 1]);
    expect(Array.from(sortedRowIndices(table, { column: '番号', descending: false })!)).toEqual([3, 1, 0, 2]);
    expect(Array.from(sortedRowIndices(table, { column: '番号', descending: true })!)).toEqual([0, 1, 3, 2]);
  });

  it('reads one page of rows in display order', () => {
    const order = sortedRowIndices(table, { column: '番号', descending: false });
    expect(pageOfRows(table, order, 0, 2).map((r) => [r.index, r.properties.番号])).toEqual([[3, 'R1'], [1, 'R2']]);
    expect(pageOfRows(table, null, 3, 10)).toHaveLength(1);
  });
});
