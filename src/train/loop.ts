import { Generator, noGrad, Tensor, type DType, type optim } from '../engine';
import { allocate } from '../engine/dtype';
import { registry as defaultRegistry, type KindRegistry } from '../kinds';
import { describeNode, effectiveObjective, incomingEdges } from '../document/graph';
import type { GraphDocument, TrainingSetup } from '../document/types';
import { CompileError, compile, type Program, type ProgramFeed } from './compile';
import { CLASSIFIER_LOSSES, countCorrect, type ClassRule } from './metrics';
import { makeOptimizer, makeSchedule, TrainSetupError } from './optimizers';

/** Examples: `n` rows of `d` inputs (row-major) and their targets (`y.length / n` values per example). */
export interface DataSplit {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly n: number;
  readonly d: number;
}

/** The examples a run trains on, and those it only measures (null: no test split). */
export interface TrainData {
  readonly train: DataSplit;
  readonly test: DataSplit | null;
}

/** Loss (and accuracy, for classifiers) of the model over one split. */
export interface SplitMetrics {
  readonly loss: number;
  /** The fraction of examples classified right, in [0, 1]; absent for losses that do not classify (MSE). */
  readonly accuracy?: number;
}

/** What one epoch ended with: the model at the end of the epoch measured on the train and test splits. */
export interface EpochMetrics {
  /** 1-based. */
  readonly epoch: number;
  readonly trainLoss: number;
  /** null without a test split. */
  readonly testLoss: number | null;
  readonly trainAccuracy?: number;
  readonly testAccuracy?: number | null;
  /** The learning rate the epoch's steps used. */
  readonly lr: number;
  /** Optimiser steps so far (all epochs). */
  readonly steps: number;
  /** Steps per second during this epoch's training (not its measuring). */
  readonly stepsPerSecond: number;
}

/** A trained parameter's values at a moment of the run (copies: safe to post to another thread). */
export interface ParameterSnapshot {
  readonly node: string;
  readonly param: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly values: Float64Array;
}

/** What a run reports as it goes, in order. */
export type TrainEvent =
  | { readonly type: 'progress'; readonly epoch: number; readonly batch: number; readonly batches: number; readonly step: number; readonly totalSteps: number; readonly loss: number }
  | { readonly type: 'epoch'; readonly metrics: EpochMetrics }
  | { readonly type: 'snapshot'; readonly epoch: number; readonly step: number; readonly parameters: readonly ParameterSnapshot[] };

/** How a run ended. `diverged`: the loss stopped being finite (the message names the step and the first node). */
export type TrainStatus = 'running' | 'done' | 'cancelled' | 'diverged' | 'failed';

export interface TrainResult {
  readonly status: Exclude<TrainStatus, 'running'>;
  readonly epochs: readonly EpochMetrics[];
  /** The last epoch's metrics (null if no epoch finished). */
  readonly final: EpochMetrics | null;
  readonly steps: number;
  readonly seconds: number;
  /** Why the run stopped early (diverged, failed, cancelled). */
  readonly message: string | null;
}

export interface TrainerOptions {
  /** The examples. Default: what the set-up's data source gives (`source: 'graph'`: the fed Tensors' own values). */
  readonly data?: TrainData;
  /** Replaces fields of the document's set-up (the CLI's --epochs and --seed). */
  readonly overrides?: Partial<Pick<TrainingSetup, 'epochs' | 'seed' | 'batchSize'>>;
  readonly onEvent?: (e: TrainEvent) => void;
  /** A weight snapshot every this many epochs (default 1; 0: none). */
  readonly snapshotEvery?: number;
  readonly registry?: KindRegistry;
  /** The clock for steps per second (ms); performance.now by default. */
  readonly now?: () => number;
}

/** Examples measured per forward pass when computing an epoch's metrics. */
const MEASURE_BATCH = 4096;

/**
 * Trains a document: epochs of seeded, shuffled batches, one optimiser step per batch, the learning-rate schedule
 * stepped per epoch, and the train and test metrics after every epoch. Pure and deterministic: the same document,
 * data and seed give the same numbers bit for bit (only `stepsPerSecond` and `seconds` depend on the machine).
 * Run it all with `run()`, or in slices with `run(maxSteps)` (a worker can then read a stop message between slices);
 * `cancel()` stops it before the next step.
 */
export class Trainer {
  readonly setup: TrainingSetup;
  readonly program: Program;
  readonly data: TrainData;
  private readonly optimizer: optim.Optimizer;
  private readonly schedule: optim.LRScheduler | null;
  private readonly rule: ClassRule | null;
  private readonly lossInputs: { prediction: { node: string; port: string }; target: { node: string; port: string } } | null;
  private readonly feedX: ProgramFeed;
  private readonly feedY: ProgramFeed;
  private readonly yWidth: number;
  private readonly rng: Generator;
  private readonly onEvent: (e: TrainEvent) => void;
  private readonly snapshotEvery: number;
  private readonly clock: () => number;
  private readonly history: EpochMetrics[] = [];
  private statusNow: TrainStatus = 'running';
  private message: string | null = null;
  private epoch = 0;
  private batch = 0;
  private perm: Uint32Array;
  private stepCount = 0;
  private epochSteps = 0;
  private epochTime = 0;
  private seconds = 0;
  private cancelled = false;
  private batchFeeds: Record<string, Tensor> | null = null;

  constructor(doc: GraphDocument, opts: TrainerOptions = {}) {
    if (!doc.training) throw new TrainSetupError('this document has no training set-up (a "training" section naming the fed Tensor nodes)');
    const reg = opts.registry ?? defaultRegistry;
    this.setup = { ...doc.training, ...opts.overrides };
    const setup = this.setup;
    this.program = compile(doc, { registry: reg, feeds: { x: setup.feeds.x, y: setup.feeds.y }, frozen: setup.frozen });
    this.feedX = this.program.feeds.find((f) => f.name === 'x')!;
    this.feedY = this.program.feeds.find((f) => f.name === 'y')!;
    this.data = opts.data ?? graphData(doc, setup, reg);
    this.yWidth = checkData(this.data, this.feedX, this.feedY, (f) => { const n = doc.nodes.find((m) => m.id === f.node)!; return describeNode(n, reg.get(n.kind)); });
    this.optimizer = makeOptimizer(this.program.parameters().map((p) => p.tensor), setup.optimizer);
    this.schedule = makeSchedule(this.optimizer, setup.schedule);

    const objective = effectiveObjective(doc, reg)!;
    const lossNode = doc.nodes.find((n) => n.id === objective.node)!;
    this.rule = CLASSIFIER_LOSSES[lossNode.kind] ?? null;
    const into = incomingEdges(doc).get(lossNode.id);
    const pred = into?.get('prediction'), target = into?.get('target');
    this.lossInputs = this.rule && pred && target ? { prediction: pred.source, target: target.source } : null;

    this.rng = new Generator(setup.seed);
    this.perm = new Uint32Array(this.data.train.n);
    this.onEvent = opts.onEvent ?? (() => {});
    // Without a listener nobody reads snapshots: copying the weights every epoch would be wasted.
    this.snapshotEvery = opts.onEvent ? opts.snapshotEvery ?? 1 : 0;
    this.clock = opts.now ?? (() => performance.now());
    this.reshuffle();
  }

  get status(): TrainStatus {
    return this.statusNow;
  }

  /** Batches per epoch. */
  get batchesPerEpoch(): number {
    return Math.ceil(this.data.train.n / this.setup.batchSize);
  }

  /** The learning rate the next step uses. */
  get learningRate(): number {
    return this.optimizer.paramGroups[0]!.lr;
  }

  /**
   * Changes the learning rate while the run goes on (from the next step). With a schedule, the schedule's base rate
   * becomes `lr` and the schedule goes on from the epoch it is at, so the new rate is what the schedule scales.
   */
  setLearningRate(lr: number): void {
    if (!(Number.isFinite(lr) && lr > 0)) throw new TrainSetupError(`the learning rate must be a positive number, not ${lr}`);
    const sched = this.schedule;
    if (sched) {
      const epoch = Math.max(sched.lastEpoch, 0);
      for (let i = 0; i < sched.baseLrs.length; i++) sched.baseLrs[i] = lr;
      for (const g of this.optimizer.paramGroups) g.lr = sched.lrAt(lr, epoch);
    } else {
      for (const g of this.optimizer.paramGroups) g.lr = lr;
    }
  }

  /** The inputs and targets of the last training step (null before the first): what the canvas shows while training. */
  lastBatch(): { readonly x: Tensor; readonly y: Tensor } | null {
    return this.batchFeeds ? { x: this.batchFeeds.x!, y: this.batchFeeds.y! } : null;
  }

  /** Stops the run before its next step (call from an event handler or between `run` slices). */
  cancel(): void {
    this.cancelled = true;
  }

  /**
   * Runs up to `maxSteps` optimiser steps (all that remain by default), emitting events as it goes; returns the
   * status afterwards (`running` if steps remain).
   */
  run(maxSteps = Infinity): TrainStatus {
    let budget = maxSteps;
    while (this.statusNow === 'running' && budget > 0) {
      if (this.cancelled) { this.finish('cancelled', `cancelled after ${this.stepCount} step${this.stepCount === 1 ? '' : 's'}`); break; }
      try {
        this.step();
      } catch (err) {
        if (this.statusNow === 'running') this.finish('failed', (err as Error).message);
        if (!(err instanceof CompileError || err instanceof TrainSetupError)) throw err;
      }
      budget--;
    }
    return this.statusNow;
  }

  /** The run so far (or its end). */
  result(): TrainResult {
    const status = this.statusNow === 'running' ? 'cancelled' : this.statusNow;
    return { status, epochs: [...this.history], final: this.history[this.history.length - 1] ?? null, steps: this.stepCount, seconds: this.seconds, message: this.message };
  }

  /** The document with the trained weights (see Program.writeBack). */
  writeBack(doc: GraphDocument): GraphDocument {
    return this.program.writeBack(doc);
  }

  private finish(status: Exclude<TrainStatus, 'running'>, message: string | null): void {
    this.statusNow = status;
    this.message = message;
  }

  private reshuffle(): void {
    const p = this.perm;
    for (let i = 0; i < p.length; i++) p[i] = i;
    for (let i = p.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng.random() * (i + 1));
      const t = p[i]!; p[i] = p[j]!; p[j] = t;
    }
  }

  /** One optimiser step on the next batch; at the end of an epoch, the schedule step and the metrics. */
  private step(): void {
    const t0 = this.clock();
    const { batchSize } = this.setup;
    const train = this.data.train;
    const start = this.batch * batchSize;
    const feeds = this.feedsFor(train, this.perm, start, Math.min(batchSize, train.n - start));
    this.batchFeeds = feeds;
    const lr = this.optimizer.paramGroups[0]!.lr;
    let loss: number | null;
    try {
      loss = this.program.forward(feeds);
    } catch (err) {
      if (this.diverged(lr, null)) return;
      throw err;
    }
    if (loss === null || !Number.isFinite(loss)) {
      if (this.diverged(lr, loss)) return;
    }
    this.optimizer.zeroGrad();
    this.program.backward();
    this.optimizer.step();
    this.stepCount++;
    this.epochSteps++;
    this.batch++;
    this.onEvent({ type: 'progress', epoch: this.epoch + 1, batch: this.batch, batches: this.batchesPerEpoch, step: this.stepCount, totalSteps: this.batchesPerEpoch * this.setup.epochs, loss: loss! });
    const dt = this.clock() - t0;
    this.epochTime += dt;
    this.seconds += dt / 1000;
    if (this.batch >= this.batchesPerEpoch) this.endEpoch(lr);
  }

  /** When a non-finite value caused the failure: stops the run naming the step and the first node (true). */
  private diverged(lr: number, loss: number | null): boolean {
    const first = this.program.firstNonFinite();
    if (!first) return false;
    // Built here, not on every step: a step must not format strings.
    const where = `step ${this.stepCount + 1} (epoch ${this.epoch + 1}, batch ${this.batch + 1})`;
    const whatLoss = loss === null ? 'the loss could not be computed' : `the loss is ${loss}`;
    const cause = first.what.startsWith('parameter')
      ? `${first.label} ${first.what.slice('parameter '.length)} holds non-finite values after the previous update`
      : `the first non-finite value came from ${first.label} (${first.what})`;
    this.finish('diverged', `${where}: ${whatLoss}; ${cause}. The learning rate (${lr}) is probably too large.`);
    return true;
  }

  private endEpoch(lr: number): void {
    const t0 = this.clock();
    this.epoch++;
    const train = this.measure(this.data.train);
    const test = this.data.test ? this.measure(this.data.test) : null;
    const metrics: EpochMetrics = {
      epoch: this.epoch,
      trainLoss: train.loss,
      testLoss: test ? test.loss : null,
      ...(this.rule ? { trainAccuracy: train.accuracy!, testAccuracy: test ? test.accuracy! : null } : {}),
      lr,
      steps: this.stepCount,
      stepsPerSecond: this.epochTime > 0 ? (this.epochSteps * 1000) / this.epochTime : 0,
    };
    this.history.push(metrics);
    this.onEvent({ type: 'epoch', metrics });
    if (this.snapshotEvery > 0 && this.epoch % this.snapshotEvery === 0) {
      this.onEvent({ type: 'snapshot', epoch: this.epoch, step: this.stepCount, parameters: this.snapshot() });
    }
    this.schedule?.step();
    this.batch = 0;
    this.epochSteps = 0;
    this.epochTime = 0;
    this.seconds += (this.clock() - t0) / 1000;
    if (!Number.isFinite(train.loss)) {
      const first = this.program.firstNonFinite();
      this.finish('diverged', `after epoch ${this.epoch}: the training loss is ${train.loss}${first ? `; the first non-finite value came from ${first.label} (${first.what})` : ''}`);
      return;
    }
    if (this.epoch >= this.setup.epochs) this.finish('done', null);
    else this.reshuffle();
  }

  /** The current parameters, copied. */
  snapshot(): ParameterSnapshot[] {
    return this.program.parameters().map((p) => ({ node: p.node, param: p.param, shape: p.tensor.shape, dtype: p.tensor.dtype, values: Float64Array.from(p.tensor.data) }));
  }

  /** Loss and accuracy of the current model over a whole split, in slices, without building a backward graph. */
  measure(split: DataSplit): SplitMetrics {
    let lossSum = 0, correct = 0, total = 0;
    noGrad(() => {
      for (let start = 0; start < split.n; start += MEASURE_BATCH) {
        const count = Math.min(MEASURE_BATCH, split.n - start);
        const loss = this.program.forward(this.feedsFor(split, null, start, count));
        // Every loss kind is a mean over the examples: weighting by the slice size gives the mean over the split.
        lossSum += (loss ?? NaN) * count;
        if (this.rule && this.lossInputs) {
          const c = countCorrect(this.rule, this.program.output(this.lossInputs.prediction.node, this.lossInputs.prediction.port)!, this.program.output(this.lossInputs.target.node, this.lossInputs.target.port)!);
          correct += c.correct;
          total += c.total;
        }
      }
    });
    const loss = lossSum / split.n;
    return this.rule ? { loss, accuracy: total > 0 ? correct / total : 0 } : { loss };
  }

  /**
   * The feeds for `count` examples of a split from position `start` of `order` (null: the examples in order), in the
   * fed nodes' dtypes and shapes.
   */
  private feedsFor(split: DataSplit, order: Uint32Array | null, start: number, count: number): Record<string, Tensor> {
    return {
      x: gather(split.x, split.d, order, start, count, this.feedX),
      y: gather(split.y, this.yWidth, order, start, count, this.feedY),
    };
  }
}

function gather(src: Float64Array, width: number, order: Uint32Array | null, start: number, count: number, feed: ProgramFeed): Tensor {
  // The engine's allocator: a small batch is a view into a shared slab, not an array with its own backing store.
  const out = allocate(feed.dtype, count * width);
  if (order === null) {
    out.set(src.subarray(start * width, (start + count) * width));
  } else {
    for (let r = 0; r < count; r++) {
      const from = order[start + r]! * width;
      for (let k = 0; k < width; k++) out[r * width + k] = src[from + k]!;
    }
  }
  return new Tensor(out, [count, ...feed.exampleShape]);
}

/**
 * The data set of `source: 'graph'`: a data node's examples (a Data set's train and test splits), or the fed Tensor nodes'
 * own values, one example per row, with no test split.
 */
export function graphData(doc: GraphDocument, setup: TrainingSetup, reg: KindRegistry = defaultRegistry): TrainData {
  if (setup.data.source !== 'graph') {
    throw new TrainSetupError(`the data set '${String(setup.data.recipe.name ?? setup.data.recipe.kind ?? 'recipe')}' is made by the data module; pass it as the trainer's data`);
  }
  const fed = doc.nodes.find((n) => n.id === setup.feeds.x);
  const kind = fed ? reg.get(fed.kind) : undefined;
  if (fed && kind?.data) {
    try {
      return kind.data(fed.params);
    } catch (err) {
      throw new TrainSetupError(`${describeNode(fed, kind)}: ${(err as Error).message}`);
    }
  }
  const split = (id: string): { values: Float64Array; rows: number } => {
    const node = doc.nodes.find((n) => n.id === id)!;
    const shape = node.params.shape as readonly number[];
    return { values: Float64Array.from(node.params.values as readonly number[]), rows: shape[0] ?? 1 };
  };
  const x = split(setup.feeds.x), y = split(setup.feeds.y);
  return { train: { x: x.values, y: y.values, n: x.rows, d: x.rows > 0 ? x.values.length / x.rows : 0 }, test: null };
}

/** Checks that the data fits the fed nodes; returns the number of target values per example. */
function checkData(data: TrainData, fx: ProgramFeed, fy: ProgramFeed, label: (f: ProgramFeed) => string): number {
  const per = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
  let width = 0;
  for (const [name, split] of [['train', data.train], ['test', data.test]] as const) {
    if (!split) continue;
    if (split.n < 1) throw new TrainSetupError(`the ${name} data has no examples`);
    if (split.x.length !== split.n * split.d) throw new TrainSetupError(`the ${name} data's x holds ${split.x.length} values, not n × d = ${split.n} × ${split.d}`);
    if (split.d !== per(fx.exampleShape)) throw new TrainSetupError(`the ${name} data has ${split.d} input${split.d === 1 ? '' : 's'} per example, but ${label(fx)} takes ${per(fx.exampleShape)} (shape (N,${fx.exampleShape.join(',')}))`);
    const w = split.y.length / split.n;
    if (!Number.isInteger(w) || w !== per(fy.exampleShape)) throw new TrainSetupError(`the ${name} data has ${w} target value${w === 1 ? '' : 's'} per example, but ${label(fy)} takes ${per(fy.exampleShape)} (shape (N,${fy.exampleShape.join(',')}))`);
    width = w;
  }
  return width;
}

/** Trains a document to the end (or until `shouldStop` says so between steps); see `Trainer`. */
export function train(doc: GraphDocument, opts: TrainerOptions & { shouldStop?: () => boolean } = {}): { result: TrainResult; trainer: Trainer } {
  const trainer = new Trainer(doc, opts);
  while (trainer.run(1) === 'running') if (opts.shouldStop?.()) trainer.cancel();
  return { result: trainer.result(), trainer };
}
