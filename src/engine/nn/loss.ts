import { allocate, promote, type DType, type TypedArray } from '../dtype';
import { ArgumentError, ShapeError, fmtShape } from '../errors';
import { logSoftmaxLane } from '../ops/activation';
import { stableSigmoid } from '../scalar';
import { sameShape } from '../shape';
import { fromOp, Tensor, tensor, type NestedArray } from '../tensor';

/** How a loss combines its per-item losses, as PyTorch's `reduction`: their mean (default), their sum, or none. */
export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  /** 'mean' (default): a 0-d tensor, the (weighted) mean; 'sum': a 0-d tensor; 'none': one loss per item. */
  reduction?: Reduction;
}

/**
 * Losses are classes with `forward(prediction, target)`. Each is one fused graph node with an analytic backward;
 * targets receive a gradient where the formula has one (MSE, L1, SmoothL1, BCE, BCE-with-logits), never for class
 * indices or labels (CrossEntropy, NLL).
 *
 * The shared skeleton: a subclass computes one loss per item (an element, or a sample for the class losses) and the
 * gradient of each item's loss scaled by a per-item factor; `reduce` applies the reduction, records the node and
 * turns the upstream gradient into those factors (g/denominator for 'mean', g for 'sum', gᵢ for 'none').
 */
export abstract class Loss {
  readonly reduction: Reduction;

  constructor(protected readonly lossName: string, opts: LossOptions = {}) {
    const r = opts.reduction ?? 'mean';
    if (r !== 'mean' && r !== 'sum' && r !== 'none') {
      throw new ArgumentError(lossName, `reduction must be 'mean', 'sum' or 'none', got ${JSON.stringify(r)}`);
    }
    this.reduction = r;
  }

  abstract forward(prediction: Tensor, target: Tensor | NestedArray): Tensor;

  /**
   * The loss's result from per-item losses `items` (of `itemShape`): 'none' returns them, 'sum' their sum and 'mean'
   * their sum over `denominator` (the item count, or the total class weight). `backward(coef)` gets each item's
   * factor and returns the inputs' gradients.
   */
  protected reduce(op: string, items: Float64Array, itemShape: readonly number[], denominator: number, dtype: DType, inputs: readonly Tensor[], backward: (coef: Float64Array) => readonly (TypedArray | null)[]): Tensor {
    const n = items.length;
    if (this.reduction === 'none') {
      const out = allocate(dtype, n);
      out.set(items);
      return fromOp(op, out, itemShape, inputs, (g) => backward(Float64Array.from(g)));
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += items[i]!;
    const mean = this.reduction === 'mean';
    const out = allocate(dtype, 1);
    out[0] = mean ? s / denominator : s;
    return fromOp(op, out, [], inputs, (g) => backward(new Float64Array(n).fill(mean ? g[0]! / denominator : g[0]!)));
  }
}

function asTarget(op: string, t: Tensor | NestedArray, like: Tensor): Tensor {
  if (t instanceof Tensor) return t;
  try {
    return tensor(t, { dtype: like.dtype });
  } catch (e) {
    throw new ArgumentError(op, `the target must be a tensor or numbers: ${(e as Error).message}`);
  }
}

/**
 * A loss of one prediction element against the target element at the same place. The shapes must be equal: (N,1)
 * against (N,) is an error, not an (N,N) broadcast (Sorix pitfall). The items are the elements ('none' keeps the
 * prediction's shape).
 */
abstract class PointwiseLoss extends Loss {
  constructor(name: string, private readonly op: string, opts: LossOptions) {
    super(name, opts);
  }

  /** out[i] = the loss of element i (may throw for an invalid prediction, naming the index). */
  protected abstract values(p: TypedArray, t: TypedArray, out: Float64Array): void;
  /** gp[i] = c[i]·∂lossᵢ/∂pᵢ and gt[i] = c[i]·∂lossᵢ/∂tᵢ, for whichever of gp and gt is not null. */
  protected abstract gradients(p: TypedArray, t: TypedArray, c: Float64Array, gp: TypedArray | null, gt: TypedArray | null): void;

  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const y = asTarget(this.lossName, target, prediction);
    if (!sameShape(prediction.shape, y.shape)) {
      throw new ShapeError(this.lossName, `prediction of shape ${fmtShape(prediction.shape)} and target of shape ${fmtShape(y.shape)} differ; they must have the same shape (broadcasting them would silently compare every prediction with every target)`);
    }
    const n = prediction.size;
    const p = prediction.data, t = y.data;
    const items = new Float64Array(n);
    this.values(p, t, items);
    return this.reduce(this.op, items, prediction.shape, n, promote(prediction.dtype, y.dtype), [prediction, y], (c) => {
      const gp = prediction.requiresGrad ? allocate(prediction.dtype, n) : null;
      const gt = y.requiresGrad ? allocate(y.dtype, n) : null;
      this.gradients(p, t, c, gp, gt);
      return [gp, gt];
    });
  }
}

/** (p − y)² per element; gradient 2(p − y). */
export class MSELoss extends PointwiseLoss {
  constructor(opts: LossOptions = {}) { super('MSELoss', 'mseLoss', opts); }

  protected values(p: TypedArray, t: TypedArray, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) { const d = p[i]! - t[i]!; out[i] = d * d; }
  }

  protected gradients(p: TypedArray, t: TypedArray, c: Float64Array, gp: TypedArray | null, gt: TypedArray | null): void {
    for (let i = 0; i < c.length; i++) {
      const d = 2 * c[i]! * (p[i]! - t[i]!);
      if (gp) gp[i] = d;
      if (gt) gt[i] = -d;
    }
  }
}

/** |p − y| per element; gradient sign(p − y), 0 where p = y (PyTorch's subgradient). NaN propagates. */
export class L1Loss extends PointwiseLoss {
  constructor(opts: LossOptions = {}) { super('L1Loss', 'l1Loss', opts); }

  protected values(p: TypedArray, t: TypedArray, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) out[i] = Math.abs(p[i]! - t[i]!);
  }

  protected gradients(p: TypedArray, t: TypedArray, c: Float64Array, gp: TypedArray | null, gt: TypedArray | null): void {
    for (let i = 0; i < c.length; i++) {
      const d = c[i]! * Math.sign(p[i]! - t[i]!);
      if (gp) gp[i] = d;
      if (gt) gt[i] = -d;
    }
  }
}

export interface SmoothL1Options extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1, non-negative; 0 is exactly L1Loss). */
  beta?: number;
}

/**
 * PyTorch's SmoothL1Loss: with d = p − y, 0.5·d²/β where |d| < β, else |d| − 0.5·β; β = 0 gives L1Loss's values.
 * The prediction's gradient is PyTorch's rule: −1 where d ≤ −β, 1 where d ≥ β, d/β between (continuous at |d| = β);
 * so with β = 0 it is −1 at d = 0, where L1Loss gives 0. The target's gradient is its exact negative (PyTorch 1.13
 * gives −1 to the target as well at that one point). NaN propagates.
 */
export class SmoothL1Loss extends PointwiseLoss {
  readonly beta: number;

  constructor(opts: SmoothL1Options = {}) {
    super('SmoothL1Loss', 'smoothL1Loss', opts);
    const beta = opts.beta ?? 1;
    if (typeof beta !== 'number' || !(beta >= 0) || !Number.isFinite(beta)) {
      throw new ArgumentError('SmoothL1Loss', `beta must be a finite non-negative number, got ${String(beta)}`);
    }
    this.beta = beta;
  }

  protected values(p: TypedArray, t: TypedArray, out: Float64Array): void {
    const b = this.beta;
    for (let i = 0; i < out.length; i++) {
      const a = Math.abs(p[i]! - t[i]!);
      out[i] = a < b ? (0.5 * a * a) / b : a - 0.5 * b;
    }
  }

  protected gradients(p: TypedArray, t: TypedArray, c: Float64Array, gp: TypedArray | null, gt: TypedArray | null): void {
    const b = this.beta;
    for (let i = 0; i < c.length; i++) {
      const d = p[i]! - t[i]!;
      const g = c[i]! * (d <= -b ? -1 : d >= b ? 1 : d !== d ? NaN : d / b);
      if (gp) gp[i] = g;
      if (gt) gt[i] = -g;
    }
  }
}

/** The floor PyTorch puts under each log in BCELoss, so that a saturated probability costs 100, not Infinity. */
const LOG_FLOOR = -100;

/**
 * Binary cross-entropy on probabilities p ∈ [0, 1]: −[y·log p + (1−y)·log(1−p)] per element, each log clamped at
 * −100 as PyTorch does (so p = 0 or 1 gives a finite loss). The gradient is the exact derivative of this clamped
 * function: −y/p + (1−y)/(1−p), where a clamped log contributes 0; so it is finite for every p in [0, 1].
 * A probability outside [0, 1] throws, as in PyTorch (apply a Sigmoid first, or use BCEWithLogitsLoss); NaN
 * propagates to the loss.
 */
export class BCELoss extends PointwiseLoss {
  constructor(opts: LossOptions = {}) { super('BCELoss', 'bceLoss', opts); }

  protected values(p: TypedArray, t: TypedArray, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) {
      const pi = p[i]!;
      if (pi < 0 || pi > 1) {
        throw new ArgumentError('BCELoss', `prediction ${pi} at index ${i} is not a probability in [0, 1]; apply a Sigmoid first, or use BCEWithLogitsLoss on the raw scores`);
      }
      const ti = t[i]!;
      // 0·(−100) is 0: a target of exactly 0 or 1 ignores the other term.
      out[i] = -(ti * Math.max(Math.log(pi), LOG_FLOOR) + (1 - ti) * Math.max(Math.log(1 - pi), LOG_FLOOR));
    }
  }

  protected gradients(p: TypedArray, t: TypedArray, c: Float64Array, gp: TypedArray | null, gt: TypedArray | null): void {
    for (let i = 0; i < c.length; i++) {
      const pi = p[i]!, ti = t[i]!, k = c[i]!;
      const l1 = Math.log(pi), l0 = Math.log(1 - pi);
      if (gp) {
        let d = 0;
        if (l1 > LOG_FLOOR) d -= ti / pi;
        if (l0 > LOG_FLOOR) d += (1 - ti) / (1 - pi);
        gp[i] = pi !== pi ? NaN : k * d;
      }
      if (gt) gt[i] = -k * (Math.max(l1, LOG_FLOOR) - Math.max(l0, LOG_FLOOR));
    }
  }
}

/**
 * Binary cross-entropy on logits z, in the stable form max(z, 0) − z·y + log1p(exp(−|z|)) per element; 'mean'
 * averages over ALL elements, and the gradient is (σ(z) − y)/numel for any number of columns (Sorix divides by N
 * only, §12.6).
 */
export class BCEWithLogitsLoss extends PointwiseLoss {
  constructor(opts: LossOptions = {}) { super('BCEWithLogitsLoss', 'bceWithLogitsLoss', opts); }

  protected values(z: TypedArray, t: TypedArray, out: Float64Array): void {
    for (let i = 0; i < out.length; i++) {
      const zi = z[i]!;
      out[i] = (zi > 0 ? zi : 0) - zi * t[i]! + Math.log1p(Math.exp(-Math.abs(zi)));
    }
  }

  protected gradients(z: TypedArray, t: TypedArray, c: Float64Array, gp: TypedArray | null, gt: TypedArray | null): void {
    for (let i = 0; i < c.length; i++) {
      const zi = z[i]!, k = c[i]!;
      if (gp) {
        gp[i] = k * (stableSigmoid(zi) - t[i]!);
      }
      if (gt) gt[i] = -k * zi;
    }
  }
}

export interface ClassLossOptions extends LossOptions {
  /** A weight per class (C values). */
  weight?: Tensor | readonly number[] | null;
}

/**
 * A loss over (N, C) scores with a target class per sample (or label rows, for CrossEntropy) and optional class
 * weights. The items are the samples: 'none' gives the N weighted losses wᵢ·lossᵢ, 'sum' their sum, and 'mean'
 * their sum over Σwᵢ (the plain mean without weights), as PyTorch.
 */
abstract class ClassLoss extends Loss {
  readonly weight: Tensor | null;
  /** Weights given as plain numbers do not change the loss's dtype (a float64 weight Tensor promotes it). */
  private readonly weightPromotes: boolean;

  constructor(name: string, opts: ClassLossOptions) {
    super(name, opts);
    const w = opts.weight ?? null;
    this.weight = w === null ? null : w instanceof Tensor ? w : tensor(w as number[], { dtype: 'float64' });
    this.weightPromotes = w instanceof Tensor;
    if (this.weight !== null && this.weight.ndim !== 1) {
      throw new ShapeError(name, `the class weights must be 1-D (C), got shape ${fmtShape(this.weight.shape)}`);
    }
  }

  /** Checks the (N, C) scores against the weights; returns N and C. */
  protected scores(x: Tensor, what: string): [number, number] {
    if (x.ndim !== 2) throw new ShapeError(this.lossName, `expects ${what} of shape (N, C), got ${fmtShape(x.shape)}${x.ndim === 1 ? ' (add a batch axis: reshape to (1, C))' : ''}`);
    const C = x.shape[1]!;
    const w = this.weight;
    if (w !== null && w.size !== C) throw new ShapeError(this.lossName, `${w.size} class weights for ${what} with ${C} classes ${fmtShape(x.shape)}`);
    return [x.shape[0]!, C];
  }

  /** Class-index targets of shape (N) or (N, 1): integers in [0, C), else an error naming the sample. */
  protected classIndices(y: Tensor, x: Tensor, N: number, C: number): TypedArray {
    if (!((y.ndim === 1 && y.shape[0] === N) || (y.ndim === 2 && y.shape[0] === N && y.shape[1] === 1))) {
      throw new ShapeError(this.lossName, `class-index targets must have shape (${N},) or (${N},1) for input ${fmtShape(x.shape)}, got ${fmtShape(y.shape)}`);
    }
    const t = y.data;
    for (let i = 0; i < N; i++) {
      const c = t[i]!;
      if (!Number.isInteger(c)) throw new ArgumentError(this.lossName, `target ${c} of sample ${i} is not an integer class index`);
      if (c < 0 || c >= C) throw new ArgumentError(this.lossName, `target ${c} of sample ${i} is out of range for ${C} classes (valid: 0 to ${C - 1})`);
    }
    return t;
  }

  protected resultDType(x: Tensor): DType {
    const w = this.weight;
    return w !== null && this.weightPromotes ? promote(x.dtype, w.dtype) : x.dtype;
  }
}

function asClassTarget(t: Tensor | NestedArray): Tensor {
  return t instanceof Tensor ? t : tensor(t, { dtype: 'float64' });
}

export interface CrossEntropyOptions extends ClassLossOptions {
  /** Read a target of shape (N, C) as one-hot or soft labels (also implied by that shape when C > 1). */
  oneHot?: boolean;
}

/**
 * Cross-entropy on logits (N, C) through a stable log-softmax, with no 1e-9 cap (Sorix caps each sample's loss at
 * 20.72, §12.7). Targets: class indices of shape (N) or (N, 1) (integers in [0, C); anything else throws naming the
 * sample), or one-hot / soft labels of shape (N, C). Per sample, wᵢ·nllᵢ with nllᵢ = −Σ_c tᵢc·log softmax(zᵢ)_c and
 * wᵢ = weight[tᵢ] for indices, Σ_c tᵢc·weight_c for labels (Sorix's rule), or wᵢ = 1 without weights; 'mean' is
 * Σᵢ wᵢ·nllᵢ / Σᵢ wᵢ. The gradient is cᵢ·wᵢ·(sᵢ·softmax(zᵢ) − tᵢ), where sᵢ = Σ_c tᵢc (1 for one-hot rows) and cᵢ the
 * reduction's factor.
 */
export class CrossEntropyLoss extends ClassLoss {
  readonly oneHot: boolean;

  constructor(opts: CrossEntropyOptions = {}) {
    super('CrossEntropyLoss', opts);
    this.oneHot = opts.oneHot ?? false;
  }

  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const x = prediction;
    const [N, C] = this.scores(x, 'logits');
    const y = asClassTarget(target);
    const labels = this.oneHot || (y.ndim === 2 && y.shape[1] === C && C > 1);
    let t: TypedArray;
    if (labels) {
      if (!(y.ndim === 2 && y.shape[0] === N && y.shape[1] === C)) {
        throw new ShapeError(this.lossName, `one-hot or soft targets must have the logits' shape ${fmtShape(x.shape)}, got ${fmtShape(y.shape)}`);
      }
      t = y.data;
    } else {
      t = this.classIndices(y, x, N, C);
    }
    // The engine's log-softmax, row by row (the precise (z − m) − log Σ form).
    const z = x.data;
    const logp = new Float64Array(N * C);
    const sw = new Float64Array(N); // per-sample weight
    const rowSum = new Float64Array(N); // Σ_c t_ic (1 for indices)
    const items = new Float64Array(N);
    let wsum = 0;
    const wd = this.weight?.data;
    for (let i = 0; i < N; i++) {
      const r = i * C;
      logSoftmaxLane(z, r, 1, C, logp);
      let nll: number, wi: number;
      if (labels) {
        nll = 0; wi = wd ? 0 : 1;
        let s = 0;
        for (let c = 0; c < C; c++) {
          const tc = t[r + c]!;
          if (tc !== 0) nll -= tc * logp[r + c]!;
          s += tc;
          if (wd) wi += tc * wd[c]!;
        }
        rowSum[i] = s;
      } else {
        const c = t[i]!;
        nll = -logp[r + c]!;
        wi = wd ? wd[c]! : 1;
        rowSum[i] = 1;
      }
      sw[i] = wi;
      items[i] = wi * nll;
      wsum += wi;
    }
    return this.reduce('crossEntropyLoss', items, [N], wsum, this.resultDType(x), [x], (k) => {
      const gx = allocate(x.dtype, N * C);
      for (let i = 0; i < N; i++) {
        const r = i * C, kw = k[i]! * sw[i]!, s = rowSum[i]!;
        for (let c = 0; c < C; c++) gx[r + c] = kw * s * Math.exp(logp[r + c]!);
        if (labels) for (let c = 0; c < C; c++) gx[r + c] = gx[r + c]! - kw * t[r + c]!;
        else { const c = r + t[i]!; gx[c] = gx[c]! - kw; }
      }
      return [gx];
    });
  }
}

/**
 * Negative log-likelihood on log-probabilities x (N, C) (the output of a LogSoftmax) with class-index targets of
 * shape (N) or (N, 1), as PyTorch's NLLLoss: per sample −w[tᵢ]·x[i, tᵢ]; 'mean' divides by Σᵢ w[tᵢ]. The gradient
 * is −cᵢ·w[tᵢ] at (i, tᵢ) and 0 elsewhere. A −Infinity log-probability gives an infinite loss with a finite
 * gradient; NaN propagates. logSoftmax followed by NLLLoss equals CrossEntropyLoss.
 */
export class NLLLoss extends ClassLoss {
  constructor(opts: ClassLossOptions = {}) {
    super('NLLLoss', opts);
  }

  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const x = prediction;
    const [N, C] = this.scores(x, 'log-probabilities');
    const t = this.classIndices(asClassTarget(target), x, N, C);
    const wd = this.weight?.data;
    const xd = x.data;
    const items = new Float64Array(N);
    let wsum = 0;
    for (let i = 0; i < N; i++) {
      const c = t[i]!;
      const wi = wd ? wd[c]! : 1;
      items[i] = -wi * xd[i * C + c]!;
      wsum += wi;
    }
    return this.reduce('nllLoss', items, [N], wsum, this.resultDType(x), [x], (k) => {
      const gx = allocate(x.dtype, N * C);
      for (let i = 0; i < N; i++) {
        const c = t[i]!;
        gx[i * C + c] = -k[i]! * (wd ? wd[c]! : 1);
      }
      return [gx];
    });
  }
}
