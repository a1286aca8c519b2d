import { LIMITS, effectiveObjective, inferDocumentShapes, topologicalOrder, type GraphDocument, type PortRef } from '../document';
import type { KindRegistry, Shape } from '../kinds';

/**
 * How much work an evaluation of `doc` will do, in element-operations, estimated from the inferred shapes without
 * computing anything. Only nodes that must run again count: those new or changed since `base` (the document the
 * evaluator that will run it last saw), and everything downstream of them. When anything runs again and there is an
 * objective, the backward pass runs over the whole graph, so every node's backward cost counts too.
 */
export interface CostEstimate {
  /** Element-operations in all. */
  readonly ops: number;
  /** Nodes whose forward computation runs again. */
  readonly dirty: number;
}

/** Edges into each node: node id → input port → source. */
function incomingOf(doc: GraphDocument): Map<string, Map<string, PortRef>> {
  const m = new Map<string, Map<string, PortRef>>();
  for (const e of doc.edges) {
    let ports = m.get(e.target.node);
    if (!ports) m.set(e.target.node, (ports = new Map()));
    ports.set(e.target.port, e.source);
  }
  return m;
}

const size = (s: Shape | undefined): number => (s ? s.reduce((a, b) => a * b, 1) : 0);

/** Element-operations per output element for a kind's forward pass (matmul-like kinds are counted separately). */
// Calibrated against matmul with test/perf/eval-cost.ts: an elementwise element costs about four multiply-adds.
const PER_ELEMENT: Readonly<Record<string, number>> = {
  tensor: 4, randomTensor: 40, linspace: 8, range: 8, scalar: 4,
  sigmoid: 20, tanh: 20, relu: 8, leakyRelu: 8, softmax: 30, logSoftmax: 30,
  add: 8, sub: 8, mul: 8, div: 8, pow: 24, exp: 20, log: 20, reshape: 4, transpose: 8,
};

/** 2·m·k·n per batch for a product of (…, m, k) by (…, k, n), the output being (…, m, n). */
function matmulOps(a: Shape | undefined, b: Shape | undefined, out: Shape | undefined): number {
  if (!a || !b || !out) return 0;
  const k = a[a.length - 1] ?? 1;
  return 2 * k * Math.max(1, size(out));
}

/** Forward element-operations of one node given its input and output shapes (0 where unknown or refused). */
function nodeOps(kind: string, inputs: Readonly<Record<string, Shape | undefined>>, outputs: Readonly<Record<string, Shape | undefined>>): number {
  const outSizes = Object.values(outputs).map(size);
  // The evaluator refuses an output above the limit before computing anything.
  if (outSizes.some((n) => n > LIMITS.maxComputedElements)) return 0;
  const out = outSizes.reduce((a, b) => a + b, 0);
  const inSize = Object.values(inputs).reduce((a, s) => a + size(s), 0);
  if (kind === 'matmul') return matmulOps(inputs.a, inputs.b, outputs.out) + 4 * out;
  if (kind === 'linear') {
    const x = inputs.x;
    const o = outputs.out;
    return (x && o ? 2 * (x[x.length - 1] ?? 1) * size(o) : 0) + 8 * out;
  }
  // Reductions and losses read every input element a few times.
  const per = PER_ELEMENT[kind];
  if (per === undefined) return 16 * inSize + 4 * out;
  return per * out + 4 * inSize;
}

/** Estimates the work of evaluating `doc` after `base` (null: nothing cached). */
export function estimateCost(doc: GraphDocument, base: GraphDocument | null, reg: KindRegistry): CostEstimate {
  const shapes = inferDocumentShapes(doc, reg);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = incomingOf(doc);
  const prevById = new Map((base?.nodes ?? []).map((n) => [n.id, n]));
  const prevIncoming = base ? incomingOf(base) : new Map<string, Map<string, PortRef>>();
  const dirty = new Set<string>();
  let forward = 0;
  let all = 0;
  for (const id of topologicalOrder(doc).order) {
    const node = byId.get(id)!;
    const prev = prevById.get(id);
    const ins = incoming.get(id);
    const prevIns = prevIncoming.get(id);
    let changed = !prev || prev.kind !== node.kind || prev.params !== node.params || prev.name !== node.name || (ins?.size ?? 0) !== (prevIns?.size ?? 0);
    for (const [port, src] of ins ?? []) {
      const p = prevIns?.get(port);
      if (dirty.has(src.node) || !p || p.node !== src.node || p.port !== src.port) changed = true;
    }
    const inputs: Record<string, Shape | undefined> = {};
    for (const [port, src] of ins ?? []) inputs[port] = shapes.get(src.node)?.outputs[src.port];
    const ops = nodeOps(node.kind, inputs, shapes.get(id)?.outputs ?? {});
    all += ops;
    if (changed) { dirty.add(id); forward += ops; }
  }
  const backward = dirty.size > 0 && effectiveObjective(doc, reg) ? 2 * all : 0;
  return { ops: forward + backward, dirty: dirty.size };
}
