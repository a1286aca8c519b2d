import { isRecord, own } from '../json-safety';
import type { FormatMigration } from './index';

/** Splits a v0 packed end `"node.port"` at its last dot (port ids never contain one). */
function splitEnd(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const i = v.lastIndexOf('.');
  return i <= 0 ? { node: v, port: '' } : { node: v.slice(0, i), port: v.slice(i + 1) };
}

/**
 * Version 0 (the 0.0.x previews) kept nodes and edges at the top level, wrote a node's kind as `type` with `x`/`y`
 * beside it, and packed edge ends and the objective into `"node.port"` strings. Version 1 nests them under `graph`
 * with structured `{node, port}` ends, `kind`, `position`, and the app and kind versions.
 */
export const v0ToV1: FormatMigration = {
  from: 0,
  describe: 'edge ends and the objective become {node, port}; nodes get kind and position; everything moves under graph',
  migrate: (file) => {
    const nodes = own(file, 'nodes');
    const edges = own(file, 'edges');
    const out: Record<string, unknown> = {
      format: own(file, 'format'),
      version: 1,
      title: own(file, 'title'),
      graph: {
        nodes: Array.isArray(nodes)
          ? nodes.map((n) => (isRecord(n)
            ? { id: own(n, 'id'), kind: own(n, 'type'), position: { x: own(n, 'x'), y: own(n, 'y') }, params: own(n, 'params') ?? {} }
            : n))
          : nodes,
        edges: Array.isArray(edges)
          ? edges.map((e) => (isRecord(e) ? { id: own(e, 'id'), source: splitEnd(own(e, 'from')), target: splitEnd(own(e, 'to')) } : e))
          : edges,
        objective: own(file, 'objective') === undefined ? null : splitEnd(own(file, 'objective')),
      },
    };
    if (out.title === undefined) delete out.title;
    return out;
  },
};
