import type { MeshSize } from '../geo/mesh';
import type { AddressMatchReport } from '../address/match-table';
import type { CleaningStep, StepResult } from '../cleaning/steps';
import type { ReadabilityReport } from '../io/readability';
import type { Aggregation, AggregationResult, PointFilter } from '../geo/aggregate';
import type { JoinReport } from '../geo/join';
import type { SourceOutcome } from '../io/import-files';
import type { ImportOptions } from '../io/types';
import type { LayerTable } from '../table/layer-table';
import type { ErrorInfo } from '../util/errors';

/**
 * A table named by its content id. The worker holds every table it made or was sent; the table itself
 * travels only when the worker does not hold it yet (after a reload, or a restart on cancel).
 */
export interface TableRef {
  id: string;
  table?: LayerTable;
}

/** Requests the main thread sends to the geo worker, with the result each one answers with. */
export interface WorkerRequests {
  importFiles: { args: { files: { name: string; bytes: ArrayBuffer }[]; options: Record<string, ImportOptions> }; result: SourceOutcome[] };
  aggregatePointsInPolygons: {
    args: { points: TableRef; polygons: TableRef; aggregation: Aggregation; filters: PointFilter[] };
    /** The values as numbers, NaN where a mean or maximum has none (transferred: no copy of 200,000 numbers). */
    result: Omit<AggregationResult, 'values'> & { values: Float64Array; valuesHash: string };
  };
  joinTable: { args: { target: TableRef; targetKey: string; table: TableRef; tableKey: string }; result: { data: LayerTable; report: JoinReport } };
  bufferFeatures: { args: { layer: TableRef; distanceM: number }; result: LayerTable };
  /** Getis-Ord Gi* z-scores of a polygon table's column, neighbours by touching. */
  hotSpots: { args: { polygons: TableRef; field: string }; result: { z: number[]; withoutNeighbours: number } };
  /** Points counted per standard grid square (地域メッシュ): a polygon table of the occupied squares. */
  countByMesh: { args: { points: TableRef; size: MeshSize; area?: TableRef[] }; result: { data: LayerTable; outside: number } };
  /** Kernel density of a point table (quartic, bandwidth in metres): a polygon table of grid cells with points per km². */
  kernelDensity: { args: { points: TableRef; bandwidthM: number }; result: { data: LayerTable; cellM: number; points: number } };
  coveredShare: { args: { target: TableRef; coverage: TableRef }; result: (number | null)[] };
  nearestDistancesM: { args: { from: TableRef; to: TableRef }; result: (number | null)[] };
  /** The graduated circles of a polygon table: a point table of its columns at a point inside each polygon (geo/anchors.ts). */
  anchorTable: { args: { polygons: TableRef }; result: LayerTable };
  /** A vector tile of a table (bytes, transferred), or null where nothing of it shows. */
  tableTile: { args: { table: TableRef; z: number; x: number; y: number; fields: string[] }; result: ArrayBuffer | null };
  /** Row order of a table sorted by a column (see model/attribute-table.ts), transferred; null: unsorted. */
  sortRows: { args: { table: TableRef; column: string; descending: boolean }; result: Uint32Array | null };
  /** Writes tables the worker holds to IndexedDB (those not stored yet). */
  storeTables: { args: { tables: TableRef[] }; result: void };
  /** Reads tables from IndexedDB; the worker keeps them and the page gets a copy. */
  loadTables: { args: { ids: string[] }; result: (LayerTable | null)[] };
  /**
   * Places the rows of a table by their addresses (town level), from the shipped dictionary (fetched
   * from `dictionaryUrl` once) and any the user loaded: a new point table.
   */
  matchAddresses: {
    /** One address column, or several joined in order (都道府県 + 市区町村 + 町丁目). */
    args: { table: TableRef; column: string | string[]; defaultCity?: { prefecture: string; city: string }; dictionaryUrl: string };
    result: { data: LayerTable; report: AddressMatchReport };
  };
  /** Applies a cleaning recipe to the table it starts from: the cleaned table, what each step did, and its check. */
  applyRecipe: {
    args: { base: TableRef; steps: CleaningStep[]; dictionaryUrl: string };
    result: { data: LayerTable; results: StepResult[]; readability: ReadabilityReport };
  };
  /** Adds a town dictionary from a file (MLIT 位置参照情報 or Geolonia CSV) for this session. */
  loadAddressDictionary: { args: { name: string; bytes: ArrayBuffer; attribution: string }; result: { towns: number; skipped: number } };
  /** Drops tables the main thread no longer holds (sent without a reply). */
  forget: { args: { ids: string[] }; result: void };
}

export type RequestType = keyof WorkerRequests;

export type RequestMessage = {
  [K in RequestType]: { id: number; type: K; args: WorkerRequests[K]['args'] };
}[RequestType];

/**
 * Errors come back as values: `user` ones (the input is wrong: code + Japanese + English) apart from
 * bugs, which the page reports as internal errors.
 */
export type ResponseMessage =
  | { id: number; ok: true; result: WorkerRequests[RequestType]['result'] }
  | { id: number; ok: false; error: ErrorInfo; bug: boolean }
  /** Sent while a long request runs: the share done, 0 to 1. */
  | { id: number; progress: number };
