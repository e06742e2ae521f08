/// <reference lib="webworker" />
// A thin adapter: decode the message, call the pure io/geo function, post the result or the error.
import { countPointsInPolygons } from '../geo/count-points-in-polygons';
import { importFile } from '../io/import-file';
import { toErrorInfo } from '../util/errors';
import type { RequestMessage, ResponseMessage } from './messages';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<RequestMessage>) => {
  const message = event.data;
  let response: ResponseMessage;
  try {
    switch (message.type) {
      case 'importFile':
        response = { id: message.id, ok: true, result: importFile(new Uint8Array(message.args.bytes), message.args.fileName) };
        break;
      case 'countPointsInPolygons':
        response = { id: message.id, ok: true, result: countPointsInPolygons(message.args.points, message.args.polygons) };
        break;
    }
  } catch (error) {
    if (!(error instanceof Error && error.name === 'UserInputError')) console.error(error);
    response = { id: message.id, ok: false, error: toErrorInfo(error, 'fileName' in message.args ? message.args.fileName : undefined) };
  }
  self.postMessage(response);
};
