import * as D from '../document';
import type { GraphDocument } from '../document';
import type { KindRegistry } from '../kinds';
import { fromWire } from '../runtime/eval-protocol';
import { StoppedError, type EvalRunner } from '../runtime/eval-runner';
import { estimateCost } from './cost';
import type { EvalSlice, EvalStatus } from './editor-store';

const CURRENT: EvalStatus = { state: 'current', progress: null };

/** What the scheduler needs of the store: to read and patch the evaluation slice. */
export interface SchedulerHost<S extends EvalSlice> {
  get(): S;
  set(patch: Partial<EvalSlice>): void;
  /** Where heavy evaluations run (a Web Worker in the app); without one every evaluation is synchronous. */
  runner?: EvalRunner | undefined;
  /** Estimated element-operations above which an evaluation goes to the runner. */
  threshold: number;
  registry: KindRegistry;
}

export interface EvalScheduler {
  /**
   * The evaluation choke point: every document change passes here. Cheap work (the normal case) evaluates now, so
   * the returned slice holds the new results; heavy work goes to the runner and the slice only says it is running,
   * leaving the previous results on screen until the reply (which patches the store itself).
   */
  evaluate(doc: GraphDocument): Partial<EvalSlice>;
  /** Stops a running off-thread evaluation; the results stay as they were before the last change. */
  stop(): void;
  /** Forgets every cache (another document was loaded). */
  reset(): void;
}

/**
 * Evaluation scheduling, apart from the store's actions: a numbered sequence of evaluations in which a reply for an
 * older document is dropped, at most one off-thread evaluation at a time with only the latest heavy document
 * waiting, and the synchronous evaluator's cache kept beside the store (the store holds plain data only).
 */
export function createEvalScheduler<S extends EvalSlice>(host: SchedulerHost<S>): EvalScheduler {
  const { get, set, runner, threshold, registry } = host;
  const evaluator = new D.Evaluator();
  /** The document the synchronous evaluator last evaluated: what its cache holds. */
  let syncBase: GraphDocument | null = null;
  /** Numbers every evaluation; a reply for an older number is dropped. */
  let seq = 0;
  /** An off-thread evaluation is running; a newer heavy document waits in `queued` (only the latest). */
  let running = false;
  let queued: { seq: number; doc: GraphDocument } | null = null;

  const runAsync = (mySeq: number, doc: GraphDocument): void => {
    if (!runner) return;
    if (running) { queued = { seq: mySeq, doc }; return; }
    running = true;
    runner.run(mySeq, doc, (progress) => {
      if (mySeq === seq) set({ evalStatus: { ...get().evalStatus, state: 'running', progress } });
    }).then(({ result, ms }) => {
      if (mySeq === seq) set({ results: fromWire(result), evalMs: ms, evalStatus: CURRENT });
    }, (err: unknown) => {
      if (err instanceof StoppedError || mySeq !== seq) return;
      set({ evalStatus: { state: 'failed', progress: null, message: err instanceof Error ? err.message : String(err) } });
    }).finally(() => {
      running = false;
      const next = queued;
      queued = null;
      if (next && next.seq === seq) runAsync(next.seq, next.doc);
    });
  };

  return {
    evaluate(doc) {
      const mySeq = ++seq;
      queued = null;
      if (runner) {
        const cost = estimateCost(doc, syncBase, registry);
        if (cost.ops > threshold) {
          // Deferred: the store may still be being created, and the caller's set() must land first.
          void Promise.resolve().then(() => { if (mySeq === seq) runAsync(mySeq, doc); });
          return { evalStatus: { state: 'running', progress: null, ops: cost.ops } };
        }
      }
      const t0 = performance.now();
      const results = evaluator.evaluate(doc);
      syncBase = doc;
      return { results, evalMs: performance.now() - t0, evalStatus: CURRENT };
    },
    stop() {
      if (get().evalStatus.state !== 'running') return;
      seq++;
      queued = null;
      runner?.stop();
      set({ evalStatus: { state: 'stopped', progress: null } });
    },
    reset() {
      evaluator.reset();
      syncBase = null;
      runner?.reset();
    },
  };
}
