import { fmtShape, sizeOf } from '../engine';
import { registry as defaultRegistry, type KindRegistry } from '../kinds';
import { describeNode, incomingEdges, inferDocumentShapes, successors, type ShapeInfo } from './graph';
import type { ConnectCheck, GraphDocument, GraphEdge, PortRef } from './types';

/**
 * Answers `canConnect` for many pairs of one document with the work shared: the document's shapes are inferred once
 * per document (kept while the document lives, so later drags from the same document reuse them), and the nodes that
 * reach a source are found once per source. A trial edge into an input changes only that input's
 * node (its upstream cannot change without a cycle, which is refused first), so the trial re-infers that node alone.
 */
/** The work `connectChecker` shares, kept per document (documents are never changed in place) and registry. */
interface Shared { shapes: Map<string, ShapeInfo> | null; preds: Map<string, string[]> | null; incoming: Map<string, Map<string, GraphEdge>> | null; ancestors: Map<string, Set<string>> }
const sharedWork = new WeakMap<KindRegistry, WeakMap<GraphDocument, Shared>>();

function sharedFor(doc: GraphDocument, reg: KindRegistry): Shared {
  let perReg = sharedWork.get(reg);
  if (!perReg) { perReg = new WeakMap(); sharedWork.set(reg, perReg); }
  let shared = perReg.get(doc);
  if (!shared) { shared = { shapes: null, preds: null, incoming: null, ancestors: new Map() }; perReg.set(doc, shared); }
  return shared;
}

export function connectChecker(doc: GraphDocument, reg: KindRegistry = defaultRegistry): (source: PortRef, target: PortRef) => ConnectCheck {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  // Inferred once per document: every drag from it, and every port checked in a drag, reuse it.
  const work = sharedFor(doc, reg);
  const { ancestors } = work;
  /** The nodes from which `id` can be reached along edges, `id` included. */
  const reaching = (id: string): Set<string> => {
    let set = ancestors.get(id);
    if (set) return set;
    if (!work.preds) {
      const preds = new Map<string, string[]>();
      for (const [from, tos] of successors(doc)) for (const to of tos) { const l = preds.get(to); if (l) l.push(from); else preds.set(to, [from]); }
      work.preds = preds;
    }
    const preds = work.preds;
    set = new Set([id]);
    const stack = [id];
    while (stack.length > 0) for (const p of preds.get(stack.pop()!) ?? []) if (!set.has(p)) { set.add(p); stack.push(p); }
    ancestors.set(id, set);
    return set;
  };

  return (source, target) => {
    const sNode = byId.get(source.node);
    const tNode = byId.get(target.node);
    if (!sNode) return { ok: false, reason: 'port', message: `there is no node '${source.node}'` };
    if (!tNode) return { ok: false, reason: 'port', message: `there is no node '${target.node}'` };
    const sKind = reg.get(sNode.kind);
    const tKind = reg.get(tNode.kind);
    if (!sKind) return { ok: false, reason: 'port', message: `unknown node kind '${sNode.kind}'` };
    if (!tKind) return { ok: false, reason: 'port', message: `unknown node kind '${tNode.kind}'` };
    const sPort = sKind.outputs.find((p) => p.id === source.port);
    const tPort = tKind.inputs.find((p) => p.id === target.port);
    if (!sPort) return { ok: false, reason: 'port', message: `${describeNode(sNode, sKind)} has no output '${source.port}'` };
    if (!tPort) return { ok: false, reason: 'port', message: `${describeNode(tNode, tKind)} has no input '${target.port}'` };
    if (sNode.id === tNode.id) return { ok: false, reason: 'self', message: `cannot connect ${describeNode(sNode, sKind)} to itself` };
    if (reaching(sNode.id).has(tNode.id)) {
      return { ok: false, reason: 'cycle', message: `this would make a cycle: ${describeNode(sNode, sKind)} already depends on ${describeNode(tNode, tKind)}` };
    }
    const shapes = work.shapes ??= inferDocumentShapes(doc, reg);
    const shape = shapes.get(sNode.id)?.outputs[sPort.id];
    if (tPort.type === 'scalar' && sPort.type !== 'scalar' && shape && sizeOf(shape) !== 1) {
      return { ok: false, reason: 'type', message: `input '${tPort.id}' of ${describeNode(tNode, tKind)} takes a single number, but output '${sPort.id}' of ${describeNode(sNode, sKind)} has shape ${fmtShape(shape)}: add a Sum or a Mean` };
    }
    const before = shapes.get(tNode.id);
    // A node on or behind a cycle has no shapes either way (a document read or edited here never has one).
    if (!shape || !before || before.error) return { ok: true };
    const inputs: Record<string, readonly number[] | undefined> = {};
    work.incoming ??= incomingEdges(doc);
    const wired = work.incoming.get(tNode.id);
    for (const p of tKind.inputs) {
      const from = p.id === tPort.id ? source : wired?.get(p.id)?.source;
      inputs[p.id] = from ? shapes.get(from.node)?.outputs[from.port] : undefined;
    }
    try {
      tKind.inferShapes(inputs, tNode.params);
    } catch (err) {
      return { ok: false, reason: 'shape', message: `${describeNode(tNode, tKind)} cannot take ${fmtShape(shape)} on input '${tPort.id}': ${(err as Error).message}` };
    }
    return { ok: true };
  };
}

/**
 * Whether an edge from `source` (an output port) to `target` (an input port) may be added, or why not in plain
 * words: a missing port, a cycle, a port type, or a shape the target cannot take. An input that already has an edge
 * is fine: `connect` replaces it.
 */
export function canConnect(doc: GraphDocument, source: PortRef, target: PortRef, reg: KindRegistry = defaultRegistry): ConnectCheck {
  return connectChecker(doc, reg)(source, target);
}

/**
 * While a wire is dragged from `source`: every input port of the document that refuses it, keyed `node:port`, with
 * the reason (`canConnect`'s message). Shapes are inferred once for the whole drag.
 */
export function refusedTargets(doc: GraphDocument, source: PortRef, reg: KindRegistry = defaultRegistry): Record<string, string> {
  const check = connectChecker(doc, reg);
  const refused: Record<string, string> = {};
  for (const n of doc.nodes) {
    for (const p of reg.get(n.kind)?.inputs ?? []) {
      const c = check(source, { node: n.id, port: p.id });
      if (!c.ok) refused[`${n.id}:${p.id}`] = c.message;
    }
  }
  return refused;
}

/**
 * While a wire is dragged from `source`: why an input port refuses it (`canConnect`'s message), or undefined when it
 * takes it. Nothing is checked until a port is asked about, and each port is checked once: the editor asks only for
 * the ports of the nodes it draws, so starting a drag costs nothing in proportion to the document.
 */
export function refusalLookup(doc: GraphDocument, source: PortRef, reg: KindRegistry = defaultRegistry): (node: string, port: string) => string | undefined {
  const check = connectChecker(doc, reg);
  const seen = new Map<string, string | undefined>();
  return (node, port) => {
    const key = `${node}\u0000${port}`;
    if (seen.has(key)) return seen.get(key);
    const c = check(source, { node, port });
    const reason = c.ok ? undefined : c.message;
    seen.set(key, reason);
    return reason;
  };
}
