import { describe, expect, it } from 'vitest';
import { sigmoid, stableSigmoid, tensor } from '../../src/engine';

const E100 = 3.720075976020836e-44; // e^-100/(1+e^-100), correctly rounded

describe('stableSigmoid: the one scalar sigmoid (kernels, BCE-with-logits, the Sigmoid kind)', () => {
  it('saturates to exactly 0 and 1 without overflow, keeps the tiny tail, and propagates NaN', () => {
    expect([-Infinity, -1000, -100, -0, 0, 100, 1000, Infinity].map(stableSigmoid)).toEqual([0, 0, E100, 0.5, 0.5, 1, 1, 1]);
    expect(stableSigmoid(NaN)).toBeNaN();
  });

  it('is symmetric: σ(−x) = 1 − σ(x)', () => {
    for (const x of [0.25, 1, 3.5, 10, 20]) expect(stableSigmoid(-x)).toBeCloseTo(1 - stableSigmoid(x), 15);
  });

  it('is bit for bit what the sigmoid op computes (float64)', () => {
    const xs = [-1000, -37.5, -6, -1e-300, -0, 0, 1e-300, 0.5, 6, 37.5, 1000, NaN];
    const op = Array.from(sigmoid(tensor(new Float64Array(xs))).data);
    expect(op).toEqual(xs.map(stableSigmoid));
  });
});
