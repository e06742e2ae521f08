import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import { anchorPositions } from '../../src/lib/geo/anchors';
import { geometryAt, type LayerTable } from '../../src/lib/table/layer-table';
import { asTable } from './tables';
import { imported } from './import-helpers';

describe('anchors of graduated circles (large polygon layers)', () => {
  it('stand inside their own polygon for every real school district (concave and multipart ones too)', () => {
    const districts: LayerTable = asTable(JSON.parse(readFileSync(new URL('../../public/sample-data/tsukuba-school-districts.geojson', import.meta.url), 'utf8')));
    const xy = anchorPositions(districts);
    expect(xy.length).toBe(districts.rowCount * 2);
    for (let row = 0; row < districts.rowCount; row++) {
      const geometry = geometryAt(districts, row) as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      expect(booleanPointInPolygon([xy[row * 2]!, xy[row * 2 + 1]!], geometry), `row ${row}`).toBe(true);
    }
  });

  it('stand inside another city’s polygons too: 石巻’s vegetation shapefile, read from plane-rectangular zone X', async () => {
    const result = await imported(readFileSync(new URL('../fixtures/in/ishinomaki-jgd2000-zone10-shp.zip', import.meta.url)), 'ishinomaki.zip');
    const vegetation = result.layers.find((l) => l.name === 'vegetation')!.data;
    const xy = anchorPositions(vegetation);
    expect(vegetation.rowCount).toBe(12);
    for (let row = 0; row < vegetation.rowCount; row++) {
      expect(booleanPointInPolygon([xy[row * 2]!, xy[row * 2 + 1]!], geometryAt(vegetation, row) as GeoJSON.Polygon), `row ${row}`).toBe(true);
    }
  });

  it('are NaN for rows without a polygon (a point or no geometry), so no circle stands for them', () => {
    const mixed = asTable({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [140, 36] } },
        { type: 'Feature', properties: {}, geometry: null as unknown as GeoJSON.Point },
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[140, 36], [140.1, 36], [140.1, 36.1], [140, 36.1], [140, 36]]] } },
      ],
    });
    const xy = anchorPositions(mixed);
    expect(Array.from(xy.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(Array.from(xy.subarray(4)).map((v) => Math.round(v * 100) / 100)).toEqual([140.05, 36.05]);
  });
});
