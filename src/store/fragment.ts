import * as D from '../document';
import type { GraphDocument, GraphEdge, GraphNode } from '../document';

/** What the clipboard holds: copied nodes and the edges between them (plain data, independent of the document). */
export interface Fragment { nodes: GraphNode[]; edges: GraphEdge[] }

export function extractFragment(doc: GraphDocument, ids: readonly string[]): Fragment {
  const keep = new Set(ids);
  return {
    nodes: doc.nodes.filter((n) => keep.has(n.id)),
    edges: doc.edges.filter((e) => keep.has(e.source.node) && keep.has(e.target.node)),
  };
}

/**
 * Adds a fragment through the document's own commands (fresh ids, shifted by `offset`), reconnecting the edges inside
 * it. Returns the new document and the new nodes' ids, or the reason it could not.
 */
export function pasteFragment(doc: GraphDocument, frag: Fragment, offset: { x: number; y: number }): { doc: GraphDocument; ids: string[] } | string {
  const rename = new Map<string, string>();
  let next = doc;
  try {
    for (const n of frag.nodes) {
      const id = D.newNodeId(next, n.kind);
      rename.set(n.id, id);
      next = D.addNode(next, { kind: n.kind, id, params: n.params, position: { x: n.position.x + offset.x, y: n.position.y + offset.y }, ...(n.name ? { name: n.name } : {}) });
    }
    for (const e of frag.edges) {
      next = D.connect(next, { node: rename.get(e.source.node)!, port: e.source.port }, { node: rename.get(e.target.node)!, port: e.target.port });
    }
  } catch (err) {
    if (err instanceof D.CommandError) return `Could not paste: ${err.message}`;
    throw err;
  }
  return { doc: next, ids: [...rename.values()] };
}
