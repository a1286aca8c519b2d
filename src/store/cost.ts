import { LIMITS, effectiveObjective, incomingEdges, inferDocumentShapes, topologicalOrder, type GraphDocument, type GraphEdge } from '../document';
import { sizeOf } from '../engine';
import type { InputShapes, KindDef, KindRegistry, OutputShapes, Shape } from '../kinds';

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

/**
 * Forward element-operations of one node given its input and output shapes: its kind's own estimate (`KindDef.cost`),
 * or 0 for an unknown kind or an output above the limit (the evaluator refuses those before computing anything).
 */
function nodeOps(kind: KindDef | undefined, inputs: InputShapes, outputs: OutputShapes): number {
  if (!kind || Object.values(outputs).some((s) => s !== undefined && sizeOf(s) > LIMITS.maxComputedElements)) return 0;
  return kind.cost(inputs, outputs);
}

/** Estimates the work of evaluating `doc` after `base` (null: nothing cached). */
export function estimateCost(doc: GraphDocument, base: GraphDocument | null, reg: KindRegistry): CostEstimate {
  const shapes = inferDocumentShapes(doc, reg);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(doc);
  const prevById = new Map((base?.nodes ?? []).map((n) => [n.id, n]));
  const prevIncoming = base ? incomingEdges(base) : new Map<string, Map<string, GraphEdge>>();
  const dirty = new Set<string>();
  let forward = 0;
  let all = 0;
  for (const id of topologicalOrder(doc).order) {
    const node = byId.get(id)!;
    const prev = prevById.get(id);
    const ins = incoming.get(id);
    const prevIns = prevIncoming.get(id);
    let changed = !prev || prev.kind !== node.kind || prev.params !== node.params || prev.name !== node.name || (ins?.size ?? 0) !== (prevIns?.size ?? 0);
    for (const [port, { source: src }] of ins ?? []) {
      const p = prevIns?.get(port)?.source;
      if (dirty.has(src.node) || !p || p.node !== src.node || p.port !== src.port) changed = true;
    }
    const inputs: Record<string, Shape | undefined> = {};
    for (const [port, { source: src }] of ins ?? []) inputs[port] = shapes.get(src.node)?.outputs[src.port];
    const ops = nodeOps(reg.get(node.kind), inputs, shapes.get(id)?.outputs ?? {});
    all += ops;
    if (changed) { dirty.add(id); forward += ops; }
  }
  const backward = dirty.size > 0 && effectiveObjective(doc, reg) ? 2 * all : 0;
  return { ops: forward + backward, dirty: dirty.size };
}
