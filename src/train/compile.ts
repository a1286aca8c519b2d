import { EngineError, Tensor, tensor, type DType, type TypedArray } from '../engine';
import { KindError, registry as defaultRegistry, validateParams, type KindDef, type KindRegistry, type Params, type TensorParamSpec } from '../kinds';
import { shortFloat32 } from '../kinds/shared/common';
import { describeNode, effectiveObjective, incomingEdges, topologicalOrder } from '../document/graph';
import { LIMITS } from '../document/limits';
import type { GraphDocument, GraphNode, PortRef } from '../document/types';

/** Why a document cannot become a program, or why a pass failed: names the node (and the port) concerned. */
export class CompileError extends Error {
  readonly node: string | undefined;
  readonly port: string | undefined;
  constructor(message: string, node?: string, port?: string) {
    super(message);
    this.name = 'CompileError';
    this.node = node;
    this.port = port;
  }
}

/** A parameter the program trains (by default) and hands to an optimiser: a persistent leaf tensor. */
export interface ProgramParameter {
  readonly node: string;
  /** The param of the node it lives in: `W` or `b` of a Linear, `values` of a Tensor. */
  readonly param: string;
  /** `Linear 'hidden' W`: for messages and charts. */
  readonly label: string;
  /** Updated in place by optimisers; `writeBack` copies it into the document. */
  readonly tensor: Tensor;
}

/** A node whose output the caller supplies on every forward pass (a data set's x or y). */
export interface ProgramFeed {
  /** The name the caller feeds it by (`x`, `y`). */
  readonly name: string;
  readonly node: string;
  /** The output it replaces: `out` of a Tensor, `x` or `y` of a Data set. */
  readonly port: string;
  /** The node's own shape (its values are the sample the editor shows). */
  readonly shape: readonly number[];
  /** The shape of one example: the node's shape without its first (batch) axis. */
  readonly exampleShape: readonly number[];
  readonly dtype: DType;
}

/** How to compile. */
export interface CompileOptions {
  readonly registry?: KindRegistry;
  /**
   * Feeds: feed name → the id of a Tensor node whose output is replaced on every forward pass by the tensor fed under
   * that name, or of a Data set node whose output of that name (`x`, `y`) is replaced. Its first axis is the batch
   * axis; the rest must match the node's shape.
   */
  readonly feeds?: Readonly<Record<string, string>>;
  /** Parameters that stay fixed: a whole node (`param` absent) or one param of it. They get no gradient. */
  readonly frozen?: readonly { readonly node: string; readonly param?: string }[];
  /**
   * Which nodes to run: `objective` (default) runs only what the objective depends on (a stray node elsewhere
   * neither costs time nor blocks training); `all` runs every node (readouts of a whole graph). Without an
   * objective every node runs.
   */
  readonly nodes?: 'objective' | 'all';
  /**
   * Compute in this dtype instead of the nodes' own: every source's `dtype` and the trainable params (float64 for the
   * gradient check).
   */
  readonly dtype?: DType;
}

/** A node's step in the program. */
interface Step {
  readonly id: string;
  readonly node: GraphNode;
  readonly kind: KindDef;
  readonly params: Params;
  /** Input port → [index of the source step, source port]. */
  readonly wires: readonly (readonly [string, number, string])[];
  /** Reused for every call (kinds only read it). */
  readonly inputs: Record<string, Tensor>;
  readonly paramTensors: Readonly<Record<string, Tensor>>;
  /** Outputs computed once (a source node: its output does not change between passes), else null. */
  readonly constant: Record<string, Tensor> | null;
  /** The feeds, for a fed node (a Data set has two). */
  readonly feeds: readonly ProgramFeed[];
  /** How messages name the node (made once: a pass must not build strings). */
  readonly label: string;
}

/** Which source kinds hold a trainable tensor, and in which param: a Tensor node with requiresGrad trains its values. */
const TRAINABLE_SOURCES: Readonly<Record<string, string>> = { tensor: 'values' };

const fmtShape = (s: readonly number[]): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(',')})`);

/**
 * A document compiled to an engine program: the graph as a function. Parameters are persistent leaf tensors (an
 * optimiser updates them in place and the next forward pass sees the new values); fed nodes take a new tensor on every
 * forward pass; `forward` builds one autograd graph over all the nodes, and `backward` runs once over it from the
 * objective. Each node computes with its kind's own `evaluate`, so the numbers are the editor's numbers.
 */
export class Program {
  /** Node ids in the order they run (topological). */
  readonly order: readonly string[];
  /** The scalar output backward starts from, if any. */
  readonly objective: PortRef | null;
  readonly feeds: readonly ProgramFeed[];
  private readonly steps: readonly Step[];
  private readonly stepOf: ReadonlyMap<string, number>;
  private readonly params: readonly ProgramParameter[];
  /** Every persistent leaf that requires grad (trained parameters and constant sources with requiresGrad). */
  private readonly leaves: readonly Tensor[];
  private outs: (Record<string, Tensor> | null)[];
  private objectiveStep = -1;
  private ran = false;

  constructor(doc: GraphDocument, opts: CompileOptions = {}) {
    const reg = opts.registry ?? defaultRegistry;
    const dtype = opts.dtype;
    const nodesIn: readonly GraphNode[] = dtype ? doc.nodes.map((n) => ('dtype' in n.params ? { ...n, params: { ...n.params, dtype } } : n)) : doc.nodes;
    const byId = new Map(nodesIn.map((n) => [n.id, n]));
    const { order: fullOrder, cyclic } = topologicalOrder(doc);
    if (cyclic.length > 0) throw new CompileError(`the graph has a cycle through ${cyclic.map((c) => `'${c}'`).join(', ')}`, cyclic[0]);
    const objective = effectiveObjective(doc, reg);
    this.objective = objective;
    if (objective && !byId.has(objective.node)) throw new CompileError(`the objective names node '${objective.node}', which is not in the graph`, objective.node);

    const incoming = incomingEdges(doc);
    /** Fed node → its feeds' names, by the port each replaces. */
    const feedOf = new Map<string, Map<string, string>>();
    for (const [name, node] of Object.entries(opts.feeds ?? {})) {
      const n = byId.get(node);
      if (!n) throw new CompileError(`feed '${name}' names node '${node}', which is not in the graph`, node);
      const label = describeNode(n, reg.get(n.kind));
      const isData = reg.get(n.kind)?.data !== undefined;
      const port = isData ? name : 'out';
      if (isData && name !== 'x' && name !== 'y') throw new CompileError(`feed '${name}': ${label} has outputs x and y only`, node);
      if (n.kind !== 'tensor' && !isData) throw new CompileError(`feed '${name}': ${label} cannot be fed; data feeds a Tensor or a data node (a Data set)`, node);
      const ports = feedOf.get(node) ?? new Map<string, string>();
      if (ports.has(port)) throw new CompileError(`${label} is fed twice ('${ports.get(port)}' and '${name}')`, node);
      if (n.kind === 'tensor' && (n.params.shape as readonly number[]).length === 0) throw new CompileError(`feed '${name}': ${label} is a single number; a fed Tensor needs a first (batch) axis`, node);
      ports.set(port, name);
      feedOf.set(node, ports);
    }
    const frozenNodes = new Set<string>();
    const frozenParams = new Set<string>();
    for (const f of opts.frozen ?? []) {
      if (!byId.has(f.node)) throw new CompileError(`a frozen parameter names node '${f.node}', which is not in the graph`, f.node);
      if (f.param === undefined) frozenNodes.add(f.node); else frozenParams.add(`${f.node}\u0000${f.param}`);
    }
    const isFrozen = (node: string, param: string): boolean => frozenNodes.has(node) || frozenParams.has(`${node}\u0000${param}`);

    // The nodes to run: everything, or what the objective depends on.
    let wanted: Set<string> | null = null;
    if (objective && opts.nodes !== 'all') {
      wanted = new Set([objective.node]);
      const stack = [objective.node];
      while (stack.length > 0) {
        for (const e of incoming.get(stack.pop()!)?.values() ?? []) {
          if (!wanted.has(e.source.node)) { wanted.add(e.source.node); stack.push(e.source.node); }
        }
      }
    }
    const order = wanted ? fullOrder.filter((id) => wanted.has(id)) : fullOrder;

    const steps: Step[] = [];
    const stepOf = new Map<string, number>();
    const params: ProgramParameter[] = [];
    const leaves: Tensor[] = [];
    const feeds: ProgramFeed[] = [];
    const shapes = new Map<string, Readonly<Record<string, readonly number[] | undefined>>>();
    for (const id of order) {
      const node = byId.get(id)!;
      const kind = reg.get(node.kind);
      const label = describeNode(node, kind);
      if (!kind) throw new CompileError(`${label}: unknown node kind '${node.kind}'`, id);
      const issues = validateParams(kind, node.params);
      if (issues.length > 0) throw new CompileError(`${label}: ${issues[0]!.message}`, id);
      const wires: [string, number, string][] = [];
      const inShapes: Record<string, readonly number[] | undefined> = {};
      for (const p of kind.inputs) {
        const e = incoming.get(id)?.get(p.id);
        if (!e) throw new CompileError(`${label}: input '${p.id}' is not connected`, id, p.id);
        wires.push([p.id, stepOf.get(e.source.node)!, e.source.port]);
        inShapes[p.id] = shapes.get(e.source.node)?.[e.source.port];
      }
      let outShapes: Readonly<Record<string, readonly number[] | undefined>>;
      try {
        outShapes = kind.inferShapes(inShapes, node.params);
      } catch (err) {
        const port = err instanceof KindError ? err.port : undefined;
        throw new CompileError(`${label}${port ? ` '${port}'` : ''}: ${(err as Error).message}`, id, port);
      }
      for (const [port, shape] of Object.entries(outShapes)) {
        const size = shape ? shape.reduce((a, b) => a * b, 1) : 0;
        if (size > LIMITS.maxComputedElements) throw new CompileError(`${label}: output '${port}' would have ${size} elements, more than the ${LIMITS.maxComputedElements} one node may compute`, id, port);
      }
      shapes.set(id, outShapes);

      // Trainable params (Linear's W and b): persistent leaves, made as the Evaluator makes them.
      const paramTensors: Record<string, Tensor> = {};
      for (const [name, spec] of Object.entries(kind.params)) {
        if (spec.type !== 'tensor' || !spec.trainable) continue;
        const shape = (spec as TensorParamSpec).shapeOf?.(node.params) ?? [(node.params[name] as readonly number[]).length];
        const frozen = isFrozen(id, name);
        const t = tensor(node.params[name] as readonly number[], { shape, requiresGrad: !frozen, ...(dtype ? { dtype } : {}) });
        paramTensors[name] = t;
        if (!frozen) {
          leaves.push(t);
          params.push({ node: id, param: name, label: `${label} ${name}`, tensor: t });
        }
      }
      const fedPorts = feedOf.get(id);
      const stepFeeds: ProgramFeed[] = [];
      let constant: Record<string, Tensor> | null = null;
      for (const [port, name] of fedPorts ?? []) {
        const shape = outShapes[port] ?? [];
        const feed: ProgramFeed = { name, node: id, port, shape, exampleShape: shape.slice(1), dtype: node.params.dtype as DType };
        stepFeeds.push(feed);
        feeds.push(feed);
      }
      if (kind.inputs.length === 0) {
        // A source: computed once; its outputs are leaves. A Tensor node with requiresGrad is a trainable parameter.
        constant = this.run(node, kind, {}, paramTensors, label);
        const trainParam = TRAINABLE_SOURCES[kind.id];
        for (const [port, t] of Object.entries(constant)) {
          if (!t.requiresGrad || fedPorts?.has(port)) continue;
          if (trainParam !== undefined && isFrozen(id, trainParam)) { t.requiresGrad = false; continue; }
          leaves.push(t);
          if (trainParam !== undefined) params.push({ node: id, param: trainParam, label: `${label}${kind.outputs.length > 1 ? ` ${port}` : ''}`, tensor: t });
        }
      }
      stepOf.set(id, steps.length);
      steps.push({ id, node, kind, params: node.params, wires, inputs: {}, paramTensors, constant, feeds: stepFeeds, label });
    }
    for (const name of Object.keys(opts.feeds ?? {})) {
      if (!feeds.some((f) => f.name === name)) {
        const node = opts.feeds![name]!;
        throw new CompileError(`feed '${name}': ${describeNode(byId.get(node)!, reg.get(byId.get(node)!.kind))} does not lead to the objective`, node);
      }
    }
    this.order = order;
    this.steps = steps;
    this.stepOf = stepOf;
    this.params = params;
    this.leaves = leaves;
    this.feeds = feeds;
    this.outs = steps.map(() => null);
    if (objective) {
      const k = stepOf.get(objective.node)!;
      const kind = steps[k]!.kind;
      if (!kind.outputs.some((p) => p.id === objective.port)) throw new CompileError(`the objective ${describeNode(steps[k]!.node, kind)} has no output '${objective.port}'`, objective.node, objective.port);
      this.objectiveStep = k;
    }
  }

  /** Runs one node's evaluate; errors name the node and the input shapes. */
  private run(node: GraphNode, kind: KindDef, inputs: Record<string, Tensor>, paramTensors: Readonly<Record<string, Tensor>>, label: string): Record<string, Tensor> {
    try {
      const outputs = kind.evaluate(inputs, node.params, { paramTensors });
      for (const p of kind.outputs) if (!(outputs[p.id] instanceof Tensor)) throw new KindError(`produced no value for output '${p.id}'`, p.id);
      return outputs;
    } catch (err) {
      const port = err instanceof KindError ? err.port : undefined;
      const what = err instanceof KindError || err instanceof EngineError ? (err as Error).message : `internal error: ${(err as Error)?.message ?? String(err)}`;
      const shapes = kind.inputs.map((p) => `${p.id} ${fmtShape(inputs[p.id]!.shape)}`).join(', ');
      throw new CompileError(`${label}${port ? ` '${port}'` : ''}: ${what}${shapes ? ` (inputs: ${shapes})` : ''}`, node.id, port);
    }
  }

  /** The parameters to train, in graph order (hand their tensors to an optimiser). */
  parameters(): readonly ProgramParameter[] {
    return this.params;
  }

  /**
   * One forward pass over the whole graph. `feeds` holds a tensor for every feed (by name), of shape
   * (batch, …exampleShape) and the feed's dtype. Returns the objective's value (null without an objective).
   */
  forward(feeds: Readonly<Record<string, Tensor>> = {}): number | null {
    const steps = this.steps, outs = this.outs;
    this.ran = false;
    let i = 0;
    try {
      for (; i < steps.length; i++) {
        const s = steps[i]!;
        if (s.feeds.length > 0) {
          const out: Record<string, Tensor> = { ...s.constant };
          for (const f of s.feeds) out[f.port] = checkFeed(s, f, feeds[f.name]);
          outs[i] = out;
          continue;
        }
        if (s.constant) { outs[i] = s.constant; continue; }
        const inputs = s.inputs, wires = s.wires;
        for (let w = 0; w < wires.length; w++) { const [port, from, fromPort] = wires[w]!; inputs[port] = outs[from]![fromPort]!; }
        outs[i] = this.run(s.node, s.kind, inputs, s.paramTensors, s.label);
      }
    } catch (err) {
      // What did not run this time has no value (firstNonFinite must not read a stale one).
      for (let j = i; j < steps.length; j++) outs[j] = null;
      throw err;
    }
    this.ran = true;
    if (this.objectiveStep < 0) return null;
    const out = outs[this.objectiveStep]![this.objective!.port]!;
    return out.size === 1 ? out.data[0]! : null;
  }

  /** The objective as a tensor after a forward pass. */
  private objectiveTensor(): Tensor {
    if (!this.ran) throw new CompileError('backward() needs a forward() first');
    if (!this.objective) throw new CompileError('there is no objective: mark a scalar output (a loss) as the objective');
    const s = this.steps[this.objectiveStep]!;
    const out = this.outs[this.objectiveStep]![this.objective.port]!;
    const label = s.label;
    if (out.size !== 1) throw new CompileError(`the objective ${label} has shape ${fmtShape(out.shape)}, but backward starts from a single number`, s.id);
    if (!out.requiresGrad) throw new CompileError(`nothing the objective ${label} depends on requires grad`, s.id);
    return out;
  }

  /**
   * One backward pass over the whole graph from the objective. Gradients of the last pass are cleared first (not
   * accumulated): afterwards every parameter's `tensor.grad` and every reached output's `grad()` hold ∂objective/∂·.
   */
  backward(): void {
    const out = this.objectiveTensor();
    for (const t of this.leaves) t.grad = null;
    out.backward();
  }

  /** A node's output after the last forward pass (undefined if the node does not run or has no such port). */
  output(node: string, port: string): Tensor | undefined {
    const k = this.stepOf.get(node);
    return k === undefined ? undefined : this.outs[k]?.[port];
  }

  /** ∂objective/∂(a node's output) after the last backward pass; null where no gradient reached it. */
  grad(node: string, port: string): Tensor | null {
    return this.output(node, port)?.grad ?? null;
  }

  /** A trainable param's tensor (Linear's W or b), frozen or not; undefined if the node has none of that name. */
  param(node: string, param: string): Tensor | undefined {
    const k = this.stepOf.get(node);
    return k === undefined ? undefined : this.steps[k]!.paramTensors[param];
  }

  /**
   * The first node, in the order nodes run, whose output (or parameter) after the last pass holds NaN or ±Infinity:
   * where a divergence started. Null when every value is finite.
   */
  firstNonFinite(): { readonly node: string; readonly label: string; readonly what: string } | null {
    for (let i = 0; i < this.steps.length; i++) {
      const s = this.steps[i]!;
      const label = s.label;
      for (const [name, t] of Object.entries(s.paramTensors)) if (!allFinite(t.data)) return { node: s.id, label, what: `parameter ${name}` };
      for (const [port, t] of Object.entries(this.outs[i] ?? {})) if (!allFinite(t.data)) return { node: s.id, label, what: `output '${port}'` };
    }
    return null;
  }

  /**
   * The document with the current parameter values written into their nodes (Linear's W and b, a Tensor's values):
   * a new document, or an error naming the node when the document no longer fits this program (nothing is changed).
   */
  writeBack(doc: GraphDocument): GraphDocument {
    const patches = new Map<string, Record<string, readonly number[]>>();
    for (const p of this.params) {
      const patch = patches.get(p.node) ?? {};
      patch[p.param] = toNumbers(p.tensor.data);
      patches.set(p.node, patch);
    }
    const nodes = doc.nodes.map((n) => {
      const patch = patches.get(n.id);
      if (!patch) return n;
      for (const [name, values] of Object.entries(patch)) {
        const had = n.params[name];
        if (!Array.isArray(had) || had.length !== values.length) {
          throw new CompileError(`cannot write the trained ${name} into node '${n.id}': it holds ${Array.isArray(had) ? had.length : 0} values now, the program ${values.length}`, n.id);
        }
      }
      return { ...n, params: { ...n.params, ...patch } };
    });
    for (const id of patches.keys()) if (!doc.nodes.some((n) => n.id === id)) throw new CompileError(`cannot write the trained parameters: node '${id}' is no longer in the document`, id);
    return { ...doc, nodes };
  }
}

/** The fed tensor, checked against the feed: (batch, …exampleShape) in the node's dtype. */
function checkFeed(s: Step, f: ProgramFeed, t: Tensor | undefined): Tensor {
  if (!(t instanceof Tensor)) throw new CompileError(`${s.label}: nothing was fed as '${f.name}'`, s.id);
  let ok = t.ndim === f.shape.length;
  for (let k = 0; ok && k < f.exampleShape.length; k++) ok = t.shape[k + 1] === f.exampleShape[k];
  if (!ok) throw new CompileError(`${s.label}: feed '${f.name}' has shape ${fmtShape(t.shape)}, but the node takes (N,${f.exampleShape.join(',')}) (its shape is ${fmtShape(f.shape)})`, s.id);
  if (t.dtype !== f.dtype) throw new CompileError(`${s.label}: feed '${f.name}' is ${t.dtype}, but the node is ${f.dtype}`, s.id);
  return t;
}

function allFinite(a: TypedArray): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** Values as a document holds them: float32 values in their shortest exact decimal (files stay short). */
function toNumbers(a: TypedArray): number[] {
  return a instanceof Float32Array ? Array.from(a, shortFloat32) : Array.from(a);
}

/** Compiles a document to a program; throws a CompileError naming the node that prevents it. */
export function compile(doc: GraphDocument, opts: CompileOptions = {}): Program {
  return new Program(doc, opts);
}
