import { EngineError, Tensor, fmtShape, sizeOf, tensor, type TypedArray } from '../engine';
import { KindError, registry as defaultRegistry, validateParams, type KindDef, type KindRegistry, type Params, type TensorParamSpec } from '../kinds';
import { describeNode, effectiveObjective, incomingEdges, inferDocumentShapes, topologicalOrder } from './graph';
import { LIMITS } from './limits';
import { tensorStats } from './stats';
import { paramWarnings } from './warnings';
import type { EvaluationResult, GraphDocument, GraphEdge, GraphNode, NodeResult, PortResult, TensorStats } from './types';

/** A node's forward result, kept between evaluations. Valid while its kind, params and input tensors are the same. */
interface Entry {
  readonly kind: KindDef;
  readonly params: Params;
  /** The node's name when computed: error messages quote it. */
  readonly name: string | undefined;
  /** The upstream output tensors this was computed from, by input port (compared by identity). */
  readonly sources: readonly Tensor[];
  /** Leaves standing for the inputs (sharing their data), so that this node's graph is local to it. */
  readonly inputs: Readonly<Record<string, Tensor>>;
  /** Leaves for trainable params (Linear's W and b). */
  readonly paramLeaves: Readonly<Record<string, Tensor>>;
  readonly outputs: Readonly<Record<string, Tensor>>;
  readonly stats: Readonly<Record<string, TensorStats>>;
  /** Values the node's dtype changed (overflow to ±inf, underflow to 0). */
  readonly warnings: readonly string[];
  readonly error?: { readonly message: string; readonly port?: string };
}

interface Structure {
  readonly edges: GraphDocument['edges'];
  readonly ids: readonly string[];
  readonly order: string[];
  readonly cyclic: string[];
  readonly incoming: Map<string, Map<string, GraphEdge>>;
  readonly consumers: ReadonlyMap<string, readonly GraphEdge[]>;
}

/** How far an evaluation got: `done` of `total` nodes (in topological order, or reverse order for backward). */
export interface EvalProgress {
  readonly phase: 'forward' | 'backward';
  readonly done: number;
  readonly total: number;
  /** The node about to run. */
  readonly node: string;
}

function isEntry(v: Entry | { blockedBy: string[] } | undefined): v is Entry {
  return v !== undefined && 'kind' in v;
}

/**
 * Evaluates documents incrementally. Each node runs on leaf copies of its inputs and keeps its local graph, so that
 * after an edit only the edited node and what depends on it run forward again; the backward pass then runs node by
 * node in reverse topological order, feeding each node the gradient of its outputs. The results equal a
 * from-scratch evaluation (a test checks it).
 */
export class Evaluator {
  private cache = new Map<string, Entry>();
  private last: { doc: GraphDocument; result: EvaluationResult } | null = null;
  private structure: Structure | null = null;

  constructor(private readonly reg: KindRegistry = defaultRegistry) {}

  /** Forgets every cached result. */
  reset(): void {
    this.cache.clear();
    this.last = null;
    this.structure = null;
  }

  /**
   * `onProgress`, if given, is called before each node's forward computation and before each node's backward step,
   * so that a caller running off the main thread can report how far it got.
   */
  evaluate(doc: GraphDocument, opts: { onProgress?: (p: EvalProgress) => void } = {}): EvaluationResult {
    const { order, cyclic, incoming, consumers } = this.structureOf(doc);
    const onProgress = opts.onProgress;
    const byId = new Map(doc.nodes.map((n) => [n.id, n]));
    const state = new Map<string, Entry | { blockedBy: string[] }>();
    const nextCache = new Map<string, Entry>();
    const overBudget = memoryBudget(doc, order, incoming, this.reg);
    let recomputed = 0;

    let index = -1;
    for (const id of order) {
      index++;
      const node = byId.get(id)!;
      const kind = this.reg.get(node.kind);
      if (!kind) {
        state.set(id, failed(node, kind, { message: `${describeNode(node)}: unknown node kind '${node.kind}'` }));
        continue;
      }
      const sources: Tensor[] = [];
      const blockedBy = new Set<string>();
      let missing: string | null = null;
      for (const port of kind.inputs) {
        const edge = incoming.get(id)?.get(port.id);
        if (!edge) { missing ??= port.id; continue; }
        const up = state.get(edge.source.node);
        if (!isEntry(up)) { for (const b of up?.blockedBy ?? [edge.source.node]) blockedBy.add(b); continue; }
        if (up.error) { blockedBy.add(edge.source.node); continue; }
        const t = up.outputs[edge.source.port];
        if (!t) { missing ??= port.id; continue; }
        sources.push(t);
      }
      if (blockedBy.size > 0) { state.set(id, { blockedBy: [...blockedBy] }); continue; }
      if (missing !== null) {
        state.set(id, failed(node, kind, { message: `${describeNode(node, kind)}: input '${missing}' is not connected`, port: missing, missingInput: true }));
        continue;
      }
      const over = overBudget.get(id);
      if (over) {
        state.set(id, failed(node, kind, { message: `${describeNode(node, kind)}: ${over.message}`, ...(over.port ? { port: over.port } : {}) }));
        continue;
      }
      const cached = this.cache.get(id);
      let entry: Entry;
      if (cached && cached.kind === kind && cached.params === node.params && cached.name === node.name && cached.sources.length === sources.length && cached.sources.every((s, i) => s === sources[i])) {
        entry = cached;
      } else {
        onProgress?.({ phase: 'forward', done: index, total: order.length, node: id });
        entry = this.forward(node, kind, sources);
        recomputed++;
      }
      nextCache.set(id, entry);
      state.set(id, entry);
    }
    for (const id of cyclic) {
      const node = byId.get(id)!;
      state.set(id, failed(node, this.reg.get(node.kind), { message: `${describeNode(node, this.reg.get(node.kind))}: part of a cycle (or fed by one)` }));
    }
    this.cache = nextCache;

    // Nothing ran and nothing moved that gradients depend on: the last backward pass still holds.
    const last = this.last;
    if (last && recomputed === 0 && last.doc.edges === doc.edges && last.doc.objective === doc.objective && last.doc.nodes.length === doc.nodes.length
      && doc.nodes.every((n, i) => last.doc.nodes[i]!.id === n.id && last.doc.nodes[i]!.params === n.params && last.doc.nodes[i]!.kind === n.kind && last.doc.nodes[i]!.name === n.name)) {
      const result = { ...last.result, recomputed: 0 };
      this.last = { doc, result };
      return result;
    }

    const { objective, objectiveMessage, grads } = this.backward(doc, order, state, byId, consumers, onProgress);
    const nodes = new Map<string, NodeResult>();
    for (const n of doc.nodes) nodes.set(n.id, this.report(n, state.get(n.id), grads));
    const result: EvaluationResult = { order, nodes, objective, objectiveMessage, recomputed };
    this.last = { doc, result };
    return result;
  }

  /**
   * The graph's order and edge lookups, reused while the edges and the node ids stay the same (an edit of params or
   * positions replaces nodes, not edges).
   */
  private structureOf(doc: GraphDocument): Structure {
    const prev = this.structure;
    if (prev && prev.edges === doc.edges && prev.ids.length === doc.nodes.length && doc.nodes.every((n, i) => prev.ids[i] === n.id)) return prev;
    const { order, cyclic } = topologicalOrder(doc);
    const consumers = new Map<string, GraphEdge[]>();
    for (const e of doc.edges) {
      const k = `${e.source.node}\u0000${e.source.port}`;
      const list = consumers.get(k);
      if (list) list.push(e); else consumers.set(k, [e]);
    }
    this.structure = { edges: doc.edges, ids: doc.nodes.map((n) => n.id), order, cyclic, incoming: incomingEdges(doc), consumers };
    return this.structure;
  }

  /** Runs one node's forward pass on leaf copies of its inputs. */
  private forward(node: GraphNode, kind: KindDef, sources: readonly Tensor[]): Entry {
    const base = { kind, params: node.params, name: node.name, sources };
    const empty = { inputs: {}, paramLeaves: {}, outputs: {}, stats: {}, warnings: [] };
    const issues = validateParams(kind, node.params);
    if (issues.length > 0) {
      const i = issues[0]!;
      return { ...base, ...empty, error: { message: `${describeNode(node, kind)}: ${i.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` } };
    }
    const inputs: Record<string, Tensor> = {};
    kind.inputs.forEach((p, i) => {
      const s = sources[i]!;
      // Ops never write into their inputs, so the leaf can share the upstream data.
      inputs[p.id] = new Tensor(s.data, s.shape, s.requiresGrad);
    });
    const shapes = kind.inputs.map((p) => `${p.id} ${fmtShape(inputs[p.id]!.shape)}`).join(', ');
    try {
      const inferred: Record<string, readonly number[]> = {};
      for (const p of kind.inputs) inferred[p.id] = inputs[p.id]!.shape;
      const outShapes = kind.inferShapes(inferred, node.params);
      for (const [port, shape] of Object.entries(outShapes)) {
        if (!shape) continue;
        const size = sizeOf(shape);
        if (size > LIMITS.maxComputedElements) {
          throw new KindError(`the result would have ${size.toLocaleString('en-US')} elements (shape ${fmtShape(shape)}), more than the ${LIMITS.maxComputedElements.toLocaleString('en-US')} one node may compute; use smaller inputs`, port);
        }
      }
      const paramLeaves: Record<string, Tensor> = {};
      for (const [name, spec] of Object.entries(kind.params)) {
        if (spec.type === 'tensor' && spec.trainable) {
          const shape = (spec as TensorParamSpec).shapeOf?.(node.params) ?? [(node.params[name] as readonly number[]).length];
          paramLeaves[name] = tensor(node.params[name] as readonly number[], { shape, requiresGrad: true });
        }
      }
      const outputs = kind.evaluate(inputs, node.params, { paramTensors: paramLeaves });
      const stats: Record<string, TensorStats> = {};
      for (const p of kind.outputs) {
        const t = outputs[p.id];
        if (!(t instanceof Tensor)) throw new KindError(`produced no value for output '${p.id}'`, p.id);
        stats[p.id] = tensorStats(t.data);
      }
      for (const [name, t] of Object.entries(paramLeaves)) stats[`param:${name}`] = tensorStats(t.data);
      return { ...base, inputs, paramLeaves, outputs, stats, warnings: paramWarnings(kind, node.params) };
    } catch (err) {
      const port = err instanceof KindError ? err.port : undefined;
      const where = port ? ` ${kind.inputs.some((p) => p.id === port) ? 'input' : 'output'} '${port}'` : '';
      const withShapes = shapes ? ` (inputs: ${shapes})` : '';
      // A bug in a kind must not stop the rest of the graph: it shows as this node's error.
      const what = err instanceof KindError || err instanceof EngineError ? (err as Error).message : `internal error: ${err instanceof Error ? err.message : String(err)}`;
      return { ...base, ...empty, error: { message: `${describeNode(node, kind)}${where}: ${what}${withShapes}`, ...(port ? { port } : {}) } };
    }
  }

  /** The backward pass, node by node from the objective; returns the gradient of every output port reached. */
  private backward(doc: GraphDocument, order: readonly string[], state: Map<string, Entry | { blockedBy: string[] }>, byId: Map<string, GraphNode>, consumers: ReadonlyMap<string, readonly GraphEdge[]>, onProgress?: (p: EvalProgress) => void) {
    const grads = new Map<string, Record<string, Tensor>>();
    const ref = effectiveObjective(doc, this.reg);
    if (!ref) {
      const losses = doc.nodes.filter((n) => this.reg.get(n.kind)?.isLoss).length;
      const why = losses > 1 ? `there are ${losses} losses: mark one of them (or any scalar output) as the objective` : 'mark a scalar output (a loss, or a Sum) as the objective to see gradients';
      return { objective: null, objectiveMessage: `No backward pass: ${why}.`, grads };
    }
    const node = byId.get(ref.node);
    const st = state.get(ref.node);
    const label = node ? describeNode(node, this.reg.get(node.kind)) : `'${ref.node}'`;
    if (!isEntry(st) || st.error) return { objective: null, objectiveMessage: `No backward pass: the objective ${label} did not compute.`, grads };
    const out = st.outputs[ref.port];
    if (!out) return { objective: null, objectiveMessage: `No backward pass: ${label} has no output '${ref.port}'.`, grads };
    if (out.size !== 1) {
      return { objective: null, objectiveMessage: `No backward pass: the objective ${label} has shape ${fmtShape(out.shape)}, but backward starts from a single number. Add a Sum (or a Mean) after it and make that the objective.`, grads };
    }
    const objective = { node: ref.node, port: ref.port, value: out.data[0]! };
    if (!out.requiresGrad) {
      return { objective, objectiveMessage: `No gradients: nothing the objective ${label} depends on requires grad. Turn on requiresGrad on a source tensor.`, grads };
    }
    const seed = new Map<string, TypedArray>();
    seed.set(`${ref.node}\u0000${ref.port}`, oneLike(out));
    for (const entry of state.values()) {
      if (!isEntry(entry)) continue;
      for (const t of Object.values(entry.inputs)) t.grad = null;
      for (const t of Object.values(entry.paramLeaves)) t.grad = null;
    }
    for (let k = order.length - 1; k >= 0; k--) {
      const id = order[k]!;
      const entry = state.get(id);
      if (!isEntry(entry) || entry.error) continue;
      const mine: Record<string, Tensor> = {};
      for (const p of entry.kind.outputs) {
        const key = `${id}\u0000${p.id}`;
        let g: TypedArray | null = seed.get(key) ?? null;
        for (const e of consumers.get(key) ?? []) {
          const c = state.get(e.target.node);
          if (!isEntry(c) || c.error) continue;
          const leafGrad = c.inputs[e.target.port]?.grad;
          if (leafGrad) g = g ? addArrays(g, leafGrad.data) : leafGrad.data;
        }
        const t = entry.outputs[p.id]!;
        if (g && t.requiresGrad) mine[p.id] = new Tensor(g, t.shape);
      }
      if (Object.keys(mine).length === 0) continue;
      grads.set(id, mine);
      const needs = Object.values(entry.inputs).some((t) => t.requiresGrad) || Object.keys(entry.paramLeaves).length > 0;
      if (!needs) continue;
      try {
        onProgress?.({ phase: 'backward', done: order.length - 1 - k, total: order.length, node: id });
        clearInnerGrads(entry.outputs);
        for (const [port, g] of Object.entries(mine)) entry.outputs[port]!.backward(g, { retainGraph: true });
      } catch (err) {
        const n = byId.get(id)!;
        return { objective, objectiveMessage: `The backward pass failed at ${describeNode(n, entry.kind)}: ${(err as Error).message}`, grads: new Map<string, Record<string, Tensor>>() };
      }
    }
    return { objective, objectiveMessage: null, grads };
  }

  private report(node: GraphNode, st: Entry | { blockedBy: string[] } | undefined, grads: Map<string, Record<string, Tensor>>): NodeResult {
    if (!isEntry(st)) return { status: 'blocked', outputs: {}, params: {}, warnings: [], blockedBy: st?.blockedBy ?? [] };
    if (st.error) return { status: 'error', outputs: {}, params: {}, warnings: [], error: st.error };
    const g = grads.get(node.id) ?? {};
    const outputs: Record<string, PortResult> = {};
    for (const [port, t] of Object.entries(st.outputs)) outputs[port] = portResult(t, st.stats[port]!, g[port] ?? null);
    const params: Record<string, PortResult> = {};
    for (const [name, t] of Object.entries(st.paramLeaves)) params[name] = portResult(t, st.stats[`param:${name}`]!, grads.has(node.id) ? t.grad : null);
    return { status: 'ok', outputs, params, warnings: st.warnings };
  }
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The nodes an evaluation must not run, from the inferred shapes before anything is allocated: a shape whose
 * dimensions (a 0 counted as 1) multiply past `maxComputedElements` (it could not even be listed), and the nodes at
 * which the graph's total (outputs and trainable params, doubled where the backward pass reaches for gradients)
 * would pass `maxGraphElements`. Nodes are taken in order; one refused does not count, so later nodes that fit run.
 */
function memoryBudget(doc: GraphDocument, order: readonly string[], incoming: ReadonlyMap<string, ReadonlyMap<string, GraphEdge>>, reg: KindRegistry): Map<string, { message: string; port?: string }> {
  const refused = new Map<string, { message: string; port?: string }>();
  const shapes = inferDocumentShapes(doc, reg);
  // Gradients are kept for the nodes the objective depends on.
  const withGrad = new Set<string>();
  const ref = effectiveObjective(doc, reg);
  if (ref) {
    const stack = [ref.node];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (withGrad.has(id)) continue;
      withGrad.add(id);
      for (const e of incoming.get(id)?.values() ?? []) stack.push(e.source.node);
    }
  }
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  let total = 0;
  for (const id of order) {
    const node = byId.get(id)!;
    const kind = reg.get(node.kind);
    const info = shapes.get(id);
    if (!kind || !info || info.error) continue;
    let size = 0;
    let tooWide: { message: string; port?: string } | null = null;
    for (const [port, shape] of Object.entries(info.outputs)) {
      if (!shape) continue;
      const elements = shape.reduce((a, d) => a * d, 1);
      // Too many elements: the node's own check refuses it with its count; it holds nothing.
      if (elements > LIMITS.maxComputedElements) continue;
      const listed = shape.reduce((a, d) => a * Math.max(d, 1), 1);
      if (listed > LIMITS.maxComputedElements) {
        tooWide = { port, message: `output '${port}' would have shape ${fmtShape(shape)}: its dimensions multiply to ${count(listed)} (a 0 counted as 1), more than the ${count(LIMITS.maxComputedElements)} a shape may have; use smaller dimensions` };
        break;
      }
      size += elements;
    }
    if (tooWide) { refused.set(id, tooWide); continue; }
    for (const spec of Object.values(kind.params)) {
      if (spec.type === 'tensor' && spec.trainable && spec.shapeOf) size += spec.shapeOf(node.params).reduce((a, d) => a * d, 1);
    }
    if (withGrad.has(id)) size *= 2;
    if (total + size > LIMITS.maxGraphElements) {
      refused.set(id, { message: `the graph would hold ${count(total + size)} values here (outputs${withGrad.has(id) ? ', gradients' : ''} and weights of this node and those before it), more than the ${count(LIMITS.maxGraphElements)} one evaluation may hold; use smaller tensors or fewer large nodes` });
      continue;
    }
    total += size;
  }
  return refused;
}

function failed(node: GraphNode, kind: KindDef | undefined, error: { message: string; port?: string; missingInput?: boolean }): Entry {
  return { kind: kind ?? ({} as KindDef), params: node.params, name: node.name, sources: [], inputs: {}, paramLeaves: {}, outputs: {}, stats: {}, warnings: [], error };
}

/** A port's result; the gradient's statistics are computed when first read (the inspector reads one node's). */
function portResult(t: Tensor, stats: TensorStats, grad: Tensor | null): PortResult {
  let gradStats: TensorStats | null | undefined;
  return {
    shape: t.shape, dtype: t.dtype, value: t, stats, grad,
    get gradStats(): TensorStats | null {
      if (gradStats === undefined) gradStats = grad ? tensorStats(grad.data) : null;
      return gradStats;
    },
  };
}

/**
 * Forgets the gradients the engine keeps on the tensors inside a node's retained graph, so that running its backward
 * again does not add to the last run's (only the leaves' gradients are read, and those are reset separately).
 */
function clearInnerGrads(outputs: Readonly<Record<string, Tensor>>): void {
  const stack: Tensor[] = Object.values(outputs);
  const seen = new Set<Tensor>();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t) || !t.gradFn) continue;
    seen.add(t);
    t.grad = null;
    for (const i of t.gradFn.inputs) stack.push(i as Tensor);
  }
}

function oneLike(t: Tensor): TypedArray {
  const a = t.dtype === 'float64' ? new Float64Array(t.size) : new Float32Array(t.size);
  return a.fill(1);
}

function addArrays(a: TypedArray, b: TypedArray): TypedArray {
  const out = a instanceof Float64Array ? new Float64Array(a.length) : new Float32Array(a.length);
  for (let i = 0; i < out.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

/** Evaluates a document from scratch (the CLI and tests; the editor keeps one `Evaluator`). */
export function evaluateDocument(doc: GraphDocument, reg: KindRegistry = defaultRegistry): EvaluationResult {
  return new Evaluator(reg).evaluate(doc);
}
