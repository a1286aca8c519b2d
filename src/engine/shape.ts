import { ArgumentError, ShapeError, fmtShape } from './errors';

export type Shape = readonly number[];

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * NumPy broadcasting of two shapes; throws a ShapeError naming the op and both shapes, or the error `mismatch` makes
 * from the first axis (of the result) where the sizes differ and neither is 1.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape, mismatch?: (axis: number, da: number, db: number) => Error): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw mismatch?.(i, da, db) ?? new ShapeError(op, `cannot broadcast ${fmtShape(a)} with ${fmtShape(b)}: sizes ${da} and ${db} differ at axis ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** The shapes of a matrix product: operands as (…batch, m, k) and (…batch, k, n), and the result's shape. */
export interface MatmulShapes {
  readonly aBatch: number[];
  readonly bBatch: number[];
  /** The broadcast batch shape. */
  readonly batch: number[];
  readonly m: number;
  readonly k: number;
  readonly n: number;
  /** The result: (…batch, m, n) without the axes added for a 1-D operand. */
  readonly out: number[];
}

/**
 * NumPy's matmul shape rule: a 1-D left operand is a row vector and a 1-D right operand a column vector (the added
 * axis is removed from the result), leading axes broadcast as batches. Throws a ShapeError naming both shapes.
 */
export function matmulShapes(a: Shape, b: Shape): MatmulShapes {
  if (a.length === 0 || b.length === 0) throw new ShapeError('matmul', `both operands need at least one dimension, got ${fmtShape(a)} and ${fmtShape(b)}`);
  const aShape = a.length === 1 ? [1, a[0]!] : [...a];
  const bShape = b.length === 1 ? [b[0]!, 1] : [...b];
  const m = aShape[aShape.length - 2]!, k = aShape[aShape.length - 1]!;
  const k2 = bShape[bShape.length - 2]!, n = bShape[bShape.length - 1]!;
  if (k !== k2) throw new ShapeError('matmul', `cannot multiply ${fmtShape(a)} by ${fmtShape(b)}: inner sizes ${k} and ${k2} differ`);
  const aBatch = aShape.slice(0, -2), bBatch = bShape.slice(0, -2);
  const batch = broadcastShapes('matmul', aBatch, bBatch, () => new ShapeError('matmul', `cannot multiply ${fmtShape(a)} by ${fmtShape(b)}: batch shapes ${fmtShape(aBatch)} and ${fmtShape(bBatch)} do not broadcast`));
  const out = [...batch, m, n];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.splice(out.length - 1, 1);
  return { aBatch, bBatch, batch, m, k, n, out };
}

/** The shape a reshape of `from` into `to` gives (one entry of `to` may be −1: inferred); throws a ShapeError. */
export function reshapeShape(from: Shape, to: Shape): number[] {
  let infer = -1;
  let known = 1;
  to.forEach((d, i) => {
    if (d === -1) {
      if (infer >= 0) throw new ShapeError('reshape', `only one dimension can be -1 in ${fmtShape(to)}`);
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new ShapeError('reshape', `invalid dimension ${d} in ${fmtShape(to)}`);
    } else known *= d;
  });
  const size = sizeOf(from);
  const out = [...to];
  if (infer >= 0) {
    if (known === 0 || size % known !== 0) throw new ShapeError('reshape', `cannot reshape ${fmtShape(from)} (${size} elements) into ${fmtShape(to)}`);
    out[infer] = size / known;
  }
  if (sizeOf(out) !== size) throw new ShapeError('reshape', `cannot reshape ${fmtShape(from)} (${size} elements) into ${fmtShape(to)} (${sizeOf(out)} elements)`);
  return out;
}

/** Normalises a possibly negative axis against `ndim`. */
export function normAxis(op: string, axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new ArgumentError(op, `axis ${axis} is out of range for a tensor with ${ndim} dimension${ndim === 1 ? '' : 's'}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Normalises an axis spec (a number, a list, or null/undefined for all) to a sorted list of distinct axes. */
export function normAxes(op: string, axis: number | readonly number[] | null | undefined, ndim: number): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normAxis(op, a, ndim));
  const set = new Set(out);
  if (set.size !== out.length) throw new ArgumentError(op, `repeated axis in ${JSON.stringify(list)}`);
  return out.sort((x, y) => x - y);
}

export function checkShape(op: string, shape: readonly unknown[]): number[] {
  for (const d of shape) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ArgumentError(op, `invalid shape ${JSON.stringify(shape)}: dimensions must be non-negative integers`);
    }
  }
  return shape as number[];
}

export { fmtShape };
