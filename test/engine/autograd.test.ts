/**
 * Autograd behaviour: accumulation, noGrad, freed graphs, retainGraph, gradient shapes, dtypes, and the tensor
 * helpers (detach, item, toArray), factories and seeded randomness. Expected values come from the definitions
 * (d(x²)/dx = 2x, NumPy's arange/linspace/eye) or from statistics, never from the engine's own output.
 */
import { describe, expect, it } from 'vitest';
import {
  ArgumentError, AutogradError, EngineError, ShapeError, arange, cat, eye, full, linspace, manualSeed, matmul,
  noGrad, isGradEnabled, ones, rand, randint, randn, stack, tensor, where, zeros, Generator, type IndexEntry, type Tensor,
} from '../../src/engine';

const f64 = (v: number[], shape?: number[], requiresGrad = true): Tensor => tensor(new Float64Array(v), { shape: shape ?? [v.length], requiresGrad });
const arr = (t: Tensor | null): number[] => Array.from(t!.data);

describe('backward', () => {
  it('accumulates gradients across backward calls', () => {
    const x = f64([1, 2, 3]);
    x.mul(x).sum().backward();
    expect(arr(x.grad)).toEqual([2, 4, 6]);
    x.mul(x).sum().backward();
    expect(arr(x.grad)).toEqual([4, 8, 12]);
    x.zeroGrad();
    expect(x.grad).toBeNull();
    x.pow(3).sum().backward();
    expect(arr(x.grad)).toEqual([3, 12, 27]);
  });

  it('keeps .grad on intermediate tensors too (as Sorix does)', () => {
    const x = f64([1, 2]);
    const y = x.mul(3);
    const s = y.sum();
    s.backward();
    expect(arr(y.grad)).toEqual([1, 1]);
    expect(arr(s.grad)).toEqual([1]);
    expect(arr(x.grad)).toEqual([3, 3]);
  });

  it('a second backward through a freed graph throws a clear AutogradError', () => {
    const x = f64([1, 2]);
    const s = x.mul(x).sum();
    s.backward();
    expect(() => s.backward()).toThrow(AutogradError);
    expect(() => s.backward()).toThrow(/freed.*retainGraph/);
    // Building on a freed intermediate and going back through it fails the same way.
    const y = x.exp();
    y.sum().backward();
    expect(() => y.mul(2).sum().backward()).toThrow(AutogradError);
    // The leaf itself can start a new graph.
    x.zeroGrad();
    x.mul(5).sum().backward();
    expect(arr(x.grad)).toEqual([5, 5]);
  });

  it('retainGraph keeps the graph for another backward, whose gradients add up', () => {
    const x = f64([1, -2]);
    const s = x.mul(x).sum();
    s.backward(undefined, { retainGraph: true });
    s.backward();
    expect(arr(x.grad)).toEqual([4, -8]);
    expect(() => s.backward()).toThrow(AutogradError);
  });

  it('backward from a non-scalar without a gradient throws; a one-element (1,1) root is accepted', () => {
    const x = f64([1, 2, 3, 4], [2, 2]);
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/\(2,2\)/);
    const r = x.sum(1, true).sum(0, true);
    expect(r.shape).toEqual([1, 1]);
    r.backward();
    expect(arr(x.grad)).toEqual([1, 1, 1, 1]);
  });

  it('an explicit gradient must have the root\'s shape', () => {
    const x = f64([1, 2, 3]);
    const y = x.mul(2);
    expect(() => y.backward(f64([1, 1], undefined, false))).toThrow(ShapeError);
    expect(() => y.backward([[1, 1, 1]])).toThrow(/\(1,3\).*\(3,\)/);
    y.backward([1, 0.5, -1]);
    expect(arr(x.grad)).toEqual([2, 1, -2]);
  });

  it('refuses backward from a tensor that does not require grad', () => {
    expect(() => f64([1], undefined, false).sum().backward()).toThrow(AutogradError);
  });

  it('gradients of different tensors never share storage', () => {
    // add and reshape pass the upstream gradient through: each .grad must still be its own array, or an
    // optimiser updating one in place (weight decay) would change the others.
    const a = f64([1, 2]);
    const b = f64([3, 4]);
    const y = a.add(b);
    const z = y.reshape([2, 1]);
    z.sum().backward();
    const grads = [a.grad!, b.grad!, y.grad!, z.grad!];
    for (let i = 0; i < grads.length; i++) for (let j = i + 1; j < grads.length; j++) expect(grads[i]!.data).not.toBe(grads[j]!.data);
    a.grad!.data[0] = 99;
    expect(arr(b.grad)).toEqual([1, 1]);
    expect(arr(y.grad)).toEqual([1, 1]);
  });
});

describe('noGrad', () => {
  it('records no graph inside and restores the mode afterwards, also after a throw', () => {
    const x = f64([1, 2]);
    const y = noGrad(() => x.mul(2).exp());
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
    const z = noGrad(() => noGrad(() => x.add(1)));
    expect(z.requiresGrad).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(true);
  });

  it('returns the function\'s value', () => {
    expect(noGrad(() => 42)).toBe(42);
  });
});

describe('dtypes', () => {
  const x32 = (): Tensor => tensor([[0.5, -1.25], [2, 3]], { requiresGrad: true });

  it('literal data is float32 and results of every op keep it', () => {
    const x = x32();
    expect(x.dtype).toBe('float32');
    const results: Tensor[] = [
      x.add(x), x.sub(1), x.mul(0.1), x.div(3), x.neg(), x.pow(2), x.exp(), x.abs().log(), x.abs().sqrt(), x.sin(),
      x.cos(), x.abs(), x.clamp(0, 1), x.sigmoid(), x.tanh(), x.relu(), x.leakyRelu(), x.softmax(), x.logSoftmax(),
      x.matmul(x), x.sum(), x.mean(0), x.max(1), x.reshape(-1), x.T, x.unsqueeze(0).squeeze(0), x.index([0]),
      cat([x, x]), stack([x, x]), where(x.relu(), x, 0),
    ];
    for (const r of results) expect(r.dtype).toBe('float32');
    const s = results.reduce((acc, r) => acc.add(r.sum()), x.sum());
    s.backward();
    expect(x.grad!.dtype).toBe('float32');
  });

  it('a JS number operand does not change the dtype, and is used at that dtype\'s precision', () => {
    const x = tensor([3]);
    expect(x.mul(0.1).data[0]).toBe(Math.fround(3 * Math.fround(0.1)));
    // In float64 the number is exact: 3·0.1 as doubles (Sorix would round 0.1 to float32 first).
    expect(tensor(new Float64Array([3])).mul(0.1).data[0]).toBe(3 * 0.1);
    expect(tensor(new Float64Array([0])).add(1e-300).data[0]).toBe(1e-300);
  });

  it('float32 with float64 promotes to float64 and each input gets a gradient of its own dtype', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor(new Float64Array([0.1, 0.2]), { requiresGrad: true });
    const y = a.mul(b);
    expect(y.dtype).toBe('float64');
    expect(matmul(a, b).dtype).toBe('float64');
    expect(cat([a, b]).dtype).toBe('float64');
    y.sum().backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(b.grad!.dtype).toBe('float64');
    expect(arr(a.grad)).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    expect(arr(b.grad)).toEqual([1, 2]);
  });

  it('{ dtype } converts literal data and a Float64Array keeps float64', () => {
    expect(tensor([0.1], { dtype: 'float64' }).data[0]).toBe(0.1);
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1));
    expect(tensor(new Float64Array([0.1])).dtype).toBe('float64');
    expect(() => tensor([1], { dtype: 'int32' as never })).toThrow(ArgumentError);
  });
});

describe('tensor helpers', () => {
  it('detach copies the values into a new leaf without grad', () => {
    const x = f64([1, 2]);
    const y = x.mul(2);
    const d = y.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    expect(arr(d)).toEqual([2, 4]);
    d.data[0] = 100;
    expect(arr(y)).toEqual([2, 4]);
  });

  it('item returns the single value and refuses more than one', () => {
    expect(f64([2.5]).item()).toBe(2.5);
    expect(f64([7], [1, 1]).item()).toBe(7);
    expect(tensor(3).item()).toBe(3);
    expect(() => f64([1, 2]).item()).toThrow(ArgumentError);
  });

  it('toArray nests by shape; a 0-d tensor gives a number', () => {
    expect(f64([1, 2, 3, 4, 5, 6], [2, 3]).toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(f64([1, 2], [2, 1, 1]).toArray()).toEqual([[[1]], [[2]]]);
    expect(tensor(1.5).toArray()).toBe(1.5);
    expect(tensor([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
  });

  it('refuses ragged data and mismatched shapes', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(ShapeError);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
  });
});

describe('index follows NumPy', () => {
  // Expected values printed by NumPy 2.4.6 for x = np.arange(24).reshape(2, 3, 4).
  const x = (): Tensor => arange(24, undefined, 1, { dtype: 'float64' }).reshape(2, 3, 4);
  it.each([
    ['x[1, :, [0, 2]]', [1, {}, [0, 2]], [[12, 16, 20], [14, 18, 22]]],
    ['x[[1, 0], :, 1]', [[1, 0], {}, 1], [[13, 17, 21], [1, 5, 9]]],
    ['x[:, 1, [3, 0]]', [{}, 1, [3, 0]], [[7, 4], [19, 16]]],
    ['x[1, [2, 0]]', [1, [2, 0]], [[20, 21, 22, 23], [12, 13, 14, 15]]],
    ['x[0:1, [2, 0], 3]', [{ start: 0, stop: 1 }, [2, 0], 3], [[11, 3]]],
    ['x[1, 0:2, [3, 1, 0]]', [1, { start: 0, stop: 2 }, [3, 1, 0]], [[15, 19], [13, 17], [12, 16]]],
    ['x[-1, ::-2, 1:]', [-1, { step: -2 }, { start: 1 }], [[21, 22, 23], [13, 14, 15]]],
  ] as const)('%s', (_n, spec, want) => {
    expect(x().index(spec as unknown as IndexEntry[]).toArray()).toEqual(want);
  });
});

describe('errors name the op and the shapes', () => {
  it('matmul', () => {
    expect(() => matmul(f64([1, 2, 3, 4, 5, 6], [2, 3]), f64(new Array(20).fill(1), [4, 5]))).toThrow(
      'matmul: cannot multiply (2,3) by (4,5): inner sizes 3 and 4 differ',
    );
  });
  it('broadcasting', () => {
    const e = (() => { try { f64([1, 2, 3, 4, 5, 6], [2, 3]).add(f64([1, 2])); } catch (err) { return err; } return null; })();
    expect(e).toBeInstanceOf(ShapeError);
    expect(e).toBeInstanceOf(EngineError);
    expect((e as Error).message).toMatch(/^add: .*\(2,3\).*\(2,\)/);
  });
  it('reshape, axes and indices', () => {
    expect(() => f64([1, 2, 3]).reshape(2, 2)).toThrow(/^reshape: .*\(3,\)/);
    expect(() => f64([1, 2, 3]).sum(1)).toThrow(ArgumentError);
    expect(() => f64([1, 2, 3]).index(3)).toThrow(/^index: index 3 is out of range for axis 0 of size 3/);
    expect(() => f64([1, 2, 3]).index(1.5)).toThrow(/not an integer/);
    expect(() => f64([1, 2, 3, 4], [2, 2]).transpose([0, 2])).toThrow(ArgumentError);
  });
});

describe('factories', () => {
  it('zeros, ones, full, eye follow their definitions (float32 by default)', () => {
    expect(arr(zeros([2, 2]))).toEqual([0, 0, 0, 0]);
    expect(ones(3).dtype).toBe('float32');
    expect(arr(ones([2], { dtype: 'float64' }))).toEqual([1, 1]);
    expect(arr(full([2, 2], 0.1, { dtype: 'float64' }))).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(eye(3).toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(zeros([2], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('arange and linspace match NumPy', () => {
    expect(arr(arange(5))).toEqual([0, 1, 2, 3, 4]);
    expect(arr(arange(1, 2, 0.25, { dtype: 'float64' }))).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arr(arange(3, 0, -1))).toEqual([3, 2, 1]);
    expect(arange(0, 0).shape).toEqual([0]);
    expect(arr(linspace(0, 1, 5, { dtype: 'float64' }))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(arr(linspace(2, 3, 1))).toEqual([2]);
    expect(linspace(0, 1, 0).shape).toEqual([0]);
    expect(linspace(-1, 1, 7, { dtype: 'float64' }).data[6]).toBe(1);
  });

  it('linspace and arange agree with NumPy 2.4.6 to the last bit', () => {
    // Printed by NumPy: [float(v) for v in np.linspace(...)] and np.arange(...).
    expect(arr(linspace(-1, 1, 7, { dtype: 'float64' }))).toEqual([-1.0, -0.6666666666666667, -0.33333333333333337, 0.0, 0.33333333333333326, 0.6666666666666665, 1.0]);
    expect(arr(linspace(0.1, 2.7, 13, { dtype: 'float64' }))).toEqual([
      0.1, 0.31666666666666665, 0.5333333333333333, 0.75, 0.9666666666666667, 1.1833333333333336, 1.4000000000000001,
      1.6166666666666667, 1.8333333333333335, 2.0500000000000003, 2.266666666666667, 2.4833333333333334, 2.7,
    ]);
    expect(arr(arange(0, 1, 0.1, { dtype: 'float64' }))).toEqual([0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9]);
    expect(arr(arange(-1, 1.05, 0.35, { dtype: 'float64' }))).toEqual([-1.0, -0.65, -0.30000000000000004, 0.04999999999999982, 0.3999999999999999, 0.75]);
  });

  it('manualSeed makes rand, randn and randint reproducible', () => {
    manualSeed(42);
    const a = [arr(rand([5])), arr(randn([5])), arr(randint(0, 10, [5]))];
    manualSeed(42);
    const b = [arr(rand([5])), arr(randn([5])), arr(randint(0, 10, [5]))];
    expect(b).toEqual(a);
    manualSeed(43);
    expect(arr(rand([5]))).not.toEqual(a[0]);
    const g1 = new Generator(7);
    const g2 = new Generator(7);
    expect(arr(randn([4], { generator: g1 }))).toEqual(arr(randn([4], { generator: g2 })));
  });

  it('random values have the right ranges and moments', () => {
    manualSeed(1);
    const u = arr(rand([20000], { dtype: 'float64' }));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    const mu = u.reduce((s, v) => s + v, 0) / u.length;
    expect(Math.abs(mu - 0.5)).toBeLessThan(0.01); // sd of the mean is 0.002
    const n = arr(randn([20000], { dtype: 'float64' }));
    const m = n.reduce((s, v) => s + v, 0) / n.length;
    const v = n.reduce((s, x) => s + (x - m) ** 2, 0) / n.length;
    expect(Math.abs(m)).toBeLessThan(0.03); // sd 0.007
    expect(Math.abs(v - 1)).toBeLessThan(0.05); // sd 0.01
    const k = arr(randint(-2, 3, [5000]));
    expect(k.every((x) => Number.isInteger(x) && x >= -2 && x < 3)).toBe(true);
    expect(new Set(k).size).toBe(5);
  });
});
