/// <reference lib="webworker" />
import { createEvalHost, handleRunnerRequest, type RunnerRequest } from '../runtime/eval-protocol';

/** The evaluation worker: its own evaluator, whose cache stays warm between the documents it is sent. */
const host = createEvalHost();
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = (e: MessageEvent<RunnerRequest>) => {
  handleRunnerRequest(host, e.data, (reply, transfer) => scope.postMessage(reply, transfer ?? []));
};
