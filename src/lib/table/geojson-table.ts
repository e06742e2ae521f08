import type { Feature, Geometry, Position } from 'geojson';
import type { AnyFeatureCollection, Properties } from '../geo/types';
import { columnFromValues, GEOMETRY_TYPES, geometryAt, makeTable, rowReader, type LayerTable, type TableGeometry } from './layer-table';

/**
 * GeoJSON is an import and export format here, not the working model: these turn features into a
 * table and back (for small layers drawn as GeoJSON, for turf operations, for export).
 */

/** A table from features: columns in first-seen order, geometry in the most compact layout that fits. */
export function tableFromFeatures(features: readonly Feature<Geometry | null, Properties | null>[]): LayerTable {
  // A Map, not an object: a column called __proto__ or constructor is data like any other.
  const columns = new Map<string, unknown[]>();
  features.forEach((feature, row) => {
    const properties = feature.properties ?? {};
    for (const key of Object.keys(properties)) {
      let values = columns.get(key);
      if (!values) columns.set(key, (values = new Array(features.length).fill(null)));
      values[row] = properties[key];
    }
  });
  return makeTable(
    [...columns].map(([name, values]) => columnFromValues(name, values)),
    geometryFromFeatures(features),
    features.length,
  );
}

function geometryFromFeatures(features: readonly Feature<Geometry | null, unknown>[]): TableGeometry {
  if (features.every((f) => !f.geometry)) return { layout: 'none' };
  if (features.every((f) => !f.geometry || f.geometry.type === 'Point')) {
    const xy = new Float64Array(features.length * 2).fill(NaN);
    features.forEach((f, row) => {
      const c = (f.geometry as GeoJSON.Point | null)?.coordinates;
      if (c && Number.isFinite(c[0]) && Number.isFinite(c[1])) (xy[row * 2] = c[0]!), (xy[row * 2 + 1] = c[1]!);
    });
    return { layout: 'points', xy };
  }
  const builder = new NestedGeometryBuilder(features.length);
  features.forEach((f) => builder.add(f.geometry));
  return builder.finish();
}

/** Appends geometries row by row into the nested layout (see TableGeometry). */
export class NestedGeometryBuilder {
  #types: Uint8Array;
  #geometryOffsets: Uint32Array;
  #parts: number[] = [0];
  #rings: number[] = [0];
  #coordinates: number[] = [];
  #collections: Record<number, Geometry> = {};
  #row = 0;

  constructor(rowCount: number) {
    this.#types = new Uint8Array(rowCount);
    this.#geometryOffsets = new Uint32Array(rowCount + 1);
  }

  add(geometry: Geometry | null): void {
    const row = this.#row++;
    const type = geometry ? GEOMETRY_TYPES.indexOf(geometry.type) : 0;
    if (geometry && type > 0) {
      this.#types[row] = type;
      switch (geometry.type) {
        case 'Point':
          this.#part([[geometry.coordinates]]);
          break;
        case 'MultiPoint':
          geometry.coordinates.forEach((p) => this.#part([[p]]));
          break;
        case 'LineString':
          this.#part([geometry.coordinates]);
          break;
        case 'MultiLineString':
          geometry.coordinates.forEach((line) => this.#part([line]));
          break;
        case 'Polygon':
          this.#part(geometry.coordinates);
          break;
        case 'MultiPolygon':
          geometry.coordinates.forEach((polygon) => this.#part(polygon));
          break;
        case 'GeometryCollection':
          this.#collections[row] = geometry;
          break;
      }
    }
    this.#geometryOffsets[row + 1] = this.#parts.length - 1;
  }

  #part(rings: Position[][]): void {
    for (const ring of rings) {
      for (const p of ring) this.#coordinates.push(p[0]!, p[1]!);
      this.#rings.push(this.#coordinates.length / 2);
    }
    this.#parts.push(this.#rings.length - 1);
  }

  finish(): TableGeometry {
    return {
      layout: 'nested',
      types: this.#types,
      geometryOffsets: this.#geometryOffsets,
      partOffsets: Uint32Array.from(this.#parts),
      ringOffsets: Uint32Array.from(this.#rings),
      coordinates: Float64Array.from(this.#coordinates),
      ...(Object.keys(this.#collections).length > 0 ? { collections: this.#collections } : {}),
    };
  }
}

// Built once per table (tables are immutable); small layers are drawn and analysed as GeoJSON.
const featureCache = new WeakMap<LayerTable, AnyFeatureCollection>();

/** The table as a GeoJSON FeatureCollection (cached per table). */
export function featuresOf(table: LayerTable): AnyFeatureCollection {
  let collection = featureCache.get(table);
  if (!collection) {
    const features: Feature<Geometry | null, Properties>[] = new Array(table.rowCount);
    const read = rowReader(table);
    for (let row = 0; row < table.rowCount; row++) {
      features[row] = { type: 'Feature', properties: read(row), geometry: geometryAt(table, row) };
    }
    collection = { type: 'FeatureCollection', features };
    featureCache.set(table, collection);
  }
  return collection;
}
