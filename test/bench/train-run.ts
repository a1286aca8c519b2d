/**
 * Two more training figures for issue 8 ("Speed and memory"):
 * - the 8×8 digits (1,797 × 64 → 32 tanh → 10, softmax cross-entropy on the logits, batch 32, SGD): the time of one
 *   epoch of the Trainer, its metrics over the 1,797 examples at the end of the epoch included;
 * - the heap over 100,000 Trainer steps of the Playground's circle setting (2-4-2-1, batch 10), sampled after full
 *   garbage collections.
 */
import { Generator } from '../../src/engine';
import { loadDataset } from '../../src/data';
import { Trainer, type TrainData } from '../../src/train';
import { chainDocument } from './documents';
import type { Case } from './harness';
import { inUse } from './mlp';
import { circleData, playgroundTrainer } from './playground';

const DIGITS_SIZES = [64, 32, 10] as const;
const DIGITS_BATCH = 32;

/** Xavier-uniform W (in × out) and zero biases, float32-exact. */
function xavier(sizes: readonly number[], seed: number): number[][] {
  const g = new Generator(seed);
  const out: number[][] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const limit = Math.sqrt(6 / (sizes[l]! + sizes[l + 1]!));
    out.push(Array.from({ length: sizes[l]! * sizes[l + 1]! }, () => Math.fround((2 * g.random() - 1) * limit)), new Array<number>(sizes[l + 1]!).fill(0));
  }
  return out;
}

/** The digits trainer: every one of the 1,797 examples trains (no test split), standardised pixels, class indices. */
export async function digitsTrainer(): Promise<Trainer> {
  const { train } = await loadDataset({ source: 'builtin', name: 'digits', seed: 0, testFraction: 0, standardize: true });
  const data: TrainData = { train: { x: train.x, y: train.y, n: train.n, d: train.d }, test: null };
  const doc = chainDocument({ sizes: DIGITS_SIZES, hidden: 'tanh', output: null, loss: 'crossEntropyLoss', targetShape: [], weights: xavier(DIGITS_SIZES, 11), batch: DIGITS_BATCH, lr: 0.1, seed: 5 });
  return new Trainer(doc, { data });
}

export async function digitsCase(): Promise<Case> {
  const trainer = await digitsTrainer();
  const steps = trainer.batchesPerEpoch;
  const n = trainer.data.train.n;
  // The run must learn, or its time measures nothing: five epochs take the training accuracy well above chance.
  trainer.run(5 * steps);
  const acc = trainer.result().final?.trainAccuracy ?? 0;
  if (!(acc > 0.8)) throw new Error(`bench check failed: the digits MLP reached ${(acc * 100).toFixed(1)} % training accuracy after 5 epochs`);
  return {
    name: `digits 1,797 × 64 → 32 → 10, batch 32, one epoch (${steps} steps + the loss and accuracy over the 1,797)`,
    work: n,
    unit: 'ex',
    impls: { ours: { run: () => (trainer.run(steps) === 'running' ? trainer.learningRate : 0) } },
  };
}

export interface HeapRun {
  steps: number;
  epochs: number;
  /** Bytes in use (V8 heap plus ArrayBuffers) after two full collections, every `every` steps. */
  samples: number[];
  every: number;
  seconds: number;
}

/** 100,000 steps of the circle setting, the heap sampled every 5,000 (after 1,000 warm-up steps). */
export function trainingHeap(steps = 100_000, every = 5_000): HeapRun {
  const trainer = playgroundTrainer([2, 4, 2, 1], circleData());
  trainer.run(1_000);
  const samples = [inUse()];
  const t0 = performance.now();
  for (let done = 0; done < steps; done += every) {
    trainer.run(every);
    samples.push(inUse());
  }
  const seconds = (performance.now() - t0) / 1000;
  if (trainer.status !== 'running') throw new Error(`bench check failed: the heap run stopped (${trainer.result().message ?? trainer.status})`);
  const r = trainer.result();
  return { steps, epochs: r.epochs.length, samples, every, seconds };
}
