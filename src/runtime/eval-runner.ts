import type { EvalProgress, GraphDocument } from '../document';
import { createEvalHost, handleRunnerRequest, type RunnerReply, type WireResult } from './eval-protocol';

/**
 * Runs evaluations away from the store: the real one is a Web Worker (`createWorkerRunner`), the in-process one runs
 * the same handler on the same evaluator in this thread (for node, where there are no workers). One evaluation at a
 * time; `stop` abandons the running one and the next `run` starts afresh (with a cold cache).
 */
export interface EvalRunner {
  run(seq: number, doc: GraphDocument, onProgress: (p: EvalProgress) => void): Promise<{ result: WireResult; ms: number }>;
  /** Forgets the cached results (a new document was loaded). */
  reset(): void;
  /** Abandons the running evaluation: its promise rejects with `StoppedError`. */
  stop(): void;
}

export class StoppedError extends Error {
  constructor() {
    super('evaluation stopped');
    this.name = 'StoppedError';
  }
}

/** Settles a run from the replies of one sequence number. */
function settle(seq: number, onProgress: (p: EvalProgress) => void, resolve: (v: { result: WireResult; ms: number }) => void, reject: (e: Error) => void) {
  return (reply: RunnerReply): boolean => {
    if (reply.seq !== seq) return false;
    if (reply.type === 'progress') { onProgress(reply.progress); return false; }
    if (reply.type === 'result') resolve({ result: reply.result, ms: reply.ms });
    else reject(new Error(reply.message));
    return true;
  };
}

/** The evaluator in this thread behind the runner interface; the evaluation starts on a later task. */
export function createInProcessRunner(): EvalRunner {
  let host = createEvalHost();
  let cancel: (() => void) | null = null;
  return {
    run(seq, doc, onProgress) {
      cancel?.();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          cancel = null;
          const onReply = settle(seq, onProgress, resolve, reject);
          handleRunnerRequest(host, { type: 'evaluate', seq, doc: structuredClone(doc) }, (r) => { onReply(structuredClone(r)); });
        }, 0);
        cancel = () => { clearTimeout(timer); reject(new StoppedError()); };
      });
    },
    reset() {
      handleRunnerRequest(host, { type: 'reset' }, () => {});
    },
    stop() {
      cancel?.();
      cancel = null;
      host = createEvalHost();
    },
  };
}

/** The evaluator in a dedicated Web Worker, which keeps its own cache warm between documents. */
export function createWorkerRunner(spawn: () => Worker): EvalRunner {
  let worker: Worker | null = null;
  let pending: { onReply: (r: RunnerReply) => boolean; reject: (e: Error) => void } | null = null;
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (e: MessageEvent<RunnerReply>) => {
      if (pending?.onReply(e.data)) pending = null;
    };
    w.onerror = (e) => {
      e.preventDefault();
      const p = pending;
      pending = null;
      p?.reject(new Error(e.message || 'the evaluation worker failed'));
    };
    worker = w;
    return w;
  };
  return {
    run(seq, doc, onProgress) {
      return new Promise((resolve, reject) => {
        pending?.reject(new StoppedError());
        pending = { onReply: settle(seq, onProgress, resolve, reject), reject };
        ensure().postMessage({ type: 'evaluate', seq, doc });
      });
    },
    reset() {
      worker?.postMessage({ type: 'reset' });
    },
    stop() {
      worker?.terminate();
      worker = null;
      const p = pending;
      pending = null;
      p?.reject(new StoppedError());
    },
  };
}
