/**
 * How long the Evaluator takes to re-evaluate a 200-node graph after one edit (a measurement, not a test):
 *   node --import tsx test/document/evaluate-speed.ts
 * The graph: a batch X (32×8) through 49 residual blocks (Linear 8→8, Tanh, Scalar-scaled, added back), then an MSE
 * loss against a target: 200 nodes, every gradient computed.
 */
import { addNode, connect, createDocument, Evaluator, evaluateDocument, moveNodes, setObjective, updateParams, type GraphDocument } from '../../src/document';

function build(): GraphDocument {
  const at = { x: 0, y: 0 };
  let d = createDocument();
  const vals = (n: number, s: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + s));
  d = addNode(d, { id: 'X', kind: 'tensor', position: at, params: { values: vals(256, 0), shape: [32, 8], requiresGrad: false } });
  d = addNode(d, { id: 'Y', kind: 'tensor', position: at, params: { values: vals(256, 1), shape: [32, 8], requiresGrad: false } });
  let prev = 'X';
  for (let b = 0; b < 49; b++) {
    d = addNode(d, { id: `fc${b}`, kind: 'linear', position: at, params: { inFeatures: 8, outFeatures: 8, init: 'xavier', seed: b } });
    d = addNode(d, { id: `act${b}`, kind: 'tanh', position: at });
    d = addNode(d, { id: `scale${b}`, kind: 'mul', position: at });
    d = addNode(d, { id: `res${b}`, kind: 'add', position: at });
    d = connect(d, { node: prev, port: 'out' }, { node: `fc${b}`, port: 'x' });
    d = connect(d, { node: `fc${b}`, port: 'out' }, { node: `act${b}`, port: 'x' });
    d = connect(d, { node: `act${b}`, port: 'out' }, { node: `scale${b}`, port: 'a' });
    d = connect(d, { node: b === 0 ? 'X' : `scale${b - 1}`, port: 'out' }, { node: `scale${b}`, port: 'b' });
    d = connect(d, { node: `scale${b}`, port: 'out' }, { node: `res${b}`, port: 'a' });
    d = connect(d, { node: prev, port: 'out' }, { node: `res${b}`, port: 'b' });
    prev = `res${b}`;
  }
  d = addNode(d, { id: 'loss', kind: 'mseLoss', position: at });
  d = addNode(d, { id: 'mean', kind: 'mean', position: at });
  d = connect(d, { node: prev, port: 'out' }, { node: 'mean', port: 'x' });
  d = connect(d, { node: prev, port: 'out' }, { node: 'loss', port: 'prediction' });
  d = connect(d, { node: 'Y', port: 'out' }, { node: 'loss', port: 'target' });
  return setObjective(d, { node: 'loss', port: 'loss' });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const doc = build();
const runs = 60;
console.log(`graph: ${doc.nodes.length} nodes, ${doc.edges.length} edges`);
const cold: number[] = [];
for (let i = 0; i < 100; i++) { const t = performance.now(); evaluateDocument(doc); cold.push(performance.now() - t); }
console.log(`from scratch (forward + backward, every node):  ${median(cold).toFixed(2)} ms (median of 100; first run ${cold[0]!.toFixed(1)} ms)`);

const edits: [string, (d: GraphDocument, i: number) => GraphDocument][] = [
  ['edit the last Linear (seed → new W)', (d, i) => updateParams(d, 'fc48', { seed: 1000 + i })],
  ['edit a Linear halfway down', (d, i) => updateParams(d, 'fc24', { seed: 1000 + i })],
  ['edit the first Linear (all downstream)', (d, i) => updateParams(d, 'fc0', { seed: 1000 + i })],
  ['move a node (no recompute)', (d, i) => moveNodes(d, [{ id: 'fc3', position: { x: i, y: i } }])],
];
for (const [what, edit] of edits) {
  const ev = new Evaluator();
  let d = doc;
  ev.evaluate(d);
  const times: number[] = [];
  let recomputed = 0;
  for (let i = 0; i < runs; i++) {
    d = edit(d, i);
    const t = performance.now();
    recomputed = ev.evaluate(d).recomputed;
    times.push(performance.now() - t);
  }
  console.log(`${what.padEnd(46)} ${median(times).toFixed(2)} ms (median of ${runs}; ${recomputed} nodes ran forward)`);
}
