import { linspace, tensor, type Tensor } from '../../engine';
import type { Kind } from '../../store/doc-api';

export interface CurvePoint { x: number; f: number; df: number }

/** f and f' at each x, through the kind's own computation and the engine's backward (no formula is repeated here). */
function sample(kind: Kind, params: Record<string, unknown>, x: Tensor): CurvePoint[] {
  const y = kind.evaluate({ [kind.inputs[0]!.name]: x }, params);
  y.sum().backward();
  const g = x.grad;
  return Array.from(x.data, (xv, i) => ({ x: xv, f: y.data[i]!, df: g ? g.data[i]! : NaN }));
}

/**
 * The function and its derivative over a range that covers the node's inputs, and the node's actual inputs marked
 * on both curves. Computed in float64 for a smooth plot; the marks use the inputs' own dtype.
 */
export function activationCurve(kind: Kind, params: Record<string, unknown>, input: Tensor, points = 241): { curve: CurvePoint[]; marks: CurvePoint[]; range: [number, number] } {
  let maxAbs = 0;
  for (const v of input.data) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const r = niceBound(Math.min(1e4, Math.max(6, maxAbs * 1.05)));
  const xs = linspace(-r, r, points, { dtype: 'float64', requiresGrad: true });
  const curve = sample(kind, params, xs);
  const marks = sample(kind, params, tensor(input.data.slice(0, 200), { shape: [Math.min(200, input.size)], dtype: input.dtype, requiresGrad: true }));
  return { curve, marks, range: [-r, r] };
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least x: round axis ends. */
export function niceBound(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
