import { allocate, type TypedArray } from '../dtype';
import { ArgumentError, fmtShape } from '../errors';
import { kernels } from '../kernels';
import { normAxis, sizeOf, stridesOf } from '../shape';
import { fromOp, Tensor, type Axis } from '../tensor';
import { plan, type Plan } from './reduce';

/**
 * Reductions beyond sum/mean/max, with PyTorch's semantics: min, argmax/argmin, var/std (Bessel's correction) and a
 * stable logsumexp. Lanes are summed in float64 for float32 input too, and rounded once.
 */

/** The lane extremum of `x` via the kernels' max (and its first-winner index); `negate` gives the minimum. */
function extremum(op: string, x: Tensor, p: Plan, negate: boolean): { values: TypedArray; arg: Int32Array } {
  if (p.count === 0) throw new ArgumentError(op, `cannot take the ${negate ? 'minimum' : 'maximum'} of zero elements (shape ${fmtShape(x.shape)})`);
  const n = sizeOf(p.shape);
  const values = allocate(x.dtype, n);
  const arg = new Int32Array(n);
  const K = kernels();
  if (!negate) {
    K.max(x.data, x.shape, p.axes, values, arg);
    return { values, arg };
  }
  // min(x) = −max(−x): negation keeps NaN (which wins, as in PyTorch) and maps ties to ties, so the first
  // minimal element wins, as the first maximal one does for max.
  const neg = allocate(x.dtype, x.size);
  K.unary('neg', x.data, neg);
  K.max(neg, x.shape, p.axes, values, arg);
  for (let i = 0; i < n; i++) values[i] = -values[i]!;
  return { values, arg };
}

/**
 * The minimum over `axis` (a number, a list, or every axis when null); its gradient flows to the first minimal
 * element of each lane, as `max` does. NaN propagates (a lane holding NaN has minimum NaN, and the NaN gets the
 * gradient). Zero elements throw.
 */
export function min(x: Tensor, axis: Axis = null, keepdims = false): Tensor {
  const p = plan('min', x, axis, keepdims);
  const { values, arg } = extremum('min', x, p, true);
  return fromOp('min', values, p.shape, [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    for (let i = 0; i < arg.length; i++) gx[arg[i]!] = gx[arg[i]!]! + g[i]!;
    return [gx];
  });
}

function argExtremum(op: 'argmax' | 'argmin', x: Tensor, axis: number | null | undefined, keepdims: boolean): Tensor {
  if (axis !== null && axis !== undefined && typeof axis !== 'number') {
    throw new ArgumentError(op, `axis must be one axis (a number) or null for the flattened tensor, got ${JSON.stringify(axis)}`);
  }
  const whole = axis === null || axis === undefined;
  const ax = whole ? -1 : normAxis(op, axis, Math.max(x.ndim, 1));
  const p = plan(op, x, whole || x.ndim === 0 ? null : ax, keepdims);
  const { arg } = extremum(op, x, p, op === 'argmin');
  const out = new Float64Array(arg.length);
  if (whole || x.ndim === 0) out.set(arg);
  else {
    // The winner's flat input index → its position along the axis.
    const stride = stridesOf(x.shape)[ax]!, size = x.shape[ax]!;
    for (let i = 0; i < arg.length; i++) out[i] = Math.floor(arg[i]! / stride) % size;
  }
  return new Tensor(out, p.shape, false);
}

/**
 * The index of the maximum: of the flattened tensor when `axis` is null (a 0-d result, or all-ones dims with
 * keepdims), else along `axis`. Ties give the first index and NaN counts as the maximum, as in PyTorch. Indices are
 * returned as a float64 tensor of whole numbers (the engine's index convention: exact for any size), with no
 * gradient.
 */
export function argmax(x: Tensor, axis: number | null = null, keepdims = false): Tensor {
  return argExtremum('argmax', x, axis, keepdims);
}

/** The index of the minimum; see `argmax` (the first minimal element wins; NaN counts as the minimum). */
export function argmin(x: Tensor, axis: number | null = null, keepdims = false): Tensor {
  return argExtremum('argmin', x, axis, keepdims);
}

export interface VarianceOptions {
  /**
   * Subtracted from the lane size in the divisor: 1 (default) is Bessel's unbiased estimate, 0 the population
   * variance. The divisor is max(0, N − correction), as in PyTorch.
   */
  correction?: number;
  /** PyTorch's older spelling: true is correction 1, false is correction 0. */
  unbiased?: boolean;
}

function correctionOf(op: string, opts: VarianceOptions): number {
  const { correction, unbiased } = opts;
  if (correction !== undefined && (typeof correction !== 'number' || !Number.isFinite(correction))) {
    throw new ArgumentError(op, `correction must be a finite number, got ${String(correction)}`);
  }
  if (unbiased !== undefined && typeof unbiased !== 'boolean') throw new ArgumentError(op, `unbiased must be true or false, got ${String(unbiased)}`);
  if (correction !== undefined && unbiased !== undefined && correction !== (unbiased ? 1 : 0)) {
    throw new ArgumentError(op, `correction ${correction} and unbiased ${unbiased} disagree: give only one`);
  }
  return correction ?? (unbiased === false ? 0 : 1);
}

/** Σ(x − mean)² per lane (two passes, in float64), the deviations, and the divisor. */
function spread(op: string, x: Tensor, axis: Axis, keepdims: boolean, opts: VarianceOptions): { p: Plan; ss: Float64Array; dev: Float64Array; div: number } {
  const p = plan(op, x, axis, keepdims);
  const c = correctionOf(op, opts);
  const n = sizeOf(p.shape);
  const K = kernels();
  const mean = new Float64Array(n);
  K.sum(x.data, x.shape, p.axes, mean);
  for (let i = 0; i < n; i++) mean[i] = mean[i]! / p.count;
  const dev = new Float64Array(x.size);
  K.binary('sub', x.data, x.shape, mean, p.keptShape, dev, x.shape);
  const sq = new Float64Array(x.size);
  for (let i = 0; i < sq.length; i++) sq[i] = dev[i]! * dev[i]!;
  const ss = new Float64Array(n);
  K.sum(sq, x.shape, p.axes, ss);
  return { p, ss, dev, div: Math.max(0, p.count - c) };
}

/** gx = dev · scale[lane], with scale broadcast from the reduced shape. */
function scaleDeviations(x: Tensor, p: Plan, dev: Float64Array, scale: Float64Array): TypedArray {
  const gx = allocate(x.dtype, x.size);
  kernels().binary('mul', dev, x.shape, scale, p.keptShape, gx, x.shape);
  return gx;
}

/**
 * The variance over `axis` (a number, a list, or every axis when null): Σ(x − mean)² / max(0, N − correction),
 * correction 1 by default (PyTorch's `torch.var`). With N ≤ correction the divisor is 0: a lane of equal values gives
 * NaN (0/0) and any other +Infinity, as in PyTorch. ±Infinity in a lane gives NaN; NaN propagates.
 * Gradient 2(x − mean)/max(0, N − correction): ±Infinity (NaN at the mean) where the divisor is 0, consistent with the
 * value and with PyTorch's full reduction (PyTorch 1.13 along an axis divides by the negative N − correction instead).
 */
export function variance(x: Tensor, axis: Axis = null, keepdims = false, opts: VarianceOptions = {}): Tensor {
  const { p, ss, dev, div } = spread('var', x, axis, keepdims, opts);
  const out = allocate(x.dtype, ss.length);
  for (let i = 0; i < out.length; i++) out[i] = ss[i]! / div;
  return fromOp('var', out, p.shape, [x], (g) => {
    const k = new Float64Array(g.length);
    for (let i = 0; i < k.length; i++) k[i] = (2 * g[i]!) / div;
    return [scaleDeviations(x, p, dev, k)];
  });
}

/**
 * The standard deviation, sqrt(var) with the same `correction` (default 1). Gradient (x − mean)/((N − correction)·std);
 * where std is 0 (a constant lane) the gradient is 0, as PyTorch masks it (the true derivative of √ is infinite there).
 */
export function std(x: Tensor, axis: Axis = null, keepdims = false, opts: VarianceOptions = {}): Tensor {
  const { p, ss, dev, div } = spread('std', x, axis, keepdims, opts);
  const s = new Float64Array(ss.length);
  for (let i = 0; i < s.length; i++) s[i] = Math.sqrt(ss[i]! / div);
  const out = allocate(x.dtype, s.length);
  out.set(s);
  return fromOp('std', out, p.shape, [x], (g) => {
    const k = new Float64Array(g.length);
    for (let i = 0; i < k.length; i++) k[i] = s[i] === 0 ? 0 : g[i]! / (div * s[i]!);
    return [scaleDeviations(x, p, dev, k)];
  });
}

/**
 * log Σ exp(x) over `axis` (a number, a list, or every axis when null), computed stably as m + log Σ exp(x − m) with
 * m the lane maximum. As in PyTorch, m is taken as 0 when it is ±Infinity: a lane of −Infinity gives −Infinity, a
 * lane holding +Infinity gives +Infinity, and NaN propagates; an empty lane gives −Infinity (log 0).
 * Gradient g·exp(x − y), the lane's softmax (NaN in a lane whose result is ±Infinity, as PyTorch's).
 */
export function logsumexp(x: Tensor, axis: Axis = null, keepdims = false): Tensor {
  const p = plan('logsumexp', x, axis, keepdims);
  const n = sizeOf(p.shape);
  const K = kernels();
  const m = new Float64Array(n);
  K.max(x.data, x.shape, p.axes, m);
  for (let i = 0; i < n; i++) { const v = m[i]!; if (v === Infinity || v === -Infinity) m[i] = 0; }
  const e = new Float64Array(x.size);
  K.binary('sub', x.data, x.shape, m, p.keptShape, e, x.shape);
  for (let i = 0; i < e.length; i++) e[i] = Math.exp(e[i]!);
  const s = new Float64Array(n);
  K.sum(e, x.shape, p.axes, s);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.log(s[i]!) + m[i]!;
  const out = allocate(x.dtype, n);
  out.set(y);
  return fromOp('logsumexp', out, p.shape, [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    const w = new Float64Array(x.size);
    K.binary('sub', x.data, x.shape, y, p.keptShape, w, x.shape);
    for (let i = 0; i < w.length; i++) w[i] = Math.exp(w[i]!);
    K.binary('mul', w, x.shape, g, p.keptShape, gx, x.shape);
    return [gx];
  });
}
