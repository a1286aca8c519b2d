import type { KindDef, KindRegistry, Shape } from '../kinds';
import { KindError } from '../kinds';
import type { GraphDocument, GraphEdge, GraphNode, PortRef } from './types';

/** How messages name a node: its kind's label and its name (or id). */
export function describeNode(node: GraphNode, kind?: KindDef): string {
  return `${kind?.label ?? node.kind} '${node.name ?? node.id}'`;
}

/** Edges into each node's input ports: node id → port id → edge. */
export function incomingEdges(doc: GraphDocument): Map<string, Map<string, GraphEdge>> {
  const m = new Map<string, Map<string, GraphEdge>>();
  for (const e of doc.edges) {
    let ports = m.get(e.target.node);
    if (!ports) m.set(e.target.node, (ports = new Map()));
    ports.set(e.target.port, e);
  }
  return m;
}

/** Node ids that each node feeds (duplicates removed). */
export function successors(doc: GraphDocument): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const n of doc.nodes) m.set(n.id, []);
  // A set of the pairs seen, so that a node feeding a thousand others costs no more than a thousand steps.
  const seen = new Set<string>();
  for (const e of doc.edges) {
    const list = m.get(e.source.node);
    const key = `${e.source.node}\u0000${e.target.node}`;
    if (list && !seen.has(key)) { seen.add(key); list.push(e.target.node); }
  }
  return m;
}

/**
 * Kahn's topological order (ties broken by document order, so results are stable). `cyclic` lists the nodes on or
 * behind a cycle, which have no order.
 */
export function topologicalOrder(doc: GraphDocument): { order: string[]; cyclic: string[] } {
  const indeg = new Map<string, number>();
  for (const n of doc.nodes) indeg.set(n.id, 0);
  const succ = successors(doc);
  for (const list of succ.values()) for (const t of list) indeg.set(t, (indeg.get(t) ?? 0) + 1);
  const queue: string[] = [];
  for (const n of doc.nodes) if (indeg.get(n.id) === 0) queue.push(n.id);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    order.push(id);
    for (const t of succ.get(id) ?? []) {
      const d = indeg.get(t)! - 1;
      indeg.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  const done = new Set(order);
  return { order, cyclic: doc.nodes.filter((n) => !done.has(n.id)).map((n) => n.id) };
}

/** True when `to` can be reached from `from` along edges (or they are the same node). */
export function reaches(doc: GraphDocument, from: string, to: string): boolean {
  if (from === to) return true;
  const succ = successors(doc);
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    for (const t of succ.get(stack.pop()!) ?? []) {
      if (t === to) return true;
      if (!seen.has(t)) { seen.add(t); stack.push(t); }
    }
  }
  return false;
}

/** Shapes at a node's output ports (undefined where unknown), or why they cannot be inferred. */
export interface ShapeInfo {
  readonly outputs: Readonly<Record<string, Shape | undefined>>;
  readonly error?: { readonly message: string; readonly port?: string };
}

/**
 * Infers every node's output shapes without computing (for connection checks and the canvas's shape labels). A node
 * whose inference fails gets an error; nodes after it get unknown shapes.
 */
export function inferDocumentShapes(doc: GraphDocument, registry: KindRegistry): Map<string, ShapeInfo> {
  const out = new Map<string, ShapeInfo>();
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(doc);
  for (const id of topologicalOrder(doc).order) {
    const node = byId.get(id)!;
    const kind = registry.get(node.kind);
    if (!kind) { out.set(id, { outputs: {}, error: { message: `unknown kind '${node.kind}'` } }); continue; }
    const inputs: Record<string, Shape | undefined> = {};
    for (const p of kind.inputs) {
      const e = incoming.get(id)?.get(p.id);
      inputs[p.id] = e ? out.get(e.source.node)?.outputs[e.source.port] : undefined;
    }
    try {
      out.set(id, { outputs: kind.inferShapes(inputs, node.params) });
    } catch (err) {
      const port = err instanceof KindError ? err.port : undefined;
      out.set(id, { outputs: {}, error: { message: (err as Error).message, ...(port ? { port } : {}) } });
    }
  }
  return out;
}

/** The objective in effect: the explicit one, or else the document's only loss node. */
export function effectiveObjective(doc: GraphDocument, registry: KindRegistry): PortRef | null {
  if (doc.objective) return doc.objective;
  const losses = doc.nodes.filter((n) => registry.get(n.kind)?.isLoss);
  if (losses.length !== 1) return null;
  const kind = registry.get(losses[0]!.kind)!;
  return { node: losses[0]!.id, port: kind.outputs[0]!.id };
}
