import { describe, expect, it } from 'vitest';
import { Generator, nn, noGrad, optim, tensor, Tensor, ArgumentError, ShapeError } from '../../../src/engine';
import { f64, gradCheck, values } from './gradcheck';

// A fixed random head for a layer output: sum(y · w), so that every output element has a distinct weight.
function head(y: Tensor, seed: number): Tensor {
  return y.mul(f64(values(y.size, seed), y.shape, false)).sum();
}

describe('nn.Linear', () => {
  it('has W (in, out) and b (1, out) in float32, He-initialised, b = 0', () => {
    const lin = new nn.Linear(200, 300, { generator: new Generator(1) });
    expect(lin.W.shape).toEqual([200, 300]);
    expect(lin.b!.shape).toEqual([1, 300]);
    expect(lin.W.dtype).toBe('float32');
    expect(Array.from(lin.b!.data).every((v) => v === 0)).toBe(true);
    const w = Array.from(lin.W.data);
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const std = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    // N(0, sqrt(2/in)) over 60000 draws: the sample std is within 1.5% of sqrt(2/200) = 0.1.
    expect(Math.abs(mean)).toBeLessThan(0.003);
    expect(Math.abs(std / Math.sqrt(2 / 200) - 1)).toBeLessThan(0.015);
    const xav = new nn.Linear(200, 300, { init: 'xavier', generator: new Generator(2), bias: false });
    const wx = Array.from(xav.W.data);
    const sx = Math.sqrt(wx.reduce((a, b) => a + b * b, 0) / wx.length);
    expect(Math.abs(sx / Math.sqrt(2 / 500) - 1)).toBeLessThan(0.015);
    expect(xav.b).toBeNull();
    expect(xav.parameters()).toEqual([xav.W]);
  });

  it('computes x·W + b with correct gradients (float64 finite differences)', () => {
    const lin = new nn.Linear(3, 4, { dtype: 'float64', generator: new Generator(3) });
    lin.b!.data.set(values(4, 9));
    const x = f64(values(15, 4), [5, 3]);
    // forward against a direct sum
    const y = lin.forward(x);
    expect(y.shape).toEqual([5, 4]);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 4; j++) {
      let s = lin.b!.data[j]!;
      for (let k = 0; k < 3; k++) s += x.data[i * 3 + k]! * lin.W.data[k * 4 + j]!;
      expect(y.data[i * 4 + j]).toBeCloseTo(s, 14);
    }
    gradCheck(() => head(lin.forward(x), 7), [x, lin.W, lin.b!]);
  });

  it('handles 1-D and batched 3-D inputs through matmul, and rejects a wrong input size', () => {
    const lin = new nn.Linear(3, 2, { dtype: 'float64', generator: new Generator(5) });
    const x3 = f64(values(12, 6), [2, 2, 3]);
    gradCheck(() => head(lin.forward(x3), 8), [x3, lin.W, lin.b!]);
    expect(lin.forward(f64([1, 2, 3], [3])).shape).toEqual([1, 2]);
    expect(() => lin.forward(f64(values(8, 1), [2, 4]))).toThrow(ShapeError);
    expect(() => lin.forward(f64(values(8, 1), [2, 4]))).toThrow(/\(2,4\).*\(3,2\)/);
  });

  it('keeps float32 parameters float32 and gradients in their dtype when fed float64', () => {
    const lin = new nn.Linear(2, 2, { generator: new Generator(1) });
    const y = lin.forward(f64([1, 2, 3, 4], [2, 2]));
    expect(y.dtype).toBe('float64');
    y.sum().backward();
    expect(lin.W.grad!.dtype).toBe('float32');
    expect(lin.b!.grad!.dtype).toBe('float32');
  });
});

describe('activation layers', () => {
  const x = f64([-3, -0.5, 0.25, 1, 2.5, -1.5], [2, 3]);
  it.each([
    ['Sigmoid', new nn.Sigmoid(), (v: number) => 1 / (1 + Math.exp(-v))],
    ['Tanh', new nn.Tanh(), Math.tanh],
    ['ReLU', new nn.ReLU(), (v: number) => Math.max(v, 0)],
    ['LeakyReLU', new nn.LeakyReLU(), (v: number) => (v > 0 ? v : 0.01 * v)],
    ['LeakyReLU(0.2)', new nn.LeakyReLU(0.2), (v: number) => (v > 0 ? v : 0.2 * v)],
  ] as const)('%s matches its closed form and its gradient', (_n, layer, f) => {
    const y = layer.forward(x);
    Array.from(x.data).forEach((v, i) => expect(y.data[i]).toBeCloseTo(f(v), 14));
    gradCheck(() => head(layer.forward(x), 3), [x]);
    expect(layer.parameters()).toEqual([]);
  });

  it('Softmax(axis) normalises along the axis, with correct gradients', () => {
    for (const axis of [-1, 0]) {
      const sm = new nn.Softmax(axis);
      const y = sm.forward(x);
      const sums = y.sum(axis);
      Array.from(sums.data).forEach((s) => expect(s).toBeCloseTo(1, 14));
      gradCheck(() => head(sm.forward(x), 4), [x]);
    }
  });

  it('Sigmoid is the stable piecewise form at the extremes', () => {
    const y = new nn.Sigmoid().forward(f64([-1000, -100, 0, 100, 1000], [5], false));
    expect(Array.from(y.data)).toEqual([0, Math.exp(-100) / (1 + Math.exp(-100)), 0.5, 1, 1]);
  });
});

describe('nn.Dropout', () => {
  it('is inverted dropout in training and the identity in eval', () => {
    const d = new nn.Dropout(0.25, { generator: new Generator(11) });
    const x = f64(new Array(4000).fill(2), [4000]);
    const y = d.forward(x);
    const kept = Array.from(y.data).filter((v) => v !== 0);
    expect(kept.every((v) => Math.abs(v - 2 / 0.75) < 1e-12)).toBe(true);
    // 3000 expected keeps; the binomial std is 27.
    expect(Math.abs(kept.length - 3000)).toBeLessThan(150);
    y.sum().backward();
    Array.from(x.grad!.data).forEach((g, i) => expect(g).toBe(y.data[i] === 0 ? 0 : 1 / 0.75));
    d.eval();
    expect(d.forward(x)).toBe(x);
    expect(new nn.Dropout(0).forward(x)).toBe(x);
  });

  it('p = 1 gives zeros still connected to the graph (grad 0, not None as in Sorix)', () => {
    const x = f64([1, -2, Infinity], [3]);
    const y = new nn.Dropout(1).forward(x);
    expect(Array.from(y.data)).toEqual([0, 0, 0]);
    expect(y.requiresGrad).toBe(true);
    y.sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 0]);
  });

  it('rejects p outside [0, 1]', () => {
    for (const p of [-0.1, 1.5, NaN]) expect(() => new nn.Dropout(p)).toThrow(ArgumentError);
  });
});

describe('nn.BatchNorm1d', () => {
  it('normalises with batch statistics in training and updates the running ones', () => {
    const bn = new nn.BatchNorm1d(3, { dtype: 'float64' });
    expect(bn.gamma.shape).toEqual([1, 3]);
    const xv = values(12, 21, -3, 5);
    const x = f64(xv, [4, 3]);
    const y = bn.forward(x);
    for (let c = 0; c < 3; c++) {
      const col = [0, 1, 2, 3].map((i) => xv[i * 3 + c]!);
      const mu = col.reduce((a, b) => a + b) / 4;
      const v = col.reduce((a, b) => a + (b - mu) ** 2, 0) / 4;
      col.forEach((xi, i) => expect(y.data[i * 3 + c]).toBeCloseTo((xi - mu) / Math.sqrt(v + 1e-5), 12));
      expect(bn.runningMean.data[c]).toBeCloseTo(0.1 * mu, 14);
      expect(bn.runningVar.data[c]).toBeCloseTo(0.9 + 0.1 * v * 4 / 3, 14);
    }
  });

  it('has correct gradients in training and in eval mode', () => {
    const bn = new nn.BatchNorm1d(3, { dtype: 'float64' });
    bn.gamma.data.set([1.5, -0.7, 0.3]);
    bn.beta.data.set([0.1, 0.2, -0.3]);
    const x = f64(values(15, 5, -2, 3), [5, 3]);
    const fresh = (): Tensor => {
      // keep the running stats fixed across the finite-difference evaluations
      bn.runningMean.data.fill(0); bn.runningVar.data.fill(1);
      return head(bn.forward(x), 6);
    };
    gradCheck(fresh, [x, bn.gamma, bn.beta]);
    bn.eval();
    bn.runningMean.data.set([0.5, -1, 2]);
    bn.runningVar.data.set([2, 0.5, 1.5]);
    gradCheck(() => head(bn.forward(x), 6), [x, bn.gamma, bn.beta]);
    const y = bn.forward(x);
    expect(y.data[0]).toBeCloseTo(1.5 * (x.data[0]! - 0.5) / Math.sqrt(2 + 1e-5) + 0.1, 13);
  });

  it('keeps its buffers out of parameters() but in the state dict, and refuses one-sample training batches', () => {
    const bn = new nn.BatchNorm1d(2);
    expect(bn.parameters()).toEqual([bn.gamma, bn.beta]);
    expect(Object.keys(bn.stateDict())).toEqual(['gamma', 'beta', 'runningMean', 'runningVar']);
    expect(() => bn.forward(tensor([[1, 2]]))).toThrow(/more than one sample/);
    expect(() => bn.forward(tensor([[1, 2, 3], [4, 5, 6]]))).toThrow(ShapeError);
    bn.eval();
    expect(bn.forward(tensor([[1, 2]])).shape).toEqual([1, 2]);
  });
});

describe('nn.Embedding', () => {
  it('initialises W ~ U(-sqrt(1/n), sqrt(1/n)) and looks rows up for index tensors or arrays', () => {
    const e = new nn.Embedding(100, 50, { generator: new Generator(4) });
    const w = Array.from(e.W.data);
    const b = Math.sqrt(1 / 100);
    expect(w.every((v) => v >= -b && v <= b)).toBe(true);
    expect(Math.max(...w)).toBeGreaterThan(0.95 * b);
    expect(Math.min(...w)).toBeLessThan(-0.95 * b);
    const y = e.forward([[3, 7], [7, 0]]);
    expect(y.shape).toEqual([2, 2, 50]);
    expect(Array.from(y.data.subarray(50, 100))).toEqual(Array.from(e.W.data.subarray(350, 400)));
    expect(e.forward(tensor([5, 5, 1])).shape).toEqual([3, 50]);
  });

  it('accumulates gradients of repeated indices (finite differences)', () => {
    const e = new nn.Embedding(4, 3, { dtype: 'float64', generator: new Generator(6) });
    const idx = [2, 0, 2, 2, 3];
    gradCheck(() => head(e.forward(idx), 12), [e.W]);
    e.W.grad = null;
    e.forward(idx).sum().backward();
    expect(Array.from(e.W.grad!.data)).toEqual([1, 1, 1, 0, 0, 0, 3, 3, 3, 1, 1, 1]);
  });

  it('throws naming a bad index', () => {
    const e = new nn.Embedding(4, 2);
    expect(() => e.forward([1, 4])).toThrow(/index 4 at position 1 is out of range for 4 embeddings/);
    expect(() => e.forward([-1])).toThrow(/index -1/);
    expect(() => e.forward([[0, 1.5]])).toThrow(/index 1.5 at position \[0, 1\] is not an integer/);
  });
});

describe('nn.Module and nn.Sequential', () => {
  const make = (): nn.Sequential => new nn.Sequential(
    new nn.Linear(2, 3, { generator: new Generator(1) }), new nn.Tanh(), new nn.BatchNorm1d(3), new nn.Linear(3, 1, { generator: new Generator(2) }),
  );

  it('collects parameters recursively in declaration order, with dotted names', () => {
    const m = make();
    expect(m.namedParameters().map(([n]) => n)).toEqual(['0.W', '0.b', '2.gamma', '2.beta', '3.W', '3.b']);
    expect(Object.keys(m.stateDict())).toEqual(['0.W', '0.b', '2.gamma', '2.beta', '2.runningMean', '2.runningVar', '3.W', '3.b']);
    expect(m.length).toBe(4);
    expect(m.at(-1)).toBeInstanceOf(nn.Linear);

    class Net extends nn.Module {
      body = make();
      out = new nn.Linear(1, 2);
      forward(x: Tensor): Tensor { return this.out.forward(this.body.forward(x)); }
    }
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(['body.0.W', 'body.0.b', 'body.2.gamma', 'body.2.beta', 'body.3.W', 'body.3.b', 'out.W', 'out.b']);
    expect(net.forward(tensor([[1, 2], [3, 4]])).shape).toEqual([2, 2]);
  });

  it('train()/eval() propagate, zeroGrad() clears grads', () => {
    const m = make();
    m.eval();
    expect([...m].every((c) => !c.training)).toBe(true);
    m.train();
    expect([...m].every((c) => c.training)).toBe(true);
    m.forward(tensor([[1, 2], [3, 4]])).sum().backward();
    expect(m.parameters().every((p) => p.grad !== null)).toBe(true);
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('loadStateDict copies into the existing tensors, so an optimizer built before stays linked (Sorix §12.9)', () => {
    const a = make(), b = make();
    a.parameters().forEach((p, i) => p.data.fill(i + 1));
    const opt = new optim.SGD(b.parameters(), { lr: 0.5 });
    const W = (b.at(0) as nn.Linear).W;
    const before = W.data;
    b.loadStateDict(a.stateDict());
    expect(W.data).toBe(before);
    expect(Array.from(W.data)).toEqual(new Array(6).fill(1));
    W.grad = new Tensor(new Float32Array(6).fill(2), [2, 3]);
    opt.step();
    expect(Array.from((b.at(0) as nn.Linear).W.data)).toEqual(new Array(6).fill(0));
    // stateDict is a snapshot
    const sd = b.stateDict();
    W.data.fill(7);
    expect(sd['0.W']!.data[0]).toBe(0);
  });

  it('loadStateDict rejects missing, unknown and mis-shaped entries without changing anything', () => {
    const m = make();
    const sd = m.stateDict();
    const { ['3.b']: _drop, ...missing } = sd;
    expect(() => m.loadStateDict(missing)).toThrow(/missing key '3.b'/);
    expect(() => m.loadStateDict({ ...sd, extra: tensor([1]) })).toThrow(/unknown key 'extra'/);
    const old = Array.from((m.at(0) as nn.Linear).W.data);
    expect(() => m.loadStateDict({ ...sd, '0.W': tensor(new Array(6).fill(9)), '3.W': tensor([1, 2]) })).toThrow(/'0.W' has shape \(2,3\) in the module but \(6,\)/);
    expect(Array.from((m.at(0) as nn.Linear).W.data)).toEqual(old);
  });

  it('noGrad forward records no graph', () => {
    const m = make();
    const y = noGrad(() => m.forward(tensor([[1, 2], [3, 4]])));
    expect(y.requiresGrad).toBe(false);
  });
});

describe('shared layers', () => {
  it('a layer used twice contributes its parameters once, and both uses accumulate into them', () => {
    const shared = new nn.Linear(2, 2, { dtype: 'float64', generator: new Generator(9) });
    const m = new nn.Sequential(shared, new nn.Tanh(), shared);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['0.W', '0.b']);
    const x = f64(values(6, 3), [3, 2]);
    gradCheck(() => head(m.forward(x), 5), [x, shared.W, shared.b!]);
    expect(() => new optim.SGD(m.parameters())).not.toThrow();
    expect(() => new optim.SGD([shared.W.mul(2)])).toThrow(/leaf/);
  });
});
