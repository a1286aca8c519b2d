import { describe, expect, it } from 'vitest';
import { registry, type ScalarFunction } from '../../../src/kinds';
import { activationCurve, FLAT, informativeRange } from '../../../src/ui/charts/curve';

const scalar = (id: string): ScalarFunction => registry.get(id)!.scalar!;
const sigma = (x: number) => 1 / (1 + Math.exp(-x));

describe('the informative region of an activation, found from the function', () => {
  it('is −10…10 for the sigmoid: σ′ is still above FLAT of its peak at 5 and below it at 10', () => {
    const r = informativeRange(scalar('sigmoid'), {});
    expect([r.lo, r.hi]).toEqual([-10, 10]);
    const d = (x: number) => sigma(x) * (1 - sigma(x));
    expect(d(5)).toBeGreaterThan(FLAT * 0.25);
    expect(d(10)).toBeLessThan(FLAT * 0.25);
  });
  it('is −5…5 for tanh (tanh′ = 1 − tanh², peak 1, flat past ≈ 3.8)', () => {
    const r = informativeRange(scalar('tanh'), {});
    expect([r.lo, r.hi]).toEqual([-5, 5]);
    expect(1 - Math.tanh(3) ** 2).toBeGreaterThan(FLAT);
    expect(1 - Math.tanh(5) ** 2).toBeLessThan(FLAT);
  });
  it('comes from the curve, not a table: arctan, whose 1/(1 + x²) falls to FLAT at √999 ≈ 31.6, gets −40…40', () => {
    const atan: ScalarFunction = { f: Math.atan, df: (x) => 1 / (1 + x * x), domain: [-1, 1] };
    const r = informativeRange(atan, {});
    expect([r.lo, r.hi]).toEqual([-40, 40]);
  });
  it('an off-centre bump is found where it is', () => {
    const bump: ScalarFunction = { f: (x) => sigma(x - 30), df: (x) => sigma(x - 30) * (1 - sigma(x - 30)), domain: [-1, 1] };
    const r = informativeRange(bump, {});
    // σ′ is flat beyond 30 ± 6.9: the region takes in 23.1…36.9, rounded out.
    expect(r.lo).toBeLessThanOrEqual(23.1);
    expect(r.lo).toBeGreaterThan(0);
    expect(r.hi).toBeGreaterThanOrEqual(36.9);
    expect(r.hi).toBeLessThanOrEqual(50);
  });
  it('falls back to the declared range when f′ has no peak (exp grows, ReLU is a step, log is undefined left of 0)', () => {
    for (const id of ['exp', 'relu', 'log']) {
      const r = informativeRange(scalar(id), {});
      expect([r.lo, r.hi]).toEqual([...scalar(id).domain]);
    }
    expect(informativeRange(scalar('relu'), {}).scaleFree).toBe(true);
    expect(informativeRange(scalar('exp'), {}).scaleFree).toBe(false);
    expect(informativeRange(scalar('sigmoid'), {}).scaleFree).toBe(false);
  });
});

describe('the activation plot of the seed', () => {
  const seed = activationCurve(scalar('sigmoid'), {}, [-100, 0, 100], [3.8e-44, 0.5, 1]);
  it('plots the S-curve over −10…10 whatever the inputs', () => {
    expect(seed.window).toEqual([-10, 10]);
    expect(seed.curve[0]!.x).toBe(-10);
    expect(seed.curve.at(-1)!.x).toBe(10);
    const mid = seed.curve[(seed.curve.length - 1) / 2]!;
    expect(mid.x).toBeCloseTo(0, 12);
    expect(mid.f).toBeCloseTo(0.5, 12);
    expect(mid.df).toBeCloseTo(0.25, 12);
    expect(activationCurve(scalar('sigmoid'), {}, [-1000, 1000], [0, 1]).window).toEqual([-10, 10]);
  });
  it('keeps every input at its true value, and draws −100 and 100 at the edges', () => {
    expect(seed.marks.map((m) => [m.x, m.f])).toEqual([[-100, 3.8e-44], [0, 0.5], [100, 1]]);
    expect(seed.drawn.map((m) => [m.side, m.px])).toEqual([['below', -10], ['in', 0], ['above', 10]]);
    // Drawn inside the plotted y ranges, at the ends where the true values lie.
    const [below, , above] = seed.drawn;
    expect(below!.pf).toBeCloseTo(sigma(-10), 12);
    expect(above!.pf).toBeCloseTo(sigma(10), 12);
    expect(above!.pdf).toBeGreaterThanOrEqual(seed.dfRange[0]);
  });
  it('gives the overview a round range taking in every input: −120…120, and −1200…1200 for ±1000', () => {
    expect(seed.range).toEqual([-120, 120]);
    expect(activationCurve(scalar('sigmoid'), {}, [-1000, 0, 1000], [0, 0.5, 1]).range).toEqual([-1200, 1200]);
    expect(activationCurve(scalar('sigmoid'), {}, [1, 2], [0.73, 0.88]).range).toEqual([-10, 10]);
  });
  it('ignores NaN and ±Infinity as marks', () => {
    const c = activationCurve(scalar('sigmoid'), {}, [NaN, Infinity, 1], [NaN, 1, 0.73]);
    expect(c.marks.map((m) => m.x)).toEqual([1]);
  });
  it('lets the inputs set the scale of a scale-free curve (ReLU looks the same at every scale)', () => {
    const c = activationCurve(scalar('relu'), {}, [-100, 0, 100], [0, 0, 100]);
    expect(c.window).toEqual([-120, 120]);
    expect(c.drawn.every((m) => m.side === 'in')).toBe(true);
  });
});
