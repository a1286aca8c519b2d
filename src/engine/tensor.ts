import { isGradEnabled, type GradFn } from './autograd';
import { allocate, castArray, DEFAULT_DTYPE, dtypeOf, isDType, type DType, type TypedArray } from './dtype';
import { ArgumentError, AutogradError, ShapeError, fmtShape } from './errors';
import { formatArray, formatNumber, reprTensor } from './format';
import { checkShape, sameShape, sizeOf, type Shape } from './shape';

/** Nested arrays of numbers, as accepted by `tensor()`. */
export type NestedArray = number | readonly NestedArray[];
export type TensorData = NestedArray | TypedArray | readonly number[];

export interface TensorOptions {
  shape?: readonly number[];
  dtype?: DType;
  requiresGrad?: boolean;
}

/** One entry per axis for `index()`: an integer, a slice, or an integer array (a gather). */
export type IndexEntry = number | { start?: number | null; stop?: number | null; step?: number | null } | readonly number[];
export type Axis = number | readonly number[] | null | undefined;
export type Operand = Tensor | number;

let visitEpoch = 0;

/**
 * An n-dimensional array of float32 or float64 values in a contiguous row-major typed array, with the autograd
 * bookkeeping of the op that made it.
 */
export class Tensor {
  /** Row-major values; never shared with another tensor that an op may write to. */
  data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;
  requiresGrad: boolean;
  /** Accumulated gradient after backward(); kept on every tensor that requires grad, as Sorix does. */
  grad: Tensor | null = null;
  /** How this tensor was computed; null for a leaf. */
  gradFn: GradFn | null = null;
  /** An optional label (a parameter's name, a node's name). */
  name: string | undefined;

  /** @internal gradient being summed during one backward pass. */
  _g: TypedArray | null = null;
  /** @internal topological-sort mark. */
  _visit = 0;

  constructor(data: TypedArray, shape: readonly number[], requiresGrad = false) {
    if (data.length !== sizeOf(shape)) {
      throw new ShapeError('tensor', `${data.length} values do not fill shape ${fmtShape(shape)} (${sizeOf(shape)} elements)`);
    }
    this.data = data;
    this.shape = shape;
    this.dtype = dtypeOf(data);
    this.requiresGrad = requiresGrad;
  }

  get ndim(): number { return this.shape.length; }
  get size(): number { return this.data.length; }
  /** True for tensors no op made (inputs and parameters). */
  get isLeaf(): boolean { return this.gradFn === null; }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.data.length !== 1) throw new ArgumentError('item', `only a tensor with one element has an item; this one has shape ${fmtShape(this.shape)}`);
    return this.data[0]!;
  }

  /** The values as nested arrays (a number for a 0-d tensor). */
  toArray(): NestedArray {
    return nest(this.data, this.shape, 0, 0);
  }

  /** A new leaf with the same values that does not require grad. */
  detach(): Tensor {
    return new Tensor(this.data.slice() as TypedArray, this.shape, false);
  }

  /** A copy in another dtype (a new leaf: gradients do not flow through a cast, as in Sorix). */
  astype(dtype: DType): Tensor {
    return new Tensor(castArray(this.data, dtype), this.shape, false);
  }

  /** The values printed as NumPy prints an array (`str(ndarray)`): `[3.8e-44 5.0e-01 1.0e+00]`. */
  format(): string {
    // NumPy prints a 0-d array as its scalar (`1e-05`, `-0.0`), not with the array rules (`1.e-05`, `-0.`).
    if (this.shape.length === 0) return formatNumber(this.data[0]!, this.dtype);
    return formatArray(this.data, this.shape, this.dtype, { separator: ' ' });
  }

  /** Sorix's repr: `tensor([3.8e-44, 2.5e-01, 0.0e+00])`, with `dtype=float64` added for float64. */
  toString(): string {
    return reprTensor(this.data, this.shape, this.dtype);
  }

  /**
   * Back-propagates from this tensor. Without `gradient` it must hold one element (a 0-d or (1,1) loss).
   * Gradients accumulate into `.grad` across calls; the graph is freed afterwards unless `retainGraph`.
   */
  backward(gradient?: Tensor | NestedArray, opts: { retainGraph?: boolean } = {}): void {
    runBackward(this, gradient, opts.retainGraph ?? false);
  }

  /** Clears `.grad`. */
  zeroGrad(): void { this.grad = null; }

  // The op methods (x.add(y), x.sigmoid(), x.sum(0), …) are attached in methods.ts: ops import this file, never the
  // reverse, so a new op is added in its own file and in methods.ts only.
}

function nest(data: TypedArray, shape: readonly number[], dim: number, off: number): NestedArray {
  if (dim === shape.length) return data[off]!;
  const n = shape[dim]!;
  const stride = sizeOf(shape.slice(dim + 1));
  const out: NestedArray[] = [];
  for (let i = 0; i < n; i++) out.push(nest(data, shape, dim + 1, off + i * stride));
  return out;
}

/** Infers the shape of nested arrays and flattens them, refusing ragged input with the path of the problem. */
function flatten(data: NestedArray): { values: number[]; shape: number[] } {
  const shape: number[] = [];
  let probe: NestedArray = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = (probe as readonly NestedArray[])[0] as NestedArray;
    if (probe === undefined) break;
  }
  const values: number[] = [];
  const walk = (v: NestedArray, dim: number, path: string): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number') throw new ArgumentError('tensor', `expected a number at ${path || 'the top level'}, found ${Array.isArray(v) ? 'a list' : typeof v}`);
      values.push(v);
      return;
    }
    if (!Array.isArray(v)) throw new ShapeError('tensor', `ragged data: expected a list of ${shape[dim]} at ${path || 'the top level'}, found ${typeof v}`);
    if (v.length !== shape[dim]) throw new ShapeError('tensor', `ragged data: expected ${shape[dim]} entries at ${path || 'the top level'}, found ${v.length}`);
    for (let i = 0; i < v.length; i++) walk((v as readonly NestedArray[])[i]!, dim + 1, `${path}[${i}]`);
  };
  walk(data, 0, '');
  return { values, shape };
}

/**
 * Makes a leaf tensor from a number, nested arrays, a flat array with `shape`, or a typed array. Literal JavaScript
 * data defaults to float32 (as in Sorix and PyTorch); a Float64Array keeps float64.
 */
export function tensor(data: TensorData, opts: TensorOptions = {}): Tensor {
  if (opts.dtype !== undefined && !isDType(opts.dtype)) {
    throw new ArgumentError('tensor', `unknown dtype ${JSON.stringify(opts.dtype)}: use 'float32' or 'float64'`);
  }
  let values: ArrayLike<number>;
  let shape: number[];
  let dtype: DType;
  if (data instanceof Float32Array || data instanceof Float64Array) {
    values = data;
    dtype = opts.dtype ?? dtypeOf(data);
    shape = opts.shape ? checkShape('tensor', opts.shape) : [data.length];
  } else if (opts.shape && Array.isArray(data) && data.every((v) => typeof v === 'number')) {
    values = data as readonly number[];
    dtype = opts.dtype ?? DEFAULT_DTYPE;
    shape = checkShape('tensor', opts.shape);
  } else {
    const flat = flatten(data as NestedArray);
    values = flat.values;
    shape = flat.shape;
    dtype = opts.dtype ?? DEFAULT_DTYPE;
    if (opts.shape) {
      checkShape('tensor', opts.shape);
      if (sizeOf(opts.shape) !== values.length) {
        throw new ShapeError('tensor', `${values.length} values do not fill shape ${fmtShape(opts.shape)}`);
      }
      shape = [...opts.shape];
    }
  }
  if (values.length !== sizeOf(shape)) {
    throw new ShapeError('tensor', `${values.length} values do not fill shape ${fmtShape(shape)} (${sizeOf(shape)} elements)`);
  }
  return new Tensor(castArray(values, dtype), shape, opts.requiresGrad ?? false);
}

/**
 * Builds an op's result: records `backward` only when grad mode is on and an input requires grad.
 * `backward` maps the upstream gradient to one gradient per input (same size as that input) or null.
 */
export function fromOp(op: string, data: TypedArray, shape: readonly number[], inputs: readonly Tensor[], backward: (g: TypedArray) => readonly (TypedArray | null)[]): Tensor {
  const out = new Tensor(data, shape, false);
  if (isGradEnabled()) {
    for (const t of inputs) {
      if (t.requiresGrad) {
        out.requiresGrad = true;
        out.gradFn = { op, inputs, backward, freed: false };
        break;
      }
    }
  }
  return out;
}

function toGradArray(t: Tensor, g: Tensor | NestedArray): TypedArray {
  const gt = g instanceof Tensor ? g : tensor(g, { dtype: t.dtype });
  if (!sameShape(gt.shape, t.shape)) {
    throw new ShapeError('backward', `the gradient has shape ${fmtShape(gt.shape)} but the tensor has shape ${fmtShape(t.shape)}`);
  }
  return gt.dtype === t.dtype ? gt.data.slice() as TypedArray : castArray(gt.data, t.dtype);
}

function addInto(t: Tensor, g: TypedArray): void {
  const src = g.length === t.data.length && dtypeOf(g) === t.dtype ? g : castArray(g, t.dtype);
  if (src.length !== t.data.length) {
    throw new ShapeError('backward', `internal error: a gradient of ${src.length} values reached a tensor of shape ${fmtShape(t.shape)}`);
  }
  if (t._g === null) {
    t._g = src;
  } else {
    // Never add in place: the same array may be another tensor's gradient (pass-through ops share it).
    const sum = allocate(t.dtype, src.length);
    const a = t._g;
    for (let i = 0; i < sum.length; i++) sum[i] = a[i]! + src[i]!;
    t._g = sum;
  }
}

function runBackward(root: Tensor, gradient: Tensor | NestedArray | undefined, retain: boolean): void {
  if (!root.requiresGrad) {
    throw new AutogradError('backward', 'this tensor does not require grad: create its inputs with { requiresGrad: true }');
  }
  let seed: TypedArray;
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new AutogradError('backward', `a gradient can be implied only for a one-element output; this one has shape ${fmtShape(root.shape)}. Reduce it first (e.g. .sum()) or pass a gradient of the same shape`);
    }
    seed = allocate(root.dtype, 1);
    seed[0] = 1;
  } else {
    seed = toGradArray(root, gradient);
  }
  // Iterative depth-first topological sort (deep graphs would overflow recursion).
  const epoch = ++visitEpoch;
  const order: Tensor[] = [];
  // The path from the root, and for each tensor on it the next input to visit (two arrays, no object per node).
  const stack: Tensor[] = [root];
  const next: number[] = [0];
  root._visit = epoch;
  while (stack.length > 0) {
    const top = stack.length - 1;
    const t = stack[top]!;
    const fn = t.gradFn;
    if (fn && fn.freed) {
      throw new AutogradError('backward', `the graph through '${fn.op}' was freed by an earlier backward(); run the forward pass again, or pass { retainGraph: true } to the first backward`);
    }
    const i = next[top]!;
    if (fn && i < fn.inputs.length) {
      next[top] = i + 1;
      const child = fn.inputs[i] as Tensor;
      if (child.requiresGrad && child._visit !== epoch) {
        child._visit = epoch;
        stack.push(child);
        next.push(0);
      }
    } else {
      order.push(t);
      stack.pop();
      next.pop();
    }
  }
  root._g = seed;
  // Arrays already stored in some .grad: pass-through rules (add, reshape, …) hand the same array on, and two
  // tensors' .grad must never share storage (an optimiser may update one in place).
  const stored = new Set<TypedArray>();
  for (let k = order.length - 1; k >= 0; k--) {
    const t = order[k]!;
    let g = t._g;
    t._g = null;
    if (g === null) continue;
    if (t.grad === null) {
      if (stored.has(g)) {
        // allocate() rather than slice(): a small copy then comes from a shared slab, not a buffer of its own.
        const copy = allocate(t.dtype, g.length);
        copy.set(g);
        g = copy;
      }
      stored.add(g);
      t.grad = new Tensor(g, t.shape);
    } else {
      t.grad = new Tensor(sumArrays(t.grad.data, g, t.dtype), t.shape);
    }
    const fn = t.gradFn;
    if (fn && fn.backward) {
      const grads = fn.backward(g);
      const inputs = fn.inputs as readonly Tensor[];
      for (let i = 0; i < inputs.length; i++) {
        const gi = grads[i];
        const inp = inputs[i]!;
        if (gi && inp.requiresGrad) addInto(inp, gi);
      }
      if (!retain) {
        fn.freed = true;
        fn.backward = null;
        fn.inputs = [];
      }
    }
  }
}

function sumArrays(a: TypedArray, b: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, a.length);
  for (let i = 0; i < out.length; i++) out[i] = a[i]! + b[i]!;
  return out;
}

export type { Shape };
