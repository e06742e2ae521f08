import type { Geometry } from 'geojson';
import type { GeometryKind } from '../geo/types';
import { packedCount, packStrings, stringAt, unpackStrings, type PackedStrings } from './packed-strings';

/**
 * The working model of every layer: columns, not a feature object per row (after the GeoArrow layouts
 * and mapshaper's flat arcs). A million rows are a handful of typed arrays, so they cross to and from
 * the worker, into IndexedDB and into a tile as buffer copies. Tables are immutable: a change makes a
 * new table (sharing the unchanged columns) with a new content id.
 */
export interface LayerTable {
  /**
   * Content id: a hash of the data (of a table with columns added: of the table it grew from and the
   * added columns), so the same data is stored and sent once.
   */
  id: string;
  rowCount: number;
  kind: GeometryKind;
  /** [west, south, east, north] of all positions, null when there are none. */
  bbox: [number, number, number, number] | null;
  columns: TableColumn[];
  geometry: TableGeometry;
}

export type TableColumn =
  /** NaN where a row has no value. */
  | { name: string; type: 'number'; values: Float64Array }
  /** Dictionary-encoded: codes[row] − 1 indexes the dictionary; code 0 means no value (null). */
  | { name: string; type: 'text'; codes: Uint32Array; dictionary: PackedStrings }
  /** Anything else (booleans, objects, a mix of numbers and text), kept exactly as it came. */
  | { name: string; type: 'json'; values: unknown[] };

/** Geometry types as stored in `types` of the nested layout. */
export const GEOMETRY_TYPES = ['', 'Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;

export type TableGeometry =
  | { layout: 'none' }
  /** One position per row (x = lon, y = lat, interleaved); NaN, NaN where the row has no geometry. */
  | { layout: 'points'; xy: Float64Array }
  /**
   * Any geometry, as row → parts → rings → positions offsets into one coordinate array (a Point is one
   * part of one ring of one position; a MultiPolygon many parts). Type 0 = no geometry; a
   * GeometryCollection (type 7) is kept as GeoJSON in `collections`.
   */
  | {
      layout: 'nested';
      types: Uint8Array;
      geometryOffsets: Uint32Array;
      partOffsets: Uint32Array;
      ringOffsets: Uint32Array;
      coordinates: Float64Array;
      collections?: Record<number, Geometry>;
    };

/** Reads a column's cells, row by row: a text column's dictionary is decoded once, not per cell. */
export function cellReader(column: TableColumn): (row: number) => unknown {
  if (column.type !== 'text') return (row) => valueAt(column, row);
  const dictionary = dictionaryOf(column);
  return (row) => {
    const code = column.codes[row]!;
    return code === 0 ? null : dictionary[code - 1]!;
  };
}

/** The value of a cell: a number, a string, something else from a 'json' column, or null. */
export function valueAt(column: TableColumn, row: number): unknown {
  switch (column.type) {
    case 'number': {
      const v = column.values[row]!;
      return v === v ? v : null;
    }
    case 'text': {
      const code = column.codes[row]!;
      return code === 0 ? null : stringAt(column.dictionary, code - 1);
    }
    case 'json':
      return column.values[row] ?? null;
  }
}

/** A cell as a number (text that reads as one counts); NaN when it is not. */
export function numberAt(column: TableColumn, row: number): number {
  if (column.type === 'number') return column.values[row]!;
  const value = valueAt(column, row);
  return typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}

export const columnNamesOf = (table: LayerTable) => table.columns.map((c) => c.name);

export const findColumn = (table: LayerTable, name: string) => table.columns.find((c) => c.name === name);

/**
 * One row as a plain object (keys set with defineProperty, so a column named __proto__ stays data). Reads
 * cell by cell: a row of a table with a million distinct ids does not decode the whole dictionary.
 */
export function rowProperties(table: LayerTable, row: number): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const column of table.columns) setProperty(properties, column.name, valueAt(column, row));
  return properties;
}

/**
 * A reader of rows as plain objects, for many rows (all of a table, or a tile's): text columns are
 * decoded once (cached per dictionary), not per cell.
 */
export function rowReader(table: LayerTable): (row: number) => Record<string, unknown> {
  const readers = table.columns.map(cellReader);
  const names = table.columns.map((c) => c.name);
  const safe = names.every((name) => !(name in Object.prototype));
  return (row) => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < readers.length; i++) {
      if (safe) properties[names[i]!] = readers[i]!(row);
      else setProperty(properties, names[i]!, readers[i]!(row));
    }
    return properties;
  };
}

/**
 * A column's key in what the map reads (GeoJSON sources, tiles, style expressions): names that are
 * Object.prototype's own (constructor, __proto__, toString) get a zero-width space appended, since
 * MapLibre's worker messaging takes an own `constructor` property for a class and refuses the layer.
 */
export const mapSafeKey = (name: string) => (name in Object.prototype ? `${name}\u200b` : name);

const mapSafeTables = new WeakMap<LayerTable, LayerTable>();

/** The table with its columns under their map-safe keys (itself when none needs one; kept, so caches by table hold). */
export function withMapSafeKeys(table: LayerTable): LayerTable {
  if (!table.columns.some((c) => c.name in Object.prototype)) return table;
  let safe = mapSafeTables.get(table);
  if (!safe) mapSafeTables.set(table, (safe = { ...table, columns: table.columns.map((c) => ({ ...c, name: mapSafeKey(c.name) })) }));
  return safe;
}

export function setProperty(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key in Object.prototype) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The geometry of one row as GeoJSON (null when it has none). */
export function geometryAt(table: LayerTable, row: number): Geometry | null {
  const g = table.geometry;
  if (g.layout === 'none') return null;
  if (g.layout === 'points') {
    const x = g.xy[row * 2]!, y = g.xy[row * 2 + 1]!;
    return x === x && y === y ? { type: 'Point', coordinates: [x, y] } : null;
  }
  const type = GEOMETRY_TYPES[g.types[row]!];
  if (!type) return null;
  if (type === 'GeometryCollection') return g.collections?.[row] ?? null;
  const position = (i: number) => [g.coordinates[i * 2]!, g.coordinates[i * 2 + 1]!];
  const ring = (r: number) => {
    const out: number[][] = [];
    for (let i = g.ringOffsets[r]!; i < g.ringOffsets[r + 1]!; i++) out.push(position(i));
    return out;
  };
  const rings = (p: number) => {
    const out: number[][][] = [];
    for (let r = g.partOffsets[p]!; r < g.partOffsets[p + 1]!; r++) out.push(ring(r));
    return out;
  };
  const parts: number[][][][] = [];
  for (let p = g.geometryOffsets[row]!; p < g.geometryOffsets[row + 1]!; p++) parts.push(rings(p));
  switch (type) {
    case 'Point':
      return { type, coordinates: parts[0]![0]![0]! };
    case 'MultiPoint':
      return { type, coordinates: parts.map((p) => p[0]![0]!) };
    case 'LineString':
      return { type, coordinates: parts[0]![0]! };
    case 'MultiLineString':
      return { type, coordinates: parts.map((p) => p[0]!) };
    case 'Polygon':
      return { type, coordinates: parts[0]! };
    case 'MultiPolygon':
      return { type, coordinates: parts };
  }
}

/** Whether a row has a geometry. */
export function hasGeometry(table: LayerTable, row: number): boolean {
  const g = table.geometry;
  if (g.layout === 'none') return false;
  if (g.layout === 'points') return g.xy[row * 2] === g.xy[row * 2];
  return g.types[row] !== 0;
}

/** The flat lon, lat pairs of a table of single points (NaN where a row has none); empty for other layouts. */
export function pointCoordinates(table: LayerTable): Float64Array {
  return table.geometry.layout === 'points' ? table.geometry.xy : new Float64Array(0);
}

export function countWithGeometry(table: LayerTable): number {
  let n = 0;
  for (let row = 0; row < table.rowCount; row++) if (hasGeometry(table, row)) n++;
  return n;
}

/**
 * A copy of tables whose buffers can be transferred (moved, not copied) to another thread: the receiving
 * thread then takes it in without deserialising megabytes. The copy is made here because tables share
 * columns (a table with an added column shares the others), which a transfer would take from all of them.
 */
export function transferableCopy<T>(value: T): { value: T; transfer: ArrayBuffer[] } {
  const copy = structuredClone(value);
  const buffers = new Set<ArrayBuffer>();
  const walk = (v: unknown) => {
    if (ArrayBuffer.isView(v)) buffers.add(v.buffer as ArrayBuffer);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(copy);
  return { value: copy, transfer: [...buffers] };
}

// --- Building columns -----------------------------------------------------------------------------------

/**
 * A text column from strings (null for no value), dictionary-encoded in first-seen order. A column of
 * mostly distinct values (ids, addresses) is not deduplicated: its dictionary is the values in row
 * order, which saves a hash lookup per row (measured: 2 s of a 3 s import of 1M rows with three such
 * columns) and costs nothing in size.
 */
export function textColumn(name: string, values: ArrayLike<string | null>): TableColumn {
  const sample = new Set<string | null>();
  const sampled = Math.min(values.length, 10_000);
  for (let row = 0; row < sampled; row++) sample.add(values[row]!);
  if (sampled >= 1000 && sample.size > sampled / 2) return distinctTextColumn(name, values);
  const codes = new Uint32Array(values.length);
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined) continue;
    let code = index.get(value);
    if (code === undefined) {
      dictionary.push(value);
      index.set(value, (code = dictionary.length));
    }
    codes[row] = code;
  }
  return { name, type: 'text', codes, dictionary: packStrings(dictionary) };
}

function distinctTextColumn(name: string, values: ArrayLike<string | null>): TableColumn {
  const codes = new Uint32Array(values.length);
  const dictionary: string[] = [];
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined) continue;
    dictionary.push(value);
    codes[row] = dictionary.length;
  }
  return { name, type: 'text', codes, dictionary: packStrings(dictionary) };
}

/** A number column (null and undefined become NaN: no value). */
export function numberColumn(name: string, values: ArrayLike<number | null | undefined>): TableColumn {
  const out = new Float64Array(values.length);
  for (let row = 0; row < values.length; row++) {
    const v = values[row];
    out[row] = v === null || v === undefined ? NaN : v;
  }
  return { name, type: 'number', values: out };
}

/** The column that holds these values best: numbers, text, or (mixed) as they are. */
export function columnFromValues(name: string, values: Float64Array | readonly unknown[]): TableColumn {
  // Numbers made in the worker (NaN where there is none) are a number column as they are.
  if (values instanceof Float64Array) return { name, type: 'number', values };
  let numbers = true, strings = true;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) numbers = false;
    if (typeof v !== 'string') strings = false;
    if (!numbers && !strings) break;
  }
  if (numbers) return numberColumn(name, values as (number | null)[]);
  if (strings) return textColumn(name, values as (string | null)[]);
  return { name, type: 'json', values: values.map((v) => v ?? null) };
}

/** The values of a text column's dictionary (decoded once and cached). */
export function dictionaryOf(column: Extract<TableColumn, { type: 'text' }>): string[] {
  return unpackStrings(column.dictionary);
}

export const dictionarySize = (column: Extract<TableColumn, { type: 'text' }>) => packedCount(column.dictionary);

// --- Content ids ----------------------------------------------------------------------------------------

/**
 * A 53-bit hash (cyrb53) of byte arrays, as hex. Not cryptographic: it only has to tell tables apart,
 * and it reads 4 bytes a step, so 30 MB hash in a few tens of milliseconds.
 */
export function hashBytes(chunks: readonly ArrayBufferView[], seed = 0): string {
  let h1 = 0xdeadbeef ^ seed, h2 = 0x41c6ce57 ^ seed;
  for (const chunk of chunks) {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const words = Math.floor(bytes.byteLength / 4);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words; i++) {
      const k = view.getUint32(i * 4, true);
      h1 = Math.imul(h1 ^ k, 2654435761);
      h2 = Math.imul(h2 ^ k, 1597334677);
    }
    for (let i = words * 4; i < bytes.byteLength; i++) {
      h1 = Math.imul(h1 ^ bytes[i]!, 2654435761);
      h2 = Math.imul(h2 ^ bytes[i]!, 1597334677);
    }
    h1 = Math.imul(h1 ^ bytes.byteLength, 2246822507);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

const encoder = new TextEncoder();

/** The arrays that hold a column's values. */
function valueChunks(column: TableColumn): ArrayBufferView[] {
  switch (column.type) {
    case 'number':
      return [column.values];
    case 'text':
      return [column.codes, column.dictionary.offsets, column.dictionary.bytes];
    case 'json':
      return [encoder.encode(JSON.stringify(column.values))];
  }
}

/** The hash of a number column's values: the same wherever it is computed (a worker that made them). */
export const valuesHash = (values: Float64Array) => hashBytes([values]);

function geometryChunks(geometry: TableGeometry): ArrayBufferView[] {
  switch (geometry.layout) {
    case 'none':
      return [];
    case 'points':
      return [geometry.xy];
    case 'nested':
      return [
        geometry.types,
        geometry.geometryOffsets,
        geometry.partOffsets,
        geometry.ringOffsets,
        geometry.coordinates,
        encoder.encode(JSON.stringify(geometry.collections ?? {})),
      ];
  }
}

// Kept per object: a table with a column added shares its geometry object and its other columns.
/** What is derived from a geometry: its kind, its extent, and (when first asked) its hash. */
const shapeFacts = new WeakMap<TableGeometry, { kind: GeometryKind; bbox: LayerTable['bbox']; id?: string }>();
const columnIds = new WeakMap<TableColumn, string>();

function factsOf(geometry: TableGeometry) {
  let facts = shapeFacts.get(geometry);
  if (!facts) shapeFacts.set(geometry, (facts = { kind: kindOf(geometry), bbox: bboxOf(geometry) }));
  return facts;
}

/**
 * A hash of the geometry alone: tables that differ only in their columns (a count added one) share it,
 * and with it what was derived from their shapes (tile clipping, indexes, the map's tiles).
 */
export function geometryId(table: Pick<LayerTable, 'geometry' | 'rowCount'>): string {
  const facts = factsOf(table.geometry);
  return (facts.id ??= 'g' + hashBytes([new Uint32Array([table.rowCount]), ...geometryChunks(table.geometry)]));
}

const knownValueHashes = new WeakMap<Float64Array, string>();

/**
 * Says what `valuesHash` gives for these values, worked out where they were made (the worker, in the
 * same pass that sent them): a column of them then gets its id without a pass over them on the page
 * (200,000 counts: 20–40 ms there before the JIT warms up).
 */
export function knowValuesHash(values: Float64Array, hash: string): void {
  knownValueHashes.set(values, hash);
}

/** A hash of one column (its name, type and values). */
export function columnId(column: TableColumn): string {
  let id = columnIds.get(column);
  if (id === undefined) {
    const values = (column.type === 'number' && knownValueHashes.get(column.values)) || hashBytes(valueChunks(column));
    columnIds.set(column, (id = 'c' + hashBytes([encoder.encode(`${column.type}:${column.name}:${values}`)])));
  }
  return id;
}

/**
 * Completes a table: its kind, extent and content id are derived from the data. The id is a hash of the
 * hashes of its geometry and columns, each computed once per object, so a column added to 200,000 areas
 * (a count) hashes that column, not the 20 MB of coordinates and the other columns again.
 */
export function makeTable(columns: TableColumn[], geometry: TableGeometry, rowCount: number, knownId?: string): LayerTable {
  const id = knownId ?? 't' + hashBytes([new Uint32Array([rowCount]), encoder.encode([geometryId({ rowCount, geometry }), ...columns.map(columnId)].join('.'))]);
  const { kind, bbox } = factsOf(geometry);
  return { id, rowCount, kind, bbox, columns, geometry };
}

/** A copy of the table with one column set (added at the end, or replaced in place if the name exists). */
export function withColumn(table: LayerTable, column: TableColumn): LayerTable {
  return withColumns(table, [column]);
}

/** A copy of the table with several columns set (see withColumn). */
export function withColumns(table: LayerTable, added: readonly TableColumn[]): LayerTable {
  // The same geometry: its kind and extent are known (a table that came from the worker was never measured here).
  if (!shapeFacts.has(table.geometry)) shapeFacts.set(table.geometry, { kind: table.kind, bbox: table.bbox });
  let columns = table.columns;
  for (const column of added) {
    const at = columns.findIndex((c) => c.name === column.name);
    columns = at === -1 ? [...columns, column] : columns.map((c, i) => (i === at ? column : c));
  }
  // Named from the table it grew from and what was added: the columns it kept (a table that came from
  // the worker, 200,000 names and codes) are not hashed again on this thread.
  return makeTable(columns, table.geometry, table.rowCount, 't' + hashBytes([encoder.encode([table.id, ...added.map(columnId)].join('.'))]));
}

function kindOf(geometry: TableGeometry): GeometryKind {
  if (geometry.layout === 'none') return 'none';
  if (geometry.layout === 'points') return 'point';
  // The geometry types present, as bits (a Set per row cost 17 ms over 200,000 rows).
  let present = 0;
  for (const t of geometry.types) present |= 1 << t;
  const kinds: GeometryKind[] = [];
  if (present & 0b110) kinds.push('point');
  if (present & 0b11000) kinds.push('line');
  if (present & 0b1100000) kinds.push('polygon');
  if (present & 0b10000000) kinds.push('mixed');
  if (kinds.length === 0) return 'none';
  return kinds.length > 1 ? 'mixed' : kinds[0]!;
}

function bboxOf(geometry: TableGeometry): LayerTable['bbox'] {
  const coordinates = geometry.layout === 'points' ? geometry.xy : geometry.layout === 'nested' ? geometry.coordinates : null;
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  if (coordinates) {
    for (let i = 0; i < coordinates.length; i += 2) {
      const x = coordinates[i]!, y = coordinates[i + 1]!;
      if (!(x === x && y === y)) continue;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
  }
  if (geometry.layout === 'nested') {
    for (const collection of Object.values(geometry.collections ?? {})) {
      for (const [x, y] of positionsIn(collection)) {
        west = Math.min(west, x), east = Math.max(east, x), south = Math.min(south, y), north = Math.max(north, y);
      }
    }
  }
  return west <= east ? [west, south, east, north] : null;
}

function* positionsIn(geometry: Geometry): Generator<[number, number]> {
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) yield* positionsIn(g);
    return;
  }
  const walk = function* (c: unknown): Generator<[number, number]> {
    if (Array.isArray(c) && typeof c[0] === 'number') yield [c[0], c[1] as number];
    else if (Array.isArray(c)) for (const x of c) yield* walk(x);
  };
  yield* walk(geometry.coordinates);
}
