import { fmtShape, sizeOf } from '../engine';
import { registry as defaultRegistry, type KindRegistry } from '../kinds';
import { describeNode, inferDocumentShapes, reaches } from './graph';
import type { ConnectCheck, GraphDocument, PortRef } from './types';

/**
 * Whether an edge from `source` (an output port) to `target` (an input port) may be added, or why not in plain
 * words: a missing port, a cycle, a port type, or a shape the target cannot take. An input that already has an edge
 * is fine: `connect` replaces it.
 */
export function canConnect(doc: GraphDocument, source: PortRef, target: PortRef, reg: KindRegistry = defaultRegistry): ConnectCheck {
  const sNode = doc.nodes.find((n) => n.id === source.node);
  const tNode = doc.nodes.find((n) => n.id === target.node);
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
  if (reaches(doc, tNode.id, sNode.id)) {
    return { ok: false, reason: 'cycle', message: `this would make a cycle: ${describeNode(sNode, sKind)} already depends on ${describeNode(tNode, tKind)}` };
  }
  const before = inferDocumentShapes(doc, reg);
  const shape = before.get(sNode.id)?.outputs[sPort.id];
  if (tPort.type === 'scalar' && sPort.type !== 'scalar' && shape && sizeOf(shape) !== 1) {
    return { ok: false, reason: 'type', message: `input '${tPort.id}' of ${describeNode(tNode, tKind)} takes a single number, but output '${sPort.id}' of ${describeNode(sNode, sKind)} has shape ${fmtShape(shape)}: add a Sum or a Mean` };
  }
  const trial: GraphDocument = {
    ...doc,
    edges: [...doc.edges.filter((e) => !(e.target.node === tNode.id && e.target.port === tPort.id)), { id: '\u0000trial', source, target }],
  };
  const after = inferDocumentShapes(trial, reg).get(tNode.id);
  if (after?.error && shape && !before.get(tNode.id)?.error) {
    return { ok: false, reason: 'shape', message: `${describeNode(tNode, tKind)} cannot take ${fmtShape(shape)} on input '${tPort.id}': ${after.error.message}` };
  }
  return { ok: true };
}
