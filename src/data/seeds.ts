import { Generator } from '../engine/random';
import { DataError } from './errors';

/** Largest seed a recipe may hold: seeds are whole numbers 0 … 2³²−1 so that they survive JSON exactly. */
export const MAX_SEED = 0xffffffff;

export function checkSeed(seed: unknown, what = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new DataError(`${what} must be a whole number from 0 to ${MAX_SEED}, not ${String(seed)}`);
  }
  return seed;
}

/**
 * An independent stream for one purpose (the points, the split, epoch 7's shuffle), so that changing one setting —
 * the test fraction, say — leaves the others' random numbers untouched. Mixes with 32-bit integer arithmetic only,
 * which every JavaScript engine computes identically.
 */
export function streamFor(seed: number, ...parts: number[]): Generator {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  for (const p of parts) {
    h ^= Math.imul((p >>> 0) ^ (h >>> 15), 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f) >>> 0;
  }
  return new Generator(h);
}

/** The stream numbers used with `streamFor`. */
export const STREAM = { points: 1, split: 2, batches: 3 } as const;

/** Fisher–Yates shuffle of 0 … n−1 (or of the given indices, in place) with the generator's numbers. */
export function shuffledIndices(n: number, rng: Generator, into?: Uint32Array): Uint32Array {
  const idx = into ?? Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    const tmp = idx[i]!;
    idx[i] = idx[j]!;
    idx[j] = tmp;
  }
  return idx;
}
