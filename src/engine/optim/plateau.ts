import { ArgumentError } from '../errors';
import { Tensor } from '../tensor';
import type { Optimizer } from './optimizer';

export interface ReduceLROnPlateauOptions {
  /** 'min' (default): lower metrics are better (a loss); 'max': higher ones are (an accuracy). */
  mode?: 'min' | 'max';
  /** The lr is multiplied by this on a plateau (default 0.1; in [0, 1)). */
  factor?: number;
  /** How many epochs without improvement are tolerated; the lr drops on the next one (default 10). */
  patience?: number;
  /** What counts as an improvement (default 1e-4), relative to the best or absolute as `thresholdMode` says. */
  threshold?: number;
  /** 'rel' (default): better than best·(1 ∓ threshold); 'abs': better than best ∓ threshold. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again (default 0). */
  cooldown?: number;
  /** A floor for the lr, one for all groups or one per group (default 0). */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is skipped (default 1e-8). */
  eps?: number;
}

/** ReduceLROnPlateau's counters; an infinite `best` is kept as the string 'Infinity' or '-Infinity' (JSON has no ±Infinity). */
export interface PlateauState {
  best: number | string;
  numBadEpochs: number;
  cooldownCounter: number;
  lastEpoch: number;
}

function nonNegative(name: string, v: unknown, integer = false): number {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new ArgumentError('ReduceLROnPlateau', `${name} must be a non-negative ${integer ? 'integer' : 'finite number'}, got ${String(v)}`);
  }
  return v;
}

/**
 * Lowers the lr when a metric stops improving, with PyTorch's semantics (not a closed-form schedule: call
 * `step(metric)` once per epoch with the validation loss or accuracy). A metric is an improvement when it beats the
 * best so far by the threshold: 'min'/'rel' a < best·(1 − threshold), 'min'/'abs' a < best − threshold,
 * 'max'/'rel' a > best·(1 + threshold), 'max'/'abs' a > best + threshold. After more than `patience` epochs without
 * improvement each group's lr becomes max(lr·factor, minLr) (skipped when the change is not more than eps), and
 * `cooldown` epochs follow in which bad epochs are not counted.
 * A NaN metric is never an improvement, so it counts as a bad epoch (as in PyTorch); so does +Infinity in 'min' mode.
 */
export class ReduceLROnPlateau {
  readonly optimizer: Optimizer;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLrs: number[];
  readonly eps: number;
  /** The best metric so far (±Infinity before the first step). */
  best: number;
  /** Consecutive epochs without improvement (not counted during cooldown). */
  numBadEpochs = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Epochs stepped so far. */
  lastEpoch = 0;
  private lastLrs: number[];

  constructor(optimizer: Optimizer, opts: ReduceLROnPlateauOptions = {}) {
    const op = 'ReduceLROnPlateau';
    this.optimizer = optimizer;
    this.mode = opts.mode ?? 'min';
    if (this.mode !== 'min' && this.mode !== 'max') throw new ArgumentError(op, `mode must be 'min' or 'max', got ${JSON.stringify(this.mode)}`);
    this.thresholdMode = opts.thresholdMode ?? 'rel';
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new ArgumentError(op, `thresholdMode must be 'rel' or 'abs', got ${JSON.stringify(this.thresholdMode)}`);
    }
    this.factor = opts.factor ?? 0.1;
    if (typeof this.factor !== 'number' || !(this.factor >= 0 && this.factor < 1)) throw new ArgumentError(op, `factor must be in [0, 1) (a factor of 1 or more would not reduce the lr), got ${String(this.factor)}`);
    this.patience = nonNegative('patience', opts.patience ?? 10, true);
    this.threshold = nonNegative('threshold', opts.threshold ?? 1e-4);
    this.cooldown = nonNegative('cooldown', opts.cooldown ?? 0, true);
    this.eps = nonNegative('eps', opts.eps ?? 1e-8);
    const groups = optimizer.paramGroups.length;
    const minLr = opts.minLr ?? 0;
    if (Array.isArray(minLr)) {
      if (minLr.length !== groups) throw new ArgumentError(op, `expected ${groups} minLr values (one per parameter group), got ${minLr.length}`);
      this.minLrs = minLr.map((v, i) => nonNegative(`minLr[${i}]`, v));
    } else {
      this.minLrs = new Array<number>(groups).fill(nonNegative('minLr', minLr));
    }
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.lastLrs = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Whether `a` improves on the best so far by the threshold. */
  isBetter(a: number): boolean {
    const b = this.best, th = this.threshold;
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? a < b * (1 - th) : a < b - th;
    return this.thresholdMode === 'rel' ? a > b * (th + 1) : a > b + th;
  }

  /** Records one epoch's metric (a number or a one-element tensor) and lowers the lr on a plateau. */
  step(metric: number | Tensor): void {
    const current = metric instanceof Tensor ? metric.item() : metric;
    if (typeof current !== 'number') throw new ArgumentError('ReduceLROnPlateau', `step needs the epoch's metric as a number, got ${typeof current}`);
    this.lastEpoch++;
    if (this.isBetter(current)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const next = Math.max(g.lr * this.factor, this.minLrs[i]!);
        if (g.lr - next > this.eps) g.lr = next;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLrs = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Each group's lr after the last step (the optimizer's lrs before the first). */
  getLastLr(): number[] {
    return [...this.lastLrs];
  }

  /** The counters, JSON-friendly (the lrs themselves are in the optimizer's state dict). */
  stateDict(): PlateauState {
    return { best: Number.isFinite(this.best) ? this.best : String(this.best), numBadEpochs: this.numBadEpochs, cooldownCounter: this.cooldownCounter, lastEpoch: this.lastEpoch };
  }

  loadStateDict(sd: PlateauState): void {
    const op = 'ReduceLROnPlateau.loadStateDict';
    for (const k of ['numBadEpochs', 'cooldownCounter', 'lastEpoch'] as const) {
      if (!Number.isInteger(sd[k]) || sd[k] < 0) throw new ArgumentError(op, `${k} must be a non-negative integer, got ${String(sd[k])}`);
    }
    const best = typeof sd.best === 'string' ? Number(sd.best) : sd.best;
    if (typeof best !== 'number' || Number.isNaN(best)) throw new ArgumentError(op, `best must be a number, 'Infinity' or '-Infinity', got ${JSON.stringify(sd.best)}`);
    this.best = best;
    this.numBadEpochs = sd.numBadEpochs;
    this.cooldownCounter = sd.cooldownCounter;
    this.lastEpoch = sd.lastEpoch;
    this.lastLrs = this.optimizer.paramGroups.map((g) => g.lr);
  }
}
