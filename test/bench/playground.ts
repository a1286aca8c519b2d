/**
 * Training on TF Playground's own setting (issue 8, "Speed and memory"): the circle data (500 points, half for
 * training), two inputs, tanh hidden layers, a tanh output against targets ±1 with the squared error, batch 10, plain
 * SGD. Three implementations train the same network from the same weights:
 *
 * - ours: the Trainer (src/train) on a document built with the document API: the compiled program, the seeded
 *   shuffle, the batch gathering, the per-step events and the per-epoch metrics over the train and test splits;
 * - engine by hand: the same network written with engine tensors and ops, nn.MSELoss and optim.SGD, gathering its
 *   own shuffled batches and measuring the same losses at the end of each epoch;
 * - playground: the Playground's network algorithm as its paper and source describe it — a neuron object per unit
 *   holding its bias, total input, output and derivatives, a link object per weight with its accumulated error
 *   derivative, forwardProp / backProp one example at a time, updateWeights after every batch, and the training and
 *   test losses after every pass over the data, as the Playground's step does. Written here from that description;
 *   none of its code is copied. Activations are objects with an output and a derivative function of the total input
 *   (so the derivative computes tanh again, as the Playground's does); float64 numbers throughout.
 *
 * The Playground's squared error is ½(o − t)² per example, its gradient averaged over the batch; MSE's gradient is
 * 2(o − t)/B, so ours trains at half the Playground's learning rate and the updates are the same. Before anything is
 * timed, the three are stepped through the Trainer's own batches: the engine by hand must match the Trainer bit for
 * bit, the Playground (float64 weights against float32) to 1e-4.
 */
import { Generator, noGrad, nn, optim, Tensor, tensor } from '../../src/engine';
import { makeDataset } from '../../src/data';
import { Trainer, type DataSplit, type TrainData } from '../../src/train';
import { agree } from './data';
import { chainDocument } from './documents';
import { fmtTime, type Case, type Row } from './harness';

/** The Playground's defaults: 500 points, half for training, batch 10, learning rate 0.03. */
const POINTS = 500;
const BATCH = 10;
const PLAYGROUND_LR = 0.03;

/** The circle set with the Playground's labels ±1 (ours gives classes 0 / 1). */
export function circleData(seed = 1): TrainData {
  const { train, test } = makeDataset({ source: 'generated', generator: 'circle', n: POINTS, noise: 0, seed, testFraction: 0.5 });
  const split = (s: typeof train): DataSplit => ({ x: s.x, y: s.y.map((v) => 2 * v - 1), n: s.n, d: s.d });
  return { train: split(train), test: split(test) };
}

/** Weights as the Playground draws them (uniform in [−0.5, 0.5], biases 0.1), rounded to float32 so all start alike. */
function playgroundWeights(sizes: readonly number[], seed: number): number[][] {
  const g = new Generator(seed);
  const out: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    out.push(Array.from({ length: sizes[l]! * sizes[l + 1]! }, () => Math.fround(g.random() - 0.5)));
    out.push(new Array<number>(sizes[l + 1]!).fill(Math.fround(0.1)));
  }
  return out;
}

// ----- the Playground's design: a neuron object per unit, a link object per weight -----

interface Activation { output(x: number): number; der(x: number): number }
const TANH: Activation = { output: (x) => Math.tanh(x), der: (x) => { const o = Math.tanh(x); return 1 - o * o; } };
const IDENTITY: Activation = { output: (x) => x, der: () => 1 };

class Neuron {
  bias: number;
  readonly inputs: Link[] = [];
  readonly outputs: Link[] = [];
  totalInput = 0;
  output = 0;
  outputDer = 0;
  inputDer = 0;
  accInputDer = 0;
  numAccumulatedDers = 0;
  constructor(readonly activation: Activation, bias: number) { this.bias = bias; }
  updateOutput(): number {
    let total = this.bias;
    for (const link of this.inputs) total += link.weight * link.source.output;
    this.totalInput = total;
    this.output = this.activation.output(total);
    return this.output;
  }
}

class Link {
  errorDer = 0;
  accErrorDer = 0;
  numAccumulatedDers = 0;
  constructor(readonly source: Neuron, readonly dest: Neuron, public weight: number) {}
}

type Network = Neuron[][];

function buildNetwork(sizes: readonly number[], weights: readonly (readonly number[])[]): Network {
  const net: Network = [Array.from({ length: sizes[0]! }, () => new Neuron(IDENTITY, 0))];
  for (let l = 1; l < sizes.length; l++) {
    const W = weights[2 * (l - 1)]!, b = weights[2 * (l - 1) + 1]!;
    const layer = Array.from({ length: sizes[l]! }, (_, j) => new Neuron(TANH, b[j]!));
    layer.forEach((dest, j) => net[l - 1]!.forEach((source, i) => {
      const link = new Link(source, dest, W[i * sizes[l]! + j]!);
      source.outputs.push(link);
      dest.inputs.push(link);
    }));
    net.push(layer);
  }
  return net;
}

function forwardProp(net: Network, x: Float64Array, row: number): number {
  const input = net[0]!;
  for (let i = 0; i < input.length; i++) input[i]!.output = x[row * input.length + i]!;
  for (let l = 1; l < net.length; l++) for (const n of net[l]!) n.updateOutput();
  return net[net.length - 1]![0]!.output;
}

/** Derivatives for one example with the squared error ½(o − t)², accumulated until the next update. */
function backProp(net: Network, target: number): void {
  const out = net[net.length - 1]![0]!;
  out.outputDer = out.output - target;
  for (let l = net.length - 1; l >= 1; l--) {
    const layer = net[l]!;
    for (const n of layer) {
      n.inputDer = n.outputDer * n.activation.der(n.totalInput);
      n.accInputDer += n.inputDer;
      n.numAccumulatedDers++;
    }
    for (const n of layer) {
      for (const link of n.inputs) {
        link.errorDer = n.inputDer * link.source.output;
        link.accErrorDer += link.errorDer;
        link.numAccumulatedDers++;
      }
    }
    if (l === 1) break;
    for (const n of net[l - 1]!) {
      let der = 0;
      for (const link of n.outputs) der += link.weight * link.dest.inputDer;
      n.outputDer = der;
    }
  }
}

function updateWeights(net: Network, lr: number): void {
  for (let l = 1; l < net.length; l++) {
    for (const n of net[l]!) {
      if (n.numAccumulatedDers > 0) {
        n.bias -= (lr * n.accInputDer) / n.numAccumulatedDers;
        n.accInputDer = 0;
        n.numAccumulatedDers = 0;
      }
      for (const link of n.inputs) {
        if (link.numAccumulatedDers > 0) {
          link.weight -= (lr / link.numAccumulatedDers) * link.accErrorDer;
          link.accErrorDer = 0;
          link.numAccumulatedDers = 0;
        }
      }
    }
  }
}

function playgroundLoss(net: Network, s: DataSplit): number {
  let sum = 0;
  for (let i = 0; i < s.n; i++) { const o = forwardProp(net, s.x, i); sum += 0.5 * (o - s.y[i]!) ** 2; }
  return sum / s.n;
}

/** One of the Playground's steps: every training point in order, an update after each batch, then both losses. */
function playgroundEpoch(net: Network, data: TrainData): number {
  const t = data.train;
  for (let i = 0; i < t.n; i++) {
    forwardProp(net, t.x, i);
    backProp(net, t.y[i]!);
    if ((i + 1) % BATCH === 0) updateWeights(net, PLAYGROUND_LR);
  }
  return playgroundLoss(net, t) + playgroundLoss(net, data.test!);
}

function playgroundWeightsOf(net: Network): Float64Array[] {
  const out: Float64Array[] = [];
  for (let l = 1; l < net.length; l++) {
    const layer = net[l]!, fanIn = net[l - 1]!.length;
    const W = new Float64Array(fanIn * layer.length);
    layer.forEach((n, j) => n.inputs.forEach((link, i) => { W[i * layer.length + j] = link.weight; }));
    out.push(W, Float64Array.from(layer, (n) => n.bias));
  }
  return out;
}

// ----- the engine driven by hand -----

interface HandNet {
  step(x: Tensor, y: Tensor): number;
  epoch(): number;
  weights(): Float64Array[];
}

function handNet(sizes: readonly number[], init: readonly (readonly number[])[], data: TrainData, seed: number): HandNet {
  const params = init.map((w, k) => tensor(w, { shape: k % 2 === 0 ? [sizes[k >> 1]!, sizes[(k >> 1) + 1]!] : [1, sizes[(k >> 1) + 1]!], requiresGrad: true }));
  const mse = new nn.MSELoss();
  const opt = new optim.SGD(params, { lr: PLAYGROUND_LR / 2 });
  const forward = (x: Tensor): Tensor => {
    let h = x;
    for (let l = 0; 2 * l < params.length; l++) h = h.matmul(params[2 * l]!).add(params[2 * l + 1]!).tanh();
    return h;
  };
  const step = (x: Tensor, y: Tensor): number => {
    opt.zeroGrad();
    const loss = mse.forward(forward(x), y);
    loss.backward();
    opt.step();
    return loss.item();
  };
  const t = data.train, d = t.d;
  const g = new Generator(seed);
  const perm = Uint32Array.from({ length: t.n }, (_, i) => i);
  const whole = (s: DataSplit): [Tensor, Tensor] => [new Tensor(Float32Array.from(s.x), [s.n, d]), new Tensor(Float32Array.from(s.y), [s.n, 1])];
  const [trainX, trainY] = whole(t), [testX, testY] = whole(data.test!);
  return {
    step,
    epoch() {
      for (let i = perm.length - 1; i > 0; i--) { const j = Math.floor(g.random() * (i + 1)); const k = perm[i]!; perm[i] = perm[j]!; perm[j] = k; }
      for (let s = 0; s < t.n; s += BATCH) {
        const rows = Math.min(BATCH, t.n - s);
        const x = new Float32Array(rows * d), y = new Float32Array(rows);
        for (let r = 0; r < rows; r++) {
          const p = perm[s + r]!;
          for (let k = 0; k < d; k++) x[r * d + k] = t.x[p * d + k]!;
          y[r] = t.y[p]!;
        }
        step(new Tensor(x, [rows, d]), new Tensor(y, [rows, 1]));
      }
      return noGrad(() => mse.forward(forward(trainX), trainY).item() + mse.forward(forward(testX), testY).item());
    },
    weights: () => params.map((p) => Float64Array.from(p.data)),
  };
}

// ----- rows -----

export interface PlaygroundSetting { readonly sizes: readonly number[]; readonly label: string }

/** The Playground's default network, its largest (six hidden layers of eight), and the peers table's 2-16-16-1. */
export const PLAYGROUND_SETTINGS: readonly PlaygroundSetting[] = [
  { sizes: [2, 4, 2, 1], label: 'the Playground default 2-4-2-1' },
  { sizes: [2, 8, 8, 8, 8, 8, 8, 1], label: 'the Playground maximum 2-8×6-1' },
  { sizes: [2, 16, 16, 1], label: '2-16-16-1 (wider than the Playground allows; the peers table\'s MLP)' },
];

/** A document of the setting, trained by the Trainer on `data` (epochs enough for any benchmark). */
export function playgroundTrainer(sizes: readonly number[], data: TrainData, seed = 3): Trainer {
  const weights = playgroundWeights(sizes, seed);
  const doc = chainDocument({ sizes, hidden: 'tanh', output: 'tanh', loss: 'mseLoss', targetShape: [1], weights, batch: BATCH, lr: PLAYGROUND_LR / 2, seed });
  return new Trainer(doc, { data });
}

export function playgroundCases(): Case[] {
  const data = circleData();
  const epochExamples = data.train.n;
  return PLAYGROUND_SETTINGS.map(({ sizes, label }) => {
    const seed = 3;
    const init = playgroundWeights(sizes, seed);
    const trainer = playgroundTrainer(sizes, data, seed);
    const hand = handNet(sizes, init, data, seed);
    const net = buildNetwork(sizes, init);
    // Same start, the Trainer's own batches: two epochs.
    for (let s = 0; s < 2 * trainer.batchesPerEpoch; s++) {
      trainer.run(1);
      const { x, y } = trainer.lastBatch()!;
      hand.step(x, y);
      const xs = Float64Array.from(x.data);
      for (let r = 0; r < y.size; r++) { forwardProp(net, xs, r); backProp(net, y.data[r]!); }
      updateWeights(net, PLAYGROUND_LR);
    }
    const ours = trainer.program.parameters().map((p) => p.tensor.data);
    const wh = hand.weights(), wp = playgroundWeightsOf(net);
    wh.forEach((w, k) => {
      agree(`${label}: weights ${k} (Trainer, engine by hand)`, ours[k]!, w, 0);
      agree(`${label}: weights ${k} (Playground, engine by hand)`, wp[k]!, w, 1e-4);
    });
    const steps = trainer.batchesPerEpoch;
    return {
      name: `${label}, circle, batch 10 (one epoch: ${steps} steps + train and test loss)`,
      work: epochExamples,
      unit: 'ex',
      impls: {
        ours: { run: () => (trainer.run(steps) === 'running' ? trainer.learningRate : 0) },
        hand: { run: () => hand.epoch() },
        playground: { run: () => playgroundEpoch(net, data) },
      },
    } satisfies Case;
  });
}

/** The table of these rows, with the two ratios the issue sets targets on. */
export function playgroundTable(rows: readonly Row[]): string {
  const rate = (c: Case, ms: number): string => `${((c.work / ms) * 1000 / 1e3).toFixed(0)} k ex/s`;
  const lines = [
    '| case (250 training examples an epoch) | Trainer (compiled program) | engine by hand | TF Playground design | Trainer vs Playground (×, higher is faster) | Trainer/hand time |',
    '|---|---|---|---|---:|---:|',
  ];
  for (const { c, stats } of rows) {
    const o = stats.ours!, h = stats.hand!, p = stats.playground!;
    lines.push(`| ${c.name} | ${fmtTime(o.median)} · ${rate(c, o.median)} | ${fmtTime(h.median)} · ${rate(c, h.median)} | ${fmtTime(p.median)} · ${rate(c, p.median)} | ${(p.median / o.median).toFixed(2)}× | ${(o.median / h.median).toFixed(2)}× |`);
  }
  return lines.join('\n');
}
