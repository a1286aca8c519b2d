import { allocate, type TypedArray } from '../dtype';
import { ArgumentError } from '../errors';
import { normAxis } from '../shape';
import { fromOp, type Tensor } from '../tensor';
import { unaryOp } from './elementwise';

/** The seed's stable piecewise sigmoid; backward g·y·(1−y) from the saved output. */
export const sigmoid = (x: Tensor): Tensor => unaryOp('sigmoid', x);
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x);
export const relu = (x: Tensor): Tensor => unaryOp('relu', x);

export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  if (typeof slope !== 'number' || !Number.isFinite(slope)) throw new ArgumentError('leakyRelu', `the slope must be a finite number, got ${slope}`);
  return unaryOp('leakyRelu', x, slope);
}

/** Walks the (outer, n, inner) lanes of `axis`, calling `fn(base, stride)` for each lane. */
function lanes(shape: readonly number[], axis: number, fn: (base: number, stride: number, n: number) => void): void {
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  const n = shape[axis]!;
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) fn(o * n * inner + i, inner, n);
}

/**
 * The shift that keeps exp() in range along one lane: its maximum (NaN if any entry is NaN, so NaN propagates), or 0
 * when every entry is −∞ (exp then gives 0s and the lane comes out NaN, as in NumPy).
 */
function laneShift(a: TypedArray, base: number, s: number, n: number): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) { const v = a[base + j * s]!; if (v > m || v !== v) m = v; }
  return m === -Infinity ? 0 : m;
}

/**
 * The one log-softmax, on raw arrays: writes log softmax of the lane of `a` (n entries from `base`, `s` apart) into
 * `out` at the same places. Used by logSoftmax and by CrossEntropyLoss. Computed as (x − m) − log Σ exp(x − m), not
 * x − (m + log Σ): adding log Σ to a large m first would round away its low bits (at m = 1e6 the second form is off
 * by 5e-11).
 */
export function logSoftmaxLane(a: TypedArray, base: number, s: number, n: number, out: TypedArray): void {
  const m = laneShift(a, base, s, n);
  let z = 0;
  for (let j = 0; j < n; j++) z += Math.exp(a[base + j * s]! - m);
  const lz = Math.log(z);
  for (let j = 0; j < n; j++) out[base + j * s] = (a[base + j * s]! - m) - lz;
}

/** Stable softmax along `axis`: exp(x − max) / Σ exp(x − max). Backward y·(g − Σ g·y). */
export function softmax(x: Tensor, axis = -1): Tensor {
  const ax = normAxis('softmax', axis, Math.max(x.ndim, 1));
  const shape = x.ndim === 0 ? [1] : x.shape;
  const a = x.data;
  const y = allocate(x.dtype, x.size);
  lanes(shape, ax, (base, s, n) => {
    const m = laneShift(a, base, s, n);
    let z = 0;
    for (let j = 0; j < n; j++) { const e = Math.exp(a[base + j * s]! - m); y[base + j * s] = e; z += e; }
    for (let j = 0; j < n; j++) y[base + j * s] = y[base + j * s]! / z;
  });
  return fromOp('softmax', y, x.shape, [x], (g) => {
    const gx = allocate(x.dtype, g.length);
    lanes(shape, ax, (base, s, n) => {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += g[base + j * s]! * y[base + j * s]!;
      for (let j = 0; j < n; j++) gx[base + j * s] = y[base + j * s]! * (g[base + j * s]! - dot);
    });
    return [gx];
  });
}

/**
 * Stable log-softmax: x − max − log Σ exp(x − max). Unlike log(softmax(x)) it stays finite when an entry is far
 * below the maximum. Backward g − softmax·Σg.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const ax = normAxis('logSoftmax', axis, Math.max(x.ndim, 1));
  const shape = x.ndim === 0 ? [1] : x.shape;
  const a = x.data;
  const y = allocate(x.dtype, x.size);
  lanes(shape, ax, (base, s, n) => logSoftmaxLane(a, base, s, n, y));
  return fromOp('logSoftmax', y, x.shape, [x], (g) => {
    const gx = allocate(x.dtype, g.length);
    lanes(shape, ax, (base, s, n) => {
      let gs = 0;
      for (let j = 0; j < n; j++) gs += g[base + j * s]!;
      for (let j = 0; j < n; j++) gx[base + j * s] = g[base + j * s]! - Math.exp(y[base + j * s]!) * gs;
    });
    return [gx];
  });
}

