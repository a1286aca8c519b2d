import { allocate, DEFAULT_DTYPE, type DType } from '../dtype';
import { ArgumentError } from '../errors';
import { defaultGenerator, type Generator } from '../random';
import { Tensor, type NestedArray } from '../tensor';
import { batchNorm1d, embedding, linear, maskedScale } from './functional';
import { Module } from './module';

function positiveInt(op: string, name: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0) throw new ArgumentError(op, `${name} must be a positive integer, got ${v}`);
  return v;
}

export interface LinearOptions {
  /** Add a bias b of shape (1, out) (default true). */
  bias?: boolean;
  /** 'he' (default): W ~ N(0, sqrt(2/in)); 'xavier': W ~ N(0, sqrt(2/(in+out))). */
  init?: 'he' | 'xavier';
  /** The random source (default: the global generator that `manualSeed` reseeds). */
  generator?: Generator;
  /** float32 by default, as in Sorix. */
  dtype?: DType;
}

/** y = x·W + b with W of shape (in, out) and b of shape (1, out), as in Sorix (W is PyTorch's weight transposed). */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  W: Tensor;
  b: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, opts: LinearOptions = {}) {
    super();
    this.inFeatures = positiveInt('Linear', 'the number of input features', inFeatures);
    this.outFeatures = positiveInt('Linear', 'the number of output features', outFeatures);
    const init = opts.init ?? 'he';
    if (init !== 'he' && init !== 'xavier') throw new ArgumentError('Linear', `init must be 'he' or 'xavier', got ${JSON.stringify(init)}`);
    const dtype = opts.dtype ?? DEFAULT_DTYPE;
    const gen = opts.generator ?? defaultGenerator;
    const std = init === 'he' ? Math.sqrt(2 / inFeatures) : Math.sqrt(2 / (inFeatures + outFeatures));
    const w = allocate(dtype, inFeatures * outFeatures);
    for (let i = 0; i < w.length; i++) w[i] = gen.normal() * std;
    this.W = new Tensor(w, [inFeatures, outFeatures], true);
    this.b = (opts.bias ?? true) ? new Tensor(allocate(dtype, outFeatures), [1, outFeatures], true) : null;
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.W, this.b);
  }
}

/** The stable piecewise sigmoid (the same op as `Tensor.sigmoid`). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor { return x.sigmoid(); }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor { return x.tanh(); }
}

export class ReLU extends Module {
  forward(x: Tensor): Tensor { return x.relu(); }
}

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
    if (!Number.isFinite(negativeSlope)) throw new ArgumentError('LeakyReLU', `the slope must be a finite number, got ${negativeSlope}`);
  }
  forward(x: Tensor): Tensor { return x.leakyRelu(this.negativeSlope); }
}

export class Softmax extends Module {
  constructor(readonly axis = -1) { super(); }
  forward(x: Tensor): Tensor { return x.softmax(this.axis); }
}

/**
 * Inverted dropout: in training each element is zeroed with probability p and the others are scaled by 1/(1−p);
 * in evaluation mode (or with p = 0) it is the identity. With p = 1 the output is all zeros but stays connected to
 * the graph (its gradient is 0), unlike Sorix (§12.8).
 */
export class Dropout extends Module {
  readonly p: number;
  private readonly generator: Generator | undefined;

  constructor(p = 0.5, opts: { generator?: Generator } = {}) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new ArgumentError('Dropout', `p must be a probability in [0, 1], got ${p}`);
    this.p = p;
    this.generator = opts.generator;
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const gen = this.generator ?? defaultGenerator;
    const keep = this.p === 1 ? 0 : 1 / (1 - this.p);
    const scale = allocate(x.dtype, x.size);
    for (let i = 0; i < scale.length; i++) scale[i] = gen.random() >= this.p ? keep : 0;
    return maskedScale('dropout', x, scale);
  }
}

export interface BatchNormOptions {
  eps?: number;
  momentum?: number;
  dtype?: DType;
}

/**
 * Batch normalisation of (N, C) inputs with learnable gamma (1, C) = 1 and beta (1, C) = 0, and the buffers
 * runningMean (1, C) = 0 and runningVar (1, C) = 1 (saved in the state dict, not trained).
 */
export class BatchNorm1d extends Module {
  readonly numFeatures: number;
  eps: number;
  momentum: number;
  gamma: Tensor;
  beta: Tensor;
  runningMean: Tensor;
  runningVar: Tensor;

  constructor(numFeatures: number, opts: BatchNormOptions = {}) {
    super();
    this.numFeatures = positiveInt('BatchNorm1d', 'the number of features', numFeatures);
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum ?? 0.1;
    if (!(this.eps >= 0)) throw new ArgumentError('BatchNorm1d', `eps must be non-negative, got ${this.eps}`);
    if (!(this.momentum >= 0 && this.momentum <= 1)) throw new ArgumentError('BatchNorm1d', `momentum must be in [0, 1], got ${this.momentum}`);
    const dtype = opts.dtype ?? DEFAULT_DTYPE;
    const C = numFeatures;
    this.gamma = new Tensor(allocate(dtype, C).fill(1), [1, C], true);
    this.beta = new Tensor(allocate(dtype, C), [1, C], true);
    this.runningMean = new Tensor(allocate(dtype, C), [1, C]);
    this.runningVar = new Tensor(allocate(dtype, C).fill(1), [1, C]);
  }

  forward(x: Tensor): Tensor {
    return batchNorm1d(x, {
      gamma: this.gamma, beta: this.beta, runningMean: this.runningMean, runningVar: this.runningVar,
      training: this.training, momentum: this.momentum, eps: this.eps,
    });
  }
}

export interface EmbeddingOptions {
  generator?: Generator;
  dtype?: DType;
}

/** A lookup table W (n, dim), initialised as Sorix does: U(−sqrt(1/n), sqrt(1/n)) (PyTorch uses N(0, 1)). */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  W: Tensor;

  constructor(numEmbeddings: number, embeddingDim: number, opts: EmbeddingOptions = {}) {
    super();
    this.numEmbeddings = positiveInt('Embedding', 'the number of embeddings', numEmbeddings);
    this.embeddingDim = positiveInt('Embedding', 'the embedding size', embeddingDim);
    const gen = opts.generator ?? defaultGenerator;
    const bound = Math.sqrt(1 / numEmbeddings);
    const w = allocate(opts.dtype ?? DEFAULT_DTYPE, numEmbeddings * embeddingDim);
    for (let i = 0; i < w.length; i++) w[i] = (2 * gen.random() - 1) * bound;
    this.W = new Tensor(w, [numEmbeddings, embeddingDim], true);
  }

  /** `indices`: integers in [0, n) as a tensor or (nested) number arrays; the result has shape indices.shape + (dim). */
  forward(indices: Tensor | NestedArray): Tensor {
    return embedding(indices, this.W);
  }
}

/** Applies its modules in order. In the state dict they are named by position: `0.W`, `0.b`, `2.W`, … */
export class Sequential extends Module {
  private readonly _modules: Module[];

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new ArgumentError('Sequential', `argument ${i} is not a Module`);
    });
    this._modules = modules;
  }

  protected override *members(): Iterable<[string, Tensor | Module]> {
    for (let i = 0; i < this._modules.length; i++) yield [String(i), this._modules[i]!];
  }

  get length(): number { return this._modules.length; }

  /** The module at position i (negative counts from the end). */
  at(i: number): Module {
    const m = this._modules.at(i);
    if (m === undefined) throw new ArgumentError('Sequential', `index ${i} is out of range for ${this._modules.length} modules`);
    return m;
  }

  [Symbol.iterator](): Iterator<Module> { return this._modules[Symbol.iterator](); }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this._modules) y = m.forward(y);
    return y;
  }
}
