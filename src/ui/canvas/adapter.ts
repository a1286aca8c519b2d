import type { Edge, Node } from '@xyflow/react';
import type { EvaluationResult, GraphDocument, GraphNode } from '../../document';
import { fmtShape } from '../../engine';

/** React Flow's view of a document node: the node itself, read-only. Values come from the store by id. */
export type FlowNode = Node<{ node: GraphNode }, 'sorix'>;
export type FlowEdge = Edge<{ shape: string; gradNorm: number | null }, 'sorix'>;

/**
 * Brings React Flow's node list in step with the document, reusing every node object that did not change (React
 * Flow then keeps its measurements and skips work) and keeping measured sizes on the ones that did.
 */
export function syncFlowNodes(prev: readonly FlowNode[], doc: GraphDocument, selected: readonly string[]): FlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  const sel = new Set(selected);
  return doc.nodes.map((n) => {
    const p = old.get(n.id);
    const isSel = sel.has(n.id);
    if (p && p.data.node === n && Boolean(p.selected) === isSel) return p;
    return {
      id: n.id,
      type: 'sorix' as const,
      position: n.position,
      data: { node: n },
      selected: isSel,
      ariaLabel: `${n.name || n.id} (${n.kind})`,
      ...(p?.measured ? { measured: p.measured } : {}),
    };
  });
}

/**
 * Makes React Flow edges, each labelled with the shape it carries and the size of the gradient flowing back. Edges
 * whose label, gradient and selection did not change keep their previous object, so React Flow skips them.
 */
export function toFlowEdges(doc: GraphDocument, results: EvaluationResult, selected: readonly string[], prev: readonly FlowEdge[] = []): FlowEdge[] {
  const sel = new Set(selected);
  const old = new Map(prev.map((e) => [e.id, e]));
  return doc.edges.map((e) => {
    const out = results.nodes.get(e.source.node)?.outputs[e.source.port];
    let gradNorm: number | null = null;
    if (out?.grad) {
      let s = 0;
      for (const v of out.grad.data) s += v * v;
      gradNorm = Math.sqrt(s);
    }
    const shape = out ? fmtShape(out.shape) : '?';
    const p = old.get(e.id);
    if (p && p.data?.shape === shape && p.data.gradNorm === gradNorm && Boolean(p.selected) === sel.has(e.id)
      && p.source === e.source.node && p.sourceHandle === e.source.port && p.target === e.target.node && p.targetHandle === e.target.port) return p;
    return {
      id: e.id,
      type: 'sorix',
      source: e.source.node,
      sourceHandle: e.source.port,
      target: e.target.node,
      targetHandle: e.target.port,
      selected: sel.has(e.id),
      data: { shape, gradNorm },
      ariaLabel: `wire from ${e.source.node}.${e.source.port} to ${e.target.node}.${e.target.port}`,
    };
  });
}

/** Colour for a gradient's size on a log scale: grey for none, blue (tiny) through orange to red (large). */
export function gradColor(norm: number | null): string {
  if (norm === null || !Number.isFinite(norm)) return 'var(--muted)';
  if (norm === 0) return '#8a94a6';
  const t = Math.max(0, Math.min(1, (Math.log10(norm) + 6) / 8)); // 1e-6 → 0, 1e2 → 1
  const hue = 220 - 220 * t;
  return `hsl(${hue.toFixed(0)} 80% 48%)`;
}
