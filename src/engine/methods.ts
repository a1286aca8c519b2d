/**
 * The op methods of Tensor (`x.add(y)`, `x.sigmoid()`, `x.sum(0)`, `x.T`), attached to its prototype in this one
 * place. tensor.ts holds the core (storage, fromOp, backward) and imports no op; the ops import tensor.ts. So there
 * is no import cycle, and a new op needs its own file plus one line here (and its export in index.ts).
 * The engine's index imports this module first, so every Tensor has these methods before any op runs.
 */
import * as act from './ops/activation';
import * as ew from './ops/elementwise';
import * as la from './ops/linalg';
import * as mv from './ops/movement';
import * as red from './ops/reduce';
import * as cmp from './ops/compare';
import * as stat from './ops/statistics';
import { Tensor, type Axis, type IndexEntry, type Operand } from './tensor';

/** The methods below, as TypeScript sees them on every Tensor (declaration merging with the class). */
interface TensorOps {
  // Elementwise arithmetic (NumPy broadcasting; a number keeps this tensor's dtype).
  add(o: Operand): Tensor;
  sub(o: Operand): Tensor;
  mul(o: Operand): Tensor;
  div(o: Operand): Tensor;
  neg(): Tensor;
  pow(n: number): Tensor;
  exp(): Tensor;
  log(): Tensor;
  sqrt(): Tensor;
  sin(): Tensor;
  cos(): Tensor;
  abs(): Tensor;
  clamp(min?: number | null, max?: number | null): Tensor;

  // Activations.
  sigmoid(): Tensor;
  tanh(): Tensor;
  relu(): Tensor;
  leakyRelu(slope?: number): Tensor;
  softmax(axis?: number): Tensor;
  logSoftmax(axis?: number): Tensor;

  // Reductions: positional (axis?, keepdims?), axis a number, a list, or null for all.
  sum(axis?: Axis, keepdims?: boolean): Tensor;
  mean(axis?: Axis, keepdims?: boolean): Tensor;
  max(axis?: Axis, keepdims?: boolean): Tensor;

  // Statistics and comparisons (ops/statistics.ts, ops/compare.ts), with PyTorch's semantics.
  min(axis?: Axis, keepdims?: boolean): Tensor;
  argmax(axis?: number | null, keepdims?: boolean): Tensor;
  argmin(axis?: number | null, keepdims?: boolean): Tensor;
  var(axis?: Axis, keepdims?: boolean, opts?: stat.VarianceOptions): Tensor;
  std(axis?: Axis, keepdims?: boolean, opts?: stat.VarianceOptions): Tensor;
  logsumexp(axis?: Axis, keepdims?: boolean): Tensor;
  maximum(o: Operand): Tensor;
  minimum(o: Operand): Tensor;

  // Linear algebra and movement.
  matmul(o: Tensor): Tensor;
  reshape(...shape: (number | readonly number[])[]): Tensor;
  transpose(axes?: readonly number[]): Tensor;
  /** Swaps the last two axes (2-D transpose); the reverse of all axes for other ranks, as NumPy's `.T`. */
  readonly T: Tensor;
  squeeze(axis?: number | null): Tensor;
  unsqueeze(axis: number): Tensor;
  index(spec: readonly IndexEntry[] | IndexEntry): Tensor;
}

declare module './tensor' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging: the class gains TensorOps
  interface Tensor extends TensorOps {}
}

function flatShapeArgs(args: readonly (number | readonly number[])[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return [...(args[0] as number[])];
  return args as number[];
}

const methods: Omit<TensorOps, 'T'> & ThisType<Tensor> = {
  add(o) { return ew.add(this, o); },
  sub(o) { return ew.sub(this, o); },
  mul(o) { return ew.mul(this, o); },
  div(o) { return ew.div(this, o); },
  neg() { return ew.neg(this); },
  pow(n) { return ew.pow(this, n); },
  exp() { return ew.exp(this); },
  log() { return ew.log(this); },
  sqrt() { return ew.sqrt(this); },
  sin() { return ew.sin(this); },
  cos() { return ew.cos(this); },
  abs() { return ew.abs(this); },
  clamp(min, max) { return ew.clamp(this, min, max); },

  sigmoid() { return act.sigmoid(this); },
  tanh() { return act.tanh(this); },
  relu() { return act.relu(this); },
  leakyRelu(slope = 0.01) { return act.leakyRelu(this, slope); },
  softmax(axis = -1) { return act.softmax(this, axis); },
  logSoftmax(axis = -1) { return act.logSoftmax(this, axis); },

  sum(axis, keepdims = false) { return red.sum(this, axis, keepdims); },
  mean(axis, keepdims = false) { return red.mean(this, axis, keepdims); },
  max(axis, keepdims = false) { return red.max(this, axis, keepdims); },

  min(axis, keepdims = false) { return stat.min(this, axis, keepdims); },
  argmax(axis = null, keepdims = false) { return stat.argmax(this, axis, keepdims); },
  argmin(axis = null, keepdims = false) { return stat.argmin(this, axis, keepdims); },
  var(axis, keepdims = false, opts) { return stat.variance(this, axis, keepdims, opts); },
  std(axis, keepdims = false, opts) { return stat.std(this, axis, keepdims, opts); },
  logsumexp(axis, keepdims = false) { return stat.logsumexp(this, axis, keepdims); },
  maximum(o) { return cmp.maximum(this, o); },
  minimum(o) { return cmp.minimum(this, o); },

  matmul(o) { return la.matmul(this, o); },
  reshape(...shape) { return mv.reshape(this, flatShapeArgs(shape)); },
  transpose(axes) { return mv.transpose(this, axes); },
  squeeze(axis) { return mv.squeeze(this, axis); },
  unsqueeze(axis) { return mv.unsqueeze(this, axis); },
  index(spec) { return mv.index(this, spec); },
};

// Non-enumerable, as class methods are.
for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Tensor.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
}
Object.defineProperty(Tensor.prototype, 'T', {
  get(this: Tensor): Tensor { return mv.transpose(this); },
  configurable: true,
  enumerable: false,
});
