import type { GraphDocument, TrainingSetup } from '../document';
import type { BoundaryGrid, RunInfo, RunProgress, RunStatus, TrainReply } from '../runtime/train-session';
import { createInProcessTrainClient, type TrainClient } from '../runtime/train-client';
import { applyParamValues, sameModel, type EpochMetrics, type ParamValues } from '../train';

/**
 * The run slice: a training run's live state, apart from the document and its history. A run starts from the
 * document as it is (its `base`); while it exists the canvas shows the run's current weights and batch (the
 * document is untouched); "Keep the trained weights" writes them into the document as one undoable step; Reset
 * forgets the run, so the canvas shows the document's own weights again.
 */
export interface RunState {
  readonly session: number;
  /** `starting`: sent to the worker, not yet compiled. */
  readonly status: RunStatus | 'starting';
  readonly progress: RunProgress | null;
  readonly info: RunInfo | null;
  /** One row per finished epoch. */
  readonly epochs: readonly EpochMetrics[];
  /** The weights of the last snapshot, and the batch the last step trained on. */
  readonly parameters: readonly ParamValues[] | null;
  readonly batch: readonly { readonly node: string; readonly shape: readonly number[]; readonly values: Float64Array }[];
  readonly boundary: BoundaryGrid | null;
  readonly step: number;
  /** Why the run failed or diverged; a refused setting. */
  readonly message: string | null;
  /** The document the run was compiled from. */
  readonly base: GraphDocument;
}

export interface RunSlice {
  run: RunState | null;
  /** Said once when an edit ended a run (the graph it trained changed). */
  runNotice: string | null;
}

export interface RunActions {
  /** Starts (or goes on with) training in the worker. */
  trainPlay(): void;
  trainPause(): void;
  /** One batch, or up to the end of the current epoch. */
  trainStep(unit: 'batch' | 'epoch'): void;
  /** Forgets the run: the canvas shows the document's own weights again. */
  trainReset(): void;
  /** Writes the run's current weights into the document: one undoable step. */
  keepTrainedWeights(): void;
  /** Changes the training set-up: one undoable step; a running run takes a new learning rate at once. */
  setTraining(patch: Partial<TrainingSetup>): void;
}

/** What the run slice needs from the rest of the store. */
export interface RunHost<S extends RunSlice> {
  get(): S & { doc: GraphDocument };
  set(patch: Partial<RunSlice>): void;
  /** Records a document change (history + evaluation). */
  commit(doc: GraphDocument): void;
  /** Re-evaluates what the canvas shows (after a snapshot), without a history step. */
  refresh(): void;
}

export type TrainClientFactory = (onReply: (r: TrainReply) => void) => TrainClient;

/** The document as the canvas shows it while a run exists: the run's weights, and its last batch in the fed nodes. */
export function displayDocument(doc: GraphDocument, run: RunState | null): GraphDocument {
  if (!run || (!run.parameters && !run.batch.length)) return doc;
  const shapes = new Map(run.batch.map((b) => [b.node, b.shape]));
  const values: ParamValues[] = [...(run.parameters ?? []), ...run.batch.map((b) => ({ node: b.node, param: 'values', values: b.values }))];
  return applyParamValues(doc, values, shapes).doc;
}

/**
 * When to apply a run's news to the store. The page passes requestAnimationFrame: however fast the worker reports,
 * the store (and so React) takes at most one update per frame, and a page short of CPU is never flooded. By default
 * (tests, the command line) every reply applies at once.
 */
export type FrameScheduler = (flush: () => void) => void;

export function createRunActions<S extends RunSlice>(host: RunHost<S>, factory: TrainClientFactory = createInProcessTrainClient, frame: FrameScheduler = (flush) => flush()): RunActions & {
  /** Called on every document change: keeps the run if the model is the same, else ends it with a notice. */
  documentChanged(doc: GraphDocument): void;
  /** Ends the run without a word (another document was loaded); the caller re-evaluates. */
  discard(): void;
} {
  let session = 0;
  let client: TrainClient | null = null;
  const patchRun = (id: number, patch: Partial<RunState>): boolean => {
    const run = host.get().run;
    if (!run || run.session !== id) return false;
    host.set({ run: { ...run, ...patch } });
    return true;
  };
  /** Progress, epochs and snapshots received since the last frame, applied together by `flush`. */
  let pending: { session: number; patch: Partial<RunState>; epochs: RunState['epochs'][number][]; refresh: boolean } | null = null;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const p = pending;
    pending = null;
    if (!p) return;
    const run = host.get().run;
    if (!run || run.session !== p.session) return;
    const patch = p.epochs.length ? { ...p.patch, epochs: [...run.epochs, ...p.epochs] } : p.patch;
    if (patchRun(p.session, patch) && p.refresh) host.refresh();
  };
  const later = (session: number, patch: Partial<RunState>, epochs: readonly RunState['epochs'][number][] = [], refresh = false): void => {
    if (pending && pending.session !== session) flush();
    pending ??= { session, patch: {}, epochs: [], refresh: false };
    pending.patch = { ...pending.patch, ...patch };
    pending.epochs.push(...epochs);
    pending.refresh ||= refresh;
    if (!scheduled) { scheduled = true; frame(flush); }
  };
  const onReply = (r: TrainReply): void => {
    switch (r.type) {
      case 'ready':
        flush();
        patchRun(r.session, { status: r.progress.status, progress: r.progress, info: r.info, message: null });
        return;
      case 'progress':
        later(r.session, { status: r.progress.status, progress: r.progress, step: r.progress.step, ...(r.progress.message ? { message: r.progress.message } : {}) });
        return;
      case 'epochs':
        later(r.session, {}, r.metrics);
        return;
      case 'snapshot':
        later(r.session, { parameters: r.parameters, batch: r.batch, boundary: r.boundary, step: r.step }, [], true);
        return;
      case 'failed': {
        flush();
        const run = host.get().run;
        // Session −1: the worker itself failed (it could not start, or it crashed): the current run ends with it.
        if (r.session === -1 && run) {
          client?.terminate();
          patchRun(run.session, { status: 'failed', message: `The training worker stopped: ${r.message}` });
          return;
        }
        if (run?.session !== r.session) return;
        // A refused setting leaves a compiled run as it was; a run that never compiled has failed.
        patchRun(r.session, run.info ? { message: r.message } : { status: 'failed', message: r.message });
        return;
      }
    }
  };
  const ensureClient = (): TrainClient => (client ??= factory(onReply));
  /** The run to command: the current one, or a new one from the document as it is. */
  const ensureRun = (): RunState => {
    const s = host.get();
    const run = s.run;
    if (run && run.status !== 'failed') return run;
    const fresh: RunState = { session: ++session, status: 'starting', progress: null, info: null, epochs: [], parameters: null, batch: [], boundary: null, step: 0, message: null, base: s.doc };
    host.set({ run: fresh, runNotice: null });
    ensureClient().send({ type: 'open', session: fresh.session, doc: s.doc });
    return fresh;
  };
  const close = (): void => {
    const run = host.get().run;
    if (run) client?.send({ type: 'close', session: run.session });
  };
  return {
    trainPlay() {
      const { session: id } = ensureRun();
      // Shown at once (the worker confirms); a run that could not compile stays failed.
      patchRun(id, host.get().run!.status === 'failed' ? {} : { status: 'running' });
      client!.send({ type: 'play', session: id });
    },
    trainPause() {
      const run = host.get().run;
      if (!run) return;
      client?.send({ type: 'pause', session: run.session });
    },
    trainStep(unit) {
      const run = ensureRun();
      client!.send({ type: 'step', session: run.session, unit });
    },
    trainReset() {
      if (!host.get().run) return;
      close();
      host.set({ run: null, runNotice: null });
      host.refresh();
    },
    keepTrainedWeights() {
      const s = host.get();
      const run = s.run;
      if (!run?.parameters) return;
      const { doc } = applyParamValues(s.doc, run.parameters);
      if (doc === s.doc) return;
      // The run goes on from the weights now in the document: it is the same model.
      host.set({ run: { ...run, base: doc } });
      host.commit(doc);
    },
    setTraining(patch) {
      const s = host.get();
      if (!s.doc.training) return;
      const training = { ...s.doc.training, ...patch };
      host.commit({ ...s.doc, training });
    },
    discard() {
      close();
      host.set({ run: null, runNotice: null });
    },
    documentChanged(doc) {
      const run = host.get().run;
      if (!run) return;
      if (sameModel(run.base, doc)) {
        const lr = doc.training?.optimizer.lr;
        const lrChanged = lr !== undefined && lr !== run.base.training?.optimizer.lr;
        host.set({ run: { ...run, base: doc } });
        // After the set: the worker may answer at once (in this thread).
        if (lrChanged) client?.send({ type: 'setLr', session: run.session, lr });
        return;
      }
      close();
      host.set({ run: null, runNotice: 'The graph changed, so the training run was reset: the canvas shows the document’s own weights.' });
    },
  };
}
