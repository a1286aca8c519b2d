/**
 * tfjs-core with its cpu backend and its gradients, as a peer for `npm run bench` (a development dependency used only
 * here). The gradient registrations are side effects of `register_all_gradients`; they reach tfjs-core only in the
 * esbuild bundle that `run.ts` makes.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };

/** Selects the cpu backend, without its "install tfjs-node" banner (printed on first use in Node). */
export async function initTfjs(): Promise<void> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    await tf.setBackend('cpu');
    await tf.ready();
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
  } finally {
    console.warn = warn;
  }
  if (tf.getBackend() !== 'cpu') throw new Error(`tfjs: expected the cpu backend, got ${tf.getBackend()}`);
  const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.sigmoid(x)))(tf.tensor1d([0])).dataSync()[0]);
  if (g !== 0.25) throw new Error('tfjs: gradients are not registered (run the bench through `npm run bench`)');
}

/** The first value of a tensor, read synchronously (the cpu backend computes eagerly). */
export function first(t: tf.Tensor): number {
  return (t.dataSync() as Float32Array)[0]!;
}
