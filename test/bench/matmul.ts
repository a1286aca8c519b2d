/** Matrix product rows: n×n at 256 and 512, forward alone and forward with backward (three products). */
import { tensor } from '../../src/engine';
import { agree, uniform } from './data';
import type { Case } from './harness';
import { first, tf } from './tfjs';

/** C (m×n) = A (m×k) · B (k×n): i-k-j order, k unrolled by 4, rows walked contiguously. */
function handNN(A: Float64Array, B: Float64Array, C: Float64Array, m: number, k: number, n: number): void {
  C.fill(0);
  for (let i = 0; i < m; i++) {
    const ar = i * k, cr = i * n;
    let p = 0;
    for (; p + 4 <= k; p += 4) {
      const a0 = A[ar + p]!, a1 = A[ar + p + 1]!, a2 = A[ar + p + 2]!, a3 = A[ar + p + 3]!;
      const r0 = p * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      for (let j = 0; j < n; j++) C[cr + j] = C[cr + j]! + a0 * B[r0 + j]! + a1 * B[r1 + j]! + a2 * B[r2 + j]! + a3 * B[r3 + j]!;
    }
    for (; p < k; p++) {
      const a = A[ar + p]!, r = p * n;
      for (let j = 0; j < n; j++) C[cr + j] = C[cr + j]! + a * B[r + j]!;
    }
  }
}

/** D (m×k) = G (m×n) · Bᵀ, B (k×n): each entry a dot product of two contiguous rows, four accumulators. */
function handNT(G: Float64Array, B: Float64Array, D: Float64Array, m: number, n: number, k: number): void {
  for (let i = 0; i < m; i++) {
    const gr = i * n;
    for (let p = 0; p < k; p++) {
      const br = p * n;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        s0 += G[gr + j]! * B[br + j]!;
        s1 += G[gr + j + 1]! * B[br + j + 1]!;
        s2 += G[gr + j + 2]! * B[br + j + 2]!;
        s3 += G[gr + j + 3]! * B[br + j + 3]!;
      }
      for (; j < n; j++) s0 += G[gr + j]! * B[br + j]!;
      D[i * k + p] = (s0 + s1) + (s2 + s3);
    }
  }
}

/** D (k×n) = Aᵀ · G, A (m×k), G (m×n): rows of G scaled into rows of D, i unrolled by 4. */
function handTN(A: Float64Array, G: Float64Array, D: Float64Array, m: number, k: number, n: number): void {
  D.fill(0);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const g0 = i * n, g1 = g0 + n, g2 = g1 + n, g3 = g2 + n;
    for (let p = 0; p < k; p++) {
      const a0 = A[i * k + p]!, a1 = A[(i + 1) * k + p]!, a2 = A[(i + 2) * k + p]!, a3 = A[(i + 3) * k + p]!;
      const dr = p * n;
      for (let j = 0; j < n; j++) D[dr + j] = D[dr + j]! + a0 * G[g0 + j]! + a1 * G[g1 + j]! + a2 * G[g2 + j]! + a3 * G[g3 + j]!;
    }
  }
  for (; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const a = A[i * k + p]!, dr = p * n, gr = i * n;
      for (let j = 0; j < n; j++) D[dr + j] = D[dr + j]! + a * G[gr + j]!;
    }
  }
}

function matmulCases(n: number): Case[] {
  const av = uniform(n * n, -1, 1, 10 + n);
  const bv = uniform(n * n, -1, 1, 20 + n);
  const a = tensor(av, { shape: [n, n] });
  const b = tensor(bv, { shape: [n, n] });
  const ag = tensor(av, { shape: [n, n], requiresGrad: true });
  const bg = tensor(bv, { shape: [n, n], requiresGrad: true });
  const ta = tf.tensor2d(Float32Array.from(av), [n, n]);
  const tb = tf.tensor2d(Float32Array.from(bv), [n, n]);
  const c = new Float64Array(n * n);
  const ones = new Float64Array(n * n).fill(1);
  const da = new Float64Array(n * n);
  const db = new Float64Array(n * n);
  const clear = (): void => { ag.grad = null; bg.grad = null; };
  const handFB = (): number => {
    handNN(av, bv, c, n, n, n);
    // The sum's gradient is a matrix of ones; the products do not exploit that.
    handNT(ones, bv, da, n, n, n);
    handTN(av, ones, db, n, n, n);
    return c[1]! + da[1]! + db[1]!;
  };
  const oursFB = (): number => {
    ag.matmul(bg).sum().backward();
    return ag.grad!.data[1]! + bg.grad!.data[1]!;
  };
  const tfGrads = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)));

  handFB();
  agree(`matmul ${n} products (ours, hand)`, a.matmul(b).data, c, 1e-12);
  agree(`matmul ${n} products (tfjs, hand)`, tf.tidy(() => tf.matMul(ta, tb).dataSync()), c, 1e-3);
  oursFB();
  agree(`matmul ${n} gradients of A (ours, hand)`, ag.grad!.data, da, 1e-12);
  agree(`matmul ${n} gradients of B (ours, hand)`, bg.grad!.data, db, 1e-12);
  clear();
  const [tga, tgb] = tfGrads([ta, tb]);
  agree(`matmul ${n} gradients of A (tfjs, hand)`, tga!.dataSync(), da, 1e-3);
  agree(`matmul ${n} gradients of B (tfjs, hand)`, tgb!.dataSync(), db, 1e-3);
  tf.dispose([tga!, tgb!]);

  const flop = 2 * n * n * n;
  return [
    {
      name: `matmul ${n} forward`,
      work: flop,
      unit: 'flop',
      impls: {
        ours: { run: () => a.matmul(b).data[1]! },
        hand: { run: () => { handNN(av, bv, c, n, n, n); return c[1]!; } },
        tfjs: { run: () => tf.tidy(() => first(tf.matMul(ta, tb))) },
      },
    },
    {
      name: `matmul ${n} forward+backward`,
      work: 3 * flop,
      unit: 'flop',
      impls: {
        ours: { run: oursFB, after: clear },
        hand: { run: handFB },
        tfjs: { run: () => tf.tidy(() => first(tfGrads([ta, tb])[0]!)) },
      },
    },
  ];
}

export const matmul256Cases = (): Case[] => matmulCases(256);
export const matmul512Cases = (): Case[] => matmulCases(512);
