import type { TypedArray } from '../dtype';
import { stableSigmoid } from '../scalar';
import { stridesOf } from '../shape';
import type { BinaryOp, Kernels, UnaryOp } from './types';

// Each op gets its own loop: a switch per element, or a callback per element, costs 2–5× in V8. The cheap loops that
// backward runs on every element (sigmoid, tanh, exp, neg, the four arithmetic ops) are unrolled by four: V8's
// per-iteration overhead (bounds and interrupt checks) otherwise costs as much as their arithmetic.
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
    case 'sigmoid': for (let i = 0; i < n; i++) out[i] = stableSigmoid(a[i]!); return;
    case 'tanh': for (let i = 0; i < n; i++) out[i] = Math.tanh(a[i]!); return;
    case 'relu': for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x > 0 ? x : x !== x ? x : 0; } return;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x > 0 ? x : x * p0; } return;
    case 'clamp':
      // NaN stays NaN, as np.clip does.
      for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x < p0 ? p0 : x > p1 ? p1 : x; }
      return;
    case 'pow':
      if (p0 === 2) for (let i = 0; i < n; i++) { const x = a[i]!; out[i] = x * x; }
      // NumPy's x**0.5 is sqrt (its fast scalar power), which differs from pow at −∞ (NaN, not +∞) and −0 (−0).
      else if (p0 === 0.5) for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i]!);
      else for (let i = 0; i < n; i++) out[i] = Math.pow(a[i]!, p0);
      return;
  }
}

function unaryGrad(op: UnaryOp, x: TypedArray, y: TypedArray, g: TypedArray, out: TypedArray, p0 = 0, p1 = 0): void {
  const n = g.length;
  switch (op) {
    case 'neg': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        out[i] = -g[i]!;
        out[i + 1] = -g[i + 1]!;
        out[i + 2] = -g[i + 2]!;
        out[i + 3] = -g[i + 3]!;
      }
      for (; i < n; i++) out[i] = -g[i]!;
      return;
    }
    case 'exp': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        out[i] = g[i]! * y[i]!;
        out[i + 1] = g[i + 1]! * y[i + 1]!;
        out[i + 2] = g[i + 2]! * y[i + 2]!;
        out[i + 3] = g[i + 3]! * y[i + 3]!;
      }
      for (; i < n; i++) out[i] = g[i]! * y[i]!;
      return;
    }
    case 'log': for (let i = 0; i < n; i++) out[i] = g[i]! / x[i]!; return;
    case 'sqrt': for (let i = 0; i < n; i++) out[i] = g[i]! / (2 * y[i]!); return;
    case 'sin': for (let i = 0; i < n; i++) out[i] = g[i]! * Math.cos(x[i]!); return;
    case 'cos': for (let i = 0; i < n; i++) out[i] = -g[i]! * Math.sin(x[i]!); return;
    case 'abs': for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? g[i]! : v < 0 ? -g[i]! : v === 0 ? 0 : NaN; } return;
    case 'sigmoid': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        { const s0 = y[i]!; out[i] = g[i]! * s0 * (1 - s0); }
        { const s1 = y[i + 1]!; out[i + 1] = g[i + 1]! * s1 * (1 - s1); }
        { const s2 = y[i + 2]!; out[i + 2] = g[i + 2]! * s2 * (1 - s2); }
        { const s3 = y[i + 3]!; out[i + 3] = g[i + 3]! * s3 * (1 - s3); }
      }
      for (; i < n; i++) { const s = y[i]!; out[i] = g[i]! * s * (1 - s); }
      return;
    }
    case 'tanh': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        { const t0 = y[i]!; out[i] = g[i]! * (1 - t0 * t0); }
        { const t1 = y[i + 1]!; out[i + 1] = g[i + 1]! * (1 - t1 * t1); }
        { const t2 = y[i + 2]!; out[i + 2] = g[i + 2]! * (1 - t2 * t2); }
        { const t3 = y[i + 3]!; out[i + 3] = g[i + 3]! * (1 - t3 * t3); }
      }
      for (; i < n; i++) { const t = y[i]!; out[i] = g[i]! * (1 - t * t); }
      return;
    }
    case 'relu': for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? g[i]! : v !== v ? NaN : 0; } return;
    case 'leakyRelu': for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v > 0 ? g[i]! : v !== v ? NaN : g[i]! * p0; } return;
    case 'clamp':
      // The boundary itself passes the gradient (Sorix's mask and PyTorch agree).
      for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v >= p0 && v <= p1 ? g[i]! : v !== v ? NaN : 0; }
      return;
    case 'pow':
      if (p0 === 2) for (let i = 0; i < n; i++) out[i] = g[i]! * 2 * x[i]!;
      // x^0.5 is sqrt (see unary); at ±0 its gradient is sqrt's, g/(2y): −∞ at −0 as sqrt's (and PyTorch's
      // 0.5/√−0 = 0.5/−0), where 0.5·(−0)^−0.5 gives +∞. Elsewhere the power rule, as Sorix (0 at −∞).
      else if (p0 === 0.5) for (let i = 0; i < n; i++) { const v = x[i]!; out[i] = v === 0 ? g[i]! / (2 * y[i]!) : g[i]! * 0.5 * Math.pow(v, -0.5); }
      // d/dx x^0 is 0 everywhere (NumPy's 0·0^−1 would give NaN at 0).
      else if (p0 === 0) for (let i = 0; i < n; i++) out[i] = 0;
      else for (let i = 0; i < n; i++) out[i] = g[i]! * p0 * Math.pow(x[i]!, p0 - 1);
      return;
  }
}

/** Both operands walk: unrolled by four, which halves V8's per-element loop overhead on these cheap operations. */
function binaryContiguous(op: BinaryOp, a: TypedArray, ai: number, b: TypedArray, bi: number, out: TypedArray, oi: number, n: number): void {
  switch (op) {
    case 'add': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        out[oi + i] = a[ai + i]! + b[bi + i]!;
        out[oi + i + 1] = a[ai + i + 1]! + b[bi + i + 1]!;
        out[oi + i + 2] = a[ai + i + 2]! + b[bi + i + 2]!;
        out[oi + i + 3] = a[ai + i + 3]! + b[bi + i + 3]!;
      }
      for (; i < n; i++) out[oi + i] = a[ai + i]! + b[bi + i]!;
      return;
    }
    case 'sub': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        out[oi + i] = a[ai + i]! - b[bi + i]!;
        out[oi + i + 1] = a[ai + i + 1]! - b[bi + i + 1]!;
        out[oi + i + 2] = a[ai + i + 2]! - b[bi + i + 2]!;
        out[oi + i + 3] = a[ai + i + 3]! - b[bi + i + 3]!;
      }
      for (; i < n; i++) out[oi + i] = a[ai + i]! - b[bi + i]!;
      return;
    }
    case 'mul': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        out[oi + i] = a[ai + i]! * b[bi + i]!;
        out[oi + i + 1] = a[ai + i + 1]! * b[bi + i + 1]!;
        out[oi + i + 2] = a[ai + i + 2]! * b[bi + i + 2]!;
        out[oi + i + 3] = a[ai + i + 3]! * b[bi + i + 3]!;
      }
      for (; i < n; i++) out[oi + i] = a[ai + i]! * b[bi + i]!;
      return;
    }
    case 'div': {
      let i = 0;
      for (; i + 3 < n; i += 4) {
        out[oi + i] = a[ai + i]! / b[bi + i]!;
        out[oi + i + 1] = a[ai + i + 1]! / b[bi + i + 1]!;
        out[oi + i + 2] = a[ai + i + 2]! / b[bi + i + 2]!;
        out[oi + i + 3] = a[ai + i + 3]! / b[bi + i + 3]!;
      }
      for (; i < n; i++) out[oi + i] = a[ai + i]! / b[bi + i]!;
      return;
    }
  }
}

function binaryLoop(op: BinaryOp, a: TypedArray, ai: number, b: TypedArray, bi: number, out: TypedArray, oi: number, n: number, as: number, bs: number): void {
  // `as`/`bs` are 1 (walk) or 0 (repeat one element).
  if (as === 1 && bs === 1) return binaryContiguous(op, a, ai, b, bi, out, oi, n);
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
  const lead = outShape.slice(0, nd - 1);
  const aStep = carries(lead, aStr), bStep = carries(lead, bStr);
  const idx = new Array<number>(nd - 1).fill(0);
  let ao = 0;
  let bo = 0;
  const aInner = aStr[nd - 1]!;
  const bInner = bStr[nd - 1]!;
  for (let o = 0; o < n; o += inner) {
    binaryLoop(op, a, ao, b, bo, out, o, inner, aInner, bInner);
    const d = tick(idx, lead);
    if (d >= 0) { ao += aStep[d]!; bo += bStep[d]!; }
  }
}

/*
 * The odometer, written once: `tick` steps a multi-index through `shape` in row-major order (the last axis fastest),
 * and `carries` says how far an offset with the given strides moves at each step, so that a loop keeps any number of
 * offsets (broadcast operands, a reduced output, a permuted source) in step with one multi-index.
 */

/** Steps `idx` to the next multi-index of `shape`; returns the axis that advanced (later axes wrapped to 0), −1 at the end. */
function tick(idx: number[], shape: readonly number[]): number {
  for (let d = shape.length - 1; d >= 0; d--) {
    if (++idx[d]! < shape[d]!) return d;
    idx[d] = 0;
  }
  return -1;
}

/**
 * For each axis d, how much Σ idx·strides changes when `tick` returns d: +strides[d], minus what the wrapped later
 * axes had added. Strides may be 0 (a broadcast or reduced axis) or permuted (a transpose).
 */
function carries(shape: readonly number[], strides: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let wrapped = 0;
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = strides[d]! - wrapped;
    wrapped += strides[d]! * (shape[d]! - 1);
  }
  return out;
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

let scratch = new Float64Array(64);

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
    // Sums in float64 (for float32 input too) in a scratch row kept between calls: a bias gradient at batch 10
    // would otherwise pay more for a fresh accumulator than for its additions.
    if (scratch.length < inner) scratch = new Float64Array(inner);
    const acc = scratch;
    for (let o = 0; o < outer; o++) {
      acc.fill(0, 0, inner);
      for (let r = 0; r < red; r++) {
        const base = (o * red + r) * inner;
        for (let i = 0; i < inner; i++) acc[i]! += a[base + i]!;
      }
      const ob = o * inner;
      for (let i = 0; i < inner; i++) out[ob + i] = acc[i]!;
    }
    return;
  }
  // Non-contiguous axes: map each input element to its output slot.
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStr = stridesOf(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
  const acc = new Float64Array(out.length);
  const step = carries(shape, outStr);
  const idx = new Array<number>(shape.length).fill(0);
  let oi = 0;
  for (let k = 0; k < a.length; k++) {
    acc[oi]! += a[k]!;
    const d = tick(idx, shape);
    if (d >= 0) oi += step[d]!;
  }
  out.set(acc);
}

function max(a: TypedArray, shape: readonly number[], axes: readonly number[], out: TypedArray, argmax?: Int32Array): void {
  const outShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const outStr = stridesOf(outShape).map((s, i) => (axes.includes(i) ? 0 : s));
  out.fill(-Infinity);
  const seen = new Uint8Array(out.length);
  const step = carries(shape, outStr);
  const idx = new Array<number>(shape.length).fill(0);
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
    const d = tick(idx, shape);
    if (d >= 0) oi += step[d]!;
  }
}

function matmul(a: TypedArray, aOff: number, b: TypedArray, bOff: number, out: TypedArray, outOff: number, m: number, k: number, n: number, transA = false, transB = false): void {
  // Element (i, p) of the left factor is a[aOff + i·ai + p·ap]; element (p, j) of the right one is b[bOff + p·bp + j·bj].
  // A transposed operand is read in place with swapped strides, so backward needs no transposed copies.
  const ai = transA ? 1 : k, ap = transA ? m : 1;
  const bp = transB ? 1 : n, bj = transB ? k : 1;
  // Register tiles of 2 rows × 4 columns: eight sums stay in registers over the whole k loop, and each value loaded
  // feeds two or four multiply-adds. Every sum runs over p = 0…k−1 in order from zero, as the plain triple loop does,
  // so float64 results are bitwise the same as its; float32 ones are summed in float64 and rounded once.
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = aOff + i * ai, a1 = a0 + ai;
    const o0 = outOff + i * n, o1 = o0 + n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let x = 0;
      let y = bOff + j * bj;
      for (let p = 0; p < k; p++, x += ap, y += bp) {
        const x0 = a[a0 + x]!, x1 = a[a1 + x]!;
        const v0 = b[y]!, v1 = b[y + bj]!, v2 = b[y + 2 * bj]!, v3 = b[y + 3 * bj]!;
        c00 += x0 * v0; c01 += x0 * v1; c02 += x0 * v2; c03 += x0 * v3;
        c10 += x1 * v0; c11 += x1 * v1; c12 += x1 * v2; c13 += x1 * v3;
      }
      out[o0 + j] = out[o0 + j]! + c00; out[o0 + j + 1] = out[o0 + j + 1]! + c01;
      out[o0 + j + 2] = out[o0 + j + 2]! + c02; out[o0 + j + 3] = out[o0 + j + 3]! + c03;
      out[o1 + j] = out[o1 + j]! + c10; out[o1 + j + 1] = out[o1 + j + 1]! + c11;
      out[o1 + j + 2] = out[o1 + j + 2]! + c12; out[o1 + j + 3] = out[o1 + j + 3]! + c13;
    }
    for (; j < n; j++) {
      let c0 = 0, c1 = 0;
      let x = 0;
      let y = bOff + j * bj;
      for (let p = 0; p < k; p++, x += ap, y += bp) { const v = b[y]!; c0 += a[a0 + x]! * v; c1 += a[a1 + x]! * v; }
      out[o0 + j] = out[o0 + j]! + c0;
      out[o1 + j] = out[o1 + j]! + c1;
    }
  }
  if (i < m) {
    // The last row of an odd m.
    const a0 = aOff + i * ai, o0 = outOff + i * n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      let x = a0;
      let y = bOff + j * bj;
      for (let p = 0; p < k; p++, x += ap, y += bp) {
        const v = a[x]!;
        c0 += v * b[y]!; c1 += v * b[y + bj]!; c2 += v * b[y + 2 * bj]!; c3 += v * b[y + 3 * bj]!;
      }
      out[o0 + j] = out[o0 + j]! + c0; out[o0 + j + 1] = out[o0 + j + 1]! + c1;
      out[o0 + j + 2] = out[o0 + j + 2]! + c2; out[o0 + j + 3] = out[o0 + j + 3]! + c3;
    }
    for (; j < n; j++) {
      let c = 0;
      let x = a0;
      let y = bOff + j * bj;
      for (let p = 0; p < k; p++, x += ap, y += bp) c += a[x]! * b[y]!;
      out[o0 + j] = out[o0 + j]! + c;
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
  const step = carries(outShape, axes.map((ax) => inStr[ax]!));
  const idx = new Array<number>(nd).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = a[src]!;
    const d = tick(idx, outShape);
    if (d >= 0) src += step[d]!;
  }
}

export const cpuKernels: Kernels = { unary, unaryGrad, binary, sum, max, matmul, transpose };
