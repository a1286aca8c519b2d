import type { TypedArray } from '../dtype';

/** Elementwise one-input operations the kernels implement. `p0`/`p1` carry a parameter (slope, bounds, exponent). */
export type UnaryOp =
  | 'neg' | 'exp' | 'log' | 'sqrt' | 'sin' | 'cos' | 'abs'
  | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'clamp' | 'pow';

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div';

/**
 * The number-crunching loops, as plain functions over typed arrays. Ops hold the autograd logic and call only
 * these, so a faster backend (WebAssembly SIMD) can replace the loops without touching the ops.
 */
export interface Kernels {
  /** out[i] = f(a[i]). */
  unary(op: UnaryOp, a: TypedArray, out: TypedArray, p0?: number, p1?: number): void;
  /** out[i] = g[i] · f'(x[i]), given the saved input x and output y (whichever the rule needs). */
  unaryGrad(op: UnaryOp, x: TypedArray, y: TypedArray, g: TypedArray, out: TypedArray, p0?: number, p1?: number): void;
  /** out = a ∘ b with NumPy broadcasting; `outShape` is the broadcast shape. */
  binary(op: BinaryOp, a: TypedArray, aShape: readonly number[], b: TypedArray, bShape: readonly number[], out: TypedArray, outShape: readonly number[]): void;
  /** Sums `a` (of `shape`) over the sorted `axes`; `out` has the size of the reduced shape. */
  sum(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray): void;
  /** Max over the sorted `axes`; `argmax` (optional) receives the flat input index of each winner (first wins). */
  max(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray, argmax?: Int32Array): void;
  /**
   * out[m×n] += A · B at the given offsets (row-major), A (m×k) and B (k×n). With `transA`, `a` holds Aᵀ as a row-major
   * k×m matrix; with `transB`, `b` holds Bᵀ as n×k (so backward needs no transposed copies). Zero `out` first for a
   * plain product.
   */
  matmul(a: TypedArray, aOff: number, b: TypedArray, bOff: number, out: TypedArray, outOff: number, m: number, k: number, n: number, transA?: boolean, transB?: boolean): void;
  /** Copies `a` (of `shape`) permuted by `axes` into `out`. */
  transpose(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray): void;
}
