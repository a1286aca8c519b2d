/**
 * The compiled program against the engine driven by hand: the MLP 2-16-16-1 (tanh, tanh, sigmoid, BCE, SGD) as a
 * Sorix Studio document compiled by src/train, and the same computation written directly with engine tensors and
 * ops (float32, as the Linear kind keeps its weights). Both start from the same weights and are checked to train
 * identically, bit for bit, before either is timed. The program's overhead (walking the nodes, calling each kind's
 * evaluate, checking feeds) should not show.
 */
import { Generator, Tensor, nn, optim, tensor } from '../../src/engine';
import { createDocument, type GraphDocument, type GraphNode } from '../../src/document';
import { compile } from '../../src/train';
import { agree } from './data';
import { fmtTime, type Case, type Row } from './harness';

const POINTS = 1000;
const SIZES = [2, 16, 16, 1] as const;
const LR = 0.2;

interface Batch { x: Tensor; y: Tensor }

function circleBatches(size: number): Batch[] {
  const g = new Generator(7);
  const x = new Float32Array(POINTS * 2), y = new Float32Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const a = 2 * g.random() - 1, b = 2 * g.random() - 1;
    x[2 * i] = a; x[2 * i + 1] = b;
    y[i] = a * a + b * b < 0.49 ? 1 : 0;
  }
  const out: Batch[] = [];
  for (let s = 0; s < POINTS; s += size) out.push({ x: new Tensor(x.slice(2 * s, 2 * (s + size)), [size, 2]), y: new Tensor(y.slice(s, s + size), [size, 1]) });
  return out;
}

/** Xavier-uniform weights as plain numbers (float32-exact), W (in, out) then b (out) per layer. */
function initialWeights(): number[][] {
  const g = new Generator(42);
  const out: number[][] = [];
  for (let l = 0; l < 3; l++) {
    const fanIn = SIZES[l]!, fanOut = SIZES[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    out.push(Array.from({ length: fanIn * fanOut }, () => Math.fround((2 * g.random() - 1) * limit)), new Array<number>(fanOut).fill(0));
  }
  return out;
}

interface Stepper { step(b: Batch): number; weights(): Float32Array[] }

function handStepper(): Stepper {
  const init = initialWeights();
  const params = init.map((w, k) => tensor(w, { shape: k % 2 === 0 ? [SIZES[k >> 1]!, SIZES[(k >> 1) + 1]!] : [1, SIZES[(k >> 1) + 1]!], requiresGrad: true }));
  const [W1, b1, W2, b2, W3, b3] = params as [Tensor, Tensor, Tensor, Tensor, Tensor, Tensor];
  const bce = new nn.BCELoss();
  const opt = new optim.SGD(params, { lr: LR });
  return {
    step({ x, y }) {
      opt.zeroGrad();
      const p = x.matmul(W1).add(b1).tanh().matmul(W2).add(b2).tanh().matmul(W3).add(b3).sigmoid();
      const loss = bce.forward(p, y);
      loss.backward();
      opt.step();
      return loss.item();
    },
    weights: () => params.map((p) => Float32Array.from(p.data)),
  };
}

/** The same network as a document: fed Tensors X and y, three Linear layers, activations, a BCE. */
export function mlpDocument(batch: number): GraphDocument {
  const init = initialWeights();
  const at = { x: 0, y: 0 };
  const nodes: GraphNode[] = [
    { id: 'X', kind: 'tensor', position: at, params: { values: new Array<number>(batch * 2).fill(0), shape: [batch, 2], dtype: 'float32', requiresGrad: false } },
    { id: 'y', kind: 'tensor', position: at, params: { values: new Array<number>(batch).fill(0), shape: [batch, 1], dtype: 'float32', requiresGrad: false } },
  ];
  const chain = ['X'];
  for (let l = 0; l < 3; l++) {
    nodes.push({ id: `l${l}`, kind: 'linear', position: at, params: { inFeatures: SIZES[l]!, outFeatures: SIZES[l + 1]!, bias: true, init: 'xavier', seed: 0, W: init[2 * l]!, b: init[2 * l + 1]! } });
    nodes.push({ id: `a${l}`, kind: l < 2 ? 'tanh' : 'sigmoid', position: at, params: {} });
    chain.push(`l${l}`, `a${l}`);
  }
  nodes.push({ id: 'loss', kind: 'bceLoss', position: at, params: {} });
  const edges = chain.slice(1).map((id, i) => ({ id: `e${i}`, source: { node: chain[i]!, port: 'out' }, target: { node: id, port: 'x' } }));
  edges.push({ id: 'p', source: { node: 'a2', port: 'out' }, target: { node: 'loss', port: 'prediction' } });
  edges.push({ id: 't', source: { node: 'y', port: 'out' }, target: { node: 'loss', port: 'target' } });
  return { ...createDocument({ now: '2026-12-05T00:00:00.000Z' }), nodes, edges, objective: { node: 'loss', port: 'loss' } };
}

function compiledStepper(): Stepper {
  const program = compile(mlpDocument(10), { feeds: { x: 'X', y: 'y' } });
  const params = program.parameters().map((p) => p.tensor);
  const opt = new optim.SGD(params, { lr: LR });
  return {
    step({ x, y }) {
      opt.zeroGrad();
      const loss = program.forward({ x, y })!;
      program.backward();
      opt.step();
      return loss;
    },
    weights: () => params.map((p) => Float32Array.from(p.data)),
  };
}

/** Rows of the compiled-program table: one epoch at batch 10 (100 steps) and one full-batch step. */
export function compiledCases(): Case[] {
  const small = circleBatches(10), full = circleBatches(POINTS);
  const hand = handStepper(), comp = compiledStepper();
  // Same start, same batches: the weights must stay equal bit for bit.
  for (const s of [hand, comp]) { for (const b of small) s.step(b); s.step(full[0]!); }
  const wh = hand.weights(), wc = comp.weights();
  wh.forEach((w, k) => agree(`compiled MLP weights ${k}`, wc[k]!, w, 0));
  const epoch = (s: Stepper) => (): number => { let t = 0; for (const b of small) t += s.step(b); return t; };
  return [
    { name: 'MLP 2-16-16-1, 1000 points, batch 10 (100 steps)', work: POINTS, unit: 'ex', impls: { ours: { run: epoch(comp) }, hand: { run: epoch(hand) } } },
    { name: 'MLP 2-16-16-1 training step, batch 1000', work: POINTS, unit: 'ex', impls: { ours: { run: () => comp.step(full[0]!) }, hand: { run: () => hand.step(full[0]!) } } },
  ];
}

/** The table of these rows: ours is the compiled program, hand is the engine driven by hand. */
export function compiledTable(rows: readonly Row[]): string {
  const lines = ['| case (float32) | compiled program | engine by hand | compiled/hand |', '|---|---|---|---:|'];
  for (const { c, stats } of rows) {
    const o = stats.ours!, h = stats.hand!;
    lines.push(`| ${c.name} | ${fmtTime(o.median)} | ${fmtTime(h.median)} | ${(o.median / h.median).toFixed(2)}× |`);
  }
  return lines.join('\n');
}
