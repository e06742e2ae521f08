/// <reference lib="webworker" />
// A thin adapter: decode the message, call the pure io/geo function, post the result or the error.
import { aggregatePointsInPolygons } from '../geo/aggregate';
import { joinTable } from '../geo/join';
import { bufferFeatures, coveredShare, nearestDistancesM } from '../geo/overlay';
import { importFiles } from '../io/import-files';
import { toErrorInfo } from '../util/errors';
import type { RequestMessage, ResponseMessage } from './messages';

declare const self: DedicatedWorkerGlobalScope;

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
        response = { id: message.id, ok: true, result: aggregatePointsInPolygons(points, polygons, aggregation, filters) };
        break;
      }
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
