// The geo worker's side of the store: it writes and reads the layers' tables itself, so a table of a
// million rows is serialised off the page's main thread (measured: putting one from the page blocked
// it for 0.3 s). The records that name the tables are written by exercise-store.ts.
import { openDB } from 'idb';
import type { LayerTable } from '../table/layer-table';
import { inOwnMemory } from '../table/shared-memory';

const DATABASE_NAME = 'chizu-dojo';

/** Opens the database as the page left it (the page runs upgrades), for one piece of work, then closes it. */
async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDB>>) => Promise<T>): Promise<T> {
  // No version: the page opened (and upgraded) the database first. Closing after each use never holds
  // up another tab's upgrade.
  const db = await openDB(DATABASE_NAME);
  try {
    if (!db.objectStoreNames.contains('tables')) throw new Error('the browser storage has no table store (an older app version is open in another tab?)');
    return await work(db);
  } finally {
    db.close();
  }
}

/** Puts the tables that are not stored yet; resolves once the transaction is committed. */
export function writeTables(tables: readonly LayerTable[]): Promise<void> {
  return withDatabase(async (db) => {
    const tx = db.transaction('tables', 'readwrite');
    const present = new Set(await tx.store.getAllKeys());
    // IndexedDB stores no shared memory: a table in it is written from an ordinary copy.
    for (const table of tables) if (!present.has(table.id)) await tx.store.put(inOwnMemory(table));
    await tx.done;
  });
}

/** Reads tables by id (undefined where one is missing). */
export function readTables(ids: readonly string[]): Promise<(LayerTable | undefined)[]> {
  return withDatabase(async (db) => {
    const tx = db.transaction('tables');
    return Promise.all(ids.map((id) => tx.store.get(id) as Promise<LayerTable | undefined>));
  });
}
