import { allocate, promote, type DType, type TypedArray } from '../dtype';
import { kernels } from '../kernels';
import { broadcastShapes, sizeOf } from '../shape';
import { fromOp, Tensor, type Operand } from '../tensor';
import { unbroadcast } from './broadcast';
import { asTensor } from './elementwise';

/** `t`'s values laid out over the broadcast `shape` (1·x keeps −0, ±Infinity and NaN exactly). */
function expand(t: Tensor, shape: readonly number[], size: number, dtype: DType): TypedArray {
  const out = allocate(dtype, size);
  if (t.size === size) { out.set(t.data); return out; }
  out.fill(1);
  kernels().binary('mul', out, shape, t.data, t.shape, out, shape);
  return out;
}

/**
 * Elementwise maximum (`larger`) or minimum of two operands with broadcasting. NaN in either operand gives NaN.
 * The gradient follows PyTorch's rule: the larger (smaller) operand takes g, the other 0, and on a tie each takes
 * g/2. With a NaN the comparisons are false, so both operands take g, as in PyTorch.
 */
function extremum(op: 'maximum' | 'minimum', x: Operand, y: Operand): Tensor {
  const a = x instanceof Tensor ? x : asTensor(x, y as Tensor);
  const b = asTensor(y, a);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const size = sizeOf(shape);
  const dtype = promote(a.dtype, b.dtype);
  const av = expand(a, shape, size, dtype);
  const bv = expand(b, shape, size, dtype);
  const out = allocate(dtype, size);
  const larger = op === 'maximum';
  for (let i = 0; i < size; i++) {
    const p = av[i]!, q = bv[i]!;
    out[i] = p !== p || q !== q ? NaN : (larger ? p >= q : p <= q) ? p : q;
  }
  return fromOp(op, out, shape, [a, b], (g) => {
    const ga = a.requiresGrad ? allocate(dtype, size) : null;
    const gb = b.requiresGrad ? allocate(dtype, size) : null;
    for (let i = 0; i < size; i++) {
      const p = av[i]!, q = bv[i]!, gi = g[i]!;
      // PyTorch: self gets where(p == q, g/2, g) masked to 0 where it loses; other likewise.
      const half = p === q;
      const aLoses = larger ? p < q : p > q;
      const bLoses = larger ? p > q : p < q;
      if (ga) ga[i] = half ? gi / 2 : aLoses ? 0 : gi;
      if (gb) gb[i] = half ? gi / 2 : bLoses ? 0 : gi;
    }
    return [ga && unbroadcast(ga, shape, a.shape, a.dtype), gb && unbroadcast(gb, shape, b.shape, b.dtype)];
  });
}

/** max(a, b) elementwise with broadcasting (PyTorch's `torch.maximum`); ties split the gradient in half. */
export const maximum = (a: Operand, b: Operand): Tensor => extremum('maximum', a, b);
/** min(a, b) elementwise with broadcasting (PyTorch's `torch.minimum`); ties split the gradient in half. */
export const minimum = (a: Operand, b: Operand): Tensor => extremum('minimum', a, b);
