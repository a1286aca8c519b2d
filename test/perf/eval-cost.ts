/**
 * Calibrates the store's cost estimate against the evaluator on this machine: `npx tsx test/perf/eval-cost.ts`.
 * Prints estimated element-operations, milliseconds, and nanoseconds per operation for a few graphs.
 */
import * as D from '../../src/document';
import { registry } from '../../src/kinds';
import { estimateCost } from '../../src/store/cost';

function chain(kinds: { kind: string; params?: Record<string, unknown> }[], edges: [number, string, number, string][], objective?: number): D.GraphDocument {
  let doc = D.createDocument();
  const ids: string[] = [];
  kinds.forEach((k, i) => {
    const id = `n${i}`;
    doc = D.addNode(doc, { kind: k.kind, position: { x: i * 200, y: 0 }, id });
    if (k.params) doc = D.updateParams(doc, id, k.params as never);
    ids.push(id);
  });
  for (const [a, ap, b, bp] of edges) doc = D.connect(doc, { node: ids[a]!, port: ap }, { node: ids[b]!, port: bp });
  if (objective !== undefined) doc = D.setObjective(doc, { node: ids[objective]!, port: 'out' });
  return doc;
}

const graphs: [string, D.GraphDocument][] = [];
for (const n of [64, 128, 200, 256, 400, 1000]) {
  graphs.push([`matmul ${n}x${n} (self) -> sum`, chain([{ kind: 'randomTensor', params: { shape: [n, n], requiresGrad: true } }, { kind: 'matmul' }, { kind: 'sum' }],
    [[0, 'out', 1, 'a'], [0, 'out', 1, 'b'], [1, 'out', 2, 'x']], 2)]);
}
for (const n of [10_000, 100_000, 1_000_000]) {
  graphs.push([`random ${n} -> sigmoid -> exp -> sum`, chain([{ kind: 'randomTensor', params: { shape: [n], requiresGrad: true } }, { kind: 'sigmoid' }, { kind: 'exp' }, { kind: 'sum' }],
    [[0, 'out', 1, 'x'], [1, 'out', 2, 'x'], [2, 'out', 3, 'x']], 3)]);
}

for (const [name, doc] of graphs) {
  const est = estimateCost(doc, null, registry);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    new D.Evaluator().evaluate(doc);
    times.push(performance.now() - t0);
  }
  const ms = Math.min(...times);
  console.log(`${name.padEnd(40)} ${(est.ops / 1e6).toFixed(2).padStart(10)} Mops ${ms.toFixed(1).padStart(9)} ms ${((ms * 1e6) / est.ops).toFixed(2).padStart(7)} ns/op`);
}
