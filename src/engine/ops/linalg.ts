import { allocate, promote, type TypedArray } from '../dtype';
import { ShapeError, fmtShape } from '../errors';
import { kernels } from '../kernels';
import { broadcastShapes, sizeOf } from '../shape';
import { fromOp, type Tensor } from '../tensor';
import { unbroadcast } from './broadcast';

/** Expands a (…batch, r, c) array to the broadcast batch shape. */
function expandBatch(a: TypedArray, batchShape: readonly number[], fullBatch: readonly number[], r: number, c: number, dtype: 'float32' | 'float64'): TypedArray {
  if (sizeOf(batchShape) === sizeOf(fullBatch)) return a;
  const out = allocate(dtype, sizeOf(fullBatch) * r * c);
  kernels().binary('add', out, [...fullBatch, r, c], a, [...batchShape, r, c], out, [...fullBatch, r, c]);
  return out;
}

/**
 * Matrix product with NumPy's rules: 1-D@1-D is a dot product, a 1-D left operand is a row vector and a 1-D right
 * operand a column vector (the added axis is removed again), and leading axes broadcast as batches. Gradients are
 * correct in every case (Sorix's are right only for 2-D@2-D).
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) throw new ShapeError('matmul', `both operands need at least one dimension, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  const aShape = a.ndim === 1 ? [1, a.shape[0]!] : [...a.shape];
  const bShape = b.ndim === 1 ? [b.shape[0]!, 1] : [...b.shape];
  const m = aShape[aShape.length - 2]!, k = aShape[aShape.length - 1]!;
  const k2 = bShape[bShape.length - 2]!, n = bShape[bShape.length - 1]!;
  if (k !== k2) throw new ShapeError('matmul', `cannot multiply ${fmtShape(a.shape)} by ${fmtShape(b.shape)}: inner sizes ${k} and ${k2} differ`);
  const aBatch = aShape.slice(0, -2), bBatch = bShape.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes('matmul', aBatch, bBatch);
  } catch {
    throw new ShapeError('matmul', `cannot multiply ${fmtShape(a.shape)} by ${fmtShape(b.shape)}: batch shapes ${fmtShape(aBatch)} and ${fmtShape(bBatch)} do not broadcast`);
  }
  const nb = sizeOf(batch);
  const dtype = promote(a.dtype, b.dtype);
  const A = expandBatch(a.data, aBatch, batch, m, k, a.dtype);
  const B = expandBatch(b.data, bBatch, batch, k, n, b.dtype);
  const out = allocate(dtype, nb * m * n);
  const K = kernels();
  for (let i = 0; i < nb; i++) K.matmul(A, i * m * k, B, i * k * n, out, i * m * n, m, k, n);
  const outShape = [...batch, m, n];
  if (a.ndim === 1) outShape.splice(outShape.length - 2, 1);
  if (b.ndim === 1) outShape.splice(outShape.length - 1, 1);
  return fromOp('matmul', out, outShape, [a, b], (g) => {
    let ga: TypedArray | null = null;
    let gb: TypedArray | null = null;
    // g is (batch, m, n) whatever axes were removed.
    if (a.requiresGrad) {
      // dA = g · Bᵀ, summed over broadcast batch axes (the kernel reads B transposed in place).
      const full = allocate(dtype, nb * m * k);
      for (let i = 0; i < nb; i++) K.matmul(g, i * m * n, B, i * k * n, full, i * m * k, m, n, k, false, true);
      ga = unbroadcast(full, [...batch, m, k], [...aBatch, m, k], a.dtype);
    }
    if (b.requiresGrad) {
      // dB = Aᵀ · g.
      const full = allocate(dtype, nb * k * n);
      for (let i = 0; i < nb; i++) K.matmul(A, i * m * k, g, i * m * n, full, i * k * n, k, m, n, true, false);
      gb = unbroadcast(full, [...batch, k, n], [...bBatch, k, n], b.dtype);
    }
    return [ga, gb];
  });
}
