/**
 * min, argmax/argmin, var/std, logsumexp, maximum/minimum: closed-form values at the extremes (±100, ±1000, 0, NaN),
 * float32 behaviour and the errors. The comparison with PyTorch is in training-ops.test.ts, the finite-difference
 * gradients in gradcheck.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError, argmax, argmin, logsumexp, maximum, min, minimum, std, tensor, variance } from '../../src/engine';

const f64 = (v: number[], shape?: number[], requiresGrad = true) => tensor(Float64Array.from(v), { shape: shape ?? [v.length], requiresGrad });

describe('min', () => {
  it('is exact at ±1000 and ±100, with the gradient on the first minimal element', () => {
    const x = f64([1000, -1000, 0, -1000, 100, -100], [2, 3]);
    const y = x.min(1);
    expect(Array.from(y.data)).toEqual([-1000, -1000]);
    y.sum().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 1, 0, 1, 0, 0]);
    const all = f64([3, -1000, -1000]);
    min(all).backward();
    expect(Array.from(all.grad!.data)).toEqual([0, 1, 0]);
  });

  it('keeps −0 (the first of 0 and −0), propagates NaN and refuses zero elements', () => {
    expect(Object.is(f64([-0, 0]).min().item(), -0)).toBe(true);
    expect(f64([1, NaN, -5]).min().item()).toBeNaN();
    expect(() => f64([], [0, 3]).min(0)).toThrow(/minimum of zero elements/);
  });
});

describe('argmax / argmin', () => {
  it('return float64 whole-number indices with no gradient; ties give the first index', () => {
    const x = f64([2, 7, 7, 1, -3, -3], [2, 3]);
    const i = x.argmax(1);
    expect(i.dtype).toBe('float64');
    expect(i.requiresGrad).toBe(false);
    expect(Array.from(i.data)).toEqual([1, 0]);
    expect(Array.from(argmin(x, 1).data)).toEqual([0, 1]);
    expect(argmax(x).item()).toBe(1);
    expect(argmax(x).shape).toEqual([]);
    expect(argmax(x, null, true).shape).toEqual([1, 1]);
    expect(x.argmin(0, true).shape).toEqual([1, 3]);
    expect(Array.from(x.argmin(0, true).data)).toEqual([1, 1, 1]);
  });

  it('count NaN as the extremum (PyTorch) and handle ±1000 and float32', () => {
    expect(Array.from(f64([1, NaN, 5, NaN], [4]).argmax().data)).toEqual([1]);
    expect(f64([1, NaN, -5]).argmin().item()).toBe(1);
    const x32 = tensor([-1000, 1000, 0, -100]);
    expect(argmax(x32).item()).toBe(1);
    expect(argmin(x32).item()).toBe(0);
    expect(argmax(x32).dtype).toBe('float64');
  });

  it('refuse a list of axes and out-of-range axes', () => {
    const x = f64([1, 2, 3, 4], [2, 2]);
    expect(() => x.argmax([0, 1] as unknown as number)).toThrow(ArgumentError);
    expect(() => x.argmax(2)).toThrow(/axis 2 is out of range/);
  });
});

describe('var / std', () => {
  it('use correction 1 by default and accept correction or unbiased (not both, disagreeing)', () => {
    const x = f64([1, 2, 3, 4]);
    expect(x.var().item()).toBeCloseTo(5 / 3, 15);
    expect(variance(x, null, false, { correction: 0 }).item()).toBe(1.25);
    expect(x.var(0, false, { unbiased: false }).item()).toBe(1.25);
    expect(std(x, 0, true, { correction: 0 }).data[0]).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(() => x.var(0, false, { correction: 0, unbiased: true })).toThrow(/disagree/);
    expect(() => x.std(0, false, { correction: NaN })).toThrow(/correction must be a finite number/);
  });

  it('are exact at ±1000 and ±100 (two passes, no cancellation) and give NaN for NaN or Infinity', () => {
    expect(f64([1000, -1000]).var().item()).toBe(2e6);
    expect(f64([1e8 + 1, 1e8 + 2, 1e8 + 3]).var().item()).toBe(1);
    expect(f64([100, 100, 100]).std().item()).toBe(0);
    expect(f64([1, NaN]).var().item()).toBeNaN();
    expect(f64([1, Infinity]).std().item()).toBeNaN();
  });

  it('std of a constant lane has gradient 0 (PyTorch masks it), not NaN', () => {
    const x = f64([5, 5, 5]);
    x.std().backward();
    expect(Array.from(x.grad!.data)).toEqual([0, 0, 0]);
  });

  it('float32 input stays float32 and is summed in float64', () => {
    const x = tensor([1e4 + 1, 1e4 + 2, 1e4 + 3], { requiresGrad: true });
    const v = x.var();
    expect(v.dtype).toBe('float32');
    expect(v.item()).toBe(1);
    v.backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(Array.from(x.grad!.data)).toEqual([-1, 0, 1]);
  });
});

describe('logsumexp', () => {
  it('is stable at ±1000 and exact where the sum is one term', () => {
    expect(f64([1000, 1000]).logsumexp().item()).toBe(1000 + Math.LN2);
    expect(f64([-1000, -1000]).logsumexp().item()).toBe(-1000 + Math.LN2);
    expect(f64([1000, -1000, 0]).logsumexp().item()).toBe(1000);
    expect(f64([100, 0]).logsumexp().item()).toBeCloseTo(100 + Math.exp(-100), 12);
  });

  it('follows PyTorch at infinities: −∞ lanes give −∞, +∞ wins, NaN propagates; an empty lane gives −∞', () => {
    const x = f64([-Infinity, -Infinity, Infinity, -Infinity, NaN, 1], [3, 2]);
    expect(Array.from(logsumexp(x, 1).data)).toEqual([-Infinity, Infinity, NaN]);
    expect(Array.from(f64([], [2, 0]).logsumexp(1).data)).toEqual([-Infinity, -Infinity]);
  });

  it('its gradient is the lane softmax: exactly 1 on a dominating entry and 0 at −1000', () => {
    const x = f64([1000, 0, -1000]);
    x.logsumexp().backward();
    expect(Array.from(x.grad!.data)).toEqual([1, 0, 0]);
  });
});

describe('maximum / minimum', () => {
  it('split the gradient in half on ties, as PyTorch', () => {
    const a = f64([1, 2, 3]), b = f64([1, 5, -3]);
    maximum(a, b).sum().backward();
    expect(Array.from(a.grad!.data)).toEqual([0.5, 0, 1]);
    expect(Array.from(b.grad!.data)).toEqual([0.5, 1, 0]);
  });

  it('propagate NaN from either side (both sides then receive the gradient) and handle ±1000 and ±Infinity', () => {
    const a = f64([NaN, 0, -1000, Infinity]), b = f64([0, NaN, 1000, -Infinity]);
    const y = minimum(a, b);
    expect(Array.from(y.data)).toEqual([NaN, NaN, -1000, -Infinity]);
    y.sum().backward();
    expect(Array.from(a.grad!.data)).toEqual([1, 1, 1, 0]);
    expect(Array.from(b.grad!.data)).toEqual([1, 1, 0, 1]);
  });

  it('broadcast, take numbers and refuse shapes that do not broadcast', () => {
    const x = f64([-2, -1, 0, 1, 2]);
    expect(Array.from(x.maximum(0).data)).toEqual([0, 0, 0, 1, 2]);
    expect(maximum(f64([1, 2], [2, 1]), f64([0, 3, 1.5], [1, 3])).shape).toEqual([2, 3]);
    expect(() => minimum(f64([1, 2]), f64([1, 2, 3]))).toThrow(/cannot broadcast/);
  });
});

describe('0-d tensors', () => {
  it('reduce to themselves (var/std of one value: NaN with correction 1, 0 with correction 0)', () => {
    const x = tensor(new Float64Array([2.5]), { shape: [] });
    expect(x.min().item()).toBe(2.5);
    expect(x.argmax().item()).toBe(0);
    expect(x.argmin(0).item()).toBe(0);
    expect(x.logsumexp().item()).toBe(2.5);
    expect(x.var().item()).toBeNaN();
    expect(x.std(null, false, { correction: 0 }).item()).toBe(0);
    expect(x.maximum(3).item()).toBe(3);
  });
});
