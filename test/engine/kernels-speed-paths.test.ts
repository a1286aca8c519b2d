/**
 * The speed paths of the cpu kernels and the allocator, against naive references: matmul's register tiles and its
 * in-place transposed operands (every edge of the 2×4 tiles, offsets, both dtypes), the unrolled loops' tails, and the
 * slab allocator's views. No timing here: speed is measured by `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/engine/dtype';
import { cpuKernels } from '../../src/engine/kernels/cpu';

function seq(n: number, seed: number, F: Float32ArrayConstructor | Float64ArrayConstructor): Float32Array | Float64Array {
  const out = new F(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s / 2147483648 - 0.5;
  }
  return out;
}

describe('matmul kernel', () => {
  it('matches a plain triple loop bit for bit, with and without transposed operands, on every tile edge', () => {
    for (const F of [Float64Array, Float32Array]) {
      for (const m of [0, 1, 2, 3, 5]) for (const k of [0, 1, 4, 7]) for (const n of [0, 1, 3, 4, 5, 9]) {
        for (const transA of [false, true]) for (const transB of [false, true]) {
          const aOff = 3, bOff = 5, oOff = 2;
          const a = seq(aOff + m * k, m * 31 + k, F), b = seq(bOff + k * n, n * 17 + k, F);
          const out = new F(oOff + m * n).fill(0);
          const ref = new F(oOff + m * n).fill(0);
          out[0] = ref[0] = 7; // untouched before the offset
          cpuKernels.matmul(a, aOff, b, bOff, out, oOff, m, k, n, transA, transB);
          const A = (i: number, p: number): number => a[aOff + (transA ? p * m + i : i * k + p)]!;
          const B = (p: number, j: number): number => b[bOff + (transB ? j * k + p : p * n + j)]!;
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
            let s = 0;
            for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
            ref[oOff + i * n + j] = s;
          }
          expect(Array.from(out), `${F.name} ${m}x${k}x${n} transA=${transA} transB=${transB}`).toEqual(Array.from(ref));
        }
      }
    }
  });

  it('adds into out rather than overwriting it', () => {
    const out = new Float64Array([1, 2, 3, 4]);
    cpuKernels.matmul(new Float64Array([1, 0, 0, 1]), 0, new Float64Array([5, 6, 7, 8]), 0, out, 0, 2, 2, 2);
    expect(Array.from(out)).toEqual([6, 8, 10, 12]);
  });
});

describe('unrolled elementwise loops', () => {
  it('cover the tail elements for every length', () => {
    for (let n = 0; n < 11; n++) {
      const y = seq(n, n + 1, Float64Array), g = seq(n, n + 2, Float64Array);
      const out = new Float64Array(n);
      cpuKernels.unaryGrad('sigmoid', y, y, g, out);
      expect(Array.from(out)).toEqual(Array.from(y, (s, i) => g[i]! * s * (1 - s)));
      cpuKernels.unaryGrad('tanh', y, y, g, out);
      expect(Array.from(out)).toEqual(Array.from(y, (t, i) => g[i]! * (1 - t * t)));
      cpuKernels.binary('sub', y, [n], g, [n], out, [n]);
      expect(Array.from(out)).toEqual(Array.from(y, (v, i) => v - g[i]!));
    }
  });
});

describe('allocate', () => {
  it('hands out zero-filled, aligned, non-overlapping arrays of every size', () => {
    const arrays = [];
    for (const size of [0, 1, 8, 9, 17, 100, 255, 256, 257, 511, 2000, 5000]) {
      for (const dtype of ['float32', 'float64'] as const) {
        const a = allocate(dtype, size);
        expect(a.length).toBe(size);
        expect(a.byteOffset % 8).toBe(0);
        expect(a.every((v) => v === 0)).toBe(true);
        a.fill(size + 1);
        arrays.push({ a, size });
      }
    }
    // Writing every array did not touch any other.
    for (const { a, size } of arrays) expect(a.every((v) => v === size + 1)).toBe(true);
  });
});
