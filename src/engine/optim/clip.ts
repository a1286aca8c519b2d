import { ArgumentError } from '../errors';
import { Tensor } from '../tensor';

export interface ClipGradNormOptions {
  /** Throw instead of scaling when the total norm is NaN or ±Infinity (PyTorch's `error_if_nonfinite`). */
  errorIfNonfinite?: boolean;
}

/**
 * Scales the gradients of `params` in place so that their total norm is at most `maxNorm`, as PyTorch's
 * `torch.nn.utils.clip_grad_norm_`, and returns the total norm before clipping. The total norm is the `normType`-norm
 * of the per-tensor norms (the norm of all gradients as one vector); `normType` is a positive number or Infinity (the
 * largest |g|). Every gradient is multiplied by min(1, maxNorm/(total + 1e-6)); parameters whose grad is null are
 * skipped, and with none the total is 0.
 *
 * Non-finite gradients, as in PyTorch: a NaN anywhere makes the total NaN and the factor NaN, so EVERY gradient
 * becomes NaN; an infinite total (an infinite gradient, or squares beyond float64's range) makes the factor 0, so
 * finite gradients become 0 and infinite ones NaN. Pass `{ errorIfNonfinite: true }` to get an error instead, with
 * the gradients unchanged. Norms are computed in float64 for float32 gradients too.
 */
export function clipGradNorm(params: Tensor | readonly Tensor[], maxNorm: number, normType = 2, opts: ClipGradNormOptions = {}): number {
  const op = 'clipGradNorm';
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0)) throw new ArgumentError(op, `maxNorm must be a non-negative number, got ${String(maxNorm)}`);
  if (typeof normType !== 'number' || !(normType > 0)) throw new ArgumentError(op, `normType must be a positive number or Infinity, got ${String(normType)}`);
  const list = params instanceof Tensor ? [params] : params;
  if (!Array.isArray(list)) throw new ArgumentError(op, 'params must be a Tensor or an array of Tensors');
  const grads = list.filter((p) => p instanceof Tensor && p.grad !== null).map((p) => p.grad!.data);
  if (grads.length === 0) return 0;
  const norms = grads.map((g) => vectorNorm(g, normType));
  const total = vectorNorm(norms, normType);
  if (opts.errorIfNonfinite && !Number.isFinite(total)) {
    throw new ArgumentError(op, `the total norm of order ${normType} of the gradients is ${total}, so they cannot be clipped (pass errorIfNonfinite: false to scale them by it anyway)`);
  }
  // Math.min keeps NaN, as torch.clamp does.
  const coef = Math.min(maxNorm / (total + 1e-6), 1);
  if (coef !== 1) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] = g[i]! * coef;
  return total;
}

/** (Σ|x|^p)^(1/p), or max |x| for p = Infinity; NaN propagates. */
function vectorNorm(x: ArrayLike<number>, p: number): number {
  const n = x.length;
  if (p === Infinity) {
    let m = 0;
    for (let i = 0; i < n; i++) { const a = Math.abs(x[i]!); if (a > m || a !== a) m = a; if (m !== m) break; }
    return m;
  }
  let s = 0;
  if (p === 2) for (let i = 0; i < n; i++) s += x[i]! * x[i]!;
  else if (p === 1) for (let i = 0; i < n; i++) s += Math.abs(x[i]!);
  else for (let i = 0; i < n; i++) s += Math.pow(Math.abs(x[i]!), p);
  return p === 2 ? Math.sqrt(s) : p === 1 ? s : Math.pow(s, 1 / p);
}
