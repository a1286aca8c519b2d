import { shortFloat32 } from '../kinds/shared/common';
import type { GraphDocument, GraphNode } from '../document/types';
import type { DType } from '../engine';

/** Values of one param of one node, as a run reports them (a trained weight, or a batch fed into a Tensor). */
export interface ParamValues {
  readonly node: string;
  readonly param: string;
  readonly dtype?: DType;
  readonly values: ArrayLike<number>;
}

/** Values as a document holds them: float32 in their shortest exact decimal, so files stay short and exact. */
function toNumbers(values: ArrayLike<number>, dtype: DType | undefined): number[] {
  return dtype === 'float32' ? Array.from(values, shortFloat32) : Array.from(values);
}

/**
 * The document with a run's values written into their nodes (Linear's W and b, a Tensor's values), as one new
 * document; nodes without values keep their objects. A param the node no longer has, or whose size changed, is
 * skipped and named in `skipped`: the document is never half-changed by a value that does not fit.
 */
export function applyParamValues(doc: GraphDocument, values: readonly ParamValues[], shapes: ReadonlyMap<string, readonly number[]> = new Map()): { doc: GraphDocument; skipped: string[] } {
  const byNode = new Map<string, ParamValues[]>();
  for (const v of values) byNode.set(v.node, [...(byNode.get(v.node) ?? []), v]);
  const skipped: string[] = [];
  let changed = false;
  const nodes = doc.nodes.map((n): GraphNode => {
    const vs = byNode.get(n.id);
    if (!vs) return n;
    const patch: Record<string, unknown> = {};
    for (const v of vs) {
      const had = n.params[v.param];
      const shape = shapes.get(n.id);
      if (!Array.isArray(had) || (had.length !== v.values.length && !shape)) { skipped.push(`${n.id}.${v.param}`); continue; }
      patch[v.param] = toNumbers(v.values, v.dtype);
      if (shape) patch.shape = [...shape];
    }
    if (!Object.keys(patch).length) return n;
    changed = true;
    return { ...n, params: { ...n.params, ...patch } } as GraphNode;
  });
  for (const id of byNode.keys()) if (!doc.nodes.some((n) => n.id === id)) skipped.push(id);
  return { doc: changed ? { ...doc, nodes } : doc, skipped };
}

/**
 * Whether two documents describe the same model for a run: the same nodes with the same kinds and params (by
 * identity: documents are immutable), the same wires and objective, and the same training set-up but for the
 * learning rate, which a run takes while it goes. Moving, naming and selecting nodes keep a run; any other edit
 * ends it.
 */
export function sameModel(a: GraphDocument, b: GraphDocument): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges !== b.edges && !sameEdges(a, b)) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i]!, y = b.nodes[i]!;
    if (x.id !== y.id || x.kind !== y.kind || x.params !== y.params) return false;
  }
  const oa = a.objective, ob = b.objective;
  if ((oa?.node ?? null) !== (ob?.node ?? null) || (oa?.port ?? null) !== (ob?.port ?? null)) return false;
  return sameTraining(a, b);
}

function sameEdges(a: GraphDocument, b: GraphDocument): boolean {
  if (a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.edges.length; i++) {
    const x = a.edges[i]!, y = b.edges[i]!;
    if (x.source.node !== y.source.node || x.source.port !== y.source.port || x.target.node !== y.target.node || x.target.port !== y.target.port) return false;
  }
  return true;
}

function sameTraining(a: GraphDocument, b: GraphDocument): boolean {
  const ta = a.training, tb = b.training;
  if (ta === tb) return true;
  if (!ta || !tb) return false;
  const strip = (t: NonNullable<GraphDocument['training']>) => JSON.stringify({ ...t, optimizer: { ...t.optimizer, lr: 0 } });
  return strip(ta) === strip(tb);
}
