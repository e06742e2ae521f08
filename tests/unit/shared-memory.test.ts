import { describe, expect, it } from 'vitest';
import { importCsv } from '../../src/lib/io/csv';
import { inOwnMemory, inSharedMemory, isShared } from '../../src/lib/table/shared-memory';
import { dictionaryOf, findColumn, rowProperties, type LayerTable } from '../../src/lib/table/layer-table';
import { stringAt } from '../../src/lib/table/packed-strings';
import { featuresOf } from '../../src/lib/table/geojson-table';

const csv = '番号,種別,__proto__,緯度,経度\nR1,声かけ,a,36.1,140.1\nR2,つきまとい,b,36.2,140.2\nR3,声かけ,,36.3,140.3\n';
const table = importCsv(new TextEncoder().encode(csv), 'reports.csv').layers[0]!.data;

/** Every typed array of a table. */
const arraysOf = (value: unknown): ArrayBufferView[] =>
  ArrayBuffer.isView(value) ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(arraysOf) : [];

describe('tables in shared memory (one copy for the page and the worker)', () => {
  it('moves every typed array into shared memory and reads the same rows, text included', () => {
    const shared = inSharedMemory(table);
    expect(arraysOf(shared).length).toBeGreaterThan(5);
    expect(arraysOf(shared).every(isShared)).toBe(true);
    expect(arraysOf(table).some(isShared)).toBe(false);
    expect(shared.id).toBe(table.id);
    // Text is decoded from a copy of the shared bytes (TextDecoder refuses shared memory in browsers).
    const kinds = findColumn(shared, '種別')!;
    if (kinds.type !== 'text') throw new Error('text column expected');
    expect(dictionaryOf(kinds)).toEqual(['声かけ', 'つきまとい']);
    expect(stringAt(kinds.dictionary, 1)).toBe('つきまとい');
    expect(rowProperties(shared, 1)).toEqual(rowProperties(table, 1));
    expect(Object.hasOwn(rowProperties(shared, 0), '__proto__')).toBe(true);
    expect(featuresOf(shared)).toEqual(featuresOf(table));
  });

  it('gives IndexedDB an ordinary copy with the same contents, and keeps arrays already shared as they are', () => {
    const shared = inSharedMemory(table);
    const own: LayerTable = inOwnMemory(shared);
    expect(arraysOf(own).some(isShared)).toBe(false);
    expect(featuresOf(own)).toEqual(featuresOf(table));
    expect(structuredClone(own)).toEqual(own);
    // Shared twice is still one copy: a table already in shared memory is not copied again.
    expect(arraysOf(inSharedMemory(shared))).toEqual(arraysOf(shared));
    expect(arraysOf(inSharedMemory(shared))[0]).toBe(arraysOf(shared)[0]);
  });
});
