import { allocate, promote, type DType, type TypedArray } from '../dtype';
import { ArgumentError, ShapeError, fmtShape } from '../errors';
import { kernels } from '../kernels';
import { fromOp, Tensor, tensor, type NestedArray } from '../tensor';

/**
 * The fused layer ops behind `Linear`, `Dropout`, `BatchNorm1d` and `Embedding`: one graph node each, with an
 * analytic backward over raw arrays (fewer nodes and allocations per training step than composing small ops).
 */

/** y = x·W (+ b) for x of shape (N, in), W (in, out), b (1, out) or (out,). Other ranks go through matmul + add. */
export function linear(x: Tensor, W: Tensor, b: Tensor | null): Tensor {
  if (W.ndim !== 2) throw new ShapeError('Linear', `W must be 2-D (in, out), got shape ${fmtShape(W.shape)}`);
  const k = W.shape[0]!, n = W.shape[1]!;
  if (x.ndim === 0 || x.shape[x.ndim - 1] !== k) {
    throw new ShapeError('Linear', `input of shape ${fmtShape(x.shape)} does not fit W of shape ${fmtShape(W.shape)}: the layer expects ${k} input feature${k === 1 ? '' : 's'} in the last axis`);
  }
  if (b !== null && b.size !== n) {
    throw new ShapeError('Linear', `bias of shape ${fmtShape(b.shape)} does not fit W of shape ${fmtShape(W.shape)}: it needs ${n} values`);
  }
  if (x.ndim !== 2) {
    const y = x.matmul(W);
    return b === null ? y : y.add(b);
  }
  const m = x.shape[0]!;
  const dtype = b === null ? promote(x.dtype, W.dtype) : promote(promote(x.dtype, W.dtype), b.dtype);
  const K = kernels();
  const out = allocate(dtype, m * n);
  K.matmul(x.data, 0, W.data, 0, out, 0, m, k, n);
  if (b !== null) {
    const bd = b.data;
    for (let r = 0; r < m * n; r += n) for (let j = 0; j < n; j++) out[r + j] = out[r + j]! + bd[j]!;
  }
  const inputs = b === null ? [x, W] : [x, W, b];
  return fromOp('linear', out, [m, n], inputs, (g) => {
    let gx: TypedArray | null = null, gW: TypedArray | null = null, gb: TypedArray | null = null;
    if (x.requiresGrad) {
      // dX = g·Wᵀ, reading W in place as the transposed operand.
      gx = allocate(dtype, m * k);
      K.matmul(g, 0, W.data, 0, gx, 0, m, n, k, false, true);
    }
    if (W.requiresGrad) {
      // dW = Xᵀ·g, reading x in place as the transposed operand.
      gW = allocate(dtype, k * n);
      K.matmul(x.data, 0, g, 0, gW, 0, k, m, n, true, false);
    }
    if (b !== null && b.requiresGrad) {
      // db = Σ over the batch
      gb = allocate(dtype, n);
      for (let r = 0; r < m * n; r += n) for (let j = 0; j < n; j++) gb[j] = gb[j]! + g[r + j]!;
    }
    return b === null ? [gx, gW] : [gx, gW, gb];
  });
}

/**
 * Multiplies x by a fixed mask of per-element scales (0 for a dropped element, 1/(1−p) for a kept one). A dropped
 * element is exactly 0 even where x is ±Infinity or NaN; the gradient is g·scale, so 0 where dropped.
 */
export function maskedScale(op: string, x: Tensor, scale: TypedArray): Tensor {
  const out = allocate(x.dtype, x.size);
  const a = x.data;
  for (let i = 0; i < out.length; i++) { const s = scale[i]!; out[i] = s === 0 ? 0 : a[i]! * s; }
  return fromOp(op, out, x.shape, [x], (g) => {
    const gx = allocate(x.dtype, g.length);
    for (let i = 0; i < gx.length; i++) gx[i] = g[i]! * scale[i]!;
    return [gx];
  });
}

export interface BatchNormArgs {
  gamma: Tensor;
  beta: Tensor;
  runningMean: Tensor;
  runningVar: Tensor;
  training: boolean;
  momentum: number;
  eps: number;
}

/**
 * Batch normalisation over the batch axis of x (N, C). Training: normalise with the batch mean and the biased
 * variance, and update the running statistics in place with the unbiased variance (N/(N−1)), as Sorix and PyTorch.
 * Evaluation: normalise with the running statistics. The backward is the analytic one:
 * dx = γ·invstd/N · (N·g − Σg − x̂·Σ(g·x̂)), dγ = Σ g·x̂, dβ = Σ g (evaluation: dx = g·γ·invstd).
 */
export function batchNorm1d(x: Tensor, a: BatchNormArgs): Tensor {
  if (x.ndim !== 2) throw new ShapeError('BatchNorm1d', `expects input of shape (N, C), got ${fmtShape(x.shape)}`);
  const N = x.shape[0]!, C = x.shape[1]!;
  for (const [name, t] of [['gamma', a.gamma], ['beta', a.beta], ['runningMean', a.runningMean], ['runningVar', a.runningVar]] as const) {
    if (t.size !== C) throw new ShapeError('BatchNorm1d', `input of shape ${fmtShape(x.shape)} has ${C} features but ${name} has shape ${fmtShape(t.shape)}`);
  }
  if (a.training && N < 2) {
    throw new ArgumentError('BatchNorm1d', `training needs more than one sample per feature to estimate the variance, got input of shape ${fmtShape(x.shape)}`);
  }
  const dtype = promote(promote(x.dtype, a.gamma.dtype), a.beta.dtype);
  const xd = x.data, gd = a.gamma.data, bd = a.beta.data;
  const invstd = new Float64Array(C);
  const mean = new Float64Array(C);
  if (a.training) {
    for (let i = 0; i < N; i++) for (let c = 0; c < C; c++) mean[c] = mean[c]! + xd[i * C + c]!;
    for (let c = 0; c < C; c++) mean[c] = mean[c]! / N;
    const v = new Float64Array(C);
    for (let i = 0; i < N; i++) for (let c = 0; c < C; c++) { const d = xd[i * C + c]! - mean[c]!; v[c] = v[c]! + d * d; }
    const rm = a.runningMean.data, rv = a.runningVar.data, m = a.momentum;
    for (let c = 0; c < C; c++) {
      const biased = v[c]! / N;
      invstd[c] = 1 / Math.sqrt(biased + a.eps);
      rm[c] = (1 - m) * rm[c]! + m * mean[c]!;
      rv[c] = (1 - m) * rv[c]! + m * (v[c]! / (N - 1));
    }
  } else {
    const rm = a.runningMean.data, rv = a.runningVar.data;
    for (let c = 0; c < C; c++) { mean[c] = rm[c]!; invstd[c] = 1 / Math.sqrt(rv[c]! + a.eps); }
  }
  const xhat = new Float64Array(N * C);
  const out = allocate(dtype, N * C);
  for (let i = 0; i < N; i++) {
    for (let c = 0; c < C; c++) {
      const h = (xd[i * C + c]! - mean[c]!) * invstd[c]!;
      xhat[i * C + c] = h;
      out[i * C + c] = gd[c]! * h + bd[c]!;
    }
  }
  const training = a.training;
  const gamma = a.gamma, beta = a.beta;
  return fromOp('batchNorm1d', out, x.shape, [x, gamma, beta], (g) => {
    const sg = new Float64Array(C), sgh = new Float64Array(C);
    for (let i = 0; i < N; i++) {
      for (let c = 0; c < C; c++) { const gv = g[i * C + c]!; sg[c] = sg[c]! + gv; sgh[c] = sgh[c]! + gv * xhat[i * C + c]!; }
    }
    let gx: TypedArray | null = null;
    if (x.requiresGrad) {
      gx = allocate(x.dtype, N * C);
      for (let i = 0; i < N; i++) {
        for (let c = 0; c < C; c++) {
          const k = i * C + c;
          gx[k] = training
            ? (gd[c]! * invstd[c]! / N) * (N * g[k]! - sg[c]! - xhat[k]! * sgh[c]!)
            : g[k]! * gd[c]! * invstd[c]!;
        }
      }
    }
    return [gx, gamma.requiresGrad ? copyAs(sgh, dtype) : null, beta.requiresGrad ? copyAs(sg, dtype) : null];
  });
}

function copyAs(a: Float64Array, dtype: DType): TypedArray {
  const out = allocate(dtype, a.length);
  out.set(a);
  return out;
}

/** Formats a flat position in `shape` as a multi-index: `[1, 0]`. */
function position(flat: number, shape: readonly number[]): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) { const s = shape[d]!; idx.unshift(flat % s); flat = Math.floor(flat / s); }
  return `[${idx.join(', ')}]`;
}

/**
 * Looks up rows of W (n, dim) for integer indices of any shape; the result has shape indices.shape + (dim).
 * Repeated indices accumulate their gradients. Non-integer, negative or out-of-range indices throw, naming the index.
 */
export function embedding(indices: Tensor | NestedArray, W: Tensor): Tensor {
  if (W.ndim !== 2) throw new ShapeError('Embedding', `W must be 2-D (n, dim), got shape ${fmtShape(W.shape)}`);
  const idx = indices instanceof Tensor ? indices : tensor(indices, { dtype: 'float64' });
  const n = W.shape[0]!, dim = W.shape[1]!;
  const L = idx.size;
  const rows = new Int32Array(L);
  const id = idx.data;
  for (let i = 0; i < L; i++) {
    const v = id[i]!;
    const where = idx.ndim <= 1 ? `${i}` : position(i, idx.shape);
    if (!Number.isInteger(v)) throw new ArgumentError('Embedding', `index ${v} at position ${where} is not an integer`);
    if (v < 0 || v >= n) throw new ArgumentError('Embedding', `index ${v} at position ${where} is out of range for ${n} embeddings (valid indices are 0 to ${n - 1})`);
    rows[i] = v;
  }
  const out = allocate(W.dtype, L * dim);
  const wd = W.data;
  for (let i = 0; i < L; i++) out.set(wd.subarray(rows[i]! * dim, rows[i]! * dim + dim), i * dim);
  return fromOp('embedding', out, [...idx.shape, dim], [W], (g) => {
    const gW = allocate(W.dtype, n * dim);
    for (let i = 0; i < L; i++) {
      const r = rows[i]! * dim, o = i * dim;
      for (let j = 0; j < dim; j++) gW[r + j] = gW[r + j]! + g[o + j]!;
    }
    return [gW];
  });
}
