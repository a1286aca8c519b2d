import { allocate, promote, type TypedArray } from '../dtype';
import { kernels, type BinaryOp, type UnaryOp } from '../kernels';
import { ArgumentError } from '../errors';
import { broadcastShapes } from '../shape';
import { fromOp, Tensor, type Operand } from '../tensor';
import { unbroadcast } from './broadcast';

/** A JavaScript number becomes a 0-d tensor of the other operand's dtype, so it never changes the result's dtype. */
export function asTensor(o: Operand, like: Tensor): Tensor {
  if (o instanceof Tensor) return o;
  if (typeof o !== 'number') throw new ArgumentError('operand', `expected a Tensor or a number, got ${typeof o}`);
  const d = allocate(like.dtype, 1);
  d[0] = o;
  return new Tensor(d, []);
}

function binary(op: BinaryOp, x: Operand, y: Operand): Tensor {
  const a = x instanceof Tensor ? x : asTensor(x, y as Tensor);
  const b = asTensor(y, a);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const dtype = promote(a.dtype, b.dtype);
  const out = allocate(dtype, shape.reduce((p, q) => p * q, 1));
  kernels().binary(op, a.data, a.shape, b.data, b.shape, out, shape);
  return fromOp(op, out, shape, [a, b], (g) => {
    const k = kernels();
    let ga: TypedArray | null = null;
    let gb: TypedArray | null = null;
    switch (op) {
      case 'add':
        ga = a.requiresGrad ? g : null;
        gb = b.requiresGrad ? g : null;
        break;
      case 'sub':
        ga = a.requiresGrad ? g : null;
        if (b.requiresGrad) { gb = allocate(dtype, g.length); k.unary('neg', g, gb); }
        break;
      case 'mul':
        if (a.requiresGrad) { ga = allocate(dtype, g.length); k.binary('mul', g, shape, b.data, b.shape, ga, shape); }
        if (b.requiresGrad) { gb = allocate(dtype, g.length); k.binary('mul', g, shape, a.data, a.shape, gb, shape); }
        break;
      case 'div':
        if (a.requiresGrad) { ga = allocate(dtype, g.length); k.binary('div', g, shape, b.data, b.shape, ga, shape); }
        if (b.requiresGrad) {
          // d(a/b)/db = −a/b² = −(a/b)/b, computed from the saved output.
          gb = allocate(dtype, g.length);
          k.binary('mul', g, shape, out, shape, gb, shape);
          k.binary('div', gb, shape, b.data, b.shape, gb, shape);
          k.unary('neg', gb, gb);
        }
        break;
    }
    return [
      ga && unbroadcast(ga, shape, a.shape, a.dtype),
      gb && unbroadcast(gb, shape, b.shape, b.dtype),
    ];
  });
}

export const add = (a: Operand, b: Operand): Tensor => binary('add', a, b);
export const sub = (a: Operand, b: Operand): Tensor => binary('sub', a, b);
export const mul = (a: Operand, b: Operand): Tensor => binary('mul', a, b);
export const div = (a: Operand, b: Operand): Tensor => binary('div', a, b);

/**
 * A one-input elementwise op whose backward is the kernel's `unaryGrad` rule. `saveOutput` ops (exp, sqrt, sigmoid,
 * tanh) compute the gradient from the result instead of the input: one exp per element, not two.
 */
export function unaryOp(op: UnaryOp, x: Tensor, p0?: number, p1?: number): Tensor {
  const out = allocate(x.dtype, x.size);
  kernels().unary(op, x.data, out, p0, p1);
  return fromOp(op, out, x.shape, [x], (g) => {
    const gx = allocate(x.dtype, g.length);
    kernels().unaryGrad(op, x.data, out, g, gx, p0, p1);
    return [gx];
  });
}

export const neg = (x: Tensor): Tensor => unaryOp('neg', x);
export const exp = (x: Tensor): Tensor => unaryOp('exp', x);
export const log = (x: Tensor): Tensor => unaryOp('log', x);
export const sqrt = (x: Tensor): Tensor => unaryOp('sqrt', x);
export const sin = (x: Tensor): Tensor => unaryOp('sin', x);
export const cos = (x: Tensor): Tensor => unaryOp('cos', x);
export const abs = (x: Tensor): Tensor => unaryOp('abs', x);

export function pow(x: Tensor, n: number): Tensor {
  if (typeof n !== 'number') throw new ArgumentError('pow', `the exponent must be a number, got ${typeof n === 'object' ? 'a Tensor' : typeof n}`);
  return unaryOp('pow', x, n);
}

export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if (Number.isNaN(lo) || Number.isNaN(hi)) throw new ArgumentError('clamp', 'the bounds must not be NaN');
  if (lo > hi) throw new ArgumentError('clamp', `min ${lo} is greater than max ${hi}`);
  return unaryOp('clamp', x, lo, hi);
}
