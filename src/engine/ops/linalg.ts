import { allocate, promote, type TypedArray } from '../dtype';
import { kernels } from '../kernels';
import { matmulShapes, sizeOf } from '../shape';
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
  const { aBatch, bBatch, batch, m, k, n, out: outShape } = matmulShapes(a.shape, b.shape);
  const nb = sizeOf(batch);
  const dtype = promote(a.dtype, b.dtype);
  const A = expandBatch(a.data, aBatch, batch, m, k, a.dtype);
  const B = expandBatch(b.data, bBatch, batch, k, n, b.dtype);
  const out = allocate(dtype, nb * m * n);
  const K = kernels();
  for (let i = 0; i < nb; i++) K.matmul(A, i * m * k, B, i * k * n, out, i * m * n, m, k, n);
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
