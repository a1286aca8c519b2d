import { Evaluator, tensorStats, type EvalProgress, type EvaluationResult, type GraphDocument, type NodeResult, type PortResult, type TensorStats } from '../document';
import { Tensor, type DType, type TypedArray } from '../engine';
import type { ParamValue } from '../kinds';

/**
 * The messages between the store and an evaluator running elsewhere (a Web Worker), and the pure functions on both
 * sides of it. Everything here is plain structured-clone data; arrays of values travel as transferred copies.
 */

export interface EvalRequest {
  readonly type: 'evaluate';
  readonly seq: number;
  readonly doc: GraphDocument;
}
/** Forgets the evaluator's cache (a new document was loaded). */
export interface ResetRequest {
  readonly type: 'reset';
}
export type RunnerRequest = EvalRequest | ResetRequest;

export interface WirePort {
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly data: TypedArray;
  readonly stats: TensorStats;
  readonly grad: TypedArray | null;
  readonly gradStats: TensorStats | null;
}
export interface WireNode {
  readonly id: string;
  readonly status: NodeResult['status'];
  readonly outputs: Readonly<Record<string, WirePort>>;
  readonly params: Readonly<Record<string, WirePort>>;
  readonly warnings: readonly string[];
  readonly error?: NodeResult['error'];
  readonly blockedBy?: readonly string[];
}
export interface WireResult {
  readonly order: readonly string[];
  readonly nodes: readonly WireNode[];
  readonly objective: EvaluationResult['objective'];
  readonly objectiveMessage: string | null;
  readonly recomputed: number;
}

export type RunnerReply =
  | { readonly type: 'progress'; readonly seq: number; readonly progress: EvalProgress }
  | { readonly type: 'result'; readonly seq: number; readonly result: WireResult; readonly ms: number }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string };

function wirePort(p: PortResult, transfer: ArrayBuffer[]): WirePort {
  // Copies: an engine array may be a view into a shared slab, which must not be transferred away.
  const data = p.value.data.slice() as TypedArray;
  const grad = p.grad ? (p.grad.data.slice() as TypedArray) : null;
  transfer.push(data.buffer as ArrayBuffer);
  if (grad) transfer.push(grad.buffer as ArrayBuffer);
  return { shape: [...p.shape], dtype: p.dtype, data, stats: { ...p.stats }, grad, gradStats: p.gradStats ? { ...p.gradStats } : null };
}

/** An evaluation result as plain data, with the buffers to transfer. */
export function toWire(r: EvaluationResult): { result: WireResult; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const nodes: WireNode[] = [];
  for (const [id, n] of r.nodes) {
    const outputs: Record<string, WirePort> = {};
    for (const [k, p] of Object.entries(n.outputs)) outputs[k] = wirePort(p, transfer);
    const params: Record<string, WirePort> = {};
    for (const [k, p] of Object.entries(n.params)) params[k] = wirePort(p, transfer);
    nodes.push({
      id, status: n.status, outputs, params, warnings: [...n.warnings],
      ...(n.error ? { error: { ...n.error } } : {}), ...(n.blockedBy ? { blockedBy: [...n.blockedBy] } : {}),
    });
  }
  return {
    result: { order: [...r.order], nodes, objective: r.objective ? { ...r.objective } : null, objectiveMessage: r.objectiveMessage, recomputed: r.recomputed },
    transfer,
  };
}

function fromWirePort(p: WirePort): PortResult {
  return {
    shape: p.shape, dtype: p.dtype, value: new Tensor(p.data, p.shape), stats: p.stats,
    grad: p.grad ? new Tensor(p.grad, p.shape) : null, gradStats: p.gradStats ?? (p.grad ? tensorStats(p.grad) : null),
  };
}

/** Rebuilds the `EvaluationResult` the UI reads: tensors with their shapes and dtypes, stats, errors, the objective. */
export function fromWire(w: WireResult): EvaluationResult {
  const nodes = new Map<string, NodeResult>();
  for (const n of w.nodes) {
    const outputs: Record<string, PortResult> = {};
    for (const [k, p] of Object.entries(n.outputs)) outputs[k] = fromWirePort(p);
    const params: Record<string, PortResult> = {};
    for (const [k, p] of Object.entries(n.params)) params[k] = fromWirePort(p);
    nodes.set(n.id, {
      status: n.status, outputs, params, warnings: n.warnings,
      ...(n.error ? { error: n.error } : {}), ...(n.blockedBy ? { blockedBy: n.blockedBy } : {}),
    });
  }
  return { order: w.order, nodes, objective: w.objective, objectiveMessage: w.objectiveMessage, recomputed: w.recomputed };
}

function sameValue(a: ParamValue, b: ParamValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  return Object.is(a, b);
}

function sameParams(a: Readonly<Record<string, ParamValue>>, b: Readonly<Record<string, ParamValue>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && sameValue(a[k]!, b[k]!));
}

/**
 * A posted document arrives as a fresh copy, but the evaluator's cache compares params, edges and the objective by
 * identity. This puts back the previous document's objects wherever the values are equal, so an unchanged node is
 * not computed again.
 */
export function reuseUnchanged(doc: GraphDocument, prev: GraphDocument | null): GraphDocument {
  if (!prev) return doc;
  const prevNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const nodes = doc.nodes.map((n) => {
    const p = prevNodes.get(n.id);
    return p && p.kind === n.kind && p.params !== n.params && sameParams(p.params, n.params) ? { ...n, params: p.params } : n;
  });
  const edges = prev.edges.length === doc.edges.length && doc.edges.every((e, i) => {
    const q = prev.edges[i]!;
    return e.id === q.id && e.source.node === q.source.node && e.source.port === q.source.port && e.target.node === q.target.node && e.target.port === q.target.port;
  }) ? prev.edges : doc.edges;
  const objective = doc.objective && prev.objective && doc.objective.node === prev.objective.node && doc.objective.port === prev.objective.port ? prev.objective : doc.objective;
  return { ...doc, nodes, edges, objective };
}

/** The worker's state: its own evaluator (kept warm between documents) and the last document it evaluated. */
export interface EvalHost {
  readonly evaluator: Evaluator;
  last: GraphDocument | null;
}

export function createEvalHost(): EvalHost {
  return { evaluator: new Evaluator(), last: null };
}

/**
 * The worker's message handler as a pure function of its state: evaluates, posting progress between nodes, then the
 * result (or why it failed). `post` is the worker's `postMessage`.
 */
export function handleRunnerRequest(host: EvalHost, req: RunnerRequest, post: (reply: RunnerReply, transfer?: ArrayBuffer[]) => void): void {
  if (req.type === 'reset') {
    host.evaluator.reset();
    host.last = null;
    return;
  }
  const { seq } = req;
  try {
    const t0 = performance.now();
    const doc = reuseUnchanged(req.doc, host.last);
    const result = host.evaluator.evaluate(doc, { onProgress: (progress) => post({ type: 'progress', seq, progress }) });
    host.last = doc;
    const wire = toWire(result);
    post({ type: 'result', seq, result: wire.result, ms: performance.now() - t0 }, wire.transfer);
  } catch (err) {
    host.evaluator.reset();
    host.last = null;
    post({ type: 'failed', seq, message: err instanceof Error ? err.message : String(err) });
  }
}
