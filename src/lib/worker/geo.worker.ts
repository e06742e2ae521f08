/// <reference lib="webworker" />
// A thin adapter: decode the message, call the pure io/geo function, post the result or the error.
import { aggregatePointsInPolygons } from '../geo/aggregate';
import { joinTable } from '../geo/join';
import { bufferFeatures, coveredShare, nearestDistancesM } from '../geo/overlay';
import { importFiles } from '../io/import-files';
import { toErrorInfo } from '../util/errors';
import type { LayerRef, RequestMessage, ResponseMessage } from './messages';
import { locatorFor, positionsOf, type PointPositions } from '../geo/count-points-in-polygons';
import type { PolygonLocator } from '../geo/polygon-locator';
import type { AnyFeatureCollection } from '../geo/types';

declare const self: DedicatedWorkerGlobalScope;

// Layers the main thread has sent, by key, and what was built from them (see LayerRef).
const layers = new Map<string, AnyFeatureCollection>();
const locators = new Map<string, PolygonLocator>();
const positions = new Map<string, PointPositions>();

function layerOf(ref: LayerRef): AnyFeatureCollection {
  if (ref.data) layers.set(ref.key, ref.data);
  const data = layers.get(ref.key);
  if (!data) throw new Error(`layer ${ref.key} is not in the worker`);
  return data;
}

function cached<T>(cache: Map<string, T>, key: string, build: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = build()));
  return value;
}

self.onmessage = async (event: MessageEvent<RequestMessage>) => {
  const message = event.data;
  let response: ResponseMessage;
  try {
    switch (message.type) {
      case 'importFiles': {
        const files = message.args.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
        const progress = (fraction: number) => self.postMessage({ id: message.id, progress: fraction } satisfies ResponseMessage);
        response = { id: message.id, ok: true, result: await importFiles(files, message.args.options, progress) };
        break;
      }
      case 'aggregatePointsInPolygons': {
        const { points, polygons, aggregation, filters } = message.args;
        const pointData = layerOf(points), polygonData = layerOf(polygons);
        const prepared = {
          locator: cached(locators, polygons.key, () => locatorFor(polygonData)),
          positions: cached(positions, points.key, () => positionsOf(pointData)),
        };
        response = { id: message.id, ok: true, result: aggregatePointsInPolygons(pointData, polygonData, aggregation, filters, prepared) };
        break;
      }
      case 'forget':
        for (const key of message.args.keys) layers.delete(key), locators.delete(key), positions.delete(key);
        return;
      case 'joinTable': {
        const { target, targetKey, table, tableKey } = message.args;
        response = { id: message.id, ok: true, result: joinTable(target, targetKey, table, tableKey) };
        break;
      }
      case 'bufferFeatures':
        response = { id: message.id, ok: true, result: bufferFeatures(message.args.layer, message.args.distanceM) };
        break;
      case 'coveredShare':
        response = { id: message.id, ok: true, result: coveredShare(message.args.target, message.args.coverage) };
        break;
      case 'nearestDistancesM':
        response = { id: message.id, ok: true, result: nearestDistancesM(message.args.from, message.args.to) };
        break;
    }
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UserInputError')) console.error(error);
    response = { id: message.id, ok: false, error: toErrorInfo(error) };
  }
  self.postMessage(response);
};
