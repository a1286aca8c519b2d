import { ArgumentError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamGroupSpec } from './optimizer';

type Params<H> = readonly Tensor[] | readonly ParamGroupSpec<H>[];

function check(op: string, name: string, v: unknown, lo: number, hi: number, hiOpen = false): void {
  if (typeof v !== 'number' || !(v >= lo) || !(hiOpen ? v < hi : v <= hi)) {
    throw new ArgumentError(op, `${name} must be a number in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${String(v)}`);
  }
}

export interface SGDOptions { lr?: number; momentum?: number; weightDecay?: number }
interface SGDHyper { momentum: number; weightDecay: number }

/**
 * Stochastic gradient descent with Sorix's (and PyTorch's, dampening 0) update: g = grad + wd·p; with momentum
 * v = μ·v + g (v₀ = 0) and p −= lr·v, otherwise p −= lr·g. Weight decay is added on the fly: `p.grad` is not
 * changed (Sorix adds it into the grad in place, §12.10).
 */
export class SGD extends Optimizer<SGDHyper> {
  constructor(params: Params<SGDHyper>, opts: SGDOptions = {}) {
    super('SGD', params, opts.lr ?? 1e-3, { momentum: opts.momentum ?? 0, weightDecay: opts.weightDecay ?? 0 });
  }

  protected validate(h: SGDHyper): void {
    check('SGD', 'momentum', h.momentum, 0, Infinity);
    check('SGD', 'weightDecay', h.weightDecay, 0, Infinity);
  }

  step(): void {
    for (const g of this.paramGroups) {
      const lr = g.lr, mu = g.momentum, wd = g.weightDecay;
      for (const p of g.params) {
        if (p.grad === null) continue;
        const w = p.data, gr = p.grad.data, n = w.length;
        if (mu !== 0) {
          const v = this.stateOf(p, ['momentumBuffer']).momentumBuffer!;
          for (let i = 0; i < n; i++) {
            const vi = mu * v[i]! + (gr[i]! + wd * w[i]!);
            v[i] = vi;
            w[i] = w[i]! - lr * vi;
          }
        } else {
          for (let i = 0; i < n; i++) w[i] = w[i]! - lr * (gr[i]! + wd * w[i]!);
        }
      }
    }
  }
}

export interface RMSpropOptions { lr?: number; alpha?: number; eps?: number; weightDecay?: number }
interface RMSpropHyper { alpha: number; eps: number; weightDecay: number }

/** RMSprop as Sorix (PyTorch's non-centred, momentum-free form): v = α·v + (1−α)·g², p −= lr·g/(√v + eps). */
export class RMSprop extends Optimizer<RMSpropHyper> {
  constructor(params: Params<RMSpropHyper>, opts: RMSpropOptions = {}) {
    super('RMSprop', params, opts.lr ?? 1e-3, { alpha: opts.alpha ?? 0.99, eps: opts.eps ?? 1e-8, weightDecay: opts.weightDecay ?? 0 });
  }

  protected validate(h: RMSpropHyper): void {
    check('RMSprop', 'alpha', h.alpha, 0, 1);
    check('RMSprop', 'eps', h.eps, 0, Infinity);
    check('RMSprop', 'weightDecay', h.weightDecay, 0, Infinity);
  }

  step(): void {
    for (const g of this.paramGroups) {
      const lr = g.lr, a = g.alpha, eps = g.eps, wd = g.weightDecay;
      for (const p of g.params) {
        if (p.grad === null) continue;
        const w = p.data, gr = p.grad.data, n = w.length;
        const v = this.stateOf(p, ['squareAvg']).squareAvg!;
        for (let i = 0; i < n; i++) {
          const gi = gr[i]! + wd * w[i]!;
          const vi = a * v[i]! + (1 - a) * gi * gi;
          v[i] = vi;
          w[i] = w[i]! - (lr * gi) / (Math.sqrt(vi) + eps);
        }
      }
    }
  }
}

export interface AdamOptions { lr?: number; betas?: readonly [number, number]; eps?: number; weightDecay?: number }
interface AdamHyper { betas: [number, number]; eps: number; weightDecay: number }

/**
 * Adam in the paper's "efficient" form, exactly as Sorix: t += 1 (per group); g = grad + wd·p (L2, not AdamW);
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + eps).
 */
export class Adam extends Optimizer<AdamHyper> {
  private steps: number[];

  constructor(params: Params<AdamHyper>, opts: AdamOptions = {}) {
    const betas = opts.betas ?? [0.9, 0.999];
    super('Adam', params, opts.lr ?? 1e-3, { betas: [betas[0], betas[1]], eps: opts.eps ?? 1e-8, weightDecay: opts.weightDecay ?? 0 });
    this.steps = this.paramGroups.map(() => 0);
  }

  protected validate(h: AdamHyper): void {
    if (!Array.isArray(h.betas) || h.betas.length !== 2) throw new ArgumentError('Adam', `betas must be a pair [beta1, beta2], got ${JSON.stringify(h.betas)}`);
    check('Adam', 'beta1', h.betas[0], 0, 1, true);
    check('Adam', 'beta2', h.betas[1], 0, 1, true);
    check('Adam', 'eps', h.eps, 0, Infinity);
    check('Adam', 'weightDecay', h.weightDecay, 0, Infinity);
  }

  protected override groupState(gi: number): Record<string, number> { return { step: this.steps[gi]! }; }
  protected override setGroupState(gi: number, s: Record<string, number>): void {
    if (s.step !== undefined) this.steps[gi] = s.step;
  }

  step(): void {
    this.paramGroups.forEach((g, gi) => {
      const t = ++this.steps[gi]!;
      const [b1, b2] = g.betas;
      const eps = g.eps, wd = g.weightDecay;
      const stepSize = (g.lr * Math.sqrt(1 - Math.pow(b2, t))) / (1 - Math.pow(b1, t));
      for (const p of g.params) {
        if (p.grad === null) continue;
        const w = p.data, gr = p.grad.data, n = w.length;
        const s = this.stateOf(p, ['expAvg', 'expAvgSq']);
        const m = s.expAvg!, v = s.expAvgSq!;
        for (let i = 0; i < n; i++) {
          const gi2 = gr[i]! + wd * w[i]!;
          const mi = b1 * m[i]! + (1 - b1) * gi2;
          const vi = b2 * v[i]! + (1 - b2) * gi2 * gi2;
          m[i] = mi;
          v[i] = vi;
          w[i] = w[i]! - (stepSize * mi) / (Math.sqrt(vi) + eps);
        }
      }
    });
  }
}
