/** Floating-point dtypes the engine stores. Literal JavaScript data defaults to float32, as in Sorix and PyTorch. */
export type DType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array;

export const DEFAULT_DTYPE: DType = 'float32';

export function isDType(v: unknown): v is DType {
  return v === 'float32' || v === 'float64';
}

/**
 * Small arrays are carved from shared slabs. V8 keeps a typed array of up to 64 bytes on its heap, where it is cheap;
 * a larger one gets a backing store of its own outside the heap, which costs about a microsecond to make and more to
 * collect — more than the arithmetic of a 10×16 layer. Training at small batches makes dozens of such arrays per step
 * (outputs, gradients), so arrays of 65 bytes to 2 kB are views into 16 kB ArrayBuffers, handed out in order and never
 * reused: each view starts zero-filled like a new array, and a slab is freed when the last view into it dies (at most
 * 16 kB held by one small live array). Larger arrays, where the arithmetic dominates, get buffers of their own.
 *
 * So `tensor.data.buffer` may be larger than `tensor.data` and shared with other tensors (as views into a
 * WebAssembly memory would be): copy with `data.slice()` before transferring a buffer to a worker.
 */
const SLAB_BYTES = 16384;
const SMALL_MIN_BYTES = 65;
const SMALL_MAX_BYTES = 2048;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

/** A zero-filled array of `size` elements. */
export function allocate(dtype: DType, size: number): TypedArray {
  const f64 = dtype === 'float64';
  const bytes = f64 ? size * 8 : size * 4;
  if (bytes < SMALL_MIN_BYTES || bytes > SMALL_MAX_BYTES) return f64 ? new Float64Array(size) : new Float32Array(size);
  if (slabUsed + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabUsed = 0;
  }
  const offset = slabUsed;
  // Keep every view 8-byte aligned, as a Float64Array needs.
  slabUsed += (bytes + 7) & ~7;
  return f64 ? new Float64Array(slab, offset, size) : new Float32Array(slab, offset, size);
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
