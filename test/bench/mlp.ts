/**
 * Training rows: an MLP 2-16-16-1 (tanh, tanh, sigmoid output, BCE, SGD) on 1000 points, at batch 1000 (one step)
 * and at batch 10 (100 steps, one epoch); and 10,000 steps with the heap measured before and after.
 * The three implementations start from the same weights and are checked to train alike before any is timed.
 */
import { Generator, nn, optim, tensor } from '../../src/engine';
import { agree } from './data';
import type { Case } from './harness';
import { tf } from './tfjs';

const POINTS = 1000;
const SIZES = [2, 16, 16, 1] as const;
const LR = 0.2;

interface Dataset {
  x: Float64Array;
  y: Float64Array;
}

/** Points in [−1, 1]², labelled 1 inside a circle of radius 0.7: not linearly separable, learnable by 2-16-16-1. */
function circleData(): Dataset {
  const g = new Generator(7);
  const x = new Float64Array(POINTS * 2);
  const y = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const a = 2 * g.random() - 1, b = 2 * g.random() - 1;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    y[i] = a * a + b * b < 0.49 ? 1 : 0;
  }
  return { x, y };
}

/** Xavier-uniform weights (in, out) and zero biases (1, out), as flat arrays: W1, b1, W2, b2, W3, b3. */
function initialWeights(): Float64Array[] {
  const g = new Generator(42);
  const out: Float64Array[] = [];
  for (let l = 0; l < 3; l++) {
    const fanIn = SIZES[l]!, fanOut = SIZES[l + 1]!;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float64Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * g.random() - 1) * limit;
    out.push(w, new Float64Array(fanOut));
  }
  return out;
}

interface Trainer {
  /** One SGD step on batch `i` of the dataset split in order into batches of `size`; returns the loss. */
  step(size: number, i: number): number;
  /** The current weights, flat, in the order of `initialWeights`. */
  weights(): Float64Array[];
}

/** The dataset split in order into batches of `size`, made once per size by `make` (not part of any timing). */
function batchCache<T>(make: (start: number, size: number) => T): (size: number) => T[] {
  const cache = new Map<number, T[]>();
  return (size) => {
    let list = cache.get(size);
    if (!list) {
      list = [];
      for (let s = 0; s < POINTS; s += size) list.push(make(s, size));
      cache.set(size, list);
    }
    return list;
  };
}

// ----- ours: the engine's layers, loss and optimiser -----

function oursTrainer(data: Dataset): Trainer {
  const init = initialWeights();
  const layers = [0, 1, 2].map((l) => {
    const layer = new nn.Linear(SIZES[l]!, SIZES[l + 1]!, { dtype: 'float64' });
    layer.W.data.set(init[2 * l]!);
    layer.b!.data.set(init[2 * l + 1]!);
    return layer;
  });
  const model = new nn.Sequential(layers[0]!, new nn.Tanh(), layers[1]!, new nn.Tanh(), layers[2]!, new nn.Sigmoid());
  const lossFn = new nn.BCELoss();
  const opt = new optim.SGD(model.parameters(), { lr: LR });
  const batches = batchCache((s, size) => ({
    x: tensor(data.x.slice(2 * s, 2 * (s + size)), { shape: [size, 2] }),
    y: tensor(data.y.slice(s, s + size), { shape: [size, 1] }),
  }));
  return {
    step(size, i) {
      const { x, y } = batches(size)[i]!;
      opt.zeroGrad();
      const loss = lossFn.forward(model.forward(x), y);
      loss.backward();
      opt.step();
      return loss.item();
    },
    weights: () => layers.flatMap((l) => [Float64Array.from(l.W.data), Float64Array.from(l.b!.data)]),
  };
}

// ----- hand: forward, backward and SGD written out over Float64Array, buffers allocated once -----

function handTrainer(data: Dataset): Trainer {
  const [W1, b1, W2, b2, W3, b3] = initialWeights() as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const H = 16;
  const h1 = new Float64Array(POINTS * H), h2 = new Float64Array(POINTS * H), p = new Float64Array(POINTS);
  const d1 = new Float64Array(POINTS * H), d2 = new Float64Array(POINTS * H), d3 = new Float64Array(POINTS);
  const gW1 = new Float64Array(2 * H), gb1 = new Float64Array(H), gW2 = new Float64Array(H * H), gb2 = new Float64Array(H);
  const gW3 = new Float64Array(H), gb3 = new Float64Array(1);
  const sgd = (w: Float64Array, g: Float64Array): void => { for (let j = 0; j < w.length; j++) w[j] = w[j]! - LR * g[j]!; };
  return {
    step(size, i) {
      const B = size, off = i * B;
      const X = data.x, Y = data.y;
      // Forward: h1 = tanh(x·W1 + b1), h2 = tanh(h1·W2 + b2), p = sigmoid(h2·W3 + b3).
      for (let r = 0; r < B; r++) {
        const x0 = X[2 * (off + r)]!, x1 = X[2 * (off + r) + 1]!;
        for (let j = 0; j < H; j++) h1[r * H + j] = Math.tanh(x0 * W1[j]! + x1 * W1[H + j]! + b1[j]!);
      }
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < H; j++) {
          let z = b2[j]!;
          for (let q = 0; q < H; q++) z += h1[r * H + q]! * W2[q * H + j]!;
          h2[r * H + j] = Math.tanh(z);
        }
      }
      let loss = 0;
      for (let r = 0; r < B; r++) {
        let z = b3[0]!;
        for (let q = 0; q < H; q++) z += h2[r * H + q]! * W3[q]!;
        const e = Math.exp(-Math.abs(z));
        const pr = (z >= 0 ? 1 : e) / (1 + e);
        p[r] = pr;
        const y = Y[off + r]!;
        loss -= y * Math.log(pr) + (1 - y) * Math.log(1 - pr);
        // d(mean BCE)/dz through the sigmoid: (p − y) / B.
        d3[r] = (pr - y) / B;
      }
      loss /= B;
      // Backward, layer 3.
      gW3.fill(0);
      gb3[0] = 0;
      for (let r = 0; r < B; r++) {
        const g = d3[r]!;
        gb3[0] += g;
        for (let q = 0; q < H; q++) {
          gW3[q] = gW3[q]! + h2[r * H + q]! * g;
          const t = h2[r * H + q]!;
          d2[r * H + q] = g * W3[q]! * (1 - t * t);
        }
      }
      // Layer 2.
      gW2.fill(0);
      gb2.fill(0);
      for (let r = 0; r < B; r++) {
        for (let j = 0; j < H; j++) {
          const g = d2[r * H + j]!;
          gb2[j] = gb2[j]! + g;
          for (let q = 0; q < H; q++) gW2[q * H + j] = gW2[q * H + j]! + h1[r * H + q]! * g;
        }
        for (let q = 0; q < H; q++) {
          let s = 0;
          for (let j = 0; j < H; j++) s += d2[r * H + j]! * W2[q * H + j]!;
          const t = h1[r * H + q]!;
          d1[r * H + q] = s * (1 - t * t);
        }
      }
      // Layer 1.
      gW1.fill(0);
      gb1.fill(0);
      for (let r = 0; r < B; r++) {
        const x0 = X[2 * (off + r)]!, x1 = X[2 * (off + r) + 1]!;
        for (let j = 0; j < H; j++) {
          const g = d1[r * H + j]!;
          gb1[j] = gb1[j]! + g;
          gW1[j] = gW1[j]! + x0 * g;
          gW1[H + j] = gW1[H + j]! + x1 * g;
        }
      }
      sgd(W1, gW1); sgd(b1, gb1); sgd(W2, gW2); sgd(b2, gb2); sgd(W3, gW3); sgd(b3, gb3);
      return loss;
    },
    weights: () => [W1, b1, W2, b2, W3, b3].map((w) => Float64Array.from(w)),
  };
}

// ----- tfjs: variables, tf.train.sgd, minimize (variableGrads underneath) -----

function tfjsTrainer(data: Dataset): Trainer {
  const vars = initialWeights().map((w, k) => {
    const l = k >> 1;
    const shape: [number, number] = k % 2 === 0 ? [SIZES[l]!, SIZES[l + 1]!] : [1, SIZES[l + 1]!];
    return tf.variable(tf.tensor2d(Float32Array.from(w), shape));
  });
  const [W1, b1, W2, b2, W3, b3] = vars as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const opt = tf.train.sgd(LR);
  const batches = batchCache((s, size) => ({
    x: tf.tensor2d(Float32Array.from(data.x.subarray(2 * s, 2 * (s + size))), [size, 2]),
    y: tf.tensor2d(Float32Array.from(data.y.subarray(s, s + size)), [size, 1]),
  }));
  const lossOf = (x: tf.Tensor, y: tf.Tensor): tf.Scalar => {
    const h1 = tf.tanh(tf.add(tf.matMul(x, W1), b1));
    const h2 = tf.tanh(tf.add(tf.matMul(h1, W2), b2));
    const p = tf.sigmoid(tf.add(tf.matMul(h2, W3), b3));
    const ll = tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
    return tf.neg(tf.mean(ll));
  };
  return {
    step(size, i) {
      const { x, y } = batches(size)[i]!;
      const loss = opt.minimize(() => lossOf(x, y), true, vars)!;
      const v = loss.dataSync()[0]!;
      loss.dispose();
      return v;
    },
    weights: () => vars.map((v) => Float64Array.from(v.dataSync())),
  };
}

// ----- rows -----

export interface HeapResult {
  name: string;
  /** Bytes in use (V8 heap plus ArrayBuffer backing stores) before and after, after a full GC each time. */
  cells: Partial<Record<'ours' | 'hand' | 'tfjs', { before: number; after: number; extra?: string }>>;
}

/** Bytes in use (V8 heap plus ArrayBuffers) after two full collections. */
export function inUse(): number {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run the bench with --expose-gc (npm run bench does)');
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function mlpCases(): { cases: Case[]; heap: () => HeapResult } {
  const data = circleData();
  const trainers = { ours: oursTrainer(data), hand: handTrainer(data), tfjs: tfjsTrainer(data) };
  const all = [trainers.ours, trainers.hand, trainers.tfjs];

  // Same start, same data, same steps: one epoch at batch 10 and two full-batch steps must give the same weights.
  for (let i = 0; i < 100; i++) for (const t of all) t.step(10, i);
  const losses = all.map((t) => { t.step(POINTS, 0); return t.step(POINTS, 0); });
  const [wo, wh, wt] = all.map((t) => t.weights()) as [Float64Array[], Float64Array[], Float64Array[]];
  wo.forEach((w, k) => {
    agree(`MLP weights ${k} (ours, hand)`, w, wh[k]!, 1e-12);
    agree(`MLP weights ${k} (tfjs, hand)`, wt[k]!, wh[k]!, 1e-4);
  });
  agree('MLP losses (ours, hand)', [losses[0]!], [losses[1]!], 1e-12);

  const epoch = (t: Trainer) => (): number => {
    let s = 0;
    for (let i = 0; i < 100; i++) s += t.step(10, i);
    return s;
  };
  const full: Case = {
    name: 'MLP 2-16-16-1 training step, batch 1000',
    work: POINTS,
    unit: 'ex',
    impls: {
      ours: { run: () => trainers.ours.step(POINTS, 0) },
      hand: { run: () => trainers.hand.step(POINTS, 0) },
      tfjs: { run: () => trainers.tfjs.step(POINTS, 0) },
    },
  };
  const small: Case = {
    name: 'MLP 2-16-16-1, 1000 points, batch 10 (100 steps)',
    work: POINTS,
    unit: 'ex',
    impls: { ours: { run: epoch(trainers.ours) }, hand: { run: epoch(trainers.hand) }, tfjs: { run: epoch(trainers.tfjs) } },
  };
  const heap = (): HeapResult => {
    const cells: HeapResult['cells'] = {};
    for (const name of ['ours', 'hand', 'tfjs'] as const) {
      const t = trainers[name];
      for (let i = 0; i < 500; i++) t.step(10, i % 100);
      const tensorsBefore = tf.memory().numTensors;
      const before = inUse();
      for (let i = 0; i < 10_000; i++) t.step(10, i % 100);
      const after = inUse();
      cells[name] = { before, after, extra: name === 'tfjs' ? `${tensorsBefore} → ${tf.memory().numTensors} tensors` : undefined };
    }
    return { name: '10,000 training steps (batch 10): heap before → after', cells };
  };
  return { cases: [full, small], heap };
}
