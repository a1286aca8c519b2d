/** Elementwise and reduction rows: sigmoid and tanh forward(+backward) on 1024×1024, the sum of 1M values. */
import { tensor, type Tensor } from '../../src/engine';
import { agree, uniform } from './data';
import type { Case } from './harness';
import { first, tf } from './tfjs';

const N = 1024;
const SIZE = N * N;

/** x.op().sum().backward() in the engine; returns one gradient value. */
function oursForwardBackward(x: Tensor, op: 'sigmoid' | 'tanh'): number {
  x[op]().sum().backward();
  return x.grad!.data[1]!;
}

export function elementwiseCases(): Case[] {
  const values = uniform(SIZE, -6, 6, 1);
  const x = tensor(values, { shape: [N, N], requiresGrad: true });
  const xc = tensor(values, { shape: [N, N] });
  const tx = tf.tensor2d(Float32Array.from(values), [N, N]);
  const clearGrad = (): void => { x.grad = null; };

  // The hand-written loops write into arrays allocated once: the strictest baseline.
  const y = new Float64Array(SIZE);
  const gx = new Float64Array(SIZE);

  /** Stable sigmoid, its sum, and the gradient of the sum, in one pass. */
  const handSigmoid = (): number => {
    let s = 0;
    for (let i = 0; i < SIZE; i++) {
      const v = values[i]!;
      const e = Math.exp(-Math.abs(v));
      const p = (v >= 0 ? 1 : e) / (1 + e);
      y[i] = p;
      s += p;
      gx[i] = p * (1 - p);
    }
    return s + gx[1]!;
  };
  const handTanh = (): number => {
    for (let i = 0; i < SIZE; i++) y[i] = Math.tanh(values[i]!);
    return y[1]!;
  };
  const handTanhFB = (): number => {
    let s = 0;
    for (let i = 0; i < SIZE; i++) {
      const t = Math.tanh(values[i]!);
      y[i] = t;
      s += t;
      gx[i] = 1 - t * t;
    }
    return s + gx[1]!;
  };
  /** Four accumulators: the faster of the two obvious loops. */
  const handSum = (): number => {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < SIZE; i += 4) { s0 += values[i]!; s1 += values[i + 1]!; s2 += values[i + 2]!; s3 += values[i + 3]!; }
    return (s0 + s1) + (s2 + s3);
  };

  const tfSigmoidGrad = tf.grad((a: tf.Tensor) => tf.sum(tf.sigmoid(a)));
  const tfTanhGrad = tf.grad((a: tf.Tensor) => tf.sum(tf.tanh(a)));

  // Every implementation computes the same numbers before any is timed.
  handSigmoid();
  oursForwardBackward(x, 'sigmoid');
  agree('sigmoid gradients (ours, hand)', x.grad!.data, gx, 1e-15);
  agree('sigmoid gradients (tfjs, hand)', tf.tidy(() => tfSigmoidGrad(tx).dataSync()), gx, 1e-6);
  clearGrad();
  handTanhFB();
  oursForwardBackward(x, 'tanh');
  agree('tanh gradients (ours, hand)', x.grad!.data, gx, 1e-15);
  agree('tanh gradients (tfjs, hand)', tf.tidy(() => tfTanhGrad(tx).dataSync()), gx, 1e-5);
  clearGrad();
  agree('sums (ours, hand)', [xc.sum().item()], [handSum()], 1e-9);

  return [
    {
      name: 'sigmoid forward+backward 1024×1024',
      work: SIZE,
      unit: 'el',
      impls: {
        ours: { run: () => oursForwardBackward(x, 'sigmoid'), after: clearGrad },
        hand: { run: handSigmoid },
        tfjs: { run: () => tf.tidy(() => first(tfSigmoidGrad(tx))) },
      },
    },
    {
      name: 'tanh forward 1024×1024',
      work: SIZE,
      unit: 'el',
      impls: {
        ours: { run: () => xc.tanh().data[1]! },
        hand: { run: handTanh },
        tfjs: { run: () => tf.tidy(() => first(tf.tanh(tx))) },
      },
    },
    {
      name: 'tanh forward+backward 1024×1024',
      work: SIZE,
      unit: 'el',
      impls: {
        ours: { run: () => oursForwardBackward(x, 'tanh'), after: clearGrad },
        hand: { run: handTanhFB },
        tfjs: { run: () => tf.tidy(() => first(tfTanhGrad(tx))) },
      },
    },
    {
      name: 'sum of 1M',
      work: SIZE,
      unit: 'el',
      impls: {
        ours: { run: () => xc.sum().item() },
        hand: { run: handSum },
        tfjs: { run: () => tf.tidy(() => first(tf.sum(tx))) },
      },
    },
  ];
}
