import { describe, expect, it } from 'vitest';
import { ArgumentError, nn, optim, Tensor } from '../../../src/engine';

// The quadratic of the Sorix cases: f(w) = Σ a(w − c)², grad 2a(w − c).
const A = [1, 10, 0.1], C = [1, -2, 3];
const gradOf = (w: readonly number[]): number[] => w.map((v, i) => 2 * A[i]! * (v - C[i]!));

function param(values: number[]): Tensor {
  return new Tensor(Float64Array.from(values), [values.length], true);
}
/** Sets p.grad to the quadratic's gradient (as backward would). */
function setGrad(p: Tensor): number[] {
  const g = gradOf(Array.from(p.data));
  p.grad = new Tensor(Float64Array.from(g), p.shape);
  return g;
}

/** Reference updates written from docs/reference/sorix-api.md §7, one plain loop each. */
function reference(kind: 'sgd' | 'rmsprop' | 'adam', h: { lr: number; momentum?: number; wd?: number; alpha?: number; eps?: number; b1?: number; b2?: number }, steps: number): number[][] {
  const w = [0.5, -0.5, 2];
  const s1 = [0, 0, 0], s2 = [0, 0, 0];
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    const g = gradOf(w).map((v, i) => v + (h.wd ?? 0) * w[i]!);
    for (let i = 0; i < 3; i++) {
      if (kind === 'sgd') {
        if (h.momentum) { s1[i] = h.momentum * s1[i]! + g[i]!; w[i] = w[i]! - h.lr * s1[i]!; } else w[i] = w[i]! - h.lr * g[i]!;
      } else if (kind === 'rmsprop') {
        s1[i] = h.alpha! * s1[i]! + (1 - h.alpha!) * g[i]! ** 2;
        w[i] = w[i]! - (h.lr * g[i]!) / (Math.sqrt(s1[i]!) + h.eps!);
      } else {
        s1[i] = h.b1! * s1[i]! + (1 - h.b1!) * g[i]!;
        s2[i] = h.b2! * s2[i]! + (1 - h.b2!) * g[i]! ** 2;
        const step = (h.lr * Math.sqrt(1 - h.b2! ** t)) / (1 - h.b1! ** t);
        w[i] = w[i]! - (step * s1[i]!) / (Math.sqrt(s2[i]!) + h.eps!);
      }
    }
    out.push([...w]);
  }
  return out;
}

function follow(opt: optim.Optimizer, p: Tensor, expected: number[][]): void {
  for (const row of expected) {
    opt.zeroGrad();
    const g = setGrad(p);
    opt.step();
    // weight decay is applied on the fly: p.grad still holds what backward wrote
    expect(Array.from(p.grad!.data)).toEqual(g);
    row.forEach((v, i) => expect(Math.abs(p.data[i]! - v)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(v))));
  }
}

describe('optimizer updates follow the formulas of docs/reference/sorix-api.md §7', () => {
  it('SGD: plain, momentum, weight decay; defaults lr 1e-3', () => {
    let p = param([0.5, -0.5, 2]);
    follow(new optim.SGD([p], { lr: 0.04 }), p, reference('sgd', { lr: 0.04 }, 6));
    p = param([0.5, -0.5, 2]);
    follow(new optim.SGD([p], { lr: 0.04, momentum: 0.9, weightDecay: 0.1 }), p, reference('sgd', { lr: 0.04, momentum: 0.9, wd: 0.1 }, 6));
    p = param([0.5, -0.5, 2]);
    follow(new optim.SGD([p]), p, reference('sgd', { lr: 1e-3 }, 3));
  });

  it('RMSprop: defaults (alpha 0.99, eps 1e-8) and alpha 0.9 with weight decay', () => {
    let p = param([0.5, -0.5, 2]);
    follow(new optim.RMSprop([p], { lr: 0.01 }), p, reference('rmsprop', { lr: 0.01, alpha: 0.99, eps: 1e-8 }, 6));
    p = param([0.5, -0.5, 2]);
    follow(new optim.RMSprop([p], { lr: 0.01, alpha: 0.9, weightDecay: 0.05 }), p, reference('rmsprop', { lr: 0.01, alpha: 0.9, eps: 1e-8, wd: 0.05 }, 6));
  });

  it("Adam: the efficient form, defaults, and betas with weight decay", () => {
    let p = param([0.5, -0.5, 2]);
    follow(new optim.Adam([p], { lr: 0.1 }), p, reference('adam', { lr: 0.1, b1: 0.9, b2: 0.999, eps: 1e-8 }, 8));
    p = param([0.5, -0.5, 2]);
    follow(new optim.Adam([p], { lr: 0.05, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.01 }), p, reference('adam', { lr: 0.05, b1: 0.8, b2: 0.99, eps: 1e-6, wd: 0.01 }, 8));
  });

  it('updates float32 parameters in place', () => {
    const p = new Tensor(Float32Array.from([1, 2]), [2], true);
    const data = p.data;
    p.grad = new Tensor(Float32Array.from([0.5, -0.5]), [2]);
    new optim.SGD([p], { lr: 0.1 }).step();
    expect(p.data).toBe(data);
    expect(Array.from(p.data)).toEqual([Math.fround(0.95), Math.fround(2.05)]);
  });
});

describe('Optimizer', () => {
  it('rejects an empty parameter list and bad hyper-parameters', () => {
    expect(() => new optim.SGD([])).toThrow('optimizer got an empty parameter list');
    expect(() => new optim.Adam([])).toThrow(ArgumentError);
    const p = param([1]);
    expect(() => new optim.SGD([p], { lr: -1 })).toThrow(/lr/);
    expect(() => new optim.Adam([p], { betas: [1, 0.9] })).toThrow(/beta1/);
    expect(() => new optim.RMSprop([p], { alpha: 2 })).toThrow(/alpha/);
    expect(() => new optim.SGD([p, p])).toThrow(/more than once/);
  });

  it('zeroGrad sets grads to null; parameters without a grad are skipped', () => {
    const a = param([1, 2]), b = param([3]);
    const opt = new optim.SGD([a, b], { lr: 1 });
    a.grad = new Tensor(Float64Array.from([1, 1]), [2]);
    opt.step();
    expect(Array.from(a.data)).toEqual([0, 1]);
    expect(Array.from(b.data)).toEqual([3]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('param groups carry their own lr and options', () => {
    const a = param([1]), b = param([1]);
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.5, momentum: 0.9 }], { lr: 0.1 });
    expect(opt.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[0.1, 0], [0.5, 0.9]]);
    for (let k = 0; k < 2; k++) {
      a.grad = new Tensor(Float64Array.from([1]), [1]);
      b.grad = new Tensor(Float64Array.from([1]), [1]);
      opt.step();
    }
    expect(a.data[0]).toBeCloseTo(1 - 0.2, 15);
    expect(b.data[0]).toBeCloseTo(1 - 0.5 - 0.5 * 1.9, 15);
    expect(() => new optim.SGD([{ params: [a], betas: [0.9, 0.9] } as never])).toThrow(/unknown option 'betas'/);
  });

  it('stateDict/loadStateDict resume a run exactly, through JSON', () => {
    for (const make of [
      (ps: Tensor[]) => new optim.Adam(ps, { lr: 0.1, weightDecay: 0.01 }),
      (ps: Tensor[]) => new optim.SGD(ps, { lr: 0.03, momentum: 0.9 }),
      (ps: Tensor[]) => new optim.RMSprop(ps, { lr: 0.01 }),
      // Step counts (AdamW, Adagrad), amsgrad's running maximum and the momentum buffer's first step:
      (ps: Tensor[]) => new optim.AdamW(ps, { lr: 0.1, amsgrad: true }),
      (ps: Tensor[]) => new optim.Adagrad(ps, { lr: 0.3, lrDecay: 0.1, initialAccumulatorValue: 0.2 }),
      (ps: Tensor[]) => new optim.SGD(ps, { lr: 0.03, momentum: 0.9, nesterov: true }),
    ]) {
      const p1 = param([0.5, -0.5, 2]);
      const o1 = make([p1]);
      for (let k = 0; k < 3; k++) { setGrad(p1); o1.step(); }
      const saved = JSON.parse(JSON.stringify(o1.stateDict())) as optim.OptimizerState;
      const p2 = param(Array.from(p1.data));
      const o2 = make([p2]);
      o2.paramGroups[0]!.lr = 123;
      o2.loadStateDict(saved);
      expect(o2.paramGroups[0]!.lr).toBe(o1.paramGroups[0]!.lr);
      for (let k = 0; k < 3; k++) { setGrad(p1); o1.step(); setGrad(p2); o2.step(); }
      expect(Array.from(p2.data)).toEqual(Array.from(p1.data));
    }
    const p = param([1]);
    expect(() => new optim.SGD([p]).loadStateDict(new optim.Adam([param([1])]).stateDict())).toThrow(/saved by Adam/);
  });
});

describe('LR schedulers: closed forms, epoch 0 = base lr', () => {
  const opt = (): optim.SGD => new optim.SGD([{ params: [param([1])] }, { params: [param([1])], lr: 0.5 }], { lr: 0.1 });

  it('StepLR: lr0 · γ^floor(t/s)', () => {
    const o = opt();
    const s = new optim.StepLR(o, { stepSize: 3, gamma: 0.5 });
    for (let t = 0; t < 10; t++) {
      expect(s.getLastLr()).toEqual([0.1 * 0.5 ** Math.floor(t / 3), 0.5 * 0.5 ** Math.floor(t / 3)]);
      expect(o.paramGroups.map((g) => g.lr)).toEqual(s.getLastLr());
      s.step();
    }
    expect(new optim.StepLR(opt(), { stepSize: 1 }).gamma).toBe(0.1);
    expect(() => new optim.StepLR(opt(), { stepSize: 0 })).toThrow(/stepSize/);
  });

  it('ExponentialLR: lr0 · γ^t', () => {
    const s = new optim.ExponentialLR(opt(), { gamma: 0.9 });
    for (let t = 0; t < 6; t++) { expect(s.getLastLr()[1]).toBeCloseTo(0.5 * 0.9 ** t, 15); s.step(); }
  });

  it('CosineAnnealingLR: ηmin + (lr0 − ηmin)(1 + cos(πt/T))/2, periodic past T', () => {
    const s = new optim.CosineAnnealingLR(opt(), { tMax: 4, etaMin: 0.001 });
    for (let t = 0; t < 10; t++) {
      expect(s.getLastLr()[0]).toBeCloseTo(0.001 + (0.1 - 0.001) * (1 + Math.cos((Math.PI * t) / 4)) / 2, 15);
      s.step();
    }
    const z = new optim.CosineAnnealingLR(opt(), { tMax: 2 });
    z.step(); z.step();
    expect(z.getLastLr()[0]).toBeCloseTo(0, 15);
  });

  it('a scheduler state round-trips', () => {
    const s1 = new optim.StepLR(opt(), { stepSize: 2 });
    for (let k = 0; k < 5; k++) s1.step();
    const o2 = opt();
    const s2 = new optim.StepLR(o2, { stepSize: 2 });
    s2.loadStateDict(s1.stateDict());
    expect(s2.getLastLr()).toEqual(s1.getLastLr());
    expect(o2.paramGroups[0]!.lr).toBe(s1.getLastLr()[0]);
  });
});

describe('Module + optimizer', () => {
  it('model.parameters() feeds an optimizer and a step changes the model', () => {
    const m = new nn.Sequential(new nn.Linear(2, 3), new nn.Tanh(), new nn.Linear(3, 1));
    const opt = new optim.Adam(m.parameters(), { lr: 0.01 });
    const before = m.parameters().map((p) => Array.from(p.data));
    m.forward(new Tensor(Float32Array.from([1, 2, 3, 4]), [2, 2])).sum().backward();
    opt.step();
    m.parameters().forEach((p, i) => expect(Array.from(p.data)).not.toEqual(before[i]));
  });
});

describe('SGD nesterov / dampening, AdamW, Adagrad: arguments and state (trajectories: training-ops.test.ts)', () => {
  it("refuses Nesterov without momentum or with dampening, as PyTorch, and other bad options", () => {
    const p = param([1]);
    expect(() => new optim.SGD([p], { nesterov: true })).toThrow(/Nesterov momentum requires a momentum and zero dampening/);
    expect(() => new optim.SGD([p], { momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(/zero dampening/);
    expect(() => new optim.SGD([p], { momentum: 0.9, dampening: NaN })).toThrow(/dampening must be a finite number/);
    expect(() => new optim.AdamW([p], { betas: [0.9, 1] })).toThrow(/beta2/);
    expect(() => new optim.AdamW([p], { weightDecay: -0.1 })).toThrow(/weightDecay/);
    expect(() => new optim.Adagrad([p], { lrDecay: -1 })).toThrow(/lrDecay/);
    expect(() => new optim.Adagrad([p], { initialAccumulatorValue: -1 })).toThrow(/initialAccumulatorValue/);
    expect(new optim.AdamW([p]).paramGroups[0]!.weightDecay).toBe(0.01);
    expect(new optim.Adagrad([p]).paramGroups[0]!.lr).toBe(0.01);
  });

  it('the first momentum step is the gradient itself (no dampening on it), as PyTorch', () => {
    const p = param([0]);
    const opt = new optim.SGD([p], { lr: 1, momentum: 0.9, dampening: 0.5 });
    p.grad = new Tensor(Float64Array.from([1]), [1]);
    opt.step();
    expect(p.data[0]).toBe(-1);
    opt.step();
    expect(p.data[0]).toBe(-1 - (0.9 + 0.5));
  });

  it('AdamW decays the weight even where the gradient is 0, without touching p.grad', () => {
    const p = param([2, -4]);
    const opt = new optim.AdamW([p], { lr: 0.1, weightDecay: 0.5 });
    p.grad = new Tensor(new Float64Array(2), [2]);
    opt.step();
    expect(Array.from(p.data)).toEqual([2 * 0.95, -4 * 0.95]);
    expect(Array.from(p.grad.data)).toEqual([0, 0]);
  });
});

describe('optim.clipGradNorm', () => {
  const withGrad = (g: number[], dtype: 'float32' | 'float64' = 'float64'): Tensor => {
    const p = new Tensor(dtype === 'float64' ? new Float64Array(g.length) : new Float32Array(g.length), [g.length], true);
    p.grad = new Tensor(dtype === 'float64' ? Float64Array.from(g) : Float32Array.from(g), [g.length]);
    return p;
  };

  it('scales every gradient by maxNorm/(total + 1e-6) when the total is larger, and returns the total', () => {
    const a = withGrad([3, 4]), b = withGrad([12]), none = param([1]);
    expect(optim.clipGradNorm([a, none, b], 1)).toBe(13);
    const k = 1 / (13 + 1e-6);
    expect(Array.from(a.grad!.data)).toEqual([3 * k, 4 * k]);
    expect(none.grad).toBeNull();
    // a alone now has norm 5/13 < 10: returned, nothing changes.
    expect(optim.clipGradNorm(a, 10)).toBeCloseTo(5 / 13, 6);
    expect(Array.from(a.grad!.data)).toEqual([3 * k, 4 * k]);
    expect(optim.clipGradNorm([param([1])], 1)).toBe(0);
  });

  it('float32 gradients stay float32; the norm is computed in float64', () => {
    const p = withGrad([3e20, 4e20], 'float32');
    // 3e20² overflows float32 but not float64.
    expect(optim.clipGradNorm([p], 1)).toBe(Math.hypot(Math.fround(3e20), Math.fround(4e20)));
    expect(p.grad!.dtype).toBe('float32');
    expect(p.grad!.data[0]).toBeCloseTo(0.6, 6);
  });

  it('a NaN makes every gradient NaN and an infinite total zeroes the finite ones (PyTorch); errorIfNonfinite throws instead', () => {
    const a = withGrad([1, NaN]), b = withGrad([2]);
    expect(optim.clipGradNorm([a, b], 1)).toBeNaN();
    expect(Array.from(b.grad!.data)).toEqual([NaN]);
    const c = withGrad([1, Infinity]), d = withGrad([-2]);
    expect(optim.clipGradNorm([c, d], 1)).toBe(Infinity);
    expect(Array.from(c.grad!.data)).toEqual([0, NaN]);
    expect(Array.from(d.grad!.data)).toEqual([-0]);
    const e = withGrad([1, Infinity]);
    expect(() => optim.clipGradNorm([e], 1, 2, { errorIfNonfinite: true })).toThrow(/total norm of order 2 of the gradients is Infinity/);
    expect(Array.from(e.grad!.data)).toEqual([1, Infinity]);
  });

  it('refuses a negative maxNorm or a non-positive normType', () => {
    expect(() => optim.clipGradNorm([withGrad([1])], -1)).toThrow(/maxNorm must be a non-negative number/);
    expect(() => optim.clipGradNorm([withGrad([1])], 1, 0)).toThrow(/normType must be a positive number or Infinity/);
  });
});

describe('optim.ReduceLROnPlateau', () => {
  const sgd = (): optim.SGD => new optim.SGD([param([1])], { lr: 1 });

  it('refuses bad options with PyTorch-like messages', () => {
    expect(() => new optim.ReduceLROnPlateau(sgd(), { factor: 1 })).toThrow(/factor must be in \[0, 1\)/);
    expect(() => new optim.ReduceLROnPlateau(sgd(), { mode: 'up' as never })).toThrow(/mode must be 'min' or 'max'/);
    expect(() => new optim.ReduceLROnPlateau(sgd(), { thresholdMode: 'pct' as never })).toThrow(/thresholdMode/);
    expect(() => new optim.ReduceLROnPlateau(sgd(), { patience: 1.5 })).toThrow(/patience must be a non-negative integer/);
    expect(() => new optim.ReduceLROnPlateau(sgd(), { minLr: [0, 0] })).toThrow(/expected 1 minLr values/);
  });

  it('accepts a one-element tensor as the metric and its state round-trips through JSON (infinite best included)', () => {
    const o1 = sgd();
    const s1 = new optim.ReduceLROnPlateau(o1, { patience: 1 });
    const fresh = JSON.parse(JSON.stringify(s1.stateDict())) as optim.PlateauState;
    expect(fresh.best).toBe('Infinity');
    for (const m of [1, 0.5, 0.6]) s1.step(new Tensor(Float64Array.from([m]), []));
    const o2 = sgd();
    const s2 = new optim.ReduceLROnPlateau(o2, { patience: 1 });
    s2.loadStateDict(JSON.parse(JSON.stringify(s1.stateDict())) as optim.PlateauState);
    s1.step(0.7); s2.step(0.7);
    expect(o2.paramGroups[0]!.lr).toBe(o1.paramGroups[0]!.lr);
    expect(o1.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
    expect(() => s2.loadStateDict({ ...s1.stateDict(), numBadEpochs: -1 })).toThrow(/numBadEpochs/);
  });
});

describe('extreme gradients', () => {
  it('±1000 and 0 give finite updates; a NaN gradient makes that element NaN (never silently skipped)', () => {
    for (const make of [
      (ps: Tensor[]) => new optim.SGD(ps, { lr: 0.1, momentum: 0.9, nesterov: true }),
      (ps: Tensor[]) => new optim.AdamW(ps, { lr: 0.1 }),
      (ps: Tensor[]) => new optim.Adagrad(ps, { lr: 0.1 }),
      (ps: Tensor[]) => new optim.Adam(ps, { lr: 0.1 }),
    ]) {
      const p = param([1, 1, 1, 1]);
      const opt = make([p]);
      for (let k = 0; k < 3; k++) {
        p.grad = new Tensor(Float64Array.from([1000, -1000, 0, NaN]), [4]);
        opt.step();
      }
      const w = Array.from(p.data);
      expect(w.slice(0, 3).every(Number.isFinite)).toBe(true);
      expect(w[0]!).toBeLessThan(1);
      expect(w[1]!).toBeGreaterThan(1);
      expect(w[3]).toBeNaN();
    }
  });
});
