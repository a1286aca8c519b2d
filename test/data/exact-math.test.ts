import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/engine/random';
import { exactLog, exactNormal, exactSinCos } from '../../src/data/exact-math';

describe('engine-independent log, sin, cos and normal samples', () => {
  it('log agrees with Math.log to a few ulp from subnormals to huge numbers', () => {
    const rng = new Generator(1);
    for (let i = 0; i < 20000; i++) {
      const x = Math.exp((rng.random() - 0.5) * 1400);
      const want = Math.log(x);
      expect(Math.abs(exactLog(x) - want)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(want)));
    }
    expect([exactLog(1), exactLog(2), exactLog(5e-324) / Math.log(5e-324)]).toEqual([0, Math.LN2, 1]);
    expect([exactLog(0), exactLog(-1), exactLog(Infinity)]).toEqual([-Infinity, NaN, Infinity]);
  });

  it('sin and cos agree with Math.sin/cos to 1e-15 over the angles the spiral uses and beyond', () => {
    const rng = new Generator(2);
    for (let i = 0; i < 20000; i++) {
      const t = (rng.random() - 0.5) * 200;
      const [s, c] = exactSinCos(t);
      expect(Math.abs(s - Math.sin(t))).toBeLessThan(1e-15 * Math.max(1, Math.abs(t)));
      expect(Math.abs(c - Math.cos(t))).toBeLessThan(1e-15 * Math.max(1, Math.abs(t)));
    }
    expect(exactSinCos(0)).toEqual([0, 1]);
    expect(exactSinCos(Math.PI / 2)[0]).toBe(1);
    expect(exactSinCos(Infinity)).toEqual([NaN, NaN]);
  });

  it('normal samples have mean 0, variance 1 and normal tails', () => {
    const rng = new Generator(3);
    const n = 200000;
    let sum = 0;
    let sq = 0;
    let beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const v = exactNormal(rng);
      sum += v;
      sq += v * v;
      if (Math.abs(v) > 2) beyond2++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(0.003); // P(|Z| > 2) = 0.0455
  });
});
