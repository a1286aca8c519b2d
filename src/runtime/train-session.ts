import { noGrad, Tensor } from '../engine';
import { registry as defaultRegistry, type KindRegistry } from '../kinds';
import { effectiveObjective, incomingEdges } from '../document/graph';
import type { GraphDocument, PortRef } from '../document/types';
import { CLASSIFIER_LOSSES, type ClassRule } from '../train/metrics';
import { Trainer, type DataSplit, type EpochMetrics, type ParameterSnapshot, type TrainData, type TrainStatus } from '../train/loop';

/**
 * A training run away from the page: the messages between the store and a worker that trains, and the session that
 * answers them. Everything here is structured-clone data; the worker (src/worker/train-worker.ts) only forwards
 * messages to `createTrainHost` and gives it a timer. The run advances in slices of a few milliseconds, so a Pause,
 * Step or Stop sent while it plays is read before the next slice.
 */

/** What the run is doing. `ready`: compiled, no step taken or paused; `running`: playing. The rest are ends. */
export type RunStatus = 'ready' | 'running' | 'paused' | Exclude<TrainStatus, 'running'>;

/** The run's position and speed, sent a few times a second while it plays and after every command. */
export interface RunProgress {
  readonly status: RunStatus;
  /** Epochs finished. */
  readonly epoch: number;
  readonly epochs: number;
  /** Batches done in the current epoch. */
  readonly batch: number;
  readonly batches: number;
  readonly step: number;
  readonly totalSteps: number;
  /** The loss of the last training batch (null before the first step). */
  readonly loss: number | null;
  readonly lr: number;
  /** Optimiser steps per second over the last second of playing (0 when not playing). */
  readonly stepsPerSecond: number;
  /** Why the run ended (diverged, failed). */
  readonly message: string | null;
}

/** The model's output over a grid of the two inputs: the Playground's picture. */
export interface BoundaryGrid {
  /** Cells per side; values are row-major, row 0 at y1 (the top). */
  readonly res: number;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** The prediction at each cell: a probability for classifiers (of class 1, or of the argmax class), else the value. */
  readonly values: Float32Array;
  /** For multi-class outputs, the argmax class of each cell (else null). */
  readonly classes: Uint8Array | null;
  /** Each hidden unit's own output over the grid (small graphs only): node, column, values. */
  readonly units: readonly { readonly node: string; readonly unit: number; readonly values: Float32Array }[];
}

/** The examples as points for the picture: (x, y, label) per example. */
export interface RunPoints {
  readonly train: Float32Array;
  readonly test: Float32Array | null;
}

/** What a session knows once compiled. */
export interface RunInfo {
  readonly task: 'classification' | 'regression';
  /** The parameters trained, `node.param`. */
  readonly parameters: readonly string[];
  /** Present when the model takes two inputs: the points to draw under the boundary. */
  readonly points: RunPoints | null;
  readonly examples: { readonly train: number; readonly test: number };
}

export type TrainRequest =
  | { readonly type: 'open'; readonly session: number; readonly doc: GraphDocument; readonly data?: TrainData }
  | { readonly type: 'play'; readonly session: number }
  | { readonly type: 'pause'; readonly session: number }
  | { readonly type: 'step'; readonly session: number; readonly unit: 'batch' | 'epoch' }
  | { readonly type: 'setLr'; readonly session: number; readonly lr: number }
  | { readonly type: 'close'; readonly session: number };

export type TrainReply =
  | { readonly type: 'ready'; readonly session: number; readonly info: RunInfo; readonly progress: RunProgress }
  | { readonly type: 'progress'; readonly session: number; readonly progress: RunProgress }
  | { readonly type: 'epochs'; readonly session: number; readonly metrics: readonly EpochMetrics[] }
  | {
    readonly type: 'snapshot'; readonly session: number; readonly step: number;
    readonly parameters: readonly ParameterSnapshot[];
    /** The last training batch, for the canvas: fed node id → values and shape. */
    readonly batch: readonly { readonly node: string; readonly shape: readonly number[]; readonly values: Float64Array }[];
    readonly boundary: BoundaryGrid | null;
  }
  | { readonly type: 'failed'; readonly session: number; readonly message: string };

export type Post = (reply: TrainReply, transfer?: Transferable[]) => void;

export interface TrainHostOptions {
  /** Runs `fn` soon, after pending messages (a worker: setTimeout 0). */
  readonly schedule?: (fn: () => void) => void;
  readonly now?: () => number;
  /** How long one slice of playing may take (ms). */
  readonly sliceMs?: number;
  /** How often progress, snapshots and the boundary are sent while playing (ms). */
  readonly progressMs?: number;
  readonly snapshotMs?: number;
  readonly registry?: KindRegistry;
  /** Cells per side of the boundary grid. */
  readonly gridRes?: number;
}

const DEFAULTS = { sliceMs: 12, progressMs: 100, snapshotMs: 200, gridRes: 48 };
/** Hidden units drawn one by one only on graphs this small (the Playground's scale). */
const MAX_UNIT_NODES = 8;
const MAX_UNITS = 32;

/** Answers the requests of one page; one session at a time (a newer `open` replaces the old one). */
export function createTrainHost(post: Post, opts: TrainHostOptions = {}): (req: TrainRequest) => void {
  const schedule = opts.schedule ?? ((fn: () => void) => { setTimeout(fn, 0); });
  const now = opts.now ?? (() => performance.now());
  let current: Session | null = null;
  return (req) => {
    if (req.type === 'open') {
      current?.close();
      current = null;
      try {
        current = new Session(req.session, req.doc, req.data, post, schedule, now, opts);
      } catch (err) {
        post({ type: 'failed', session: req.session, message: err instanceof Error ? err.message : String(err) });
        return;
      }
      current.announce();
      return;
    }
    // Requests for an older session (the page replaced it) are ignored.
    if (!current || current.id !== req.session) return;
    if (req.type === 'close') { current.close(); current = null; return; }
    current.handle(req);
  };
}

class Session {
  readonly id: number;
  private readonly trainer: Trainer;
  private readonly post: Post;
  private readonly schedule: (fn: () => void) => void;
  private readonly now: () => number;
  private readonly o: typeof DEFAULTS;
  private readonly prediction: PortRef | null;
  private readonly rule: ClassRule | null;
  private readonly unitNodes: readonly string[];
  private readonly extent: { x0: number; x1: number; y0: number; y1: number } | null;
  private playing = false;
  private closed = false;
  private ticking = false;
  private pendingEpochs: EpochMetrics[] = [];
  private lastLoss: number | null = null;
  private lastProgress = -Infinity;
  private lastSnapshot = -Infinity;
  private snapshotStep = -1;
  /** (time, step) samples over the last second of playing, for steps per second. */
  private rate: { t: number; step: number }[] = [];
  private goal: { until: 'epoch'; epoch: number } | null = null;

  constructor(id: number, doc: GraphDocument, data: TrainData | undefined, post: Post, schedule: (fn: () => void) => void, now: () => number, opts: TrainHostOptions) {
    this.id = id;
    this.post = post;
    this.schedule = schedule;
    this.now = now;
    this.o = { sliceMs: opts.sliceMs ?? DEFAULTS.sliceMs, progressMs: opts.progressMs ?? DEFAULTS.progressMs, snapshotMs: opts.snapshotMs ?? DEFAULTS.snapshotMs, gridRes: opts.gridRes ?? DEFAULTS.gridRes };
    const reg = opts.registry ?? defaultRegistry;
    this.trainer = new Trainer(doc, {
      ...(data ? { data } : {}),
      registry: reg,
      snapshotEvery: 0,
      now,
      onEvent: (e) => {
        if (e.type === 'progress') this.lastLoss = e.loss;
        else if (e.type === 'epoch') this.pendingEpochs.push(e.metrics);
      },
    });
    const objective = effectiveObjective(doc, reg);
    const lossNode = objective ? doc.nodes.find((n) => n.id === objective.node) : undefined;
    this.rule = lossNode ? CLASSIFIER_LOSSES[lossNode.kind] ?? null : null;
    this.prediction = lossNode ? incomingEdges(doc).get(lossNode.id)?.get('prediction')?.source ?? null : null;
    const fx = this.trainer.program.feeds.find((f) => f.name === 'x')!;
    this.extent = fx.exampleShape.length === 1 && fx.exampleShape[0] === 2 && this.prediction ? extentOf(this.trainer.data) : null;
    this.unitNodes = this.extent ? hiddenNodes(doc, this.trainer, this.prediction!) : [];
  }

  announce(): void {
    const d = this.trainer.data;
    const info: RunInfo = {
      task: this.rule ? 'classification' : 'regression',
      parameters: this.trainer.program.parameters().map((p) => `${p.node}.${p.param}`),
      points: this.extent ? { train: pointsOf(d.train), test: d.test ? pointsOf(d.test) : null } : null,
      examples: { train: d.train.n, test: d.test?.n ?? 0 },
    };
    this.post({ type: 'ready', session: this.id, info, progress: this.progress() });
    this.sendSnapshot();
  }

  handle(req: Exclude<TrainRequest, { type: 'open' | 'close' }>): void {
    switch (req.type) {
      case 'play':
        if (this.trainer.status !== 'running') { this.sendProgress(); return; }
        this.goal = null;
        this.playing = true;
        this.rate = [{ t: this.now(), step: this.trainer.result().steps }];
        this.sendProgress();
        this.kick();
        return;
      case 'pause':
        this.playing = false;
        this.goal = null;
        this.flush(true);
        return;
      case 'step':
        if (this.trainer.status !== 'running') { this.sendProgress(); return; }
        this.playing = false;
        if (req.unit === 'batch') {
          this.goal = null;
          this.trainer.run(1);
          this.flush(true);
        } else {
          this.goal = { until: 'epoch', epoch: this.finishedEpochs() + 1 };
          this.kick();
        }
        return;
      case 'setLr':
        try {
          this.trainer.setLearningRate(req.lr);
        } catch (err) {
          this.post({ type: 'failed', session: this.id, message: (err as Error).message });
          return;
        }
        this.sendProgress();
        return;
    }
  }

  close(): void {
    this.closed = true;
    this.playing = false;
    this.goal = null;
  }

  private finishedEpochs(): number {
    return this.trainer.result().epochs.length;
  }

  private kick(): void {
    if (this.ticking) return;
    this.ticking = true;
    this.schedule(() => this.tick());
  }

  /** One slice: steps until the slice's time is up, then what is due is sent and the next slice scheduled. */
  private tick(): void {
    this.ticking = false;
    if (this.closed || (!this.playing && !this.goal)) return;
    const t0 = this.now();
    const tr = this.trainer;
    do {
      if (tr.run(1) !== 'running') break;
      if (this.goal && this.finishedEpochs() >= this.goal.epoch) break;
    } while (this.now() - t0 < this.o.sliceMs);
    const ended = tr.status !== 'running';
    const reached = this.goal !== null && this.finishedEpochs() >= this.goal.epoch;
    if (ended || reached) {
      this.playing = false;
      this.goal = null;
      this.flush(true);
      return;
    }
    this.flush(false);
    this.kick();
  }

  /** Sends the epochs, progress and snapshot that are due (all of them when `force`). */
  private flush(force: boolean): void {
    const t = this.now();
    if (this.pendingEpochs.length && (force || t - this.lastProgress >= this.o.progressMs)) {
      this.post({ type: 'epochs', session: this.id, metrics: this.pendingEpochs });
      this.pendingEpochs = [];
    }
    if (force || t - this.lastProgress >= this.o.progressMs) this.sendProgress();
    if (force || t - this.lastSnapshot >= this.o.snapshotMs) this.sendSnapshot();
  }

  private status(): RunStatus {
    const s = this.trainer.status;
    if (s !== 'running') return s;
    if (this.playing || this.goal) return 'running';
    return this.trainer.result().steps === 0 ? 'ready' : 'paused';
  }

  private progress(): RunProgress {
    const tr = this.trainer;
    const r = tr.result();
    const batches = tr.batchesPerEpoch;
    const t = this.now();
    let sps = 0;
    if (this.playing) {
      this.rate.push({ t, step: r.steps });
      while (this.rate.length > 2 && t - this.rate[1]!.t >= 1000) this.rate.shift();
      const first = this.rate[0]!;
      sps = t > first.t ? ((r.steps - first.step) * 1000) / (t - first.t) : 0;
    }
    return {
      status: this.status(), epoch: r.epochs.length, epochs: tr.setup.epochs, batch: r.steps - r.epochs.length * batches,
      batches, step: r.steps, totalSteps: batches * tr.setup.epochs, loss: this.lastLoss, lr: tr.learningRate, stepsPerSecond: sps,
      message: r.message,
    };
  }

  private sendProgress(): void {
    this.lastProgress = this.now();
    this.post({ type: 'progress', session: this.id, progress: this.progress() });
  }

  private sendSnapshot(): void {
    this.lastSnapshot = this.now();
    const step = this.trainer.result().steps;
    if (step === this.snapshotStep) return;
    this.snapshotStep = step;
    const parameters = this.trainer.snapshot();
    const last = this.trainer.lastBatch();
    const feeds = this.trainer.program.feeds;
    // A fed Tensor shows the batch as its values; a Data set node keeps showing its first rows (it has no values to set).
    const batch = last
      ? feeds.filter((f) => f.port === 'out').map((f) => { const t = f.name === 'x' ? last.x : last.y; return { node: f.node, shape: t.shape, values: Float64Array.from(t.data) }; })
      : [];
    const boundary = this.boundary();
    const transfer: Transferable[] = [...parameters.map((p) => p.values.buffer), ...batch.map((b) => b.values.buffer)];
    if (boundary) {
      transfer.push(boundary.values.buffer, ...boundary.units.map((u) => u.values.buffer));
      if (boundary.classes) transfer.push(boundary.classes.buffer);
    }
    this.post({ type: 'snapshot', session: this.id, step, parameters, batch, boundary }, transfer);
  }

  /** The prediction (and each hidden unit) over a grid of the two inputs, without touching gradients. */
  private boundary(): BoundaryGrid | null {
    const e = this.extent;
    const pred = this.prediction;
    if (!e || !pred) return null;
    const res = this.o.gridRes;
    const program = this.trainer.program;
    const fx = program.feeds.find((f) => f.name === 'x')!;
    const fy = program.feeds.find((f) => f.name === 'y')!;
    const n = res * res;
    const grid = fx.dtype === 'float64' ? new Float64Array(n * 2) : new Float32Array(n * 2);
    for (let r = 0; r < res; r++) {
      const y = e.y1 - ((r + 0.5) / res) * (e.y1 - e.y0);
      for (let c = 0; c < res; c++) {
        const k = (r * res + c) * 2;
        grid[k] = e.x0 + ((c + 0.5) / res) * (e.x1 - e.x0);
        grid[k + 1] = y;
      }
    }
    const yWidth = fy.exampleShape.reduce((a, b) => a * b, 1);
    const targets = fy.dtype === 'float64' ? new Float64Array(n * yWidth) : new Float32Array(n * yWidth);
    const values = new Float32Array(n);
    let classes: Uint8Array | null = null;
    const units: { node: string; unit: number; values: Float32Array }[] = [];
    try {
      noGrad(() => {
        program.forward({ x: new Tensor(grid, [n, 2]), y: new Tensor(targets, [n, ...fy.exampleShape]) });
      });
    } catch {
      return null; // a target the grid cannot stand in for (class indices checked by the loss): no picture
    }
    const out = program.output(pred.node, pred.port);
    if (!out || out.shape[0] !== n) return null;
    const width = out.size / n;
    const d = out.data;
    if (width === 1) {
      for (let i = 0; i < n; i++) values[i] = this.rule === 'logit' ? 1 / (1 + Math.exp(-d[i]!)) : d[i]!;
    } else {
      classes = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        let best = 0, bv = -Infinity, sum = 0, m = -Infinity;
        for (let k = 0; k < width; k++) { const v = d[i * width + k]!; if (v > bv) { bv = v; best = k; } if (v > m) m = v; }
        // Softmax probability of the winning class, from probabilities or logits alike.
        if (this.rule === 'argmax') {
          for (let k = 0; k < width; k++) sum += Math.exp(d[i * width + k]! - m);
          values[i] = 1 / sum;
        } else values[i] = bv;
        classes[i] = best;
      }
    }
    for (const node of this.unitNodes) {
      const t = program.output(node, 'out');
      if (!t || t.ndim !== 2 || t.shape[0] !== n) continue;
      const k = t.shape[1]!;
      for (let u = 0; u < k && units.length < MAX_UNITS; u++) {
        const v = new Float32Array(n);
        for (let i = 0; i < n; i++) v[i] = t.data[i * k + u]!;
        units.push({ node, unit: u, values: v });
      }
    }
    return { res, ...e, values, classes, units };
  }
}

/** The data's extent over both inputs, with a margin (the Playground draws a little beyond its points). */
function extentOf(data: TrainData): { x0: number; x1: number; y0: number; y1: number } {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const s of [data.train, data.test]) {
    if (!s) continue;
    for (let i = 0; i < s.n; i++) {
      const a = s.x[i * 2]!, b = s.x[i * 2 + 1]!;
      if (Number.isFinite(a)) { x0 = Math.min(x0, a); x1 = Math.max(x1, a); }
      if (Number.isFinite(b)) { y0 = Math.min(y0, b); y1 = Math.max(y1, b); }
    }
  }
  if (!(x1 >= x0)) { x0 = -1; x1 = 1; }
  if (!(y1 >= y0)) { y0 = -1; y1 = 1; }
  const pad = (lo: number, hi: number): [number, number] => { const m = Math.max((hi - lo) * 0.1, 0.5); return [lo - m, hi + m]; };
  const [px0, px1] = pad(x0, x1), [py0, py1] = pad(y0, y1);
  return { x0: px0, x1: px1, y0: py0, y1: py1 };
}

function pointsOf(s: DataSplit): Float32Array {
  const w = s.y.length / s.n;
  const out = new Float32Array(s.n * 3);
  for (let i = 0; i < s.n; i++) {
    out[i * 3] = s.x[i * 2]!;
    out[i * 3 + 1] = s.x[i * 2 + 1]!;
    // A one-hot target row is drawn as its class.
    let label = s.y[i * w]!;
    if (w > 1) { let best = 0; for (let k = 1; k < w; k++) if (s.y[i * w + k]! > s.y[i * w + best]!) best = k; label = best; }
    out[i * 3 + 2] = label;
  }
  return out;
}

/** The nodes between the input and the prediction whose outputs are (N, units): drawn unit by unit on small graphs. */
function hiddenNodes(doc: GraphDocument, trainer: Trainer, prediction: PortRef): string[] {
  const order = trainer.program.order;
  if (order.length > 16) return [];
  const fed = new Set(trainer.program.feeds.map((f) => f.node));
  const into = incomingEdges(doc);
  // Ancestors of the prediction.
  const up = new Set<string>();
  const stack = [prediction.node];
  while (stack.length) {
    const id = stack.pop()!;
    if (up.has(id)) continue;
    up.add(id);
    for (const e of into.get(id)?.values() ?? []) stack.push(e.source.node);
  }
  const out: string[] = [];
  for (const id of order) {
    if (!up.has(id) || fed.has(id) || id === prediction.node) continue;
    const kind = doc.nodes.find((n) => n.id === id)?.kind;
    if (kind === 'linear' || kind === 'tensor') continue; // pre-activations are drawn through their activation
    out.push(id);
    if (out.length >= MAX_UNIT_NODES) break;
  }
  return out;
}
