import { DataError } from './errors';
import { checkSeed, shuffledIndices, STREAM, streamFor } from './seeds';
import type { Dataset } from './types';

/** One mini-batch: `size` rows, x as size×d and y as size×t (row-major), and which rows of the data set they are. */
export interface Batch {
  /** Position of this batch in the epoch, from 0. */
  index: number;
  size: number;
  x: Float64Array;
  y: Float64Array;
  /** Row numbers in the data set (0-based), in batch order. */
  rows: Uint32Array;
}

export interface BatchOptions {
  /** Shuffle the rows each epoch (default true). Without it batches are views into the data set, not copies. */
  shuffle?: boolean;
  /** Leave out a last batch smaller than batchSize (default false). */
  dropLast?: boolean;
}

/** How many batches one epoch has. */
export function batchCount(n: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}

/** The row order of one epoch: a shuffle that depends only on (seed, epoch), so a run can be replayed or resumed. */
export function epochOrder(n: number, seed: number, epoch: number): Uint32Array {
  return shuffledIndices(n, streamFor(checkSeed(seed), STREAM.batches, epoch));
}

/**
 * The mini-batches of one epoch. Shuffled batches gather their rows into new arrays (only that batch's rows are
 * copied, so a consumer may keep them); unshuffled ones are subarray views of the data set's own arrays.
 */
export function* batches(ds: Dataset, batchSize: number, seed: number, epoch: number, opts: BatchOptions = {}): Generator<Batch> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new DataError(`batch size must be a whole number ≥ 1, not ${batchSize}`);
  if (!Number.isInteger(epoch) || epoch < 0) throw new DataError(`epoch must be a whole number ≥ 0, not ${epoch}`);
  const shuffle = opts.shuffle ?? true;
  const order = shuffle ? epochOrder(ds.n, seed, epoch) : null;
  const count = batchCount(ds.n, batchSize, opts.dropLast);
  const { d, t } = ds;
  for (let b = 0; b < count; b++) {
    const start = b * batchSize;
    const size = Math.min(batchSize, ds.n - start);
    if (!order) {
      const rows = Uint32Array.from({ length: size }, (_, k) => start + k);
      yield { index: b, size, x: ds.x.subarray(start * d, (start + size) * d), y: ds.y.subarray(start * t, (start + size) * t), rows };
      continue;
    }
    const rows = order.slice(start, start + size);
    const x = new Float64Array(size * d);
    const y = new Float64Array(size * t);
    for (let k = 0; k < size; k++) {
      const r = rows[k]!;
      x.set(ds.x.subarray(r * d, r * d + d), k * d);
      y.set(ds.y.subarray(r * t, r * t + t), k * t);
    }
    yield { index: b, size, x, y, rows };
  }
}
