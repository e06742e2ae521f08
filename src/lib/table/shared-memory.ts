/**
 * One copy of a table for the page and the geo worker. Where the page is cross-origin isolated (the
 * server or the app's service worker sends COOP and COEP headers), the worker moves each table it keeps
 * into SharedArrayBuffers once, and the page reads the same memory: a table of a million rows is held once,
 * not once per thread. Elsewhere tables are copied across as before (see transferableCopy).
 *
 * Shared memory has two limits the rest of the app minds: TextDecoder does not read it (packed-strings.ts
 * copies the bytes first) and IndexedDB does not store it (table-store.ts writes an ordinary copy).
 */

/** True where this thread can share memory with the other (both are cross-origin isolated). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

type TypedArray = Int8Array | Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array;
type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => TypedArray;

export const isShared = (view: ArrayBufferView) => typeof SharedArrayBuffer !== 'undefined' && view.buffer instanceof SharedArrayBuffer;

/** The same data with every typed array in its own SharedArrayBuffer (arrays already shared are kept). */
export function inSharedMemory<T>(value: T): T {
  return mapArrays(value, (view) => {
    if (isShared(view)) return view;
    const Type = view.constructor as TypedArrayConstructor;
    const shared = new Type(new SharedArrayBuffer(view.byteLength));
    new Uint8Array(shared.buffer).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
    return shared;
  });
}

/** The same data with every shared typed array copied into ordinary memory (what IndexedDB can store). */
export function inOwnMemory<T>(value: T): T {
  return mapArrays(value, (view) => (isShared(view) ? (view as TypedArray).slice() : view));
}

/** A deep copy of plain objects and arrays with each typed array replaced by `convert` (objects seen twice stay one). */
function mapArrays<T>(value: T, convert: (view: TypedArray) => TypedArray): T {
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    let out: unknown;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) out = convert(v as TypedArray);
    else if (Array.isArray(v)) {
      const list: unknown[] = [];
      seen.set(v, list);
      for (const item of v) list.push(walk(item));
      out = list;
    } else if (Object.getPrototypeOf(v) === Object.prototype) {
      const object: Record<string, unknown> = {};
      seen.set(v, object);
      // defineProperty: a column named __proto__ stays data.
      for (const [key, item] of Object.entries(v)) Object.defineProperty(object, key, { value: walk(item), enumerable: true, writable: true, configurable: true });
      out = object;
    } else out = v;
    seen.set(v, out);
    return out;
  };
  return walk(value) as T;
}
