import { describe, expect, it } from 'vitest';
import { area } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ringSelfCrossing, splitSelfCrossingPolygon } from '../../src/lib/geo/ring-validity';
import { featuresOf } from '../../src/lib/table/geojson-table';
import { imported, importedFiles } from './import-helpers';
import type { ImportResult, SourceFile } from '../../src/lib/io/types';

/** A square of side `size` degrees with its south-west corner at (lon, lat), closed. */
const square = (lon: number, lat: number, size = 0.01): Position[] => [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]];
/** A "bow tie": the ring of a square with two corners exchanged, crossing itself at its centre. */
const bowTie = (lon: number, lat: number, size = 0.01): Position[] => [[lon, lat], [lon + size, lat + size], [lon + size, lat], [lon, lat + size], [lon, lat]];
const warningsOf = (result: ImportResult, code: string) => result.warnings.filter((w) => w.code === code);

describe('rings that cross themselves', () => {
  it('finds where a bow tie crosses itself, and not a crossing in a simple ring or a ring touching itself at a corner', () => {
    expect(ringSelfCrossing(bowTie(140, 36, 2))).toEqual([141, 37]);
    expect(ringSelfCrossing(square(140, 36))).toBeNull();
    // Two squares sharing the corner (1,1), as one ring: touches, does not cross.
    const touching: Position[] = [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1], [0, 0]];
    expect(ringSelfCrossing(touching)).toBeNull();
  });

  it('checks a ring of 100,000 corners through its box index (a wavy circle: no crossing; one corner moved across: found)', () => {
    const n = 100_000;
    const ring: Position[] = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n, r = 1 + 0.1 * Math.sin(a * 50);
      return [140 + r * Math.cos(a), 36 + r * Math.sin(a)];
    });
    ring.push(ring[0]!);
    expect(ringSelfCrossing(ring)).toBeNull();
    const broken = ring.map((p) => [...p]);
    broken[500] = [broken[500]![0]! - 3, broken[500]![1]!]; // a spike across the circle
    expect(ringSelfCrossing(broken)).not.toBeNull();
  });

  it('splits a bow tie into simple parts with its true area, but not a polygon with a hole (the split would drop it)', () => {
    const tie = bowTie(140, 36);
    expect(area({ type: 'Polygon', coordinates: [tie] })).toBe(0); // what an area calculation makes of it unrepaired
    const pieces = splitSelfCrossingPolygon([tie])!;
    expect(pieces).toHaveLength(2);
    const total = area({ type: 'MultiPolygon', coordinates: pieces });
    expect(total / area({ type: 'Polygon', coordinates: [square(140, 36)] })).toBeCloseTo(0.5, 3);
    expect(splitSelfCrossingPolygon([bowTie(140, 36, 1), square(140.1, 36.4, 0.1)])).toBeNull();
  });
});

describe('GeoJSON: self-crossing rings and a few far features are reported, nothing moved', () => {
  const collection = (geometries: object[]) =>
    new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: geometries.map((geometry, i) => ({ type: 'Feature', properties: { name: `地区${i + 1}` }, geometry })) }));

  it('repairs a bow tie (reported with its number), reports one with a hole, and draws both', async () => {
    const result = await imported(
      collection([
        { type: 'Polygon', coordinates: [square(140.0, 36.0)] },
        { type: 'Polygon', coordinates: [bowTie(140.1, 36.0)] },
        { type: 'Polygon', coordinates: [bowTie(140.2, 36.0, 1), square(140.25, 36.4, 0.1)] },
      ]),
      'districts.geojson',
    );
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features.map((f) => f.geometry?.type)).toEqual(['Polygon', 'MultiPolygon', 'Polygon']);
    expect(area(features[1]!.geometry as MultiPolygon)).toBeGreaterThan(0);
    const [repaired] = warningsOf(result, 'geometry-repaired');
    expect(repaired!.ja).toContain('districts.geojson: 面の輪が自分と交差していた');
    expect(repaired!.ja).toContain('1 件あります（2番目）');
    expect(repaired!.en).toContain('1 feature with a polygon ring crossing itself');
    const [kept] = warningsOf(result, 'geometry-invalid');
    expect(kept!.ja).toContain('（3番目）');
    expect(kept!.en).toContain('its area may be wrong');
    expect((features[2]!.geometry as Polygon).coordinates).toHaveLength(2); // the hole is still there
  });

  it('names a point far outside Japan among points in Japan, draws it where it is, and warns of nothing when all are far', async () => {
    const points = Array.from({ length: 12 }, (_, i) => ({ type: 'Point', coordinates: [140.1 + i * 0.01, 36.1] }));
    points[7] = { type: 'Point', coordinates: [-140.1, 36.1] }; // a lost minus sign
    const result = await imported(collection(points), 'sites.geojson');
    const [far] = warningsOf(result, 'points-far-away');
    expect(far!.ja).toContain('sites.geojson: 位置が日本の外にある');
    expect(far!.ja).toContain('1 件あります（8番目）');
    expect(featuresOf(result.layers[0]!.data).features[7]!.geometry).toEqual({ type: 'Point', coordinates: [-140.1, 36.1] });
    const abroad = await imported(collection(points.map((_, i) => ({ type: 'Point', coordinates: [2.3 + i * 0.01, 48.8] }))), 'paris.geojson');
    expect(warningsOf(abroad, 'points-far-away')).toEqual([]);
  });
});

/** A polygon shapefile (.shp + .shx, no .dbf or .prj) with one record per list of rings, written as given. */
function polygonShapefile(name: string, records: Position[][][]): SourceFile[] {
  const bodies = records.map((rings) => {
    const points = rings.flat();
    const body = new DataView(new ArrayBuffer(44 + 4 * rings.length + 16 * points.length));
    body.setInt32(0, 5, true);
    body.setInt32(36, rings.length, true);
    body.setInt32(40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      body.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    points.forEach(([x, y], i) => {
      body.setFloat64(44 + 4 * rings.length + 16 * i, x!, true);
      body.setFloat64(44 + 4 * rings.length + 16 * i + 8, y!, true);
    });
    return new Uint8Array(body.buffer);
  });
  const header = (bytes: number) => {
    const view = new DataView(new ArrayBuffer(100));
    view.setInt32(0, 9994, false);
    view.setInt32(24, bytes / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, 5, true);
    [139, 35, 141, 37].forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
    return new Uint8Array(view.buffer);
  };
  const shpLength = 100 + bodies.reduce((sum, b) => sum + 8 + b.length, 0);
  const shp = new Uint8Array(shpLength), shx = new Uint8Array(100 + 8 * bodies.length);
  shp.set(header(shpLength));
  shx.set(header(shx.length));
  let offset = 100;
  bodies.forEach((body, i) => {
    const recordHeader = new DataView(shp.buffer, offset, 8);
    recordHeader.setInt32(0, i + 1, false);
    recordHeader.setInt32(4, body.length / 2, false);
    shp.set(body, offset + 8);
    const index = new DataView(shx.buffer, 100 + 8 * i, 8);
    index.setInt32(0, offset / 2, false);
    index.setInt32(4, body.length / 2, false);
    offset += 8 + body.length;
  });
  return [
    { name: `${name}.shp`, bytes: shp },
    { name: `${name}.shx`, bytes: shx },
  ];
}

describe('shapefile: broken rings, impossible and far shapes are reported like GeoJSON’s', () => {
  it('closes an unclosed ring, leaves off a ring of two corners, 0,0 and NaN, splits a bow tie, names a far shape', async () => {
    const good = Array.from({ length: 10 }, (_, i) => [square(140 + i * 0.02, 36.1)]);
    const records = [
      ...good, // 1–10
      [square(140, 36.2).slice(0, 4)], // 11: unclosed
      [[[140, 36.3], [140.01, 36.3]]], // 12: two corners
      [bowTie(140.1, 36.3)], // 13
      [square(-140, 36.1)], // 14: far (west longitude)
      [[[0, 0], [0.01, 0], [0.01, 0.01], [0, 0]]], // 15: at 0,0
      [[[140, 36.4], [NaN, 36.4], [140.01, 36.41], [140, 36.4]]], // 16: not a number
    ];
    const result = await importedFiles(polygonShapefile('学区', records));
    const features = featuresOf(result.layers[0]!.data).features;
    expect(features).toHaveLength(16); // every record stays in the table
    const text = result.warnings.map((w) => w.ja).join('\n');
    expect(text).toContain('学区.shp: 面の輪が閉じていなかった（始点で閉じて読み込みました）地物が 1 件あります（11番目）');
    expect(text).toContain('学区.shp: 面の輪が 3 点未満で面積を持たない地物が 1 件あります（12番目）');
    expect(text).toContain('学区.shp: 面の輪が自分と交差していた');
    expect(text).toContain('（13番目）');
    expect(text).toContain('学区.shp: 位置が日本の外にある');
    expect(text).toContain('（14番目）');
    expect(text).toContain('学区.shp: 位置が 0,0');
    expect(text).toContain('（15番目）');
    expect(text).toContain('学区.shp: 座標が数値でない');
    expect(text).toContain('（16番目）');
    const ring11 = (features[10]!.geometry as Polygon).coordinates[0]!;
    expect(ring11[0]).toEqual(ring11[ring11.length - 1]);
    expect(features[11]!.geometry).toBeNull();
    expect(features[12]!.geometry!.type).toBe('MultiPolygon');
    expect(features[13]!.geometry).not.toBeNull();
    expect(features[14]!.geometry).toBeNull();
    expect(features[15]!.geometry).toBeNull();
    expect(features.slice(0, 10).every((f, i) => JSON.stringify((f.geometry as Polygon).coordinates[0]!.slice().sort()) === JSON.stringify(good[i]![0]!.slice().sort()))).toBe(true);
    expect(result.warnings.every((w) => w.en.startsWith('学区') || w.code === 'dbf-missing' || w.code === 'prj-missing')).toBe(true);
  });
});
