import { ArgumentError, fmtShape } from '../errors';
import { defaultGenerator, type Generator } from '../random';
import { Tensor } from '../tensor';

/**
 * Parameter initialisers, as PyTorch's `torch.nn.init` (and Sorix's): each fills the tensor IN PLACE and returns it,
 * so an optimizer built before stays linked (Sorix replaces `.data`, §12.9), the dtype is kept and no graph is
 * recorded. Random ones draw from `generator` (default: the global generator that `manualSeed` reseeds).
 *
 * Zero-element tensors are returned unchanged (PyTorch warns that this is a no-op).
 *
 * Fans follow this engine's (in, out) weight layout (Linear.W, as in Sorix): fanIn = shape[0]·r and
 * fanOut = shape[1]·r, with r the product of any further axes; PyTorch's (out, in) weights have them the other way.
 * A bias of shape (1, out) therefore has fanIn 1.
 */

export interface InitOptions {
  generator?: Generator;
}

export type Nonlinearity = 'linear' | 'identity' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';

function tensorArg(op: string, t: unknown): Tensor {
  if (!(t instanceof Tensor)) throw new ArgumentError(op, 'expects a Tensor to fill');
  return t;
}

function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ArgumentError(op, `${name} must be a finite number, got ${String(v)}`);
  return v;
}

function fill(t: Tensor, f: () => number): Tensor {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = f();
  return t;
}

/** The recommended gain for a nonlinearity, as `torch.nn.init.calculate_gain`: leaky_relu √(2/(1 + slope²)) (slope 0.01 by default). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear': case 'identity': case 'sigmoid': return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'selu': return 3 / 4;
    case 'leaky_relu': {
      const slope = param ?? 0.01;
      finite('calculateGain', 'the negative slope', slope);
      return Math.sqrt(2 / (1 + slope * slope));
    }
    default:
      throw new ArgumentError('calculateGain', `unsupported nonlinearity ${JSON.stringify(nonlinearity)} (known: linear, identity, sigmoid, tanh, relu, leaky_relu, selu)`);
  }
}

/** [fanIn, fanOut] of a weight in the (in, out, …) layout; fewer than 2 dimensions throws, as in PyTorch. */
export function calculateFans(t: Tensor): [number, number] {
  if (t.ndim < 2) throw new ArgumentError('init', `fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape ${fmtShape(t.shape)})`);
  let r = 1;
  for (let i = 2; i < t.ndim; i++) r *= t.shape[i]!;
  return [t.shape[0]! * r, t.shape[1]! * r];
}

/** U(a, b) (default U(0, 1)); a > b throws. */
export function uniform_(t: Tensor, a = 0, b = 1, opts: InitOptions = {}): Tensor {
  tensorArg('uniform_', t);
  finite('uniform_', 'a', a);
  finite('uniform_', 'b', b);
  if (a > b) throw new ArgumentError('uniform_', `the range [a, b) needs a ≤ b, got a = ${a}, b = ${b}`);
  const g = opts.generator ?? defaultGenerator;
  return fill(t, () => a + (b - a) * g.random());
}

/** N(mean, std²) (default N(0, 1)); a negative std throws. */
export function normal_(t: Tensor, mean = 0, std = 1, opts: InitOptions = {}): Tensor {
  tensorArg('normal_', t);
  finite('normal_', 'mean', mean);
  if (!(finite('normal_', 'std', std) >= 0)) throw new ArgumentError('normal_', `std must be non-negative, got ${std}`);
  const g = opts.generator ?? defaultGenerator;
  return fill(t, () => mean + std * g.normal());
}

/** Every element = value (any number, also ±Infinity or NaN, as torch.nn.init.constant_). */
export function constant_(t: Tensor, value: number): Tensor {
  tensorArg('constant_', t);
  if (typeof value !== 'number') throw new ArgumentError('constant_', `value must be a number, got ${typeof value}`);
  t.data.fill(value);
  return t;
}

export const zeros_ = (t: Tensor): Tensor => constant_(t, 0);
export const ones_ = (t: Tensor): Tensor => constant_(t, 1);

/** Glorot: U(−b, b) with b = gain·√(6/(fanIn + fanOut)). */
export function xavierUniform_(t: Tensor, gain = 1, opts: InitOptions = {}): Tensor {
  const [fi, fo] = calculateFans(tensorArg('xavierUniform_', t));
  if (t.size === 0) return t;
  const b = finite('xavierUniform_', 'gain', gain) * Math.sqrt(6 / (fi + fo));
  return uniform_(t, -b, b, opts);
}

/** Glorot: N(0, std²) with std = gain·√(2/(fanIn + fanOut)). */
export function xavierNormal_(t: Tensor, gain = 1, opts: InitOptions = {}): Tensor {
  const [fi, fo] = calculateFans(tensorArg('xavierNormal_', t));
  if (t.size === 0) return t;
  return normal_(t, 0, finite('xavierNormal_', 'gain', gain) * Math.sqrt(2 / (fi + fo)), opts);
}

export interface KaimingOptions extends InitOptions {
  /** The negative slope of the leaky_relu that follows (default 0). */
  a?: number;
  /** 'fan_in' (default) keeps the forward pass's variance; 'fan_out' the backward pass's (PyTorch's strings). */
  mode?: 'fan_in' | 'fan_out';
  /** Default 'leaky_relu' (with slope `a`, so √2 for a = 0), as in PyTorch. */
  nonlinearity?: Nonlinearity;
}

function kaimingStd(op: string, t: Tensor, opts: KaimingOptions): number {
  const [fi, fo] = calculateFans(tensorArg(op, t));
  const mode = opts.mode ?? 'fan_in';
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new ArgumentError(op, `mode must be 'fan_in' or 'fan_out', got ${JSON.stringify(mode)}`);
  const fan = mode === 'fan_in' ? fi : fo;
  return calculateGain(opts.nonlinearity ?? 'leaky_relu', finite(op, 'a', opts.a ?? 0)) / Math.sqrt(fan);
}

/** He: U(−b, b) with b = √3·gain/√fan. */
export function kaimingUniform_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (t instanceof Tensor && t.size === 0) return t;
  const b = Math.sqrt(3) * kaimingStd('kaimingUniform_', t, opts);
  return uniform_(t, -b, b, opts);
}

/** He: N(0, std²) with std = gain/√fan. */
export function kaimingNormal_(t: Tensor, opts: KaimingOptions = {}): Tensor {
  if (t instanceof Tensor && t.size === 0) return t;
  return normal_(t, 0, kaimingStd('kaimingNormal_', t, opts), opts);
}
