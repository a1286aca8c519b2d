/**
 * The cpu kernels' fast paths against a naive reference (plain index arithmetic, written here): broadcasting binary
 * ops and reductions over random shapes, so a fast path that takes the wrong case (a (3,1) column treated as a row)
 * cannot hide.
 */
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/engine';
import { rng } from './helpers/gradcheck';

const r = rng(99);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function randomTensor(shape: number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Float64Array.from({ length: n }, () => Math.round((r() * 8 - 4) * 4) / 4 + 0.5), { shape });
}

/** Flat index of `idx` (an index into `outShape`) in a tensor of `shape` broadcast against it. */
function broadcastOffset(idx: number[], shape: readonly number[]): number {
  let off = 0;
  const lead = idx.length - shape.length;
  for (let d = 0; d < shape.length; d++) off = off * shape[d]! + (shape[d] === 1 ? 0 : idx[lead + d]!);
  return off;
}

function unravel(i: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) { idx[d] = i % shape[d]!; i = Math.floor(i / shape[d]!); }
  return idx;
}

/** Two shapes that broadcast: each axis of each is the common size or 1, and either may have fewer axes. */
function broadcastPair(): [number[], number[]] {
  const nd = 1 + Math.floor(r() * 4);
  const full = Array.from({ length: nd }, () => pick([1, 2, 3, 4]));
  const mk = (): number[] => full.slice(Math.floor(r() * nd)).map((d) => (r() < 0.4 ? 1 : d));
  return [mk(), mk()];
}

describe('binary kernels with broadcasting match a naive reference', () => {
  const ops = { add: (a: number, b: number) => a + b, sub: (a: number, b: number) => a - b, mul: (a: number, b: number) => a * b, div: (a: number, b: number) => a / b };
  for (let trial = 0; trial < 300; trial++) {
    const [sa, sb] = broadcastPair();
    const op = pick(['add', 'sub', 'mul', 'div'] as const);
    it(`${op} (${sa}) with (${sb})`, () => {
      const a = randomTensor(sa);
      const b = randomTensor(sb);
      const y = a[op](b);
      const want = Array.from({ length: y.size }, (_, i) => {
        const idx = unravel(i, y.shape);
        return ops[op](a.data[broadcastOffset(idx, sa)]!, b.data[broadcastOffset(idx, sb)]!);
      });
      expect(Array.from(y.data)).toEqual(want);
    });
  }
});

describe('reductions over random axes match a naive reference', () => {
  for (let trial = 0; trial < 150; trial++) {
    const nd = 1 + Math.floor(r() * 4);
    const shape = Array.from({ length: nd }, () => pick([1, 2, 3, 4]));
    const axes = Array.from({ length: nd }, (_, i) => i).filter(() => r() < 0.5);
    const op = pick(['sum', 'max'] as const);
    const keep = r() < 0.5;
    it(`${op} (${shape}) over [${axes}]${keep ? ' keepdims' : ''}`, () => {
      const x = randomTensor(shape);
      const y = x[op](axes, keep);
      const kept = shape.map((d, i) => (axes.includes(i) ? 1 : d));
      const want = new Array<number>(kept.reduce((p, q) => p * q, 1)).fill(op === 'sum' ? 0 : -Infinity);
      for (let i = 0; i < x.size; i++) {
        const o = broadcastOffset(unravel(i, shape), kept);
        want[o] = op === 'sum' ? want[o]! + x.data[i]! : Math.max(want[o]!, x.data[i]!);
      }
      expect(y.shape).toEqual(keep ? kept : shape.filter((_, i) => !axes.includes(i)));
      expect(Array.from(y.data)).toEqual(want);
    });
  }
});

describe('matmul and its gradients match naive triple loops', () => {
  /** C[i,j] = Σ_p A[i,p]·B[p,j] for row-major A (m×k) and B (k×n) stored at the given offsets. */
  function naive(A: ArrayLike<number>, B: ArrayLike<number>, m: number, k: number, n: number, ta = false, tb = false): number[] {
    const out: number[] = [];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += (ta ? A[p * m + i]! : A[i * k + p]!) * (tb ? B[j * k + p]! : B[p * n + j]!);
        out.push(s);
      }
    }
    return out;
  }
  for (let trial = 0; trial < 120; trial++) {
    const m = 1 + Math.floor(r() * 9), k = 1 + Math.floor(r() * 9), n = 1 + Math.floor(r() * 9);
    const batch = pick([[], [2], [3]]);
    it(`(${[...batch, m, k]}) @ (${[...batch, k, n]})`, () => {
      const a = randomTensor([...batch, m, k]);
      const b = randomTensor([...batch, k, n]);
      a.requiresGrad = true;
      b.requiresGrad = true;
      const y = a.matmul(b);
      const g = randomTensor([...y.shape]);
      y.backward(g);
      const nb = batch.length ? batch[0]! : 1;
      const want: number[] = [], ga: number[] = [], gb: number[] = [];
      for (let t = 0; t < nb; t++) {
        const A = a.data.subarray(t * m * k, (t + 1) * m * k), B = b.data.subarray(t * k * n, (t + 1) * k * n);
        const G = g.data.subarray(t * m * n, (t + 1) * m * n);
        want.push(...naive(A, B, m, k, n));
        ga.push(...naive(G, B, m, n, k, false, true)); // G·Bᵀ
        gb.push(...naive(A, G, k, m, n, true, false)); // Aᵀ·G
      }
      expect(Array.from(y.data)).toEqual(want);
      expect(Array.from(a.grad!.data)).toEqual(ga);
      expect(Array.from(b.grad!.data)).toEqual(gb);
    });
  }
});
