import type { Geometry, Position } from 'geojson';

/**
 * GeoPackage geometry blobs (OGC 12-128r18 §2.1.3): a "GP" header (version, flags, srs_id, an optional
 * envelope) followed by standard WKB. Read: every WKB type with Z/M in both the ISO (1001, 2001, 3001) and
 * the EWKB (flag bits) encodings, either byte order; written: little-endian 2D WKB with an XY envelope.
 */

const TYPES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const;

/** The geometry of a GeoPackage blob, or null for an empty one; throws on a blob that is not one. */
export function readGpkgGeometry(blob: Uint8Array): Geometry | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('not a GeoPackage geometry (no "GP" header)');
  const flags = blob[3]!;
  if (flags & 0x20) return null; // the empty-geometry flag
  const envelope = (flags >> 1) & 0x07;
  const envelopeBytes = [0, 32, 48, 48, 64][envelope];
  if (envelopeBytes === undefined) throw new Error(`bad envelope code ${envelope}`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let at = 8 + envelopeBytes;

  const read = (): Geometry => {
    const little = blob[at] === 1;
    at += 1;
    let type = view.getUint32(at, little);
    at += 4;
    // EWKB flags (Z 0x80000000, M 0x40000000, SRID 0x20000000) or ISO thousands (1000 Z, 2000 M, 3000 ZM).
    let hasZ = (type & 0x80000000) !== 0, hasM = (type & 0x40000000) !== 0;
    if (type & 0x20000000) at += 4;
    type &= 0x0fffffff;
    if (type >= 1000) {
      const dims = Math.floor(type / 1000);
      hasZ ||= dims === 1 || dims === 3;
      hasM ||= dims === 2 || dims === 3;
      type %= 1000;
    }
    const size = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
    const count = () => {
      const n = view.getUint32(at, little);
      at += 4;
      // A count beyond the bytes left (each item takes 4 bytes at least) is a damaged blob, not an allocation to make.
      if (n > (blob.length - at) / 4) throw new Error('count beyond the blob');
      return n;
    };
    const position = (): Position => {
      const p = [view.getFloat64(at, little), view.getFloat64(at + 8, little)];
      if (hasZ) p.push(view.getFloat64(at + 16, little));
      at += size * 8;
      return p;
    };
    const positions = () => Array.from({ length: count() }, position);
    const rings = () => Array.from({ length: count() }, positions);
    switch (TYPES[type]) {
      case 'Point':
        return { type: 'Point', coordinates: position() };
      case 'LineString':
        return { type: 'LineString', coordinates: positions() };
      case 'Polygon':
        return { type: 'Polygon', coordinates: rings() };
      case 'MultiPoint':
        return { type: 'MultiPoint', coordinates: Array.from({ length: count() }, () => (read() as { coordinates: Position }).coordinates) };
      case 'MultiLineString':
        return { type: 'MultiLineString', coordinates: Array.from({ length: count() }, () => (read() as { coordinates: Position[] }).coordinates) };
      case 'MultiPolygon':
        return { type: 'MultiPolygon', coordinates: Array.from({ length: count() }, () => (read() as { coordinates: Position[][] }).coordinates) };
      case 'GeometryCollection':
        return { type: 'GeometryCollection', geometries: Array.from({ length: count() }, read) };
      default:
        throw new Error(`WKB type ${type} is not supported`);
    }
  };
  return read();
}

/** A GeoPackage blob (little-endian, XY envelope) of a GeoJSON geometry, for `srsId`. */
export function writeGpkgGeometry(geometry: Geometry | null, srsId: number): Uint8Array {
  const bytes: number[] = [];
  const u32 = (n: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n, true);
    for (const x of b) bytes.push(x);
  };
  const f64 = (n: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, n, true);
    for (const x of b) bytes.push(x);
  };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const point = (p: Position) => {
    f64(p[0]!);
    f64(p[1]!);
    minX = Math.min(minX, p[0]!), maxX = Math.max(maxX, p[0]!), minY = Math.min(minY, p[1]!), maxY = Math.max(maxY, p[1]!);
  };
  const list = (ps: Position[]) => (u32(ps.length), ps.forEach(point));
  const write = (g: Geometry) => {
    bytes.push(1);
    switch (g.type) {
      case 'Point':
        return u32(1), point(g.coordinates);
      case 'LineString':
        return u32(2), list(g.coordinates);
      case 'Polygon':
        return u32(3), u32(g.coordinates.length), g.coordinates.forEach(list);
      case 'MultiPoint':
        return u32(4), u32(g.coordinates.length), g.coordinates.forEach((p) => write({ type: 'Point', coordinates: p }));
      case 'MultiLineString':
        return u32(5), u32(g.coordinates.length), g.coordinates.forEach((l) => write({ type: 'LineString', coordinates: l }));
      case 'MultiPolygon':
        return u32(6), u32(g.coordinates.length), g.coordinates.forEach((p) => write({ type: 'Polygon', coordinates: p }));
      case 'GeometryCollection':
        return u32(7), u32(g.geometries.length), g.geometries.forEach(write);
    }
  };
  if (geometry) write(geometry);
  const wkb = bytes;
  const header = new Uint8Array(8 + (geometry ? 32 : 0));
  const view = new DataView(header.buffer);
  header[0] = 0x47, header[1] = 0x50, header[2] = 0;
  header[3] = geometry ? 0x01 | (1 << 1) : 0x01 | 0x20; // little-endian; XY envelope, or the empty flag
  view.setInt32(4, srsId, true);
  if (geometry) [minX, maxX, minY, maxY].forEach((v, i) => view.setFloat64(8 + i * 8, v, true));
  const out = new Uint8Array(header.length + wkb.length);
  out.set(header);
  out.set(wkb, header.length);
  return out;
}
