import { allocate, type DType, type TypedArray } from '../dtype';
import { kernels } from '../kernels';
import { sameShape } from '../shape';

/**
 * Reverses broadcasting: sums a gradient of `gShape` down to `shape` (the operand's own shape).
 * Returns `g` itself when nothing was broadcast.
 */
export function unbroadcast(g: TypedArray, gShape: readonly number[], shape: readonly number[], dtype: DType): TypedArray {
  if (sameShape(gShape, shape)) return g;
  const size = shape.reduce((a, b) => a * b, 1);
  const out = allocate(dtype, size);
  const lead = gShape.length - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < gShape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && gShape[i] !== 1)) axes.push(i);
  }
  kernels().sum(g, gShape, axes, out);
  return out;
}
