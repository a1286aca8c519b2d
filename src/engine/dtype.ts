/** Floating-point dtypes the engine stores. Literal JavaScript data defaults to float32, as in Sorix and PyTorch. */
export type DType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array;

export const DEFAULT_DTYPE: DType = 'float32';

export function isDType(v: unknown): v is DType {
  return v === 'float32' || v === 'float64';
}

export function allocate(dtype: DType, size: number): TypedArray {
  return dtype === 'float64' ? new Float64Array(size) : new Float32Array(size);
}

export function dtypeOf(data: TypedArray): DType {
  return data instanceof Float64Array ? 'float64' : 'float32';
}

/** NumPy's promotion between the two float types: float64 wins. */
export function promote(a: DType, b: DType): DType {
  return a === 'float64' || b === 'float64' ? 'float64' : 'float32';
}

/** Copies `src` into a new array of `dtype` (rounding to float32 where needed). */
export function castArray(src: ArrayLike<number>, dtype: DType): TypedArray {
  const out = allocate(dtype, src.length);
  out.set(src as ArrayLike<number>);
  return out;
}
