import { PbfWriter as Pbf } from 'pbf';

/**
 * A Mapbox Vector Tile (spec 2.1) of one layer, written straight from flat integer coordinates: the tiles
 * of a 200,000-polygon table are made without an object per ring or per position (vt-pbf's input).
 */

/** Feature types of the spec. */
export const MVT_POINT = 1, MVT_LINE = 2, MVT_POLYGON = 3;

export interface MvtFeature {
  id: number;
  type: typeof MVT_POINT | typeof MVT_LINE | typeof MVT_POLYGON;
  /** Rings (or lines, or one list of points) as [x0, y0, x1, y1, …] in tile units; a ring not closed. */
  rings: Int32Array[];
  properties: Record<string, unknown>;
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** The tile's bytes; null values are left out (a style's `has` then reads them as missing). */
export function writeMvt(layerName: string, features: readonly MvtFeature[], extent = 4096): Uint8Array {
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const valueList: unknown[] = [];
  const tagsOf = (properties: Record<string, unknown>): number[] => {
    const tags: number[] = [];
    for (const key of Object.keys(properties)) {
      const value = properties[key];
      if (value === null || value === undefined) continue;
      const stored = typeof value === 'object' ? JSON.stringify(value) : value;
      let k = keys.get(key);
      if (k === undefined) keys.set(key, (k = keys.size));
      const valueKey = `${typeof stored}:${String(stored)}`;
      let v = values.get(valueKey);
      if (v === undefined) values.set(valueKey, (v = valueList.push(stored) - 1));
      tags.push(k, v);
    }
    return tags;
  };
  const pbf = new Pbf();
  pbf.writeMessage(3, (_: null, layer: Pbf) => {
    layer.writeVarintField(15, 2);
    layer.writeStringField(1, layerName);
    for (const feature of features) {
      const tags = tagsOf(feature.properties);
      layer.writeMessage(2, (__: null, out: Pbf) => {
        if (feature.id >= 0) out.writeVarintField(1, feature.id);
        if (tags.length > 0) out.writePackedVarint(2, tags);
        out.writeVarintField(3, feature.type);
        out.writePackedVarint(4, geometryCommands(feature));
      }, null);
    }
    for (const key of keys.keys()) layer.writeStringField(3, key);
    for (const value of valueList) layer.writeMessage(4, writeValue, value);
    layer.writeVarintField(5, extent);
  }, null);
  return pbf.finish();
}

function writeValue(value: unknown, pbf: Pbf): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) pbf.writeSVarintField(6, value);
    else pbf.writeDoubleField(3, value);
  } else pbf.writeStringField(1, String(value));
}

/** MoveTo / LineTo / ClosePath commands with zigzag deltas (spec 4.3). */
function geometryCommands(feature: MvtFeature): number[] {
  const out: number[] = [];
  let x = 0, y = 0;
  const point = (px: number, py: number) => {
    out.push(zigzag(px - x), zigzag(py - y));
    (x = px), (y = py);
  };
  if (feature.type === MVT_POINT) {
    const all = feature.rings[0]!;
    out.push(1 | ((all.length / 2) << 3));
    for (let i = 0; i < all.length; i += 2) point(all[i]!, all[i + 1]!);
    return out;
  }
  for (const ring of feature.rings) {
    const count = ring.length / 2;
    out.push(1 | (1 << 3));
    point(ring[0]!, ring[1]!);
    out.push(2 | ((count - 1) << 3));
    for (let i = 2; i < ring.length; i += 2) point(ring[i]!, ring[i + 1]!);
    if (feature.type === MVT_POLYGON) out.push(7 | (1 << 3));
  }
  return out;
}
