import { allocate, type TypedArray } from '../dtype';
import { ArgumentError, fmtShape } from '../errors';
import { kernels } from '../kernels';
import { normAxes, sizeOf } from '../shape';
import { fromOp, type Axis, type Tensor } from '../tensor';

export interface Plan {
  axes: number[];
  /** The result's shape. */
  shape: number[];
  /** The result's shape with the reduced axes kept as 1, for broadcasting the gradient back. */
  keptShape: number[];
  /** How many elements each output summarises. */
  count: number;
}

/** The axes, result shape and lane size of a reduction (shared by every reducing op). */
export function plan(op: string, x: Tensor, axis: Axis, keepdims: boolean): Plan {
  const axes = normAxes(op, axis, x.ndim);
  const keptShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const shape = keepdims ? keptShape : x.shape.filter((_, i) => !axes.includes(i));
  let count = 1;
  for (const a of axes) count *= x.shape[a]!;
  return { axes, shape, keptShape, count };
}

/** Spreads a reduced gradient (of `keptShape`) back over the input's shape, times `scale`. */
function spread(g: TypedArray, keptShape: readonly number[], x: Tensor, scale: number): TypedArray {
  const gx = allocate(x.dtype, x.size);
  if (g.length === 1) return gx.fill(g[0]! * scale);
  // gx = scale · broadcast(g): multiply a filled array by g with broadcasting.
  gx.fill(scale);
  kernels().binary('mul', gx, x.shape, g, keptShape, gx, x.shape);
  return gx;
}

/** Σ over `axis` (a number, a list, or every axis when null/undefined). */
export function sum(x: Tensor, axis: Axis = null, keepdims = false): Tensor {
  const p = plan('sum', x, axis, keepdims);
  const out = allocate(x.dtype, sizeOf(p.shape));
  kernels().sum(x.data, x.shape, p.axes, out);
  return fromOp('sum', out, p.shape, [x], (g) => [spread(g, p.keptShape, x, 1)]);
}

/** The arithmetic mean over `axis`; the mean of no elements is NaN, as in NumPy. */
export function mean(x: Tensor, axis: Axis = null, keepdims = false): Tensor {
  const p = plan('mean', x, axis, keepdims);
  const out = allocate(x.dtype, sizeOf(p.shape));
  kernels().sum(x.data, x.shape, p.axes, out);
  const inv = 1 / p.count;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! * inv;
  return fromOp('mean', out, p.shape, [x], (g) => [spread(g, p.keptShape, x, inv)]);
}

/** The maximum over `axis`; its gradient flows to the first maximal element of each lane. NaN propagates. */
export function max(x: Tensor, axis: Axis = null, keepdims = false): Tensor {
  const p = plan('max', x, axis, keepdims);
  if (p.count === 0) throw new ArgumentError('max', `cannot take the maximum of zero elements (shape ${fmtShape(x.shape)})`);
  const n = sizeOf(p.shape);
  const out = allocate(x.dtype, n);
  const arg = new Int32Array(n);
  kernels().max(x.data, x.shape, p.axes, out, arg);
  return fromOp('max', out, p.shape, [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    for (let i = 0; i < n; i++) gx[arg[i]!] = gx[arg[i]!]! + g[i]!;
    return [gx];
  });
}
