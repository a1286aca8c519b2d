import type { ELK as ElkApi } from 'elkjs/lib/elk-api';
import type { GraphDocument } from '../../document';

// ELK is large (about 1.5 MB): load it the first time someone arranges a graph, not at start-up.
let elk: Promise<ElkApi> | null = null;
function getElk(): Promise<ElkApi> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return elk;
}

/** Left-to-right layered positions for every node (ELK), given each node's measured size. */
export async function layoutPositions(doc: GraphDocument, sizes: ReadonlyMap<string, { width: number; height: number }>): Promise<{ id: string; position: { x: number; y: number } }[]> {
  const graph = await (await getElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    },
    children: doc.nodes.map((n) => ({ id: n.id, width: sizes.get(n.id)?.width ?? 180, height: sizes.get(n.id)?.height ?? 100 })),
    edges: doc.edges.map((e) => ({ id: e.id, sources: [e.source.node], targets: [e.target.node] })),
  });
  return (graph.children ?? []).map((c) => ({ id: c.id, position: { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) } }));
}

type Box = { x: number; y: number; width: number; height: number };

/** True when two nodes overlap or sit closer than `gap` (wires and their shape labels need room). */
export function crowded(boxes: readonly Box[], gap = 36): boolean {
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      if (a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + 8 && b.y < a.y + a.height + 8) return true;
    }
  }
  return false;
}
