import type { RefArray } from '../types';

// Plain-JavaScript helpers for the kinds' oracle cases: reference values written from the formulas, never through the
// engine, so the tests compare two independent computations.

export const A = (shape: readonly number[], data: readonly number[]): RefArray => ({ shape, data });
const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** A (2,3) input most cases share: negative, small and large values. */
export const x23 = A([2, 3], [-1.5, -0.2, 0.3, 0.7, 1.1, 2.4]);

/** `f` elementwise with NumPy broadcasting. */
export function broadcastBinary(a: RefArray, b: RefArray, f: (x: number, y: number) => number): RefArray {
  const n = Math.max(a.shape.length, b.shape.length);
  const pa = [...Array<number>(n - a.shape.length).fill(1), ...a.shape], pb = [...Array<number>(n - b.shape.length).fill(1), ...b.shape];
  const shape = pa.map((d, i) => Math.max(d, pb[i]!));
  const data: number[] = [];
  for (let k = 0; k < size(shape); k++) {
    let rem = k, ia = 0, ib = 0, sa = 1, sb = 1;
    for (let ax = n - 1; ax >= 0; ax--) {
      const c = rem % shape[ax]!; rem = Math.floor(rem / shape[ax]!);
      ia += (pa[ax] === 1 ? 0 : c) * sa; ib += (pb[ax] === 1 ? 0 : c) * sb;
      sa *= pa[ax]!; sb *= pb[ax]!;
    }
    data.push(f(a.data[ia]!, b.data[ib]!));
  }
  return { shape, data };
}

/** `f` on every element. */
export const map = (x: RefArray, f: (v: number) => number): RefArray => A(x.shape, x.data.map(f));

/** The rows along the last axis. */
export const rows = (x: RefArray): number[][] => {
  const c = x.shape[x.shape.length - 1]!;
  return Array.from({ length: x.data.length / c }, (_, r) => x.data.slice(r * c, r * c + c));
};

export const softmaxRow = (r: readonly number[]): number[] => {
  const m = Math.max(...r);
  const e = r.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
};

/** The textbook logistic function (the kinds compute a stable form; both agree to rounding). */
export const logistic = (v: number): number => 1 / (1 + Math.exp(-v));

/** The product of two 2-D arrays by the definition. */
export function matmul2(a: RefArray, b: RefArray): RefArray {
  const [m, k] = a.shape as [number, number], n = b.shape[1]!;
  const data: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) { let s = 0; for (let t = 0; t < k; t++) s += a.data[i * k + t]! * b.data[t * n + j]!; data.push(s); }
  return A([m, n], data);
}
