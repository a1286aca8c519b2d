import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Generator, nn, optim, tensor, Tensor } from '../../../src/engine';

const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_Y = [[0], [1], [1], [0]];

describe('training', () => {
  it('an XOR MLP 2-4-1 (tanh, sigmoid, BCE, Adam, seeded) reaches loss < 0.05 and classifies all four points', () => {
    const gen = new Generator(42);
    const model = new nn.Sequential(new nn.Linear(2, 4, { generator: gen, init: 'xavier' }), new nn.Tanh(), new nn.Linear(4, 1, { generator: gen, init: 'xavier' }), new nn.Sigmoid());
    const opt = new optim.Adam(model.parameters(), { lr: 0.05 });
    const lossFn = new nn.BCELoss();
    const x = tensor(XOR_X), y = tensor(XOR_Y);
    let loss = Infinity;
    for (let epoch = 0; epoch < 1000; epoch++) {
      opt.zeroGrad();
      const l = lossFn.forward(model.forward(x), y);
      l.backward();
      opt.step();
      loss = l.item();
    }
    expect(loss).toBeLessThan(0.05);
    model.eval();
    const p = model.forward(x);
    // the loss is the independent check of the probabilities: −mean log p(correct) < 0.05
    expect(Array.from(p.data).map((v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('10,000 training steps of a small MLP do not grow the heap', () => {
    // Full collections before each heapUsed reading: global.gc when node runs with --expose-gc, otherwise V8's gc
    // exposed at run time (the flag takes effect for contexts created after it is set).
    let gc = (globalThis as { gc?: () => void }).gc;
    if (gc === undefined) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    }
    const gen = new Generator(7);
    const model = new nn.Sequential(new nn.Linear(2, 16, { generator: gen }), new nn.Tanh(), new nn.Linear(16, 16, { generator: gen }), new nn.Tanh(), new nn.Linear(16, 1, { generator: gen }), new nn.Sigmoid());
    const opt = new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    const lossFn = new nn.BCELoss();
    const B = 10;
    const xs = new Float32Array(B * 2), ys = new Float32Array(B);
    const step = (k: number): number => {
      for (let i = 0; i < B; i++) {
        const a = gen.random() * 2 - 1, b = gen.random() * 2 - 1;
        xs[2 * i] = a; xs[2 * i + 1] = b; ys[i] = a * b > 0 ? 1 : 0;
      }
      opt.zeroGrad();
      const l = lossFn.forward(model.forward(new Tensor(xs.slice(), [B, 2])), new Tensor(ys.slice(), [B, 1]));
      l.backward();
      opt.step();
      return k === 0 ? l.item() : 0;
    };
    for (let k = 0; k < 1000; k++) step(k); // warm up: JIT, optimizer state
    gc(); gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 0; k < 10000; k++) step(k);
    gc(); gc();
    const growth = process.memoryUsage().heapUsed - before;
    // A step builds ~25 graph nodes and ~60 typed arrays (tens of kB); keeping even 100 bytes of each step would
    // add 1 MB over 10,000 steps.
    expect(growth).toBeLessThan(1_000_000);
  });
});
