import type { Tensor } from '../../engine';
import { getKind } from './kinds';
import type { GraphDoc, NodeResult, Stats } from './types';

export function statsOf(data: ArrayLike<number>): Stats {
  let min = Infinity, max = -Infinity, sum = 0, sq = 0, n = 0, nan = 0, posInf = 0, negInf = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (Number.isNaN(v)) { nan++; continue; }
    if (v === Infinity) { posInf++; continue; }
    if (v === -Infinity) { negInf++; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v; sq += v * v; n++;
  }
  const mean = n ? sum / n : NaN;
  return { min: n ? min : NaN, max: n ? max : NaN, mean, std: n ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : NaN, nan, posInf, negInf };
}

/** Nodes in an order where every node follows its inputs; nodes on a cycle are left out. */
export function topoOrder(doc: GraphDoc): string[] {
  const indeg = new Map(doc.nodes.map((n) => [n.id, 0]));
  const out = new Map<string, string[]>();
  for (const e of doc.edges) {
    if (!indeg.has(e.source.node) || !indeg.has(e.target.node)) continue;
    indeg.set(e.target.node, indeg.get(e.target.node)! + 1);
    out.set(e.source.node, [...(out.get(e.source.node) ?? []), e.target.node]);
  }
  const queue = doc.nodes.filter((n) => indeg.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const t of out.get(id) ?? []) {
      indeg.set(t, indeg.get(t)! - 1);
      if (indeg.get(t) === 0) queue.push(t);
    }
  }
  return order;
}

const fail = (error: string, blocked = false): NodeResult => ({ value: null, grad: null, shape: null, dtype: null, stats: null, error, ...(blocked ? { blocked } : {}) });

/** Forward pass of every node, then backward from the objective; a failing node blocks only what depends on it. */
export function evaluate(doc: GraphDoc): Map<string, NodeResult> {
  const results = new Map<string, NodeResult>();
  const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const id of topoOrder(doc)) {
    const node = nodes.get(id)!;
    const kind = getKind(node.kind);
    const who = node.name || node.id;
    if (!kind) { results.set(id, fail(`${who}: unknown kind “${node.kind}”.`)); continue; }
    const inputs: Record<string, Tensor> = {};
    let problem: NodeResult | null = null;
    for (const port of kind.inputs) {
      const e = doc.edges.find((x) => x.target.node === id && x.target.port === port.name);
      if (!e) { problem = fail(`${who}: input “${port.label}” is not connected.`); break; }
      const up = results.get(e.source.node);
      if (!up?.value) { problem = fail(`${who}: waiting for ${nodes.get(e.source.node)?.name || e.source.node}, which has an error.`, true); break; }
      inputs[port.name] = up.value;
    }
    if (problem) { results.set(id, problem); continue; }
    try {
      const value = kind.evaluate(inputs, node.params);
      results.set(id, { value, grad: null, shape: value.shape, dtype: value.dtype, stats: statsOf(value.data) });
    } catch (err) {
      const shapes = Object.entries(inputs).map(([p, t]) => `${p}: (${t.shape.join(', ')}${t.shape.length === 1 ? ',' : ''})`).join(', ');
      results.set(id, fail(`${who} (${kind.label}): ${(err as Error).message}${shapes ? ` [inputs ${shapes}]` : ''}`));
    }
  }
  for (const n of doc.nodes) if (!results.has(n.id)) results.set(n.id, fail(`${n.name || n.id} is on a cycle.`));
  backward(doc, results);
  return results;
}

function backward(doc: GraphDoc, results: Map<string, NodeResult>): void {
  if (!doc.objective) return;
  const r = results.get(doc.objective);
  if (!r?.value) return;
  if (r.value.size !== 1) {
    results.set(doc.objective, { ...r, error: `The objective must be one number to start backward; this one has shape (${r.value.shape.join(', ')}). Add a Sum or Mean after it.` });
    return;
  }
  if (!r.value.requiresGrad) return;
  try {
    r.value.backward();
  } catch (err) {
    results.set(doc.objective, { ...r, error: `backward failed: ${(err as Error).message}` });
    return;
  }
  for (const [id, res] of results) if (res.value?.grad) results.set(id, { ...res, grad: res.value.grad });
}
