import { allocate, DEFAULT_DTYPE, type DType } from './dtype';
import { ArgumentError } from './errors';
import { defaultGenerator, type Generator } from './random';
import { checkShape, sizeOf } from './shape';
import { Tensor } from './tensor';

export interface FactoryOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}
export interface RandomOptions extends FactoryOptions {
  generator?: Generator;
}

type ShapeArg = number | readonly number[];

function shapeOf(op: string, s: ShapeArg): number[] {
  return checkShape(op, typeof s === 'number' ? [s] : [...s]);
}

function make(op: string, shape: ShapeArg, opts: FactoryOptions, fill: (i: number) => number): Tensor {
  const sh = shapeOf(op, shape);
  const data = allocate(opts.dtype ?? DEFAULT_DTYPE, sizeOf(sh));
  for (let i = 0; i < data.length; i++) data[i] = fill(i);
  return new Tensor(data, sh, opts.requiresGrad ?? false);
}

export const zeros = (shape: ShapeArg, opts: FactoryOptions = {}): Tensor => make('zeros', shape, opts, () => 0);
export const ones = (shape: ShapeArg, opts: FactoryOptions = {}): Tensor => make('ones', shape, opts, () => 1);
export const full = (shape: ShapeArg, value: number, opts: FactoryOptions = {}): Tensor => make('full', shape, opts, () => value);

/** An n×m identity (m defaults to n). */
export function eye(n: number, m = n, opts: FactoryOptions = {}): Tensor {
  return make('eye', [n, m], opts, (i) => (Math.floor(i / m) === i % m ? 1 : 0));
}

/** start, start+step, … below stop (NumPy's arange; a single argument is the stop). */
export function arange(start: number, stop?: number, step = 1, opts: FactoryOptions = {}): Tensor {
  if (stop === undefined) { stop = start; start = 0; }
  if (step === 0 || !Number.isFinite(step)) throw new ArgumentError('arange', `step must be a finite non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (!Number.isFinite(n) || n > 1e8) throw new ArgumentError('arange', `too many elements (${n})`);
  return make('arange', [n], opts, (i) => start + i * step);
}

/** `steps` evenly spaced values from start to stop inclusive (NumPy's linspace; the last value is exactly stop). */
export function linspace(start: number, stop: number, steps = 100, opts: FactoryOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new ArgumentError('linspace', `steps must be a non-negative integer, got ${steps}`);
  const div = steps - 1;
  // NumPy's order of operations, i·(Δ/div) + start, so the values agree to the last bit ((i/div)·Δ does not).
  const step = div > 0 ? (stop - start) / div : 0;
  return make('linspace', [steps], opts, (i) => (i === div && steps > 1 ? stop : i * step + start));
}

export function rand(shape: ShapeArg, opts: RandomOptions = {}): Tensor {
  const g = opts.generator ?? defaultGenerator;
  return make('rand', shape, opts, () => g.random());
}

export function randn(shape: ShapeArg, opts: RandomOptions = {}): Tensor {
  const g = opts.generator ?? defaultGenerator;
  return make('randn', shape, opts, () => g.normal());
}

/** Uniform integers in [low, high), stored as floats. */
export function randint(low: number, high: number, shape: ShapeArg, opts: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) throw new ArgumentError('randint', `needs integers low < high, got ${low} and ${high}`);
  const g = opts.generator ?? defaultGenerator;
  return make('randint', shape, opts, () => g.int(low, high));
}
