import { createTrainHost, type TrainReply, type TrainRequest } from './train-session';

/**
 * The page's end of a training run: requests go out, replies come back through `onReply`. The real one talks to a
 * Web Worker; the in-process one runs the same host in this thread on timers (tests, and a browser without workers).
 */
export interface TrainClient {
  send(req: TrainRequest): void;
  /** Ends the worker at once (a run that does not answer); the next `send` starts a new one. */
  terminate(): void;
}

export function createInProcessTrainClient(onReply: (r: TrainReply) => void): TrainClient {
  let handle = createTrainHost((r) => onReply(structuredClone(r)));
  return {
    send(req) { handle(structuredClone(req)); },
    terminate() { handle = createTrainHost((r) => onReply(structuredClone(r))); },
  };
}

export function createWorkerTrainClient(spawn: () => Worker, onReply: (r: TrainReply) => void, onError: (message: string) => void): TrainClient {
  let worker: Worker | null = null;
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (e: MessageEvent<TrainReply>) => onReply(e.data);
    w.onerror = (e) => { e.preventDefault(); onError(e.message || 'the training worker failed'); };
    worker = w;
    return w;
  };
  return {
    send(req) { ensure().postMessage(req); },
    terminate() { worker?.terminate(); worker = null; },
  };
}
