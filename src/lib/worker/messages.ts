import type { Aggregation, AggregationResult, PointFilter } from '../geo/aggregate';
import type { JoinReport } from '../geo/join';
import type { AnyFeatureCollection } from '../geo/types';
import type { SourceOutcome } from '../io/import-files';
import type { ImportOptions } from '../io/types';
import type { ErrorInfo } from '../util/errors';

/**
 * A layer sent to the worker once and then named by its key: the worker keeps it (and the index built
 * from it) until told to forget it, so a re-count sends no data and rebuilds nothing.
 */
export interface LayerRef {
  key: string;
  data?: AnyFeatureCollection;
}

/** Requests the main thread sends to the geo worker, with the result each one answers with. */
export interface WorkerRequests {
  importFiles: { args: { files: { name: string; bytes: ArrayBuffer }[]; options: Record<string, ImportOptions> }; result: SourceOutcome[] };
  aggregatePointsInPolygons: {
    args: { points: LayerRef; polygons: LayerRef; aggregation: Aggregation; filters: PointFilter[] };
    result: AggregationResult;
  };
  joinTable: { args: { target: AnyFeatureCollection; targetKey: string; table: AnyFeatureCollection; tableKey: string }; result: { data: AnyFeatureCollection; report: JoinReport } };
  bufferFeatures: { args: { layer: AnyFeatureCollection; distanceM: number }; result: AnyFeatureCollection };
  coveredShare: { args: { target: AnyFeatureCollection; coverage: AnyFeatureCollection }; result: (number | null)[] };
  nearestDistancesM: { args: { from: AnyFeatureCollection; to: AnyFeatureCollection }; result: (number | null)[] };
  /** Drops layers the main thread no longer holds (sent without a reply). */
  forget: { args: { keys: string[] }; result: void };
}

export type RequestType = keyof WorkerRequests;

export type RequestMessage = {
  [K in RequestType]: { id: number; type: K; args: WorkerRequests[K]['args'] };
}[RequestType];

/** Errors come back as values (code + Japanese + English), never as thrown objects. */
export type ResponseMessage =
  | { id: number; ok: true; result: WorkerRequests[RequestType]['result'] }
  | { id: number; ok: false; error: ErrorInfo }
  /** Sent while a long request runs: the share done, 0 to 1. */
  | { id: number; progress: number };
