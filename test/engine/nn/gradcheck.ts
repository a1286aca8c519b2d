import { expect } from 'vitest';
import { noGrad, Tensor } from '../../../src/engine';

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
 * Checks the analytic gradients of scalar `f` with respect to each tensor in `wrt` against central finite
 * differences in float64: |analytic − numeric| ≤ atol + rtol·|numeric| for every element.
 */
export function gradCheck(f: () => Tensor, wrt: readonly Tensor[], opts: { h?: number; rtol?: number; atol?: number } = {}): void {
  const h = opts.h ?? 1e-6, rtol = opts.rtol ?? 1e-5, atol = opts.atol ?? 1e-7;
  for (const t of wrt) t.grad = null;
  const out = f();
  expect(out.size).toBe(1);
  out.backward();
  for (const [k, t] of wrt.entries()) {
    expect(t.grad, `input ${k} has no grad`).not.toBeNull();
    const analytic = Array.from(t.grad!.data);
    for (let i = 0; i < t.size; i++) {
      const old = t.data[i]!;
      t.data[i] = old + h;
      const fp = noGrad(() => f().item());
      t.data[i] = old - h;
      const fm = noGrad(() => f().item());
      t.data[i] = old;
      const num = (fp - fm) / (2 * h);
      const a = analytic[i]!;
      expect(Number.isFinite(a), `input ${k}[${i}] grad ${a} is not finite`).toBe(true);
      expect(Math.abs(a - num), `input ${k}[${i}]: analytic ${a} vs numeric ${num}`).toBeLessThanOrEqual(atol + rtol * Math.abs(num));
    }
  }
}
