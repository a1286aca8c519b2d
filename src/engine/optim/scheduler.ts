import { ArgumentError } from '../errors';
import type { Optimizer } from './optimizer';

/**
 * A learning-rate schedule over epochs, as Sorix's `_LRScheduler`: the constructor performs the first `step()`, so
 * epoch 0 uses each group's base lr; call `step()` once per epoch after `optimizer.step()`. Every schedule is a
 * closed form of the base lrs and the epoch, so it can also be evaluated for any epoch with `lrAt`.
 */
export abstract class LRScheduler {
  readonly optimizer: Optimizer;
  readonly baseLrs: number[];
  /** The epoch the current lr belongs to (0 after construction). */
  lastEpoch = -1;
  private lastLrs: number[];

  constructor(optimizer: Optimizer) {
    this.optimizer = optimizer;
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
    this.lastLrs = [...this.baseLrs];
  }

  /** The lr of a group with base lr `base` at `epoch`. */
  abstract lrAt(base: number, epoch: number): number;

  /** Advances one epoch and writes the new lr into every parameter group. */
  step(): void {
    this.lastEpoch++;
    this.lastLrs = this.baseLrs.map((b) => this.lrAt(b, this.lastEpoch));
    this.optimizer.paramGroups.forEach((g, i) => { g.lr = this.lastLrs[i]!; });
  }

  /** The lr of each group set by the last `step()`. */
  getLastLr(): number[] {
    return [...this.lastLrs];
  }

  stateDict(): { lastEpoch: number; baseLrs: number[] } {
    return { lastEpoch: this.lastEpoch, baseLrs: [...this.baseLrs] };
  }

  loadStateDict(sd: { lastEpoch: number; baseLrs: number[] }): void {
    if (sd.baseLrs.length !== this.baseLrs.length) {
      throw new ArgumentError('LRScheduler.loadStateDict', `the state has ${sd.baseLrs.length} base lrs but the optimizer has ${this.baseLrs.length} groups`);
    }
    sd.baseLrs.forEach((b, i) => { this.baseLrs[i] = b; });
    this.lastEpoch = sd.lastEpoch - 1;
    this.step();
  }
}

function positive(op: string, name: string, v: number, integer = false): void {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new ArgumentError(op, `${name} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`);
  }
}

/** lr = base · γ^floor(epoch / stepSize). */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;
  constructor(optimizer: Optimizer, opts: { stepSize: number; gamma?: number }) {
    super(optimizer);
    positive('StepLR', 'stepSize', opts?.stepSize, true);
    this.stepSize = opts.stepSize;
    this.gamma = opts.gamma ?? 0.1;
    positive('StepLR', 'gamma', this.gamma);
    this.step();
  }
  lrAt(base: number, epoch: number): number { return base * Math.pow(this.gamma, Math.floor(epoch / this.stepSize)); }
}

/** lr = base · γ^epoch. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  constructor(optimizer: Optimizer, opts: { gamma: number }) {
    super(optimizer);
    positive('ExponentialLR', 'gamma', opts?.gamma);
    this.gamma = opts.gamma;
    this.step();
  }
  lrAt(base: number, epoch: number): number { return base * Math.pow(this.gamma, epoch); }
}

/** lr = ηmin + (base − ηmin)·(1 + cos(π·epoch/tMax))/2 (periodic past tMax, as Sorix's closed form). */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;
  constructor(optimizer: Optimizer, opts: { tMax: number; etaMin?: number }) {
    super(optimizer);
    positive('CosineAnnealingLR', 'tMax', opts?.tMax);
    this.tMax = opts.tMax;
    this.etaMin = opts.etaMin ?? 0;
    if (!Number.isFinite(this.etaMin)) throw new ArgumentError('CosineAnnealingLR', `etaMin must be a finite number, got ${this.etaMin}`);
    this.step();
  }
  lrAt(base: number, epoch: number): number {
    return this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}
