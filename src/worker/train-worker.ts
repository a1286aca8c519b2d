/// <reference lib="webworker" />
import { createTrainHost, type TrainRequest } from '../runtime/train-session';

/** The training worker: one run at a time, advanced in slices so that Pause and Stop are read between them. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createTrainHost((reply, transfer) => scope.postMessage(reply, transfer ?? []));
scope.onmessage = (e: MessageEvent<TrainRequest>) => handle(e.data);
