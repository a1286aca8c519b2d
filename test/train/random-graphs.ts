import { Generator } from '../../src/engine';
import { createDocument, evaluateDocument, type GraphDocument, type GraphEdge, type GraphNode } from '../../src/document';
import { defaultParams, initLinear, registry, type KindDef, type ParamValue, type Shape } from '../../src/kinds';

/**
 * Random valid graphs built from the registered kinds: a few seeded sources, then nodes of random kinds wired to
 * earlier outputs wherever the kind's own shape inference accepts them, ended by a Sum (or a loss) as the objective.
 * Only graphs in which every node computes are returned (the Evaluator is asked), so tests can compare numbers.
 */
export function randomGraph(seed: number): GraphDocument {
  const g = new Generator(seed);
  const rnd = (n: number): number => Math.floor(g.random() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  for (let attempt = 0; ; attempt++) {
    const nodes: GraphNode[] = [];
    const edges: GraphEdge[] = [];
    const outs: { node: string; port: string; shape: Shape }[] = [];
    const add = (kind: KindDef, params: Record<string, ParamValue>, inputs: Record<string, { node: string; port: string }>): void => {
      const id = `n${nodes.length}`;
      nodes.push({ id, kind: kind.id, position: { x: nodes.length * 10, y: 0 }, params });
      for (const [port, src] of Object.entries(inputs)) edges.push({ id: `e${edges.length}`, source: src, target: { node: id, port } });
      const inShapes: Record<string, Shape> = {};
      for (const [port, src] of Object.entries(inputs)) inShapes[port] = outs.find((o) => o.node === src.node && o.port === src.port)!.shape;
      const shapes = kind.inferShapes(inShapes, params);
      for (const p of kind.outputs) outs.push({ node: id, port: p.id, shape: shapes[p.id]! });
    };
    const dtype = pick(['float32', 'float64']);
    const sources = 1 + rnd(3);
    for (let s = 0; s < sources; s++) {
      const shape = pick([[3], [2, 3], [4, 2], [3, 1], [1]]);
      const size = shape.reduce((a, b) => a * b, 1);
      const values = Array.from({ length: size }, () => Math.round((g.random() * 4 - 2) * 100) / 100);
      add(registry.require('tensor'), { values, shape, dtype, requiresGrad: g.random() < 0.8 }, {});
    }
    const kinds = registry.all().filter((k) => k.inputs.length > 0 && !k.isLoss);
    const steps = 2 + rnd(8);
    for (let s = 0; s < steps; s++) {
      const kind = pick(kinds);
      const inputs: Record<string, { node: string; port: string }> = {};
      for (const p of kind.inputs) { const o = pick(outs); inputs[p.id] = { node: o.node, port: o.port }; }
      let params = defaultParams(kind);
      if (kind.id === 'linear') {
        const x = outs.find((o) => o.node === inputs.x!.node)!.shape;
        const inF = x[x.length - 1] ?? 1, outF = 1 + rnd(3);
        params = { ...params, inFeatures: inF, outFeatures: outF, seed: rnd(1000), ...initLinear(inF, outF, 'he', rnd(1000)) };
      }
      if (kind.id === 'pow') params = { ...params, exponent: pick([2, 3]) };
      try {
        add(kind, params, inputs);
      } catch {
        continue; // shapes that do not go together: try another kind
      }
    }
    // Only the last node leads to the objective: a Sum of it (or of an earlier output).
    const last = outs[outs.length - 1]!;
    add(registry.require('sum'), defaultParams(registry.require('sum')), { x: { node: last.node, port: last.port } });
    const doc: GraphDocument = { ...createDocument({ now: '2026-12-05T00:00:00.000Z' }), nodes, edges, objective: { node: nodes[nodes.length - 1]!.id, port: 'out' } };
    const ev = evaluateDocument(doc);
    if ([...ev.nodes.values()].every((n) => n.status === 'ok') && ev.objectiveMessage === null) return doc;
    if (attempt > 200) throw new Error('no valid random graph');
  }
}
