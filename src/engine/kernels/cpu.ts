import type { TypedArray } from '../dtype';
import { stridesOf } from '../shape';
import type { BinaryOp, Kernels, UnaryOp } from './types';

// Each op gets its own loop: a switch per element, or a callback per element, costs 2–5× in V8.
function unary(op: UnaryOp, a: TypedArray, out: TypedArray, p0 = 0, p1 = 0): void {
  const n = a.length;
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) out[i] = -a[i]!; return;
    case 'exp': for (let i = 0; i < n; i++) out[i] = Math.exp(a[i]!); return;
    case 'log': for (let i = 0; i < n; i++) out[i] = Math.log(a[i]!); return;
    case 'sqrt': for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]!); return;
    case 'sin': for (let i = 0; i < n; i++) out[i] = Math.sin(a[i]!); return;
    case 'cos': for (let i = 0; i < n; i++) out[i] = Math.cos(a[i]!); return;
    case 'abs': for (let i = 0; i < n; i++) out[i] = Math.abs(a[i]!); return;
    case 'sigmoid':
      // The seed's stable piecewise form: exp is only ever taken of −|x| ≤ 0, so it never overflows.
      // x ≥ 0: 1/(1+e^−x); x < 0: e^x/(1+e^x). One division, no branch on the exp.
      for (let i = 0; i < n; i++) {
        const x = a[i]!;
        const e = Math.exp(-Math.abs(x));
        out[i] = (x >= 0 ? 1 : e) / (1 + e);
      }
      return;
    case 'tanh': for (let i = 0; i < n; i++) out[i] = Math.tanh(a[i]!); return;
    case 'relu': for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x > 0 ? x : x !== x ? x : 0; } return;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x > 0 ? x : x * p0; } return;
    case 'clamp':
      // NaN stays NaN, as np.clip does.
      for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x < p0 ? p0 : x > p1 ? p1 : x; }
      return;
    case 'pow':
      if (p0 === 2) for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x * x; }
      else for (let i = 0; i < n; i++) out[i] = Math.pow(a[i]!, p0);
      return;
  }
}

function unaryGrad(op: UnaryOp, x: TypedArray, y: TypedArray, g: TypedArray, out: TypedArray, p0 = 0, p1 = 0): void {
  const n = g.length;
  switch (op) {
    case 'neg': for (let i = 0; i < n; i++) out[i] = -g[i]!; return;
    case 'exp': for (let i = 0; i < n; i++) out[i] = g[i]! * y[i]!; return;
    case 'log': for (let i = 0; i < n; i++) out[i] = g[i]! / x[i]!; return;
    case 'sqrt': for (let i = 0; i < n; i++) out[i] = g[i]! / (2 * y[i]!); return;
    case 'sin': for (let i = 0; i < n; i++) out[i] = g[i]! * Math.cos(x[i]!); return;
    case 'cos': for (let i = 0; i < n; i++) out[i] = -g[i]! * Math.sin(x[i]!); return;
    case 'abs': for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? g[i]! : v < 0 ? -g[i]! : v === 0 ? 0 : NaN; } return;
    case 'sigmoid': for (let i = 0; i < n; i++) { const s = y[i]!; out[i] = g[i]! * s * (1 - s); } return;
    case 'tanh': for (let i = 0; i < n; i++) { const t = y[i]!; out[i] = g[i]! * (1 - t * t); } return;
    case 'relu': for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? g[i]! : v !== v ? NaN : 0; } return;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? g[i]! : v !== v ? NaN : g[i]! * p0; } return;
    case 'clamp':
      // The boundary itself passes the gradient (Sorix's mask and PyTorch agree).
      for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v >= p0 && v <= p1 ? g[i]! : v !== v ? NaN : 0; }
      return;
    case 'pow':
      if (p0 === 2) for (let i = 0; i < n; i++) out[i] = g[i]! * 2 * x[i]!;
      // d/dx x^0 is 0 everywhere (NumPy's 0·0^−1 would give NaN at 0).
      else if (p0 === 0) for (let i = 0; i < n; i++) out[i] = 0;
      else for (let i = 0; i < n; i++) out[i] = g[i]! * p0 * Math.pow(x[i]!, p0 - 1);
      return;
  }
}

function binaryLoop(op: BinaryOp, a: TypedArray, ai: number, b: TypedArray, bi: number, out: TypedArray, oi: number, n: number, as: number, bs: number): void {
  // `as`/`bs` are 1 (walk) or 0 (repeat one element).
  switch (op) {
    case 'add': for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! + b[bi + i * bs]!; return;
    case 'sub': for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! - b[bi + i * bs]!; return;
    case 'mul': for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! * b[bi + i * bs]!; return;
    case 'div': for (let i = 0; i < n; i++) out[oi + i] = a[ai + i * as]! / b[bi + i * bs]!; return;
  }
}

function binary(op: BinaryOp, a: TypedArray, aShape: readonly number[], b: TypedArray, bShape: readonly number[], out: TypedArray, outShape: readonly number[]): void {
  const n = out.length;
  if (n === 0) return;
  if (a.length === n && b.length === n) return binaryLoop(op, a, 0, b, 0, out, 0, n, 1, 1);
  if (b.length === 1 && a.length === n) return binaryLoop(op, a, 0, b, 0, out, 0, n, 1, 0);
  if (a.length === 1 && b.length === n) return binaryLoop(op, a, 0, b, 0, out, 0, n, 0, 1);
  const nd = outShape.length;
  const inner = outShape[nd - 1]!;
  // Row broadcast, (…, n) ∘ (n) or (1, n): the bias of a Linear layer. The small operand must be a row (its last
  // axis is the output's last axis): a (3,1) column against (3,3) has as many elements but broadcasts the other way.
  if (a.length === n && b.length === inner && bShape[bShape.length - 1] === inner) {
    for (let r = 0; r < n; r += inner) binaryLoop(op, a, r, b, 0, out, r, inner, 1, 1);
    return;
  }
  if (b.length === n && a.length === inner && aShape[aShape.length - 1] === inner) {
    for (let r = 0; r < n; r += inner) binaryLoop(op, a, 0, b, r, out, r, inner, 1, 1);
    return;
  }
  // General case: an odometer over the output's leading axes, the last axis as an inner loop.
  const aStr = broadcastStrides(aShape, outShape);
  const bStr = broadcastStrides(bShape, outShape);
  const idx = new Array<number>(nd).fill(0);
  let ao = 0;
  let bo = 0;
  const aInner = aStr[nd - 1]!;
  const bInner = bStr[nd - 1]!;
  for (let o = 0; o < n; o += inner) {
    binaryLoop(op, a, ao, b, bo, out, o, inner, aInner, bInner);
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      ao += aStr[d]!;
      bo += bStr[d]!;
      if (idx[d]! < outShape[d]!) break;
      ao -= aStr[d]! * idx[d]!;
      bo -= bStr[d]! * idx[d]!;
      idx[d] = 0;
    }
  }
}

/** Strides of `shape` laid against `outShape`, 0 along broadcast axes. */
function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const nd = outShape.length;
  const own = stridesOf(shape);
  const s = new Array<number>(nd).fill(0);
  for (let i = 0; i < shape.length; i++) {
    const d = nd - shape.length + i;
    s[d] = shape[i] === 1 ? 0 : own[i]!;
  }
  return s;
}

/** Splits a shape around the reduced axes into (outer, reduced, inner) sizes when the axes are contiguous. */
function contiguousSplit(shape: readonly number[], axes: readonly number[]): [number, number, number] | null {
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1]! + 1) return null;
  let outer = 1, red = 1, inner = 1;
  const lo = axes[0] ?? 0, hi = axes[axes.length - 1] ?? -1;
  for (let i = 0; i < shape.length; i++) {
    if (i < lo) outer *= shape[i]!;
    else if (i <= hi) red *= shape[i]!;
    else inner *= shape[i]!;
  }
  return [outer, red, inner];
}

function sum(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray): void {
  const split = contiguousSplit(shape, axes);
  if (split) {
    const [outer, red, inner] = split;
    if (inner === 1) {
      for (let o = 0; o < outer; o++) {
        // Four accumulators: shorter dependency chains, and a little less rounding error.
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        const base = o * red;
        let r = 0;
        for (; r + 3 < red; r += 4) { s0 += a[base + r]!; s1 += a[base + r + 1]!; s2 += a[base + r + 2]!; s3 += a[base + r + 3]!; }
        for (; r < red; r++) s0 += a[base + r]!;
        out[o] = (s0 + s1) + (s2 + s3);
      }
      return;
    }
    const acc = new Float64Array(inner);
    for (let o = 0; o < outer; o++) {
      acc.fill(0);
      for (let r = 0; r < red; r++) {
        const base = (o * red + r) * inner;
        for (let i = 0; i < inner; i++) acc[i]! += a[base + i]!;
      }
      out.set(acc, o * inner);
    }
    return;
  }
  // Non-contiguous axes: map each input element to its output slot.
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStr = stridesOf(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
  const acc = new Float64Array(out.length);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let oi = 0;
  for (let k = 0; k < a.length; k++) {
    acc[oi]! += a[k]!;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      oi += outStr[d]!;
      if (idx[d]! < shape[d]!) break;
      oi -= outStr[d]! * idx[d]!;
      idx[d] = 0;
    }
  }
  out.set(acc);
}

function max(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray, argmax?: Int32Array): void {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStr = stridesOf(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
  out.fill(-Infinity);
  const seen = new Uint8Array(out.length);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let oi = 0;
  for (let k = 0; k < a.length; k++) {
    const v = a[k]!;
    // NaN wins and sticks, as np.max propagates it.
    if (!seen[oi] || v > out[oi]! || (v !== v && out[oi] === out[oi])) {
      if (!(seen[oi] && out[oi] !== out[oi])) {
        out[oi] = v;
        if (argmax) argmax[oi] = k;
      }
      seen[oi] = 1;
    }
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      oi += outStr[d]!;
      if (idx[d]! < shape[d]!) break;
      oi -= outStr[d]! * idx[d]!;
      idx[d] = 0;
    }
  }
}

function matmul(a: TypedArray, aOff: number, b: TypedArray, bOff: number, out: TypedArray, outOff: number, m: number, k: number, n: number): void {
  // i-k-j order: the inner loop walks rows of b and out contiguously; k unrolled by 4 keeps four rows of b in flight.
  for (let i = 0; i < m; i++) {
    const ar = aOff + i * k;
    const or = outOff + i * n;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a0 = a[ar + p]!, a1 = a[ar + p + 1]!, a2 = a[ar + p + 2]!, a3 = a[ar + p + 3]!;
      const b0 = bOff + p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        out[or + j] = out[or + j]! + a0 * b[b0 + j]! + a1 * b[b1 + j]! + a2 * b[b2 + j]! + a3 * b[b3 + j]!;
      }
    }
    for (; p < k; p++) {
      const av = a[ar + p]!;
      const br = bOff + p * n;
      for (let j = 0; j < n; j++) out[or + j] = out[or + j]! + av * b[br + j]!;
    }
  }
}

function transpose(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray): void {
  const nd = shape.length;
  if (nd === 2 && axes[0] === 1) {
    const r = shape[0]!, c = shape[1]!;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j]!;
    return;
  }
  const inStr = stridesOf(shape);
  const outShape = axes.map((ax) => shape[ax]!);
  const srcStr = axes.map((ax) => inStr[ax]!);
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = a[src]!;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      src += srcStr[d]!;
      if (idx[d]! < outShape[d]!) break;
      src -= srcStr[d]! * idx[d]!;
      idx[d] = 0;
    }
  }
}

export const cpuKernels: Kernels = { unary, unaryGrad, binary, sum, max, matmul, transpose };
