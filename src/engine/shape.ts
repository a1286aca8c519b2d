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

/** NumPy broadcasting of two shapes; throws a ShapeError naming the op and both shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(op, `cannot broadcast ${fmtShape(a)} with ${fmtShape(b)}: sizes ${da} and ${db} differ at axis ${i}`);
    }
    out[i] = da === 1 ? db : da;
  }
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
