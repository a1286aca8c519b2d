import { KindError, type Shape } from '../types';

/** `(3,)`, `(2,3)`, `()`: shapes as NumPy prints them. */
export function fmtShape(shape: Shape): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(',')})`;
}

/** NumPy broadcasting of two shapes, or a KindError naming both. */
export function broadcast(a: Shape, b: Shape, what = 'the inputs'): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new KindError(`${what} do not broadcast: ${fmtShape(a)} and ${fmtShape(b)} differ at axis ${i} (${da} vs ${db})`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Normalises an axis against a rank, or a KindError. */
export function normAxis(axis: number, ndim: number, port = 'x'): number {
  if (axis < -ndim || axis >= ndim) throw new KindError(`axis ${axis} is out of range for an input of ${ndim} dimension${ndim === 1 ? '' : 's'}`, port);
  return axis < 0 ? axis + ndim : axis;
}

/** The shape after reducing `axis` (null: every axis). */
export function reducedShape(shape: Shape, axis: number | null, keepdims: boolean, port = 'x'): number[] {
  if (axis === null) return keepdims ? shape.map(() => 1) : [];
  const a = normAxis(axis, shape.length, port);
  return keepdims ? shape.map((d, i) => (i === a ? 1 : d)) : shape.filter((_, i) => i !== a);
}

export const sizeOf = (shape: Shape): number => shape.reduce((p, d) => p * d, 1);

/** True when a tensor of this shape holds exactly one value (a usable objective). */
export const isScalarShape = (shape: Shape): boolean => sizeOf(shape) === 1;
