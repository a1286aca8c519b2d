import { ArgumentError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer, type ParamGroupSpec } from './optimizer';

type Params<H> = readonly Tensor[] | readonly ParamGroupSpec<H>[];

function check(op: string, name: string, v: unknown, lo: number, hi: number, hiOpen = false): void {
  if (typeof v !== 'number' || !(v >= lo) || !(hiOpen ? v < hi : v <= hi)) {
    throw new ArgumentError(op, `${name} must be a number in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${String(v)}`);
  }
}

export interface SGDOptions { lr?: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }
interface SGDHyper { momentum: number; dampening: number; nesterov: boolean; weightDecay: number }

/**
 * Stochastic gradient descent with PyTorch's update: d = grad + wd·p; with momentum the buffer starts as d on the
 * first step and is then v = μ·v + (1 − dampening)·d; the step is v, or d + μ·v with `nesterov`; p −= lr·step.
 * Without momentum p −= lr·d. With the defaults (dampening 0, no Nesterov) this is Sorix's update. Nesterov needs
 * momentum > 0 and dampening 0 (PyTorch's rule, an error otherwise). Weight decay is added on the fly: `p.grad` is
 * not changed (Sorix adds it into the grad in place, §12.10).
 */
export class SGD extends Optimizer<SGDHyper> {
  constructor(params: Params<SGDHyper>, opts: SGDOptions = {}) {
    super('SGD', params, opts.lr ?? 1e-3, {
      momentum: opts.momentum ?? 0, dampening: opts.dampening ?? 0, nesterov: opts.nesterov ?? false, weightDecay: opts.weightDecay ?? 0,
    });
  }

  protected validate(h: SGDHyper): void {
    check('SGD', 'momentum', h.momentum, 0, Infinity);
    if (typeof h.dampening !== 'number' || !Number.isFinite(h.dampening)) throw new ArgumentError('SGD', `dampening must be a finite number, got ${String(h.dampening)}`);
    check('SGD', 'weightDecay', h.weightDecay, 0, Infinity);
    if (typeof h.nesterov !== 'boolean') throw new ArgumentError('SGD', `nesterov must be true or false, got ${String(h.nesterov)}`);
    if (h.nesterov && (h.momentum <= 0 || h.dampening !== 0)) {
      throw new ArgumentError('SGD', `Nesterov momentum requires a momentum and zero dampening (got momentum ${h.momentum}, dampening ${h.dampening})`);
    }
  }

  step(): void {
    for (const g of this.paramGroups) {
      const lr = g.lr, mu = g.momentum, damp = 1 - g.dampening, nesterov = g.nesterov, wd = g.weightDecay;
      for (const p of g.params) {
        if (p.grad === null) continue;
        const w = p.data, gr = p.grad.data, n = w.length;
        if (mu !== 0) {
          const first = !this.state.has(p);
          const v = this.stateOf(p, ['momentumBuffer']).momentumBuffer!;
          for (let i = 0; i < n; i++) {
            const d = gr[i]! + wd * w[i]!;
            const vi = first ? d : mu * v[i]! + damp * d;
            v[i] = vi;
            w[i] = w[i]! - lr * (nesterov ? d + mu * vi : vi);
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

/** An optimizer that counts its steps per parameter group (t in Adam's bias corrections, Adagrad's lr decay). */
abstract class CountingOptimizer<H extends object> extends Optimizer<H> {
  /** Steps taken by each group; saved in the state dict as the group's `step`. */
  private readonly steps: number[];

  constructor(name: string, params: Params<H>, lr: number, hyper: H) {
    super(name, params, lr, hyper);
    this.steps = this.paramGroups.map(() => 0);
  }

  /** Advances group `gi`'s count and returns the new t (1 on the first step). */
  protected tick(gi: number): number { return ++this.steps[gi]!; }

  protected override groupState(gi: number): Record<string, number> { return { step: this.steps[gi]! }; }
  protected override setGroupState(gi: number, s: Record<string, number>): void {
    if (s.step !== undefined) this.steps[gi] = s.step;
  }
}

export interface AdamOptions { lr?: number; betas?: readonly [number, number]; eps?: number; weightDecay?: number }
interface AdamHyper { betas: [number, number]; eps: number; weightDecay: number }

function checkAdam(op: string, h: AdamHyper): void {
  if (!Array.isArray(h.betas) || h.betas.length !== 2) throw new ArgumentError(op, `betas must be a pair [beta1, beta2], got ${JSON.stringify(h.betas)}`);
  check(op, 'beta1', h.betas[0], 0, 1, true);
  check(op, 'beta2', h.betas[1], 0, 1, true);
  check(op, 'eps', h.eps, 0, Infinity);
  check(op, 'weightDecay', h.weightDecay, 0, Infinity);
}

/**
 * Adam in the paper's "efficient" form, exactly as Sorix: t += 1 (per group); g = grad + wd·p (L2, not AdamW);
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m/(√v + eps).
 */
export class Adam extends CountingOptimizer<AdamHyper> {
  constructor(params: Params<AdamHyper>, opts: AdamOptions = {}) {
    const betas = opts.betas ?? [0.9, 0.999];
    super('Adam', params, opts.lr ?? 1e-3, { betas: [betas[0], betas[1]], eps: opts.eps ?? 1e-8, weightDecay: opts.weightDecay ?? 0 });
  }

  protected validate(h: AdamHyper): void { checkAdam('Adam', h); }

  step(): void {
    this.paramGroups.forEach((g, gi) => {
      const t = this.tick(gi);
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

export interface AdamWOptions extends AdamOptions { amsgrad?: boolean }
interface AdamWHyper extends AdamHyper { amsgrad: boolean }

/**
 * AdamW (Loshchilov & Hutter) with PyTorch's update, decoupled weight decay: t += 1 (per group); p ← p·(1 − lr·wd);
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= lr/(1−β1ᵗ) · m/(√v/√(1−β2ᵗ) + eps). With `amsgrad` the running
 * maximum of v replaces v in the denominator. Defaults as PyTorch: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight
 * decay 1e-2. PyTorch counts t per parameter; here per group, which differs only for a parameter whose grad was null
 * on some steps.
 */
export class AdamW extends CountingOptimizer<AdamWHyper> {
  constructor(params: Params<AdamWHyper>, opts: AdamWOptions = {}) {
    const betas = opts.betas ?? [0.9, 0.999];
    super('AdamW', params, opts.lr ?? 1e-3, {
      betas: [betas[0], betas[1]], eps: opts.eps ?? 1e-8, weightDecay: opts.weightDecay ?? 1e-2, amsgrad: opts.amsgrad ?? false,
    });
  }

  protected validate(h: AdamWHyper): void {
    checkAdam('AdamW', h);
    if (typeof h.amsgrad !== 'boolean') throw new ArgumentError('AdamW', `amsgrad must be true or false, got ${String(h.amsgrad)}`);
  }

  step(): void {
    this.paramGroups.forEach((g, gi) => {
      const t = this.tick(gi);
      const [b1, b2] = g.betas;
      const lr = g.lr, eps = g.eps, decay = 1 - lr * g.weightDecay, ams = g.amsgrad;
      const stepSize = lr / (1 - Math.pow(b1, t));
      const bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
      for (const p of g.params) {
        if (p.grad === null) continue;
        const w = p.data, gr = p.grad.data, n = w.length;
        const s = this.stateOf(p, ams ? ['expAvg', 'expAvgSq', 'maxExpAvgSq'] : ['expAvg', 'expAvgSq']);
        const m = s.expAvg!, v = s.expAvgSq!, vmax = s.maxExpAvgSq;
        for (let i = 0; i < n; i++) {
          const gi2 = gr[i]!;
          const mi = b1 * m[i]! + (1 - b1) * gi2;
          const vi = b2 * v[i]! + (1 - b2) * gi2 * gi2;
          m[i] = mi;
          v[i] = vi;
          let vd = vi;
          if (vmax) { vd = Math.max(vmax[i]!, vi); vmax[i] = vd; }
          w[i] = w[i]! * decay - (stepSize * mi) / (Math.sqrt(vd) / bc2Sqrt + eps);
        }
      }
    });
  }
}

export interface AdagradOptions { lr?: number; lrDecay?: number; weightDecay?: number; initialAccumulatorValue?: number; eps?: number }
interface AdagradHyper { lrDecay: number; weightDecay: number; initialAccumulatorValue: number; eps: number }

/**
 * Adagrad with PyTorch's update: t += 1 (per group); g = grad + wd·p; clr = lr/(1 + (t − 1)·lrDecay);
 * sum += g² (starting from `initialAccumulatorValue`); p −= clr·g/(√sum + eps). Defaults as PyTorch: lr 1e-2,
 * lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 */
export class Adagrad extends CountingOptimizer<AdagradHyper> {
  constructor(params: Params<AdagradHyper>, opts: AdagradOptions = {}) {
    super('Adagrad', params, opts.lr ?? 1e-2, {
      lrDecay: opts.lrDecay ?? 0, weightDecay: opts.weightDecay ?? 0, initialAccumulatorValue: opts.initialAccumulatorValue ?? 0, eps: opts.eps ?? 1e-10,
    });
  }

  protected validate(h: AdagradHyper): void {
    check('Adagrad', 'lrDecay', h.lrDecay, 0, Infinity);
    check('Adagrad', 'weightDecay', h.weightDecay, 0, Infinity);
    check('Adagrad', 'initialAccumulatorValue', h.initialAccumulatorValue, 0, Infinity);
    check('Adagrad', 'eps', h.eps, 0, Infinity);
  }

  step(): void {
    this.paramGroups.forEach((g, gi) => {
      const t = this.tick(gi);
      const clr = g.lr / (1 + (t - 1) * g.lrDecay);
      const wd = g.weightDecay, eps = g.eps;
      for (const p of g.params) {
        if (p.grad === null) continue;
        const w = p.data, gr = p.grad.data, n = w.length;
        const fresh = !this.state.has(p);
        const sum = this.stateOf(p, ['sum']).sum!;
        if (fresh) sum.fill(g.initialAccumulatorValue);
        for (let i = 0; i < n; i++) {
          const gi2 = gr[i]! + wd * w[i]!;
          const si = sum[i]! + gi2 * gi2;
          sum[i] = si;
          w[i] = w[i]! - (clr * gi2) / (Math.sqrt(si) + eps);
        }
      }
    });
  }
}
