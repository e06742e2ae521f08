/// <reference lib="webworker" />
// A thin adapter: decode the message, call the pure io/geo function, post the result or the error.
// The worker holds the layers' tables (by content id): counts, joins and tiles read them here, so no
// request carries a layer's data more than once.
import { aggregatePointsInPolygons } from '../geo/aggregate';
import { joinTable } from '../geo/join';
import { bufferFeatures, coveredShare, isPolygonFeature, nearestDistancesM } from '../geo/overlay';
import { countPointsByMesh } from '../geo/mesh';
import { densityCells, kernelDensity } from '../geo/density';
import { hotSpotsOfTable } from '../geo/hot-spots';
import { importFiles } from '../io/import-files';
import { toErrorInfo, UserInputError } from '../util/errors';
import type { RequestMessage, ResponseMessage, TableRef } from './messages';
import { locatorFor, positionsOf, type PointLocator, type PointPositions } from '../geo/count-points-in-polygons';
import { geometryId, pointCoordinates, transferableCopy, valuesHash, type LayerTable } from '../table/layer-table';
import { anchorPositions, anchorTable } from '../geo/anchors';
import { canShareMemory, inSharedMemory } from '../table/shared-memory';
import { readTables, writeTables } from '../persistence/table-store';
import { sortedRowIndices } from '../model/attribute-table';
import { featuresOf, tableFromFeatures } from '../table/geojson-table';
import { pointTile } from '../table/point-tiles';
import { shapeTile } from '../table/shape-tiles';
import { mergeDictionaries, readAddressDictionary, readShippedDictionary, type AddressDictionary } from '../address/dictionary';
import { matchTableAddresses } from '../address/match-table';
import { applyRecipe, needsDictionary } from '../cleaning/steps';
import { checkTableReadability } from '../io/readability';

declare const self: DedicatedWorkerGlobalScope;

const tables = new Map<string, LayerTable>();
// Built from a table on first use and kept with it (see TableRef).
const locators = new Map<string, PointLocator>();
const positions = new Map<string, PointPositions>();
// Anchors of graduated circles per geometry: a table with a column added (a count) has the same ones.
const anchors = new Map<string, Float64Array>();
const ANCHORS_KEPT = 4;

// The shipped town dictionary, read on first use; dictionaries the user loads are merged into it.
let shippedDictionary: Promise<AddressDictionary> | null = null;
let addedDictionary: AddressDictionary | null = null;

async function addressDictionary(url: string): Promise<AddressDictionary> {
  shippedDictionary ??= fetch(url).then(async (response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return readShippedDictionary(new Uint8Array(await response.arrayBuffer()));
  });
  const shipped = await shippedDictionary.catch((error) => {
    shippedDictionary = null;
    throw error;
  });
  return addedDictionary ? mergeDictionaries(shipped, addedDictionary) : shipped;
}

function tableOf(ref: TableRef): LayerTable {
  if (ref.table) tables.set(ref.id, ref.table);
  const table = tables.get(ref.id);
  if (!table) throw new Error(`table ${ref.id} is not in the worker`);
  return table;
}

// Both threads cross-origin isolated: tables live in shared memory, one copy for the page and the worker.
const sharing = canShareMemory();

/**
 * A table the worker made: kept, since the page will name it by id from now on. Where memory can be
 * shared it is moved there now, and the page receives the same memory (the ordinary copy is dropped).
 */
function held(table: LayerTable): LayerTable {
  const kept = sharing ? inSharedMemory(table) : table;
  tables.set(kept.id, kept);
  return kept;
}

/**
 * A result for the page. Its tables come from held(): in shared memory they cross as they are; otherwise
 * as a transferable copy, so the page receives them without a long task.
 */
function forPage(result: unknown): { result: unknown; transfer: Transferable[] } {
  if (sharing) return { result, transfer: [] };
  const { value, transfer } = transferableCopy(result);
  return { result: value, transfer };
}

/** Squares without points are listed (with 0) when the points' extent holds at most this many squares. */
const EMPTY_SQUARES_UP_TO = 20_000;

/** A density surface has at most this many cells: each is drawn as a polygon. */
const DENSITY_CELLS = 60_000;

/** The power of ten at or above n (at least 10). */
const sizeClass = (n: number) => 10 ** Math.ceil(Math.log10(Math.max(10, n)));

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = build()));
  return value;
}

async function handle(message: RequestMessage): Promise<{ result: unknown; transfer?: Transferable[] }> {
  switch (message.type) {
    case 'importFiles': {
      const files = message.args.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
      const progress = (fraction: number) => self.postMessage({ id: message.id, progress: fraction } satisfies ResponseMessage);
      const outcomes = await importFiles(files, message.args.options, progress);
      for (const outcome of outcomes) if (outcome.ok) outcome.result.layers.forEach((l) => (l.data = held(l.data)));
      return forPage(outcomes);
    }
    case 'aggregatePointsInPolygons': {
      const { points, polygons, aggregation, filters } = message.args;
      const pointTable = tableOf(points), polygonTable = tableOf(polygons);
      const prepared = {
        // One locator per polygon layer and power of ten of points (its grid is as fine as they repay).
        locator: cached(locators, `${polygons.id}:${sizeClass(pointTable.rowCount)}`, () => locatorFor(polygonTable, sizeClass(pointTable.rowCount))),
        positions: cached(positions, points.id, () => positionsOf(pointTable)),
      };
      const result = aggregatePointsInPolygons(pointTable, polygonTable, aggregation, filters, prepared);
      const values = Float64Array.from(result.values, (v) => v ?? NaN);
      return { result: { ...result, values, valuesHash: valuesHash(values) }, transfer: [values.buffer] };
    }
    case 'anchorTable': {
      const polygons = tableOf(message.args.polygons);
      const xy = cached(anchors, geometryId(polygons), () => anchorPositions(polygons));
      // The last few geometries' anchors (3 MB per 200,000 areas): older ones are made again if asked.
      for (const key of [...anchors.keys()].slice(0, -ANCHORS_KEPT)) anchors.delete(key);
      return forPage(held(anchorTable(polygons, xy)));
    }
    case 'joinTable': {
      const { target, targetKey, table, tableKey } = message.args;
      const joined = joinTable(tableOf(target), targetKey, tableOf(table), tableKey);
      return forPage({ ...joined, data: held(joined.data) });
    }
    case 'bufferFeatures':
      return forPage(held(tableFromFeatures(bufferFeatures(featuresOf(tableOf(message.args.layer)), message.args.distanceM).features)));
    case 'hotSpots':
      return { result: hotSpotsOfTable(tableOf(message.args.polygons), message.args.field) };
    case 'countByMesh': {
      const area = message.args.area?.flatMap((ref) => featuresOf(tableOf(ref)).features.filter(isPolygonFeature));
      const { squares, outside } = countPointsByMesh(pointCoordinates(tableOf(message.args.points)), message.args.size, EMPTY_SQUARES_UP_TO, area);
      return forPage({ data: held(tableFromFeatures(squares)), outside });
    }
    case 'kernelDensity': {
      const grid = kernelDensity(pointCoordinates(tableOf(message.args.points)), message.args.bandwidthM, { maxCells: DENSITY_CELLS });
      return forPage({ data: held(tableFromFeatures(densityCells(grid))), cellM: grid.cellM, points: grid.points });
    }
    case 'coveredShare':
      return { result: coveredShare(featuresOf(tableOf(message.args.target)), featuresOf(tableOf(message.args.coverage))) };
    case 'nearestDistancesM':
      return { result: nearestDistancesM(featuresOf(tableOf(message.args.from)), featuresOf(tableOf(message.args.to))) };
    case 'tableTile': {
      const { table, z, x, y, fields } = message.args;
      const data = tableOf(table);
      const tile = (data.geometry.layout === 'points' ? pointTile : shapeTile)(data, z, x, y, fields);
      // A tile is made for this answer only: its bytes move to the page instead of being copied.
      const bytes = tile ? (tile.byteOffset === 0 && tile.byteLength === tile.buffer.byteLength ? tile.buffer : tile.slice().buffer) : null;
      return { result: bytes, transfer: bytes ? [bytes as ArrayBuffer] : [] };
    }
    case 'sortRows': {
      const { table, column, descending } = message.args;
      const order = sortedRowIndices(tableOf(table), { column, descending });
      return { result: order, transfer: order ? [order.buffer as ArrayBuffer] : [] };
    }
    case 'storeTables':
      await writeTables(message.args.tables.map(tableOf));
      return { result: undefined };
    case 'loadTables': {
      const loaded = await readTables(message.args.ids);
      return forPage(loaded.map((table) => (table ? held(table) : null)));
    }
    case 'matchAddresses': {
      const { table, column, defaultCity, dictionaryUrl } = message.args;
      const matched = matchTableAddresses(await addressDictionary(dictionaryUrl), tableOf(table), column, { defaultCity });
      return forPage({ ...matched, data: held(matched.data) });
    }
    case 'applyRecipe': {
      const { base, steps, dictionaryUrl } = message.args;
      const dictionary = needsDictionary(steps) ? await addressDictionary(dictionaryUrl) : undefined;
      const { table, results } = applyRecipe(tableOf(base), steps, { dictionary });
      return forPage({ data: held(table), results, readability: checkTableReadability(table) });
    }
    case 'loadAddressDictionary': {
      const { name, bytes, attribution } = message.args;
      const { dictionary, skipped } = readAddressDictionary(new Uint8Array(bytes), name, attribution);
      addedDictionary = addedDictionary ? mergeDictionaries(addedDictionary, dictionary) : dictionary;
      return { result: { towns: dictionary.townCount, skipped } };
    }
    case 'forget':
      // A request still running (awaiting the dictionary, say) may yet read the table: it goes when they end.
      for (const id of message.args.ids) forgetting.add(id);
      if (running === 0) forgetNow();
      return { result: undefined };
  }
}

/** Tables the page no longer holds, dropped once no request is running (one may have been sent before). */
const forgetting = new Set<string>();
let running = 0;
function forgetNow(): void {
  for (const id of forgetting) {
    tables.delete(id), positions.delete(id);
    for (const key of locators.keys()) if (key.startsWith(`${id}:`)) locators.delete(key);
  }
  forgetting.clear();
}

self.onmessage = async (event: MessageEvent<RequestMessage>) => {
  const message = event.data;
  if (message.type !== 'forget') running++;
  try {
    const { result, transfer = [] } = await handle(message);
    if (message.type === 'forget') return;
    self.postMessage({ id: message.id, ok: true, result } as ResponseMessage, transfer);
  } catch (error) {
    const bug = !(error instanceof UserInputError);
    // A bug is logged here, where its stack is; the page shows it as an internal error.
    if (bug) console.error(error);
    self.postMessage({ id: message.id, ok: false, error: toErrorInfo(error), bug } satisfies ResponseMessage);
  } finally {
    if (message.type !== 'forget' && --running === 0 && forgetting.size > 0) forgetNow();
  }
};
