import { noGrad, type Tensor } from '../../engine';
import { getKind } from './kinds';
import type { ConnectCheck, GraphDoc, PortRef, Results } from './types';

/** True if `to` can reach `from` by following edges downstream (so from → to would close a cycle). */
function reaches(doc: GraphDoc, start: string, goal: string): boolean {
  const out = new Map<string, string[]>();
  for (const e of doc.edges) out.set(e.source.node, [...(out.get(e.source.node) ?? []), e.target.node]);
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === goal) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(out.get(n) ?? []));
  }
  return false;
}

/** Says whether a wire from `source` to `target` is allowed, and why not. Shapes come from the current results. */
export function canConnect(doc: GraphDoc, source: PortRef, target: PortRef, results: Results): ConnectCheck {
  if (source.node === target.node) return { ok: false, reason: 'self', message: 'A node cannot feed itself.' };
  const src = doc.nodes.find((n) => n.id === source.node);
  const dst = doc.nodes.find((n) => n.id === target.node);
  const dstKind = dst && getKind(dst.kind);
  if (!src || !dst || !dstKind) return { ok: false, reason: 'type', message: 'That port does not exist.' };
  if (!dstKind.inputs.some((p) => p.name === target.port)) {
    return { ok: false, reason: 'type', message: `${dstKind.label} has no input “${target.port}”: wires go from an output to an input.` };
  }
  if (reaches(doc, target.node, source.node)) {
    return { ok: false, reason: 'cycle', message: `Refused: ${label(doc, source.node)} → ${label(doc, target.node)} would make a cycle (${label(doc, target.node)} already feeds ${label(doc, source.node)}).` };
  }
  // Shape: try the target's computation on the shapes it would get.
  const value = results.get(source.node)?.value;
  if (!value) return { ok: true };
  const inputs: Record<string, Tensor> = {};
  for (const p of dstKind.inputs) {
    if (p.name === target.port) { inputs[p.name] = value; continue; }
    const e = doc.edges.find((x) => x.target.node === dst.id && x.target.port === p.name);
    const v = e && results.get(e.source.node)?.value;
    if (!v) return { ok: true };
    inputs[p.name] = v;
  }
  try {
    noGrad(() => dstKind.evaluate(inputs, dst.params));
  } catch (err) {
    return { ok: false, reason: 'shape', message: `Refused: shape ${shapeText(value.shape)} does not fit ${dstKind.label}.${target.port} — ${(err as Error).message}` };
  }
  return { ok: true };
}

function label(doc: GraphDoc, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n?.name || id;
}

function shapeText(s: readonly number[]): string {
  return s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`;
}
