/// <reference lib="webworker" />
import { BUILTINS, loadBuiltin, type BuiltinName } from '../data';
import { createTrainHost, type TrainRequest } from '../runtime/train-session';

/** The training worker: one run at a time, advanced in slices so that Pause and Stop are read between them. */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createTrainHost((reply, transfer) => scope.postMessage(reply, transfer ?? []));

/** The built-in data sets a document's Data set nodes use, loaded before its run opens (the worker has its own copy). */
async function loadData(req: TrainRequest): Promise<void> {
  if (req.type !== 'open') return;
  const names = new Set<BuiltinName>();
  for (const n of req.doc.nodes) if (n.kind === 'dataset' && typeof n.params.set === 'string' && n.params.set in BUILTINS) names.add(n.params.set as BuiltinName);
  await Promise.all([...names].map((name) => loadBuiltin(name)));
}

// Requests are handled in order; an open waits for its data (a failed load reaches the session as its error).
let queue = Promise.resolve();
scope.onmessage = (e: MessageEvent<TrainRequest>) => {
  const req = e.data;
  queue = queue.then(() => loadData(req).catch(() => undefined)).then(() => handle(req));
};
