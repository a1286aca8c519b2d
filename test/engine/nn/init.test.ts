import { describe, expect, it } from 'vitest';
import { ArgumentError, Generator, manualSeed, nn, optim, Tensor, zeros } from '../../../src/engine';

const stats = (t: Tensor): { mean: number; std: number; min: number; max: number } => {
  const d = Array.from(t.data);
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const std = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length);
  return { mean, std, min: Math.min(...d), max: Math.max(...d) };
};

describe('nn.init', () => {
  it('uniform_ and normal_ draw from the seeded generator: the same seed gives the same values', () => {
    const a = nn.init.uniform_(zeros([400, 50]), -2, 3, { generator: new Generator(7) });
    const b = nn.init.uniform_(zeros([400, 50]), -2, 3, { generator: new Generator(7) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    const s = stats(a);
    expect(s.min).toBeGreaterThanOrEqual(-2);
    expect(s.max).toBeLessThan(3);
    expect(s.mean).toBeCloseTo(0.5, 1);
    expect(s.std).toBeCloseTo(5 / Math.sqrt(12), 1);
    manualSeed(3);
    const n1 = Array.from(nn.init.normal_(zeros([100]), 1, 2).data);
    manualSeed(3);
    expect(Array.from(nn.init.normal_(zeros([100]), 1, 2).data)).toEqual(n1);
    const n = stats(nn.init.normal_(zeros([200, 100], { dtype: 'float64' }), 1, 2, { generator: new Generator(1) }));
    expect(n.mean).toBeCloseTo(1, 1);
    expect(n.std).toBeCloseTo(2, 1);
  });

  it('fills in place, keeps the dtype and stays linked to an optimizer built before (unlike Sorix §12.9)', () => {
    const lin = new nn.Linear(3, 2);
    const W = lin.W, data = W.data;
    const opt = new optim.SGD(lin.parameters(), { lr: 1 });
    expect(nn.init.constant_(W, 0.5)).toBe(W);
    expect(W.data).toBe(data);
    expect(W.dtype).toBe('float32');
    nn.init.zeros_(lin.b!);
    W.grad = new Tensor(new Float32Array(6).fill(0.25), [3, 2]);
    opt.step();
    expect(Array.from(W.data)).toEqual(new Array(6).fill(0.25));
    expect(Array.from(nn.init.ones_(lin.b!).data)).toEqual([1, 1]);
    expect(W.gradFn).toBeNull();
  });

  it('xavier and kaiming use the (in, out) layout: bounds and stds from fanIn = shape[0], fanOut = shape[1]', () => {
    const g = new Generator(5);
    const xu = stats(nn.init.xavierUniform_(zeros([300, 100], { dtype: 'float64' }), 2, { generator: g }));
    const xb = 2 * Math.sqrt(6 / 400);
    expect(xu.min).toBeGreaterThanOrEqual(-xb);
    expect(xu.max).toBeLessThanOrEqual(xb);
    expect(xu.max).toBeGreaterThan(0.99 * xb);
    expect(stats(nn.init.xavierNormal_(zeros([300, 100], { dtype: 'float64' }), 1, { generator: g })).std).toBeCloseTo(Math.sqrt(2 / 400), 2);
    const ku = stats(nn.init.kaimingUniform_(zeros([300, 100], { dtype: 'float64' }), { generator: g }));
    const kb = Math.sqrt(3) * Math.SQRT2 / Math.sqrt(300);
    expect(ku.min).toBeGreaterThanOrEqual(-kb);
    expect(ku.max).toBeGreaterThan(0.99 * kb);
    const kn = nn.init.kaimingNormal_(zeros([300, 100], { dtype: 'float64' }), { mode: 'fan_out', nonlinearity: 'tanh', generator: g });
    expect(stats(kn).std).toBeCloseTo((5 / 3) / Math.sqrt(100), 2);
    const leaky = nn.init.kaimingNormal_(zeros([400, 100], { dtype: 'float64' }), { a: 0.2, generator: g });
    expect(stats(leaky).std).toBeCloseTo(Math.sqrt(2 / 1.04) / 20, 2);
    expect(nn.init.calculateFans(zeros([3, 4, 5]))).toEqual([15, 20]);
  });

  it('refuses what PyTorch refuses, with the helper and the value in the message', () => {
    expect(() => nn.init.xavierUniform_(zeros([5]))).toThrow(/fewer than 2 dimensions/);
    expect(() => nn.init.uniform_(zeros([2]), 1, 0)).toThrow(/needs a ≤ b/);
    expect(() => nn.init.normal_(zeros([2]), 0, -1)).toThrow(/std must be non-negative/);
    expect(() => nn.init.kaimingUniform_(zeros([2, 2]), { mode: 'fanIn' as never })).toThrow(/mode must be 'fan_in' or 'fan_out'/);
    expect(() => nn.init.calculateGain('gelu' as never)).toThrow(ArgumentError);
    expect(() => nn.init.uniform_([1, 2] as never)).toThrow(/expects a Tensor/);
    expect(nn.init.kaimingNormal_(zeros([0, 3])).size).toBe(0);
    expect(nn.init.xavierUniform_(zeros([0, 0])).size).toBe(0);
  });
});
