import { expect } from 'vitest';
import { Tensor } from '../../../src/engine';
import { checkGradients } from '../helpers/gradcheck';

/** A float64 tensor that requires grad. */
export function f64(values: readonly number[], shape: readonly number[], requiresGrad = true): Tensor {
  return new Tensor(Float64Array.from(values), shape, requiresGrad);
}

/** Deterministic pseudo-random values in [lo, hi) (a small LCG, independent of the engine's generator). */
export function values(n: number, seed: number, lo = -2, hi = 2): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + ((s >>> 8) / 16777216) * (hi - lo));
  }
  return out;
}

/**
 * Checks the analytic gradients of `f` with respect to each tensor in `wrt` against central finite differences in
 * float64 (the shared helper): |analytic − numeric| ≤ atol + rtol·|numeric| for every element.
 */
export function gradCheck(f: () => Tensor, wrt: readonly Tensor[], opts: { h?: number; rtol?: number; atol?: number } = {}): void {
  const r = checkGradients(f, wrt, { h: opts.h, rtol: opts.rtol ?? 1e-5, atol: opts.atol ?? 1e-7 });
  expect(r.worst, r.where).toBeLessThanOrEqual(1);
}
