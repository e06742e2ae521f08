import { describe, expect, it } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature, Geometry } from 'geojson';
import { featuresOf, tableFromFeatures } from '../../src/lib/table/geojson-table';
import { columnId, dictionarySize, findColumn, hashBytes, knowValuesHash, numberColumn, rowProperties, textColumn, valueAt, valuesHash, withColumn, type LayerTable } from '../../src/lib/table/layer-table';
import { packStrings, stringAt, unpackStrings } from '../../src/lib/table/packed-strings';
import { pointTile } from '../../src/lib/table/point-tiles';
import { TILE_LAYER } from '../../src/lib/table/tile-math';
import { importCsv } from '../../src/lib/io/csv';
import { makeLargeCsv } from '../../bench/make-large-csv';

const feature = (geometry: Geometry | null, properties: Record<string, unknown>): Feature<Geometry | null, Record<string, unknown>> => ({ type: 'Feature', geometry, properties });
const square = (x: number, y: number) => [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];

describe('content ids', () => {
  it('hash the same bytes the same wherever they lie in memory (aligned words or not), and tell others apart', () => {
    const bytes = new Uint8Array(1001).map((_, i) => (i * 37) % 251);
    const shifted = new Uint8Array(1002);
    shifted.set(bytes, 1);
    expect(hashBytes([shifted.subarray(1)])).toBe(hashBytes([bytes]));
    const changed = bytes.slice();
    changed[500]! ^= 1;
    expect(hashBytes([changed])).not.toBe(hashBytes([bytes]));
  });

  it('give a column made from values hashed elsewhere (the worker) the id it would get here', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => i % 7);
    const here = columnId({ name: '件数', type: 'number', values: values.slice() });
    const fromWorker = values.slice();
    knowValuesHash(fromWorker, valuesHash(fromWorker));
    expect(columnId({ name: '件数', type: 'number', values: fromWorker })).toBe(here);
    expect(columnId({ name: '件数2', type: 'number', values: values.slice() })).not.toBe(here);
  });
});

describe('columnar layer tables', () => {
  const every = [
    feature({ type: 'Point', coordinates: [140.1, 36.1] }, { 名称: '研究学園駅', 件数: 3, 開設: true }),
    feature({ type: 'MultiPoint', coordinates: [[140, 36], [140.2, 36.2]] }, { 名称: '二か所', 件数: null, 開設: false }),
    feature({ type: 'LineString', coordinates: [[140, 36], [140.1, 36.05], [140.2, 36]] }, { 名称: '', 件数: 0, 開設: null }),
    feature({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3]]] }, { 名称: '線', 件数: -1.5, 開設: true }),
    feature({ type: 'Polygon', coordinates: [square(0, 0), [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]] }, { 名称: '穴あき', 件数: 1e9, 開設: true }),
    feature({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(5, 5)]] }, { 名称: '島', 件数: 2, 開設: true }),
    feature({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [1, 2] }, { type: 'LineString', coordinates: [[0, 0], [3, 4]] }] }, { 名称: '集まり', 件数: 7, 開設: true }),
    feature(null, { 名称: '位置なし', 件数: 4, 開設: false }),
  ];

  it('gives back every geometry type, null geometry and attribute exactly (GeoJSON → table → GeoJSON)', () => {
    const table = tableFromFeatures(every);
    expect(table.rowCount).toBe(8);
    expect(table.kind).toBe('mixed');
    expect(table.bbox).toEqual([0, 0, 140.2, 36.2]);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([['名称', 'text'], ['件数', 'number'], ['開設', 'json']]);
    expect(featuresOf(table).features).toEqual(every);
  });

  it('keeps columns named like JavaScript object keys as data, and a mix of numbers and text as it is', () => {
    const table = tableFromFeatures([
      feature(null, JSON.parse('{"__proto__": "a", "constructor": 1, "code": "08220"}')),
      feature(null, JSON.parse('{"__proto__": "b", "constructor": 2, "code": 8221}')),
    ]);
    expect(table.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'code']);
    const row = rowProperties(table, 0);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor', 'code']);
    expect(row.__proto__).toBe('a');
    expect(findColumn(table, 'code')!.type).toBe('json');
    expect(valueAt(findColumn(table, 'code')!, 0)).toBe('08220');
    expect(valueAt(findColumn(table, 'code')!, 1)).toBe(8221);
  });

  it('names a table by its content: the same data has the same id, any change another', () => {
    const a = tableFromFeatures(every), b = tableFromFeatures(structuredClone(every));
    expect(a.id).toBe(b.id);
    const moved = structuredClone(every);
    (moved[0]!.geometry as GeoJSON.Point).coordinates[0] = 140.1000001;
    expect(tableFromFeatures(moved).id).not.toBe(a.id);
    const renamed = structuredClone(every);
    renamed[7]!.properties!.名称 = '位置なし ';
    expect(tableFromFeatures(renamed).id).not.toBe(a.id);
  });

  it('adds a column without copying the others, as a new table', () => {
    const table = tableFromFeatures(every);
    const counted = withColumn(table, numberColumn('結果', [1, 2, 3, 4, 5, 6, 7, null]));
    expect(counted.id).not.toBe(table.id);
    expect(counted.columns[0]).toBe(table.columns[0]);
    expect(counted.geometry).toBe(table.geometry);
    expect(featuresOf(counted).features[7]!.properties.結果).toBeNull();
    // Replacing a column keeps its place.
    expect(withColumn(counted, numberColumn('件数', new Array(8).fill(0))).columns.map((c) => c.name)).toEqual(['名称', '件数', '開設', '結果']);
  });

  it('stores repeated text once, and mostly distinct text (ids, addresses) without a dictionary lookup', () => {
    const kinds = textColumn('種別', Array.from({ length: 5000 }, (_, i) => ['声かけ', 'つきまとい', null][i % 3]!));
    expect(kinds.type === 'text' && dictionarySize(kinds)).toBe(2);
    const ids = textColumn('番号', Array.from({ length: 5000 }, (_, i) => `R${i}`));
    expect(ids.type === 'text' && dictionarySize(ids)).toBe(5000);
    expect([0, 4999].map((row) => valueAt(ids, row))).toEqual(['R0', 'R4999']);
    expect([0, 1, 2].map((row) => valueAt(kinds, row))).toEqual(['声かけ', 'つきまとい', null]);
  });

  it('packs strings of any script, empty ones included', () => {
    const strings = ['', '髙橋㈱', '𠮷野家 🍚', 'a,"b"\n', '①'];
    const packed = packStrings(strings);
    expect(strings.map((_, i) => stringAt(packed, i))).toEqual(strings);
    expect(unpackStrings(packed)).toEqual(strings);
  });
});

describe('vector tiles of a point table', () => {
  const decode = (bytes: Uint8Array | null) => (bytes ? new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER] : undefined);
  const tileOf = (lon: number, lat: number, z: number) => {
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const sin = Math.sin((lat * Math.PI) / 180);
    const y = Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n);
    return { x, y };
  };

  it('puts each point in its tile at its position, with its row as id and only the columns asked for', () => {
    const table = importCsv(new TextEncoder().encode('名称,種別,緯度,経度\n研究学園駅,駅,36.0823,140.0825\nつくば駅,駅,36.0827,140.1115\n位置なし,駅,,\n'), 's.csv').layers[0]!.data;
    const { x, y } = tileOf(140.0825, 36.0823, 14);
    const layer = decode(pointTile(table, 14, x, y))!;
    expect(layer.length).toBe(1);
    const f = layer.feature(0);
    expect(f.id).toBe(0);
    expect(f.properties).toEqual({});
    const withFields = decode(pointTile(table, 14, x, y, ['種別']))!.feature(0);
    expect(withFields.properties).toEqual({ 種別: '駅' });
    // Back from tile coordinates to lon/lat: within a tile pixel (4096 units per tile).
    const [lon, lat] = (f.toGeoJSON(x, y, 14).geometry as GeoJSON.Point).coordinates as [number, number];
    expect(lon).toBeCloseTo(140.0825, 4);
    expect(lat).toBeCloseTo(36.0823, 4);
    expect(pointTile(table, 14, x + 5, y)).toBeNull();
  });

  it('keeps one point per pixel where a million would overlap, and every point when zoomed in', () => {
    const table = importCsv(makeLargeCsv(20_000), 'large.csv').layers[0]!.data;
    const { x, y } = tileOf(140.09, 36.09, 8);
    const low = decode(pointTile(table, 8, x, y))!;
    // The points cover about 62 × 125 of the tile's 512 × 512 cells at zoom 8: at most one feature a cell.
    expect(low.length).toBeGreaterThan(1000);
    expect(low.length).toBeLessThan(62 * 125);
    // At zoom 16 (2 m a pixel) distinct points do not share a pixel: the tile holds every distinct
    // position inside it (the generated file repeats some points exactly; those are drawn once).
    const xy = (table.geometry as { xy: Float64Array }).xy;
    const t = tileOf(xy[0]!, xy[1]!, 16);
    const exact = (lon: number, lat: number) => {
      const n = 2 ** 16, sin = Math.sin((lat * Math.PI) / 180);
      return [((lon + 180) / 360) * n, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n] as const;
    };
    const inside = new Set<string>();
    for (let row = 0; row < table.rowCount; row++) {
      const [px, py] = exact(xy[row * 2]!, xy[row * 2 + 1]!);
      if (Math.floor(px) === t.x && Math.floor(py) === t.y) inside.add(`${Math.round((px - t.x) * 4096)},${Math.round((py - t.y) * 4096)}`);
    }
    const decoded = decode(pointTile(table, 16, t.x, t.y))!;
    const inTile = Array.from({ length: decoded.length }, (_, i) => decoded.feature(i).loadGeometry()[0]![0]!).filter((p) => p.x >= 0 && p.x < 4096 && p.y >= 0 && p.y < 4096);
    expect(inside.size).toBeGreaterThan(5);
    expect(new Set(inTile.map((p) => `${p.x},${p.y}`))).toEqual(inside);
  });
});

describe('CSV import straight into columns', () => {
  it('makes typed number columns, text columns and a flat coordinate array', () => {
    const table: LayerTable = importCsv(new TextEncoder().encode('世帯,人数,コード,緯度,経度\n1,12,08220,36.1,140.1\n2,,08221,,\n'), 'c.csv').layers[0]!.data;
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([['世帯', 'number'], ['人数', 'number'], ['コード', 'text'], ['緯度', 'text'], ['経度', 'text']]);
    expect(table.geometry.layout === 'points' && Array.from(table.geometry.xy)).toEqual([140.1, 36.1, NaN, NaN]);
    expect(featuresOf(table).features[1]).toEqual({ type: 'Feature', geometry: null, properties: { 世帯: 2, 人数: null, コード: '08221', 緯度: '', 経度: '' } });
  });
});
