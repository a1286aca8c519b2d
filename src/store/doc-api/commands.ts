import { defaultParams, getKind } from './kinds';
import type { GraphDoc, GraphEdge, GraphNode, PortRef } from './types';

/** Pure graph commands: each returns a new document and leaves its argument untouched. */

export function emptyDoc(title = 'Untitled'): GraphDoc {
  return { title, nodes: [], edges: [] };
}

/** An id not used by any node or edge of `doc`, made from `base`. */
export function freshId(doc: GraphDoc, base: string, taken: Set<string> = new Set()): string {
  const used = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id), ...taken]);
  for (let i = 1; ; i++) {
    const id = `${base}${i}`;
    if (!used.has(id)) return id;
  }
}

export function addNode(doc: GraphDoc, kindId: string, position: { x: number; y: number }): { doc: GraphDoc; id: string } {
  const kind = getKind(kindId);
  if (!kind) throw new Error(`unknown kind ${kindId}`);
  const id = freshId(doc, kindId);
  const node: GraphNode = { id, kind: kindId, position, params: defaultParams(kind) };
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

export function removeNodes(doc: GraphDoc, ids: readonly string[], edgeIds: readonly string[] = []): GraphDoc {
  const gone = new Set(ids);
  const goneEdges = new Set(edgeIds);
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges: doc.edges.filter((e) => !gone.has(e.source.node) && !gone.has(e.target.node) && !goneEdges.has(e.id)),
    ...(doc.objective && gone.has(doc.objective) ? { objective: undefined } : {}),
  };
}

export function connect(doc: GraphDoc, source: PortRef, target: PortRef): GraphDoc {
  const id = freshId(doc, 'e');
  // An input takes one wire: a new one replaces the old.
  const edges = doc.edges.filter((e) => !(e.target.node === target.node && e.target.port === target.port));
  return { ...doc, edges: [...edges, { id, source, target }] };
}

export function moveNodes(doc: GraphDoc, positions: ReadonlyMap<string, { x: number; y: number }>): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)) };
}

export function setParam(doc: GraphDoc, nodeId: string, name: string, value: unknown): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, params: { ...n.params, [name]: value } } : n)) };
}

export function renameNode(doc: GraphDoc, nodeId: string, name: string): GraphDoc {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, name: name || undefined } : n)) };
}

export function setObjective(doc: GraphDoc, nodeId: string | undefined): GraphDoc {
  return { ...doc, objective: nodeId };
}

/** A fragment to copy: the chosen nodes and the edges between them. */
export interface Fragment { nodes: GraphNode[]; edges: GraphEdge[] }

export function extractFragment(doc: GraphDoc, ids: readonly string[]): Fragment {
  const keep = new Set(ids);
  return {
    nodes: doc.nodes.filter((n) => keep.has(n.id)),
    edges: doc.edges.filter((e) => keep.has(e.source.node) && keep.has(e.target.node)),
  };
}

/** Adds a fragment with fresh ids, shifted by `offset`; returns the new nodes' ids. */
export function pasteFragment(doc: GraphDoc, frag: Fragment, offset: { x: number; y: number }): { doc: GraphDoc; ids: string[] } {
  const rename = new Map<string, string>();
  const taken = new Set<string>();
  const nodes = frag.nodes.map((n) => {
    const id = freshId(doc, n.kind, taken);
    taken.add(id);
    rename.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edges = frag.edges.map((e) => {
    const id = freshId(doc, 'e', taken);
    taken.add(id);
    return { id, source: { ...e.source, node: rename.get(e.source.node)! }, target: { ...e.target, node: rename.get(e.target.node)! } };
  });
  return { doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}
