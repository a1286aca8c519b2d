import { allocate, promote, type TypedArray } from '../dtype';
import { ArgumentError, ShapeError, fmtShape } from '../errors';
import { logSoftmaxLane } from '../ops/activation';
import { stableSigmoid } from '../scalar';
import { sameShape } from '../shape';
import { fromOp, Tensor, tensor, type NestedArray } from '../tensor';

/**
 * Losses are classes with `forward(prediction, target)` returning a 0-d tensor (the mean over the batch). Each is
 * one fused graph node with an analytic backward; targets receive a gradient where the formula has one (MSE,
 * BCE, BCE-with-logits), never for CrossEntropy's class indices or labels.
 */
export abstract class Loss {
  abstract forward(prediction: Tensor, target: Tensor | NestedArray): Tensor;
}

function asTarget(op: string, t: Tensor | NestedArray, like: Tensor): Tensor {
  if (t instanceof Tensor) return t;
  try {
    return tensor(t, { dtype: like.dtype });
  } catch (e) {
    throw new ArgumentError(op, `the target must be a tensor or numbers: ${(e as Error).message}`);
  }
}

function requireSameShape(op: string, p: Tensor, t: Tensor): void {
  if (!sameShape(p.shape, t.shape)) {
    throw new ShapeError(op, `prediction of shape ${fmtShape(p.shape)} and target of shape ${fmtShape(t.shape)} differ; they must have the same shape (broadcasting them would silently compare every prediction with every target)`);
  }
}

function scalar(v: number, dtype: 'float32' | 'float64'): TypedArray {
  const d = allocate(dtype, 1);
  d[0] = v;
  return d;
}

/** mean((p − y)²). The shapes must be equal: (N,1) against (N,) is an error, not an (N,N) broadcast (Sorix pitfall). */
export class MSELoss extends Loss {
  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const y = asTarget('MSELoss', target, prediction);
    requireSameShape('MSELoss', prediction, y);
    const n = prediction.size;
    const p = prediction.data, t = y.data;
    let s = 0;
    for (let i = 0; i < n; i++) { const d = p[i]! - t[i]!; s += d * d; }
    const dtype = promote(prediction.dtype, y.dtype);
    return fromOp('mseLoss', scalar(s / n, dtype), [], [prediction, y], (g) => {
      const k = (2 * g[0]!) / n;
      const gp = prediction.requiresGrad ? allocate(prediction.dtype, n) : null;
      const gt = y.requiresGrad ? allocate(y.dtype, n) : null;
      for (let i = 0; i < n; i++) {
        const d = k * (p[i]! - t[i]!);
        if (gp) gp[i] = d;
        if (gt) gt[i] = -d;
      }
      return [gp, gt];
    });
  }
}

/** The floor PyTorch puts under each log in BCELoss, so that a saturated probability costs 100, not Infinity. */
const LOG_FLOOR = -100;

/**
 * Binary cross-entropy on probabilities p ∈ [0, 1]: mean of −[y·log p + (1−y)·log(1−p)], each log clamped at −100
 * as PyTorch does (so p = 0 or 1 gives a finite loss). The gradient is the exact derivative of this clamped
 * function: −y/p + (1−y)/(1−p), where a clamped log contributes 0; so it is finite for every p in [0, 1].
 * A probability outside [0, 1] throws, as in PyTorch (apply a Sigmoid first, or use BCEWithLogitsLoss); NaN
 * propagates to the loss.
 */
export class BCELoss extends Loss {
  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const y = asTarget('BCELoss', target, prediction);
    requireSameShape('BCELoss', prediction, y);
    const n = prediction.size;
    const p = prediction.data, t = y.data;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const pi = p[i]!;
      if (pi < 0 || pi > 1) {
        throw new ArgumentError('BCELoss', `prediction ${pi} at index ${i} is not a probability in [0, 1]; apply a Sigmoid first, or use BCEWithLogitsLoss on the raw scores`);
      }
      const ti = t[i]!;
      const l1 = Math.max(Math.log(pi), LOG_FLOOR);
      const l0 = Math.max(Math.log(1 - pi), LOG_FLOOR);
      // 0·(−100) is 0: a target of exactly 0 or 1 ignores the other term.
      s -= ti * l1 + (1 - ti) * l0;
    }
    const dtype = promote(prediction.dtype, y.dtype);
    return fromOp('bceLoss', scalar(s / n, dtype), [], [prediction, y], (g) => {
      const k = g[0]! / n;
      const gp = prediction.requiresGrad ? allocate(prediction.dtype, n) : null;
      const gt = y.requiresGrad ? allocate(y.dtype, n) : null;
      for (let i = 0; i < n; i++) {
        const pi = p[i]!, ti = t[i]!;
        const l1 = Math.log(pi), l0 = Math.log(1 - pi);
        if (gp) {
          let d = 0;
          if (l1 > LOG_FLOOR) d -= ti / pi;
          if (l0 > LOG_FLOOR) d += (1 - ti) / (1 - pi);
          gp[i] = pi !== pi ? NaN : k * d;
        }
        if (gt) gt[i] = -k * (Math.max(l1, LOG_FLOOR) - Math.max(l0, LOG_FLOOR));
      }
      return [gp, gt];
    });
  }
}

/**
 * Binary cross-entropy on logits z, in the stable form max(z, 0) − z·y + log1p(exp(−|z|)), averaged over ALL
 * elements; the gradient is (σ(z) − y)/numel for any number of columns (Sorix divides by N only, §12.6).
 */
export class BCEWithLogitsLoss extends Loss {
  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const y = asTarget('BCEWithLogitsLoss', target, prediction);
    requireSameShape('BCEWithLogitsLoss', prediction, y);
    const n = prediction.size;
    const z = prediction.data, t = y.data;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      s += (zi > 0 ? zi : 0) - zi * t[i]! + Math.log1p(Math.exp(-Math.abs(zi)));
    }
    const dtype = promote(prediction.dtype, y.dtype);
    return fromOp('bceWithLogitsLoss', scalar(s / n, dtype), [], [prediction, y], (g) => {
      const k = g[0]! / n;
      const gp = prediction.requiresGrad ? allocate(prediction.dtype, n) : null;
      const gt = y.requiresGrad ? allocate(y.dtype, n) : null;
      for (let i = 0; i < n; i++) {
        const zi = z[i]!;
        if (gp) gp[i] = k * (stableSigmoid(zi) - t[i]!);
        if (gt) gt[i] = -k * zi;
      }
      return [gp, gt];
    });
  }
}

export interface CrossEntropyOptions {
  /** A weight per class (C values). */
  weight?: Tensor | readonly number[] | null;
  /** Read a target of shape (N, C) as one-hot or soft labels (also implied by that shape when C > 1). */
  oneHot?: boolean;
}

/**
 * Cross-entropy on logits (N, C) through a stable log-softmax, with no 1e-9 cap (Sorix caps each sample's loss at
 * 20.72, §12.7). Targets: class indices of shape (N) or (N, 1) (integers in [0, C); anything else throws naming the
 * sample), or one-hot / soft labels of shape (N, C). Loss = Σᵢ wᵢ·nllᵢ / Σᵢ wᵢ, with nllᵢ = −Σ_c tᵢc·log softmax(zᵢ)_c
 * and wᵢ = weight[tᵢ] for indices, Σ_c tᵢc·weight_c for labels (Sorix's rule), or wᵢ = 1 without weights.
 * The gradient is wᵢ·(sᵢ·softmax(zᵢ) − tᵢ)/Σw, where sᵢ = Σ_c tᵢc (1 for one-hot rows).
 */
export class CrossEntropyLoss extends Loss {
  readonly weight: Tensor | null;
  readonly oneHot: boolean;
  /** Weights given as plain numbers do not change the loss's dtype (a float64 weight Tensor promotes it). */
  private readonly weightPromotes: boolean;

  constructor(opts: CrossEntropyOptions = {}) {
    super();
    const w = opts.weight ?? null;
    this.weight = w === null ? null : w instanceof Tensor ? w : tensor(w as number[], { dtype: 'float64' });
    this.weightPromotes = w instanceof Tensor;
    if (this.weight !== null && this.weight.ndim !== 1) {
      throw new ShapeError('CrossEntropyLoss', `the class weights must be 1-D (C), got shape ${fmtShape(this.weight.shape)}`);
    }
    this.oneHot = opts.oneHot ?? false;
  }

  forward(prediction: Tensor, target: Tensor | NestedArray): Tensor {
    const op = 'CrossEntropyLoss';
    const x = prediction;
    if (x.ndim !== 2) throw new ShapeError(op, `expects logits of shape (N, C), got ${fmtShape(x.shape)}${x.ndim === 1 ? ' (add a batch axis: reshape to (1, C))' : ''}`);
    const N = x.shape[0]!, C = x.shape[1]!;
    const y = target instanceof Tensor ? target : tensor(target, { dtype: 'float64' });
    const w = this.weight;
    if (w !== null && w.size !== C) throw new ShapeError(op, `${w.size} class weights for logits with ${C} classes ${fmtShape(x.shape)}`);
    const labels = this.oneHot || (y.ndim === 2 && y.shape[1] === C && C > 1);
    const t = y.data;
    if (labels) {
      if (!(y.ndim === 2 && y.shape[0] === N && y.shape[1] === C)) {
        throw new ShapeError(op, `one-hot or soft targets must have the logits' shape ${fmtShape(x.shape)}, got ${fmtShape(y.shape)}`);
      }
    } else {
      if (!((y.ndim === 1 && y.shape[0] === N) || (y.ndim === 2 && y.shape[0] === N && y.shape[1] === 1))) {
        throw new ShapeError(op, `class-index targets must have shape (${N},) or (${N},1) for logits ${fmtShape(x.shape)}, got ${fmtShape(y.shape)}`);
      }
      for (let i = 0; i < N; i++) {
        const c = t[i]!;
        if (!Number.isInteger(c)) throw new ArgumentError(op, `target ${c} of sample ${i} is not an integer class index`);
        if (c < 0 || c >= C) throw new ArgumentError(op, `target ${c} of sample ${i} is out of range for ${C} classes (valid: 0 to ${C - 1})`);
      }
    }
    // The engine's log-softmax, row by row (the precise (z − m) − log Σ form).
    const z = x.data;
    const logp = new Float64Array(N * C);
    const sw = new Float64Array(N); // per-sample weight
    const rowSum = new Float64Array(N); // Σ_c t_ic (1 for indices)
    let loss = 0, wsum = 0;
    const wd = w?.data;
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
      loss += wi * nll;
      wsum += wi;
    }
    const dtype = w !== null && this.weightPromotes ? promote(x.dtype, w.dtype) : x.dtype;
    return fromOp('crossEntropyLoss', scalar(loss / wsum, dtype), [], [x], (g) => {
      const gx = allocate(x.dtype, N * C);
      const k = g[0]! / wsum;
      for (let i = 0; i < N; i++) {
        const r = i * C, kw = k * sw[i]!, s = rowSum[i]!;
        for (let c = 0; c < C; c++) gx[r + c] = kw * s * Math.exp(logp[r + c]!);
        if (labels) for (let c = 0; c < C; c++) gx[r + c] = gx[r + c]! - kw * t[r + c]!;
        else { const c = r + t[i]!; gx[c] = gx[c]! - kw; }
      }
      return [gx];
    });
  }
}
