// Vector tiles of line and polygon tables (table/shape-tiles.ts), checked against what MapLibre itself makes of
// the same GeoJSON (@maplibre/geojson-vt, with simplification off) on the real school districts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PbfReader } from 'pbf';
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { area as turfArea } from '@turf/turf';
import { tableFromFeatures } from '../../src/lib/table/geojson-table';
import { geometryId, numberColumn, withColumn } from '../../src/lib/table/layer-table';
import { shapeTile } from '../../src/lib/table/shape-tiles';
import { TILE_LAYER } from '../../src/lib/table/tile-math';

const districts = JSON.parse(readFileSync('public/sample-data/tsukuba-school-districts.geojson', 'utf8')) as GeoJSON.FeatureCollection;
const table = tableFromFeatures(districts.features);

const decode = (bytes: Uint8Array | null) => (bytes ? new VectorTile(new PbfReader(bytes)).layers[TILE_LAYER] : undefined);
const featuresOf = (bytes: Uint8Array | null): VectorTileFeature[] => {
  const layer = decode(bytes);
  return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i)) : [];
};
/** Shoelace area of rings in tile units, signed by ring as written (holes subtract when wound the other way). */
const ringArea = (ring: { x: number; y: number }[]) => {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j]!.x - ring[i]!.x) * (ring[j]!.y + ring[i]!.y);
  return sum / 2;
};
const tileRange = (bbox: number[], z: number) => {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n);
  };
  return { x0: tx(bbox[0]!), x1: tx(bbox[2]!), y0: ty(bbox[3]!), y1: ty(bbox[1]!) };
};

describe('vector tiles of polygons and lines', () => {
  it('cuts the school districts into tiles as MapLibre does: the same features, the same areas in every tile', () => {
    const reference = new GeoJSONVT(districts as never, { maxZoom: 14, indexMaxZoom: 0, tolerance: 0, extent: 4096, buffer: 256, generateId: true });
    let compared = 0, maxShare = 0;
    for (const z of [10, 12, 14]) {
      const { x0, x1, y0, y1 } = tileRange(table.bbox!, z);
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const ours = new Map(featuresOf(shapeTile(table, z, x, y)).map((f) => [f.id as number, f]));
          const theirs = reference.getTile(z, x, y)?.features ?? [];
          const theirArea = new Map<number, number>(), theirPerimeter = new Map<number, number>();
          for (const f of theirs) {
            const rings = (f.geometry as [number, number][][]).map((r) => r.map(([px, py]) => ({ x: px, y: py })));
            theirArea.set(f.id as number, Math.abs(rings.reduce((s, r) => s + ringArea(r), 0)));
            theirPerimeter.set(f.id as number, rings.reduce((s, r) => s + r.slice(1).reduce((t, p, i) => t + Math.hypot(p.x - r[i]!.x, p.y - r[i]!.y), 0), 0));
          }
          // Slivers of a district only in the buffer may differ by the snapping; anything of a pixel or more matches.
          for (const [id, a] of theirArea) {
            if (a < 64) continue;
            const mine = ours.get(id);
            expect(mine, `z${z}/${x}/${y} district ${id}`).toBeDefined();
            const mineArea = Math.abs(mine!.loadGeometry().reduce((s, r) => s + ringArea(r), 0));
            // Snapping to a pixel (8 units) moves each position by at most 4 units each way: the area
            // changes by at most the perimeter × 4√2.
            expect(Math.abs(mineArea - a), `z${z}/${x}/${y} district ${id}`).toBeLessThan(theirPerimeter.get(id)! * 4 * Math.SQRT2);
            if (a > 10_000) maxShare = Math.max(maxShare, Math.abs(mineArea - a) / a);
            compared++;
          }
          for (const id of ours.keys()) expect(theirArea.has(id), `z${z}/${x}/${y}: ${id} is not in MapLibre's tile`).toBe(true);
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
    // As a share of the area, for pieces of more than about 150 pixels (thin slivers in the buffer included): within 5 %.
    expect(maxShare).toBeLessThan(0.05);
  });

  it('gives back each district with its area (lon/lat, via the decoded tile) and outer rings wound as the spec says', () => {
    const z = 8;
    const { x0, y0, x1, y1 } = tileRange(table.bbox!, z);
    expect([x1 - x0, y1 - y0]).toEqual([0, 0]);
    const features = featuresOf(shapeTile(table, z, x0, y0));
    expect(features.length).toBe(33);
    for (const f of features) {
      const original = districts.features[f.id as number]!;
      const decoded = f.toGeoJSON(x0, y0, z);
      // At zoom 8 a pixel is about 250 m and positions snap to it: the smallest districts (about 30
      // pixels) within 12 %, and none larger off by more than that.
      expect(Math.abs(turfArea(decoded) - turfArea(original)) / turfArea(original)).toBeLessThan(0.12);
      // Exterior rings are clockwise on screen (y down): a positive area by this sum.
      expect(ringArea(f.loadGeometry()[0]!)).toBeGreaterThan(0);
    }
  });

  it('keeps holes, multipolygons and lines; drops what is smaller than a pixel; writes only the columns asked for', () => {
    const square = (x: number, y: number, size: number) => [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
    const shapes = tableFromFeatures([
      // Holes written the same way round as the outer ring (as many files do): still a hole in the tile.
      { type: 'Feature', properties: { 名前: '穴あき', 件数: 3 }, geometry: { type: 'Polygon', coordinates: [square(140, 36, 0.1), square(140.03, 36.03, 0.04)] } },
      { type: 'Feature', properties: { 名前: '飛び地', 件数: 1 }, geometry: { type: 'MultiPolygon', coordinates: [[square(140.2, 36, 0.05)], [square(140.3, 36, 0.05)]] } },
      { type: 'Feature', properties: { 名前: '道', 件数: null }, geometry: { type: 'LineString', coordinates: [[138, 36.05], [142, 36.05]] } },
      { type: 'Feature', properties: { 名前: '点', 件数: 0 }, geometry: { type: 'Point', coordinates: [140.01, 36.01] } },
      { type: 'Feature', properties: { 名前: '小さい', 件数: 0 }, geometry: { type: 'Polygon', coordinates: [square(140.4, 36.0, 0.0001)] } },
    ]);
    const z = 8, { x0, y0 } = tileRange([140.0, 36.0, 140.0, 36.0], z);
    const features = featuresOf(shapeTile(shapes, z, x0, y0, ['名前']));
    const byName = new Map(features.map((f) => [f.properties.名前 as string, f]));
    expect([...byName.keys()].sort()).toEqual(['点', '穴あき', '道', '飛び地'].sort());
    expect(features.every((f) => Object.keys(f.properties).join() === '名前')).toBe(true);
    const holed = byName.get('穴あき')!.toGeoJSON(x0, y0, z).geometry as GeoJSON.Polygon;
    expect(holed.type).toBe('Polygon');
    expect(holed.coordinates.length).toBe(2);
    const holedArea = turfArea(holed), expected = turfArea({ type: 'Polygon', coordinates: [square(140, 36, 0.1), square(140.03, 36.03, 0.04)] as never });
    expect(Math.abs(holedArea - expected) / expected).toBeLessThan(0.03);
    expect((byName.get('飛び地')!.toGeoJSON(x0, y0, z).geometry as GeoJSON.MultiPolygon).type).toBe('MultiPolygon');
    // The line runs beyond the tile on both sides: cut at the buffer (1/16 of the tile), not drawn to infinity.
    const line = byName.get('道')!.loadGeometry();
    const xs = line.flat().map((p) => p.x);
    expect(Math.min(...xs)).toBe(-256);
    expect(Math.max(...xs)).toBe(4096 + 256);
    expect(byName.get('道')!.type).toBe(2);
    expect(byName.get('点')!.type).toBe(1);
    // The small square (about 10 m) shows when zoomed in far enough.
    const near = tileRange([140.40005, 36.00005, 140.40005, 36.00005], 16);
    expect(featuresOf(shapeTile(shapes, 16, near.x0, near.y0, ['名前'])).map((f) => f.properties.名前)).toContain('小さい');
    expect(shapeTile(shapes, 8, x0 + 10, y0)).toBeNull();
  });

  it('a count added as a column shares the geometry: the same tile, the new values', () => {
    const counted = withColumn(table, numberColumn('件数', Array.from({ length: table.rowCount }, (_, i) => i * 2)));
    expect(geometryId(counted)).toBe(geometryId(table));
    expect(counted.id).not.toBe(table.id);
    const z = 11, { x0, y0 } = tileRange(table.bbox!, z);
    const before = featuresOf(shapeTile(table, z, x0, y0, ['件数']));
    const after = featuresOf(shapeTile(counted, z, x0, y0, ['件数']));
    expect(after.map((f) => f.id)).toEqual(before.map((f) => f.id));
    expect(before.every((f) => f.properties.件数 === undefined)).toBe(true);
    expect(after.every((f) => f.properties.件数 === (f.id as number) * 2)).toBe(true);
    expect(after.map((f) => JSON.stringify(f.loadGeometry()))).toEqual(before.map((f) => JSON.stringify(f.loadGeometry())));
  });
});
