import { describe, expect, it } from 'vitest';
import { ArgumentError, nn, ShapeError, tensor } from '../../../src/engine';
import { f64, gradCheck, values } from './gradcheck';

const EXTREMES = [-1000, -100, -30, -1, 0, 1, 30, 100, 1000];

/** log(1 + e^x) without overflow, as an independent oracle. */
const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

describe('nn.MSELoss', () => {
  it('is mean((p - y)^2) with correct gradients for prediction and target', () => {
    const p = f64(values(6, 1), [3, 2]);
    const y = f64(values(6, 2), [3, 2]);
    const loss = new nn.MSELoss().forward(p, y);
    const expected = Array.from(p.data).reduce((s, v, i) => s + (v - y.data[i]!) ** 2, 0) / 6;
    expect(loss.shape).toEqual([]);
    expect(loss.item()).toBeCloseTo(expected, 15);
    gradCheck(() => new nn.MSELoss().forward(p, y), [p, y]);
  });

  it('refuses shapes that would broadcast silently, naming both', () => {
    const p = f64([1, 2, 3], [3, 1]);
    expect(() => new nn.MSELoss().forward(p, f64([1, 2, 3], [3], false))).toThrow(ShapeError);
    expect(() => new nn.MSELoss().forward(p, f64([1, 2, 3], [3], false))).toThrow(/\(3,1\).*\(3,\)/);
  });
});

describe('nn.BCELoss (on probabilities)', () => {
  it('matches -[y log p + (1-y) log(1-p)] and its finite-difference gradient', () => {
    const p = f64(values(8, 3, 0.02, 0.98), [4, 2]);
    const y = f64([0, 1, 1, 0, 0.3, 0.7, 1, 0], [4, 2]);
    const loss = new nn.BCELoss().forward(p, y).item();
    const expected = Array.from(p.data).reduce((s, v, i) => s - (y.data[i]! * Math.log(v) + (1 - y.data[i]!) * Math.log(1 - v)), 0) / 8;
    expect(loss).toBeCloseTo(expected, 14);
    gradCheck(() => new nn.BCELoss().forward(p, y), [p, y], { h: 1e-7 });
  });

  it('clamps each log at -100 as PyTorch does: saturated probabilities give finite losses and gradients', () => {
    const p = f64([0, 1, 0, 1, 1e-60, 0.5], [6]);
    const y = f64([1, 0, 0, 1, 1, 1], [6], false);
    const loss = new nn.BCELoss().forward(p, y);
    // -log clamped: 100, 100, 0, 0, 100 (log 1e-60 = -138 < -100), log 2
    expect(loss.item()).toBeCloseTo((300 + Math.LN2) / 6, 12);
    loss.backward();
    const g = Array.from(p.grad!.data);
    expect(g.every(Number.isFinite)).toBe(true);
    // exact derivative of the clamped function: the clamped term contributes 0; p = 0, y = 0 gives (1-y)/(1-p)/n
    expect(g[2]).toBeCloseTo(1 / 6, 15);
    expect(g[3]).toBeCloseTo(-1 / 6, 15);
    expect(g[0]).toBe(0);
    expect(g[4]).toBe(0);
    expect(g[5]).toBeCloseTo(-2 / 6, 15);
  });

  it('throws for a probability outside [0, 1] and propagates NaN', () => {
    expect(() => new nn.BCELoss().forward(f64([0.5, 1.2], [2]), f64([1, 0], [2], false))).toThrow(/prediction 1.2 at index 1 is not a probability/);
    expect(() => new nn.BCELoss().forward(f64([-0.1], [1]), f64([1], [1], false))).toThrow(ArgumentError);
    expect(new nn.BCELoss().forward(f64([NaN, 0.5], [2]), f64([1, 0], [2], false)).item()).toBeNaN();
    expect(() => new nn.BCELoss().forward(f64([0.5, 0.5], [2, 1]), f64([1, 0], [2], false))).toThrow(ShapeError);
  });
});

describe('nn.BCEWithLogitsLoss', () => {
  it('matches the softplus form and its gradient for several columns (divides by numel, not N: Sorix §12.6)', () => {
    const z = f64(values(12, 5, -4, 4), [4, 3]);
    const y = f64(values(12, 6, 0, 1), [4, 3]);
    const loss = new nn.BCEWithLogitsLoss().forward(z, y).item();
    const expected = Array.from(z.data).reduce((s, v, i) => s + softplus(v) - v * y.data[i]!, 0) / 12;
    expect(loss).toBeCloseTo(expected, 14);
    gradCheck(() => new nn.BCEWithLogitsLoss().forward(z, y), [z, y]);
  });

  it('is finite with the right limits at extreme logits', () => {
    for (const target of [0, 1]) {
      const z = f64(EXTREMES, [EXTREMES.length, 1]);
      const y = f64(new Array(EXTREMES.length).fill(target), [EXTREMES.length, 1], false);
      const loss = new nn.BCEWithLogitsLoss().forward(z, y);
      const n = EXTREMES.length;
      const expected = EXTREMES.reduce((s, v) => s + softplus(v) - v * target, 0) / n;
      expect(loss.item()).toBeCloseTo(expected, 10);
      loss.backward();
      EXTREMES.forEach((v, i) => {
        const g = z.grad!.data[i]!;
        expect(Number.isFinite(g)).toBe(true);
        const sig = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
        expect(g).toBeCloseTo((sig - target) / n, 15);
      });
      // limits: a confident right answer costs 0, a confident wrong one costs |z|
      expect(new nn.BCEWithLogitsLoss().forward(f64([1000], [1]), f64([1], [1], false)).item()).toBe(0);
      expect(new nn.BCEWithLogitsLoss().forward(f64([-1000], [1]), f64([1], [1], false)).item()).toBe(1000);
    }
    gradCheck(() => new nn.BCEWithLogitsLoss().forward(f64s, f64([1, 0, 1, 0, 1], [5], false)), [f64s]);
  });
});
const f64s = f64([-100, -30, 0, 30, 100], [5]);

describe('nn.CrossEntropyLoss', () => {
  const logits = f64(values(12, 7, -3, 3), [4, 3]);
  /** −log softmax(z_i)[c] by log-sum-exp, an independent oracle. */
  const nll = (z: number[], c: number): number => {
    const m = Math.max(...z);
    return m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0)) - z[c]!;
  };
  const row = (t: { data: ArrayLike<number> }, i: number, C = 3): number[] => Array.from(t.data).slice(i * C, i * C + C);

  it('class indices of shape (N) and (N,1), and as a plain array', () => {
    const t = [0, 2, 1, 2];
    const expected = t.reduce((s, c, i) => s + nll(row(logits, i), c), 0) / 4;
    for (const target of [tensor(t), tensor(t.map((c) => [c])), t]) {
      expect(new nn.CrossEntropyLoss().forward(logits, target).item()).toBeCloseTo(expected, 14);
    }
    gradCheck(() => new nn.CrossEntropyLoss().forward(logits, t), [logits]);
  });

  it('class weights with indices and with one-hot rows, and soft labels', () => {
    const t = [0, 2, 1, 2];
    const w = [0.2, 1, 3];
    const expected = t.reduce((s, c, i) => s + w[c]! * nll(row(logits, i), c), 0) / t.reduce((s, c) => s + w[c]!, 0);
    const ce = new nn.CrossEntropyLoss({ weight: w });
    expect(ce.forward(logits, t).item()).toBeCloseTo(expected, 14);
    const oneHot = tensor(t.map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0))), { dtype: 'float64' });
    expect(ce.forward(logits, oneHot).item()).toBeCloseTo(expected, 14);
    gradCheck(() => ce.forward(logits, t), [logits]);
    gradCheck(() => ce.forward(logits, oneHot), [logits]);
    const soft = f64([0.7, 0.2, 0.1, 0, 0.5, 0.5, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4], [4, 3], false);
    const softExpected = [0, 1, 2, 3].reduce((s, i) => s + [0, 1, 2].reduce((a, c) => a + soft.data[i * 3 + c]! * nll(row(logits, i), c), 0), 0) / 4;
    expect(new nn.CrossEntropyLoss().forward(logits, soft).item()).toBeCloseTo(softExpected, 14);
    expect(new nn.CrossEntropyLoss({ oneHot: true }).forward(logits, soft).item()).toBeCloseTo(softExpected, 14);
    gradCheck(() => new nn.CrossEntropyLoss({ oneHot: true }).forward(logits, soft), [logits]);
    // soft rows that do not sum to 1: the gradient is still exact
    const unnorm = f64(values(12, 8, 0, 1), [4, 3], false);
    gradCheck(() => new nn.CrossEntropyLoss({ weight: w }).forward(logits, unnorm), [logits]);
  });

  it('has no 1e-9 cap: extreme logits give the true loss (Sorix §12.7) and finite gradients', () => {
    const z = f64([1000, 0, -1000, 1000, 0, -1000], [2, 3]);
    const loss = new nn.CrossEntropyLoss().forward(z, [0, 2]);
    expect(loss.item()).toBe(1000); // (0 + 2000) / 2
    loss.backward();
    expect(Array.from(z.grad!.data)).toEqual([0, 0, 0, 0.5, 0, -0.5]);
    for (const v of EXTREMES) {
      const zz = f64([v, 0, -v], [1, 3]);
      const l = new nn.CrossEntropyLoss().forward(zz, [1]);
      expect(l.item()).toBeCloseTo(nll([v, 0, -v], 1), 10);
      l.backward();
      expect(Array.from(zz.grad!.data).every(Number.isFinite)).toBe(true);
    }
    const perfect = new nn.CrossEntropyLoss().forward(f64([0, 1000], [1, 2]), [1]).item();
    expect(perfect).toBe(0); // never negative
    gradCheck(() => new nn.CrossEntropyLoss().forward(f64s2, [0, 1]), [f64s2]);
  });

  it('keeps the low bits at large logits: the loss is −logSoftmax, bit for bit, not z − (m + log Σ)', () => {
    // Logits 1e6 and 1e6 + 0.3: the true loss of class 1 is log(1 + e^−d), d the exact difference of the two.
    const a = 1e6, b = 1e6 + 0.3;
    const d = b - a; // exact (Sterbenz)
    const truth = Math.log1p(Math.exp(-d));
    const z = f64([a, b], [1, 2]);
    const loss = new nn.CrossEntropyLoss().forward(z, [1]).item();
    expect(loss).toBe(-z.logSoftmax(-1).data[1]!);
    expect(Math.abs(loss - truth)).toBeLessThanOrEqual(2 * Number.EPSILON * truth);
    // The form cross-entropy used before: adding log Σ to m = 1e6 first rounds away about 5e-11.
    const oldForm = -(b - (b + Math.log(Math.exp(a - b) + 1)));
    expect(Math.abs(oldForm - truth)).toBeGreaterThan(1e-11);
    // Class 0 of the same row, and a soft-label row, go through the same log-softmax.
    expect(new nn.CrossEntropyLoss().forward(z, [0]).item()).toBe(-z.logSoftmax(-1).data[0]!);
    const soft = f64([0.25, 0.75], [1, 2], false);
    const ls = z.logSoftmax(-1).data;
    expect(new nn.CrossEntropyLoss({ oneHot: true }).forward(z, soft).item()).toBe(-(0.25 * ls[0]! + 0.75 * ls[1]!));
  });

  it('throws clear errors for bad targets and 1-D logits', () => {
    const ce = new nn.CrossEntropyLoss();
    expect(() => ce.forward(logits, [0, 2.9, 1, 2])).toThrow(/target 2.9 of sample 1 is not an integer/);
    expect(() => ce.forward(logits, [0, 1, -1, 2])).toThrow(/target -1 of sample 2 is out of range for 3 classes/);
    expect(() => ce.forward(logits, [0, 1, 3, 2])).toThrow(/target 3 of sample 2 is out of range/);
    expect(() => ce.forward(f64([1, 2, 3], [3]), [0])).toThrow(/logits of shape \(N, C\)/);
    expect(() => ce.forward(logits, [0, 1])).toThrow(ShapeError);
    expect(() => new nn.CrossEntropyLoss({ weight: [1, 2] }).forward(logits, [0, 1, 1, 0])).toThrow(/2 class weights/);
  });
});
const f64s2 = f64([30, -30, 0, 100, -100, 0], [2, 3]);

describe('loss dtypes', () => {
  it('float32 predictions with literal targets give float32 losses and grads; float64 promotes', () => {
    const p32 = tensor([[0.2], [0.7]], { requiresGrad: true });
    for (const loss of [new nn.MSELoss(), new nn.BCELoss(), new nn.BCEWithLogitsLoss()]) {
      const l = loss.forward(p32, [[0], [1]]);
      expect(l.dtype).toBe('float32');
      l.backward();
      expect(p32.grad!.dtype).toBe('float32');
      p32.grad = null;
      expect(loss.forward(p32, f64([0, 1], [2, 1], false)).dtype).toBe('float64');
    }
    const z32 = tensor([[1, 2, 3]], { requiresGrad: true });
    expect(new nn.CrossEntropyLoss({ weight: [1, 2, 3] }).forward(z32, [2]).dtype).toBe('float32');
    expect(new nn.CrossEntropyLoss({ weight: f64([1, 2, 3], [3], false) }).forward(z32, [2]).dtype).toBe('float64');
  });
});

describe('reduction (every loss)', () => {
  const p = f64(values(6, 11, 0.05, 0.95), [3, 2]);
  const y = f64(values(6, 12, 0, 1), [3, 2], false);
  const pointwise: ((reduction?: nn.Reduction) => nn.Loss)[] = [
    (reduction) => new nn.MSELoss({ reduction }), (reduction) => new nn.L1Loss({ reduction }),
    (reduction) => new nn.SmoothL1Loss({ beta: 0.3, reduction }), (reduction) => new nn.BCELoss({ reduction }),
    (reduction) => new nn.BCEWithLogitsLoss({ reduction }),
  ];

  it("'none' keeps the prediction's shape, 'sum' is its sum and 'mean' its mean; gradients check", () => {
    for (const make of pointwise) {
      const items = make('none').forward(p, y);
      expect(items.shape).toEqual([3, 2]);
      const total = Array.from(items.data).reduce((s, v) => s + v, 0);
      expect(make('sum').forward(p, y).item()).toBeCloseTo(total, 14);
      expect(make('mean').forward(p, y).item()).toBeCloseTo(total / 6, 14);
      expect(make().reduction).toBe('mean');
      gradCheck(() => make('sum').forward(p, y), [p]);
      gradCheck(() => make('none').forward(p, y).mul(f64([1, -2, 0.5, 3, -1, 0.25], [3, 2], false)).sum(), [p]);
    }
  });

  it('the class losses reduce per sample: weighted items, mean divides by the total weight', () => {
    const z = f64(values(8, 13, -3, 3), [4, 2]);
    const t = [1, 0, 0, 1];
    const w = [0.5, 2];
    for (const Cls of [nn.CrossEntropyLoss, nn.NLLLoss]) {
      const items = new Cls({ weight: w, reduction: 'none' }).forward(z, t);
      expect(items.shape).toEqual([4]);
      const total = Array.from(items.data).reduce((s, v) => s + v, 0);
      expect(new Cls({ weight: w, reduction: 'sum' }).forward(z, t).item()).toBeCloseTo(total, 14);
      expect(new Cls({ weight: w }).forward(z, t).item()).toBeCloseTo(total / (2 + 0.5 + 0.5 + 2), 14);
      gradCheck(() => new Cls({ weight: w, reduction: 'none' }).forward(z, t).mul(f64([1, -2, 0.5, 3], [4], false)).sum(), [z]);
    }
  });

  it('refuses an unknown reduction, naming the loss', () => {
    expect(() => new nn.MSELoss({ reduction: 'avg' as never })).toThrow(/MSELoss: reduction must be 'mean', 'sum' or 'none', got "avg"/);
    expect(() => new nn.NLLLoss({ reduction: 'batchmean' as never })).toThrow(ArgumentError);
  });
});

describe('nn.L1Loss and nn.SmoothL1Loss', () => {
  it('L1: |p − y| with gradient sign, 0 where p = y, exact at ±1000, NaN propagates', () => {
    const p = f64([-1000, 1000, 0, 5], [4]);
    const l = new nn.L1Loss({ reduction: 'sum' }).forward(p, [1000, -1000, 0, NaN]);
    expect(l.item()).toBeNaN();
    l.backward();
    expect(Array.from(p.grad!.data)).toEqual([-1, 1, 0, NaN]);
    expect(new nn.L1Loss().forward(f64([-1000, 1000], [2]), [1000, 1000]).item()).toBe(1000);
  });

  it('SmoothL1: quadratic inside beta, linear outside, continuous at the join; beta 0 has L1 values', () => {
    const beta = 2;
    const p = f64([0.5, 2, -3, 1000], [4]);
    const l = new nn.SmoothL1Loss({ beta, reduction: 'none' }).forward(p, [0, 0, 0, 0]);
    expect(Array.from(l.data)).toEqual([0.0625, 1, 2, 999]);
    gradCheck(() => new nn.SmoothL1Loss({ beta }).forward(p, [0.1, 0, 0, 0]), [p]);
    const x = f64(values(5, 14), [5]);
    const t = f64(values(5, 15), [5], false);
    expect(new nn.SmoothL1Loss({ beta: 0 }).forward(x, t).item()).toBeCloseTo(new nn.L1Loss().forward(x, t).item(), 15);
    expect(() => new nn.SmoothL1Loss({ beta: -1 })).toThrow(/beta must be a finite non-negative number/);
  });
});

describe('nn.NLLLoss', () => {
  it('logSoftmax then NLLLoss equals CrossEntropyLoss, value and gradient', () => {
    const z = f64(values(12, 16, -3, 3), [4, 3]);
    const t = [2, 0, 1, 1];
    const ce = new nn.CrossEntropyLoss().forward(z, t);
    ce.backward();
    const gce = Array.from(z.grad!.data);
    z.grad = null;
    const nll = new nn.NLLLoss().forward(z.logSoftmax(1), t);
    expect(nll.item()).toBeCloseTo(ce.item(), 14);
    nll.backward();
    Array.from(z.grad!.data).forEach((g, i) => expect(g).toBeCloseTo(gce[i]!, 14));
  });

  it('a −Infinity log-probability gives an infinite loss with a finite gradient; bad targets are refused', () => {
    const x = f64([-Infinity, 0, -1, -2], [2, 2]);
    const l = new nn.NLLLoss().forward(x, [0, 1]);
    expect(l.item()).toBe(Infinity);
    l.backward();
    expect(Array.from(x.grad!.data)).toEqual([-0.5, 0, 0, -0.5]);
    expect(() => new nn.NLLLoss().forward(x, [0, 2])).toThrow(/NLLLoss: target 2 of sample 1 is out of range for 2 classes/);
    expect(() => new nn.NLLLoss().forward(x, [0.5, 1])).toThrow(/not an integer class index/);
    expect(() => new nn.NLLLoss().forward(f64([0, 1], [2]), [0])).toThrow(/log-probabilities of shape \(N, C\)/);
    expect(() => new nn.NLLLoss({ weight: [1, 2, 3] }).forward(x, [0, 1])).toThrow(ShapeError);
  });
});
