import type { Geometry, Position } from 'geojson';
import { ringSelfCrossing, splitSelfCrossingPolygon } from '../geo/ring-validity';
import { isInJapan } from './crs';
import type { ImportWarning, WarningCode } from './types';

/**
 * What is wrong with a feature's geometry. The first eight leave the feature in the table but not on
 * the map; the last four are drawn (repaired, or only reported).
 */
export type GeometryProblem =
  | 'missing'
  | 'null'
  | 'empty'
  | 'unknown-type'
  | 'invalid-coordinates'
  | 'out-of-range'
  | 'zero'
  | 'short-ring'
  | 'closed-ring'
  | 'self-crossing-split'
  | 'self-crossing'
  | 'far-away';

const WORDS: Record<GeometryProblem, { ja: string; en: string; drawn?: WarningCode }> = {
  missing: { ja: '「geometry」の項目がない', en: 'with no "geometry" member' },
  null: { ja: '「geometry」が null の', en: 'with "geometry": null' },
  empty: { ja: '図形が空（Null Shape）の', en: 'with an empty shape (null shape)' },
  'unknown-type': { ja: '形状の種類が GeoJSON にない', en: 'with a geometry of an unknown type' },
  'invalid-coordinates': { ja: '座標が数値でない（文字・NaN・無限大、形の種類に合わない配列など）', en: 'with coordinates that are not finite numbers arranged as their type needs (text, NaN, Infinity, wrong nesting)' },
  'out-of-range': { ja: '座標が経緯度の範囲（経度 ±180・緯度 ±90）を超える', en: 'with coordinates beyond longitude ±180 / latitude ±90' },
  zero: { ja: '位置が 0,0（位置が見つからなかった印）の', en: 'at 0,0 (the mark of a place not found)' },
  'short-ring': { ja: '面の輪が 3 点未満で面積を持たない', en: 'with a polygon ring of fewer than three corners' },
  'closed-ring': { ja: '面の輪が閉じていなかった（始点で閉じて読み込みました）', en: 'with an unclosed polygon ring (closed at its first point)', drawn: 'geometry-repaired' },
  'self-crossing-split': {
    ja: '面の輪が自分と交差していた（交点で分けた面として読み込みました。面積と点の数え方は交差した形のとおりです）',
    en: 'with a polygon ring crossing itself (split at the crossings into simple parts, so its area and the points counted in it follow the drawn shape)',
    drawn: 'geometry-repaired',
  },
  'self-crossing': {
    ja: '面の輪が自分と交差している（穴があるか大きいため直していません。点は数えられますが、面積は正しくない場合があります。GIS で修正してください）',
    en: 'with a polygon ring crossing itself (not repaired: it has holes or is very large; points are counted, but its area may be wrong — repair it in a GIS)',
    drawn: 'geometry-invalid',
  },
  'far-away': {
    ja: '位置が日本の外にある（ほかの地物は日本の中です。緯度と経度の取り違えや入力ミスがないか確かめてください）',
    en: 'outside Japan while the others are in it (check for swapped or mistyped coordinates)',
    drawn: 'points-far-away',
  },
};

const features = (n: number) => `${n} ${n === 1 ? 'feature' : 'features'}`;

/** The features of one file with something wrong, by problem, in the order found. */
export class GeometryProblems {
  readonly #byKind = new Map<GeometryProblem, number[]>();

  add(kind: GeometryProblem, index: number): null {
    const list = this.#byKind.get(kind) ?? [];
    list.push(index);
    this.#byKind.set(kind, list);
    return null;
  }

  /** One warning per problem: how many features, the first five by number (from 1), what was done. */
  warnings(fileName: string): ImportWarning[] {
    return [...this.#byKind].map(([kind, indexes]) => {
      const { ja, en, drawn } = WORDS[kind];
      const numbers = indexes.slice(0, 5).map((i) => i + 1);
      const more = indexes.length > 5;
      return {
        code: drawn ?? 'features-without-geometry',
        ja: `${fileName}: ${ja}地物が ${indexes.length} 件あります（${numbers.join('、')}番目${more ? 'など' : ''}）。${drawn ? '地図に表示しています。' : '表には残しますが地図には表示しません。'}`,
        en: `${fileName}: ${features(indexes.length)} ${en} (${indexes.length === 1 ? 'feature' : 'features'} ${numbers.join(', ')}${more ? ', …' : ''}). ${drawn ? 'Drawn.' : 'Kept in the table but not mapped.'}`,
      };
    });
  }
}

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);
export const isGeometryType = (type: unknown) => GEOMETRY_TYPES.has(String(type));

const MAX_COLLECTION_NESTING = 8;

/** How many arrays hold a type's positions: a Polygon is rings of positions, so 2. */
const NESTING: Record<string, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/**
 * Every position of a geometry's coordinates, or null when one is not a pair of finite numbers or the
 * arrays are not nested as its type needs (a Polygon whose coordinates are one position is not drawable).
 */
function positionsOf(geometry: Record<string, unknown>, nesting = 0): number[][] | null {
  const out: number[][] = [];
  const levels = NESTING[String(geometry.type)];
  const walk = (value: unknown, level: number): boolean => {
    if (!Array.isArray(value)) return false;
    if (level === levels) {
      if (value.length < 2 || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) return false;
      out.push(value as number[]);
      return true;
    }
    return value.every((inner) => walk(inner, level + 1));
  };
  if (geometry.type === 'GeometryCollection') {
    // Collections in collections are allowed but rare; thousands deep would overflow every walk after this.
    if (!Array.isArray(geometry.geometries) || nesting >= MAX_COLLECTION_NESTING) return null;
    for (const inner of geometry.geometries) {
      const positions = typeof inner === 'object' && inner !== null && isGeometryType(inner.type) ? positionsOf(inner, nesting + 1) : null;
      if (!positions) return null;
      for (const position of positions) out.push(position);
    }
    return out;
  }
  return walk(geometry.coordinates, 0) ? out : null;
}

/** Whether a value is a geometry a table can hold: a known type, finite coordinates nested as it needs. */
export const isWellNested = (geometry: unknown): geometry is Geometry =>
  typeof geometry === 'object' && geometry !== null && isGeometryType((geometry as { type?: unknown }).type) && positionsOf(geometry as Record<string, unknown>) !== null;

export const inDegrees = (p: readonly number[]) => Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90;
const isZero = (p: readonly number[]) => p[0] === 0 && p[1] === 0;

const polygonsOf = (geometry: { type?: unknown; coordinates?: unknown }): Position[][][] | null =>
  geometry.type === 'Polygon' ? [geometry.coordinates as Position[][]] : geometry.type === 'MultiPolygon' ? (geometry.coordinates as Position[][][]) : null;

/**
 * Polygon rings as counting needs them: an unclosed ring is closed (reported, kept), a ring of fewer than
 * three distinct corners cannot enclose anything (the feature is reported and not drawn).
 */
function checkRings<G extends { type?: unknown; coordinates?: unknown }>(geometry: G): { geometry: G; closed: boolean; short: boolean } {
  const polygons = polygonsOf(geometry);
  if (!polygons) return { geometry, closed: false, short: false };
  let closed = false, short = false;
  const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
  const fixed = polygons.map((rings) =>
    rings.map((ring) => {
      const open = ring.length > 0 && !same(ring[0]!, ring[ring.length - 1]!);
      const full = open ? [...ring, ring[0]!] : ring;
      if (open) closed = true;
      if (full.length < 4) short = true;
      return full;
    }),
  );
  if (!closed) return { geometry, closed, short };
  return { geometry: { ...geometry, coordinates: geometry.type === 'Polygon' ? fixed[0] : fixed }, closed, short };
}

/**
 * Lon/lat geometries as they will be drawn and counted, checked in place of each other: polygons whose
 * rings cross themselves are split where that loses nothing, else reported; features far outside Japan
 * while nearly all others are in it are named. Geometries must already be well-formed (see wellFormed).
 */
export function checkShapes(geometries: (Geometry | null)[], problems: GeometryProblems): void {
  let located = 0, inJapan = 0;
  const outside: number[] = [];
  geometries.forEach((geometry, i) => {
    if (!geometry) return;
    const polygons = polygonsOf(geometry);
    if (polygons) {
      let crossing = false, split = true;
      const parts = polygons.flatMap((rings) => {
        if (!rings.some((ring) => ringSelfCrossing(ring))) return [rings];
        crossing = true;
        const pieces = splitSelfCrossingPolygon(rings);
        if (!pieces) split = false;
        return pieces ?? [rings];
      });
      if (crossing && split) geometries[i] = { type: 'MultiPolygon', coordinates: parts };
      if (crossing) problems.add(split ? 'self-crossing-split' : 'self-crossing', i);
    }
    const first = firstPosition(geometry);
    if (!first) return;
    located++;
    if (isInJapan(first[0]!, first[1]!)) inJapan++;
    else outside.push(i);
  });
  // Most features in Japan and a few far outside: those few are a typo or a swapped pair.
  if (outside.length > 0 && inJapan >= located * 0.9) for (const i of outside) problems.add('far-away', i);
}

export function firstPosition(geometry: Geometry): Position | null {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.length ? firstPosition(geometry.geometries[0]!) : null;
  let value: unknown = geometry.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && value.length >= 2 ? (value as Position) : null;
}

/**
 * A geometry that can be drawn, with its positions: every coordinate a finite number, none at 0,0, in
 * degrees when `degrees` is asked (GeoJSON asks after deciding on a swap or a zone), rings of three
 * corners or more (an unclosed ring is closed and reported). Null, with the problem reported, otherwise.
 */
export function wellFormed<G extends { type?: unknown; coordinates?: unknown }>(geometry: G, index: number, problems: GeometryProblems, degrees: boolean): { geometry: G; positions: number[][] } | null {
  const positions = positionsOf(geometry as Record<string, unknown>);
  if (!positions || positions.length === 0) return problems.add('invalid-coordinates', index);
  // 0,0 is a geocoder's "not found", never a place in Japanese data.
  if (positions.some(isZero)) return problems.add('zero', index);
  if (degrees && !positions.every(inDegrees)) return problems.add('out-of-range', index);
  const rings = checkRings(geometry);
  if (rings.short) return problems.add('short-ring', index);
  if (rings.closed) problems.add('closed-ring', index);
  return { geometry: rings.geometry, positions };
}

/**
 * Geometries read from a binary format (shapefile, FlatGeobuf) and brought to lon/lat, checked as
 * GeoJSON's are (wellFormed, beyond degrees meaning a wrong coordinate system), then checkShapes.
 */
export function checkPlacedGeometries(geometries: (Geometry | null)[], problems: GeometryProblems): (Geometry | null)[] {
  const placed = geometries.map((geometry, i) => (geometry ? (wellFormed(geometry, i, problems, true)?.geometry ?? null) : problems.add('empty', i)));
  checkShapes(placed, problems);
  return placed;
}
