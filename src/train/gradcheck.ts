/**
 * The gradient check: central finite differences in float64 against the backward pass, per node and for the whole
 * graph.
 *
 * - Per node: the node's kind is evaluated in float64 on copies of its current inputs (and of its trainable params,
 *   Linear's W and b). With a fixed random upstream gradient G (seeded, every element in ±[0.5, 1.5)) on each output,
 *   L = Σ G ⊙ y, and backward must leave ∂L/∂(each input) in the input's grad.
 * - Whole graph: the document compiled in float64; the objective L with respect to every leaf (Tensor nodes with
 *   requiresGrad, Linear's W and b, any source with requiresGrad).
 *
 * Each checked element x is nudged to x ± h (h = 1e-6 · max(1, |x|)) and (L(x+h) − L(x−h)) / 2h is compared with the
 * analytic gradient a: the relative error is |a − n| / max(|a| + |n|, 1e-8). An input passes when its largest relative
 * error is at most `tolerance` (1e-6). Where the one-sided differences (L(x+h) − L(x)) / h and (L(x) − L(x−h)) / h
 * disagree and the analytic value lies between them, the function has a kink within ±h (ReLU at 0, |x| at 0, a tie in
 * max): that element is counted as "not differentiable here", not as a failure. Inputs larger than `maxElements` are
 * checked on a seeded random sample of that many elements (the report says so).
 *
 * The checks are generators that yield after each element, so the app can run them in slices between frames
 * (`runSliced`) and the command line straight through (`runToEnd`).
 */
import { noGrad, tensor, type Tensor } from '../engine';
import { registry as defaultRegistry, type KindDef, type KindRegistry, type TensorParamSpec } from '../kinds';
import { describeNode, incomingEdges } from '../document/graph';
import type { EvaluationResult, GraphDocument } from '../document/types';
import { compile, CompileError } from './compile';

export const GRADCHECK_DEFAULTS = { tolerance: 1e-6, maxElements: 64, seed: 12345, relStep: 1e-4, floor: 1e-8 } as const;

export interface GradCheckOptions {
  readonly registry?: KindRegistry;
  /** The largest relative error that passes (1e-6). */
  readonly tolerance?: number;
  /** Elements checked per input at most; more are sampled (64). */
  readonly maxElements?: number;
  /** Seeds the upstream gradient and the sample (12345). */
  readonly seed?: number;
}

/** The check of one input (or param, or leaf) of one node. */
export interface InputCheck {
  /** The node. */
  readonly id: string;
  /** The input port (`x`), the trainable param (`W`, `b`), or for a source leaf its output (`out`). */
  readonly input: string;
  /** The largest relative error over the checked elements (0 when none was checked). */
  readonly maxRelError: number;
  readonly ok: boolean;
  /** Elements compared; of `size` in all (fewer when sampled). */
  readonly checked: number;
  readonly size: number;
  readonly sampled: boolean;
  /** Elements within ±h of a kink: reported as not differentiable here, not compared. */
  readonly kinks: number;
  /** The worst element: its flat index, the analytic and the numeric gradient. */
  readonly worst: { readonly index: number; readonly analytic: number; readonly numeric: number } | null;
  /** Why the input was not checked, when it was not (a label input the kind gives no gradient). */
  readonly skipped?: string;
}

/** A node's check: one entry per input and trainable param, or why it could not run. */
export interface NodeCheck {
  readonly id: string;
  readonly label: string;
  readonly inputs: readonly InputCheck[];
  readonly ok: boolean;
  readonly error?: string;
}

/** The whole graph's check: the objective with respect to every leaf. */
export interface GraphCheck {
  readonly objective: { readonly node: string; readonly port: string } | null;
  readonly leaves: readonly InputCheck[];
  readonly ok: boolean;
  /** Why it could not run (a node fails): a failure. */
  readonly error?: string;
  /** Why there is nothing to check (no objective, or nothing it depends on requires grad): not a failure. */
  readonly skipped?: string;
}

export interface GradCheckReport {
  readonly ok: boolean;
  /** Every node that has an input or a trainable param, in graph order. */
  readonly nodes: readonly NodeCheck[];
  readonly graph: GraphCheck;
  readonly tolerance: number;
  readonly maxElements: number;
}

/** A check in progress: yields after each element; returns its result. */
export type CheckJob<T> = Generator<void, T, void>;

/** A small deterministic generator (mulberry32), independent of the engine's own RNG (the tests use it too). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which flat indices to check: all of them, or a seeded sample of `max` (in increasing order). */
function pickElements(size: number, max: number, seed: number): number[] {
  const all = Array.from({ length: size }, (_, i) => i);
  if (size <= max) return all;
  const r = rng(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(r() * (size - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, max).sort((a, b) => a - b);
}

/** |a − n| / max(|a| + |n|, 1e-8); Infinity when either is not finite (and they are not the same infinity). */
export function relativeError(analytic: number, numeric: number): number {
  if (analytic === numeric) return 0;
  if (!Number.isFinite(analytic) || !Number.isFinite(numeric)) return Infinity;
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), GRADCHECK_DEFAULTS.floor);
}

/** Σ G ⊙ (a − b): the change of L = Σ G ⊙ y, term by term (terms that did not move cancel exactly). */
function weightedChange(G: Float64Array, a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < G.length; j++) { const d = a[j]! - b[j]!; if (d !== 0 || Number.isNaN(d)) s += G[j]! * d; }
  return s;
}

/**
 * Compares the analytic gradient of one tensor (`analytic`, null: none reached it, i.e. zeros) with finite
 * differences of L = Σ G ⊙ values(), nudging `data` in place (restored exactly). Yields after each element.
 */
function* compareElements(
  target: { readonly id: string; readonly input: string; readonly data: Float64Array; readonly analytic: Float64Array | null; readonly salt: number },
  values: () => Float64Array, G: Float64Array, opts: FullOptions,
): CheckJob<InputCheck> {
  const { id, input, data, analytic } = target;
  const picked = pickElements(data.length, opts.maxElements, opts.seed + target.salt);
  const y0 = values();
  const at = (i: number, x: number): Float64Array => { data[i] = x; return values(); };
  let maxRel = 0, kinks = 0, checked = 0;
  let worst: InputCheck['worst'] = null;
  for (const i of picked) {
    const v = data[i]!;
    const h = GRADCHECK_DEFAULTS.relStep * Math.max(1, Math.abs(v));
    let yp: Float64Array, ym: Float64Array, yp2: Float64Array, ym2: Float64Array;
    try {
      yp = at(i, v + h); ym = at(i, v - h); yp2 = at(i, v + h / 2); ym2 = at(i, v - h / 2);
    } finally {
      data[i] = v;
    }
    // Central differences at h and h/2, combined (Richardson) so that the h² error cancels.
    const d1 = weightedChange(G, yp, ym) / (2 * h), d2 = weightedChange(G, yp2, ym2) / h;
    const numeric = (4 * d2 - d1) / 3;
    const a = analytic ? analytic[i]! : 0;
    let err = relativeError(a, numeric);
    if (err > opts.tolerance) {
      // A kink within ±h: the one-sided slopes differ and the analytic value is one of them or between them.
      const right = weightedChange(G, yp2, y0) / (h / 2), left = weightedChange(G, y0, ym2) / (h / 2);
      const lo = Math.min(left, right), hi = Math.max(left, right);
      const slack = opts.tolerance * (Math.abs(lo) + Math.abs(hi)) + GRADCHECK_DEFAULTS.floor;
      if (relativeError(left, right) > 1e-3 && a >= lo - slack && a <= hi + slack) { kinks++; yield; continue; }
    }
    if (Number.isNaN(err)) err = Infinity;
    checked++;
    if (worst === null || err > maxRel) { maxRel = err; worst = { index: i, analytic: a, numeric }; }
    yield;
  }
  return { id, input, maxRelError: maxRel, ok: maxRel <= opts.tolerance, checked, size: data.length, sampled: picked.length < data.length, kinks, worst };
}

type FullOptions = Required<Omit<GradCheckOptions, 'registry'>>;

function fullOptions(opts: GradCheckOptions): FullOptions {
  return {
    tolerance: opts.tolerance ?? GRADCHECK_DEFAULTS.tolerance,
    maxElements: opts.maxElements ?? GRADCHECK_DEFAULTS.maxElements,
    seed: opts.seed ?? GRADCHECK_DEFAULTS.seed,
  };
}

/** One array of several (a node's outputs, one after another). */
function concat(parts: readonly ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) { out.set(p, k); k += p.length; }
  return out;
}

const f64 = (t: Tensor, requiresGrad: boolean): Tensor => tensor(Float64Array.from(t.data), { shape: t.shape, dtype: 'float64', requiresGrad });

/** Ports of a kind that take no gradient by design (labels): the kind's own test samples mark them. */
function noGradPorts(kind: KindDef): Set<string> {
  const out = new Set<string>();
  for (const s of kind.examples.samples) for (const [port, inp] of Object.entries(s.inputs)) if (inp.noGrad) out.add(port);
  return out;
}

/** Whether a node has anything to check: an input or a trainable param. */
export function checkable(kind: KindDef | undefined): boolean {
  return kind !== undefined && (kind.inputs.length > 0 || Object.values(kind.params).some((p) => p.type === 'tensor' && p.trainable));
}

/**
 * Checks one node: its kind in float64 on copies of its current inputs (from an evaluation of `doc`) and of its
 * trainable params, against central differences of L = Σ G ⊙ outputs for a fixed random G.
 */
export function* checkNode(doc: GraphDocument, results: EvaluationResult, nodeId: string, options: GradCheckOptions = {}): CheckJob<NodeCheck> {
  const opts = fullOptions(options);
  const reg = options.registry ?? defaultRegistry;
  const node = doc.nodes.find((n) => n.id === nodeId);
  if (!node) return { id: nodeId, label: `'${nodeId}'`, inputs: [], ok: false, error: `there is no node '${nodeId}'` };
  const kind = reg.get(node.kind);
  const label = describeNode(node, kind);
  const fail = (error: string): NodeCheck => ({ id: nodeId, label, inputs: [], ok: false, error });
  if (!kind) return fail(`${label}: unknown node kind '${node.kind}'`);
  if (!checkable(kind)) return fail(`${label} has no input and no trainable parameter: nothing to check`);
  const incoming = incomingEdges(doc).get(nodeId);
  const inputs: Record<string, Tensor> = {};
  for (const p of kind.inputs) {
    const e = incoming?.get(p.id);
    const v = e ? results.nodes.get(e.source.node)?.outputs[e.source.port]?.value : undefined;
    if (!v) return fail(`${label}: input '${p.id}' has no value${e ? ` (${describeNode(doc.nodes.find((n) => n.id === e.source.node)!, reg.get(doc.nodes.find((n) => n.id === e.source.node)!.kind))} did not compute)` : ' (it is not connected)'}`);
    inputs[p.id] = v;
  }
  const noGradIn = noGradPorts(kind);
  const x: Record<string, Tensor> = {};
  for (const [port, v] of Object.entries(inputs)) x[port] = f64(v, !noGradIn.has(port));
  const paramTensors: Record<string, Tensor> = {};
  for (const [name, spec] of Object.entries(kind.params)) {
    if (spec.type !== 'tensor' || !spec.trainable) continue;
    const shape = (spec as TensorParamSpec).shapeOf?.(node.params) ?? [(node.params[name] as readonly number[]).length];
    paramTensors[name] = tensor(node.params[name] as readonly number[], { shape, dtype: 'float64', requiresGrad: true });
  }
  const run = (): Record<string, Tensor> => kind.evaluate(x, node.params, { paramTensors });
  // The upstream gradient: one fixed random tensor per output that carries a gradient.
  let outs: Record<string, Tensor>;
  try {
    outs = run();
  } catch (err) {
    return fail(`${label}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const r = rng(opts.seed);
  const seeds: [string, Float64Array][] = [];
  for (const p of kind.outputs) {
    const y = outs[p.id];
    if (!y || !y.requiresGrad) continue;
    const G = new Float64Array(y.size);
    for (let i = 0; i < G.length; i++) G[i] = (r() < 0.5 ? -1 : 1) * (0.5 + r());
    seeds.push([p.id, G]);
  }
  if (seeds.length === 0) return fail(`${label}: no output depends on an input that takes a gradient`);
  let root: Tensor | null = null;
  for (const [port, G] of seeds) {
    const term = outs[port]!.mul(tensor(G, { shape: outs[port]!.shape, dtype: 'float64' })).sum();
    root = root ? root.add(term) : term;
  }
  root!.backward();
  const G = concat(seeds.map(([, g]) => g));
  const values = (): Float64Array => noGrad(() => {
    const y = run();
    return concat(seeds.map(([port]) => y[port]!.data));
  });
  const checks: InputCheck[] = [];
  let salt = 0;
  const targets: [string, Tensor][] = [...Object.entries(x), ...Object.entries(paramTensors)];
  for (const [name, t] of targets) {
    salt++;
    if (!t.requiresGrad) {
      checks.push({ id: nodeId, input: name, maxRelError: 0, ok: true, checked: 0, size: t.size, sampled: false, kinks: 0, worst: null, skipped: `${kind.label} gives its '${name}' input no gradient (labels)` });
      continue;
    }
    checks.push(yield* compareElements({ id: nodeId, input: name, data: t.data as Float64Array, analytic: t.grad ? Float64Array.from(t.grad.data) : null, salt }, values, G, opts));
  }
  return { id: nodeId, label, inputs: checks, ok: checks.every((c) => c.ok) };
}

/** Checks the whole graph: the objective (in float64) with respect to every leaf, against central differences. */
export function* checkGraph(doc: GraphDocument, options: GradCheckOptions = {}): CheckJob<GraphCheck> {
  const opts = fullOptions(options);
  const reg = options.registry ?? defaultRegistry;
  let program;
  try {
    program = compile(doc, { registry: reg, dtype: 'float64' });
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    return { objective: null, leaves: [], ok: false, error: err.message };
  }
  const objective = program.objective;
  if (!objective) return { objective: null, leaves: [], ok: true, skipped: 'there is no objective: mark a scalar output (a loss) as the objective' };
  const obj = { node: objective.node, port: objective.port };
  try {
    program.forward();
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    return { objective: obj, leaves: [], ok: false, error: err.message };
  }
  try {
    program.backward();
  } catch (err) {
    if (!(err instanceof CompileError)) throw err;
    // A non-scalar objective, or nothing it depends on requires grad: no backward pass to check.
    return { objective: obj, leaves: [], ok: true, skipped: err.message };
  }
  const leaves: [string, string, Tensor][] = [];
  for (const id of program.order) {
    const node = doc.nodes.find((n) => n.id === id)!;
    const kind = reg.get(node.kind)!;
    if (kind.inputs.length === 0) for (const p of kind.outputs) { const t = program.output(id, p.id); if (t?.requiresGrad) leaves.push([id, p.id, t]); }
    for (const [name, spec] of Object.entries(kind.params)) {
      if (spec.type !== 'tensor' || !spec.trainable) continue;
      const t = program.param(id, name);
      if (t?.requiresGrad) leaves.push([id, name, t]);
    }
  }
  const grads = leaves.map(([, , t]) => (t.grad ? Float64Array.from(t.grad.data) : null));
  const values = (): Float64Array => Float64Array.of(noGrad(() => program.forward() ?? NaN));
  const one = Float64Array.of(1);
  const checks: InputCheck[] = [];
  for (let k = 0; k < leaves.length; k++) {
    const [id, name, t] = leaves[k]!;
    checks.push(yield* compareElements({ id, input: name, data: t.data as Float64Array, analytic: grads[k]!, salt: k + 1 }, values, one, opts));
  }
  if (checks.length === 0) return { objective: obj, leaves: [], ok: true, skipped: 'nothing the objective depends on requires grad' };
  return { objective: obj, leaves: checks, ok: checks.every((c) => c.ok) };
}

/** Every node's check and the whole graph's, for the command line. */
export function* checkDocument(doc: GraphDocument, results: EvaluationResult, options: GradCheckOptions = {}): CheckJob<GradCheckReport> {
  const reg = options.registry ?? defaultRegistry;
  const nodes: NodeCheck[] = [];
  const order = [...results.order, ...doc.nodes.map((n) => n.id).filter((id) => !results.order.includes(id))];
  for (const id of order) {
    const node = doc.nodes.find((n) => n.id === id);
    if (!node || !checkable(reg.get(node.kind))) continue;
    nodes.push(yield* checkNode(doc, results, id, options));
  }
  const graph = yield* checkGraph(doc, options);
  const opts = fullOptions(options);
  return { ok: nodes.every((n) => n.ok) && graph.ok, nodes, graph, tolerance: opts.tolerance, maxElements: opts.maxElements };
}

/** Runs a check straight through. */
export function runToEnd<T>(job: CheckJob<T>): T {
  for (;;) {
    const r = job.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs a check in slices of about `sliceMs` between which the page gets the thread back (it stays responsive), calling
 * `onProgress` with the elements done so far. `signal` stops it (the promise then rejects with an AbortError).
 */
export function runSliced<T>(job: CheckJob<T>, opts: { sliceMs?: number; signal?: AbortSignal; onProgress?: (steps: number) => void } = {}): Promise<T> {
  const sliceMs = opts.sliceMs ?? 12;
  let steps = 0;
  return new Promise((resolve, reject) => {
    const slice = (): void => {
      if (opts.signal?.aborted) { reject(new DOMException('the gradient check was stopped', 'AbortError')); return; }
      try {
        const end = performance.now() + sliceMs;
        for (;;) {
          const r = job.next();
          if (r.done) { resolve(r.value); return; }
          steps++;
          if (performance.now() >= end) break;
        }
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      opts.onProgress?.(steps);
      setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  });
}
