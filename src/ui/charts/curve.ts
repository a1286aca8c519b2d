import type { Params, ScalarFunction } from '../../kinds';

export interface CurvePoint { x: number; f: number; df: number }

/**
 * The function and its derivative over the kind's plotting range, widened to take in every finite input (nothing
 * hidden); and the node's actual inputs marked on both curves: on f at the values the engine computed, on f′ at the
 * kind's derivative.
 */
export function activationCurve(fn: ScalarFunction, params: Params, inputs: ArrayLike<number>, outputs: ArrayLike<number>, points = 241): { curve: CurvePoint[]; marks: CurvePoint[]; range: [number, number] } {
  let lo = fn.domain[0];
  let hi = fn.domain[1];
  const n = Math.min(inputs.length, 500);
  for (let i = 0; i < n; i++) {
    const v = inputs[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo < fn.domain[0] || hi > fn.domain[1]) {
    const r = niceBound(Math.min(1e6, Math.max(Math.abs(lo), Math.abs(hi)) * 1.05));
    lo = -r;
    hi = r;
  }
  const curve: CurvePoint[] = [];
  for (let i = 0; i < points; i++) {
    const x = lo + ((hi - lo) * i) / (points - 1);
    curve.push({ x, f: fn.f(x, params), df: fn.df(x, params) });
  }
  const marks: CurvePoint[] = [];
  for (let i = 0; i < n; i++) {
    const x = inputs[i]!;
    if (Number.isFinite(x)) marks.push({ x, f: outputs[i]!, df: fn.df(x, params) });
  }
  return { curve, marks, range: [lo, hi] };
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least x: round axis ends. */
export function niceBound(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
