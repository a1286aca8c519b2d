import type { Generator } from '../engine/random';
import { DataError } from './errors';
import { shuffledIndices } from './seeds';
import type { Dataset, DatasetSplit, Standardization } from './types';

/** The rows `rows` of a data set, in that order, as a new data set (copies x and y). */
export function selectRows(ds: Dataset, rows: ArrayLike<number>, name = ds.name): Dataset {
  const m = rows.length;
  const x = new Float64Array(m * ds.d);
  const y = new Float64Array(m * ds.t);
  for (let k = 0; k < m; k++) {
    const r = rows[k]!;
    x.set(ds.x.subarray(r * ds.d, (r + 1) * ds.d), k * ds.d);
    y.set(ds.y.subarray(r * ds.t, (r + 1) * ds.t), k * ds.t);
  }
  return { ...ds, name, n: m, x, y };
}

export function checkTestFraction(f: unknown): number {
  if (typeof f !== 'number' || !(f >= 0 && f < 1)) {
    throw new DataError(`testFraction must be a number from 0 up to (not including) 1, not ${String(f)}`);
  }
  return f;
}

/** The class index of row i (for one-hot targets, the position of the 1). */
export function classOf(ds: Dataset, i: number): number {
  if (ds.encoding !== 'oneHot') return ds.y[i]!;
  for (let c = 0; c < ds.t; c++) if (ds.y[i * ds.t + c] === 1) return c;
  return -1;
}

/**
 * Shuffles the rows and puts round(n·testFraction) of them in the test set, as the Playground does. With `stratify`
 * (classification only) each class is split on its own, so both halves keep the classes' proportions — it matters
 * for small sets such as Iris, where a plain shuffle can leave a class nearly out of the test set.
 */
export function splitRows(ds: Dataset, testFraction: number, rng: Generator, stratify: boolean): { train: Uint32Array; test: Uint32Array } {
  checkTestFraction(testFraction);
  if (!stratify || ds.task === 'regression') {
    const order = shuffledIndices(ds.n, rng);
    const nTest = Math.round(ds.n * testFraction);
    return { train: order.slice(nTest), test: order.slice(0, nTest) };
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < ds.n; i++) {
    const c = classOf(ds, i);
    let list = byClass.get(c);
    if (!list) byClass.set(c, (list = []));
    list.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  // Each class gives ⌊count·f⌋ test rows, and the classes with the largest remainders one more, until the total is
  // round(n·f) as without stratifying.
  const exact = classes.map((c) => byClass.get(c)!.length * testFraction);
  const quota = exact.map(Math.floor);
  let left = Math.round(ds.n * testFraction) - quota.reduce((a, b) => a + b, 0);
  for (const k of classes.map((_, k) => k).sort((a, b) => exact[b]! - quota[b]! - (exact[a]! - quota[a]!) || a - b)) {
    if (left-- <= 0) break;
    quota[k]!++;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const [k, c] of classes.entries()) {
    const rows = shuffledIndices(0, rng, Uint32Array.from(byClass.get(c)!));
    const nTest = quota[k]!;
    test.push(...rows.subarray(0, nTest));
    train.push(...rows.subarray(nTest));
  }
  // Mix the classes again, so that a training pass does not see them one after another.
  return {
    train: shuffledIndices(0, rng, Uint32Array.from(train)),
    test: shuffledIndices(0, rng, Uint32Array.from(test)),
  };
}

/** Mean and population standard deviation of each feature over the data set's rows. */
export function fitStandardization(ds: Dataset): Standardization {
  const mean = new Array<number>(ds.d).fill(0);
  const std = new Array<number>(ds.d).fill(0);
  if (ds.n === 0) return { mean, std: std.map(() => 1) };
  for (let i = 0; i < ds.n; i++) for (let j = 0; j < ds.d; j++) mean[j]! += ds.x[i * ds.d + j]!;
  for (let j = 0; j < ds.d; j++) mean[j]! /= ds.n;
  for (let i = 0; i < ds.n; i++) {
    for (let j = 0; j < ds.d; j++) {
      const e = ds.x[i * ds.d + j]! - mean[j]!;
      std[j]! += e * e;
    }
  }
  for (let j = 0; j < ds.d; j++) {
    const s = Math.sqrt(std[j]! / ds.n);
    std[j] = s > 0 ? s : 1;
  }
  return { mean, std };
}

/** (x − mean) / std for every row of a row-major n×d array (a data set's x, or a grid of inputs to plot), in place. */
export function applyStandardization(x: Float64Array, s: Standardization): Float64Array {
  const d = s.mean.length;
  if (d === 0 || x.length % d !== 0) throw new DataError(`cannot standardise ${x.length} values in rows of ${d}`);
  for (let k = 0; k < x.length; k++) {
    const j = k % d;
    x[k] = (x[k]! - s.mean[j]!) / s.std[j]!;
  }
  return x;
}

/** Splits, then (optionally) standardises both halves with the training half's statistics. */
export function splitDataset(ds: Dataset, testFraction: number, rng: Generator, opts: { stratify: boolean; standardize: boolean }): DatasetSplit {
  const rows = splitRows(ds, testFraction, rng, opts.stratify);
  const train = selectRows(ds, rows.train, `${ds.name} (train)`);
  const test = selectRows(ds, rows.test, `${ds.name} (test)`);
  if (!opts.standardize) return { train, test };
  const standardization = fitStandardization(train);
  applyStandardization(train.x, standardization);
  applyStandardization(test.x, standardization);
  return { train, test, standardization };
}

/** The same data with class-index targets turned into one-hot rows (or returned as it is when already one-hot). */
export function toOneHot(ds: Dataset): Dataset {
  if (ds.encoding === 'oneHot') return ds;
  if (ds.encoding !== 'index' || !ds.classes) throw new DataError(`${ds.name}: only class targets can be one-hot`);
  const k = ds.classes;
  const y = new Float64Array(ds.n * k);
  for (let i = 0; i < ds.n; i++) y[i * k + ds.y[i]!] = 1;
  return { ...ds, encoding: 'oneHot', t: k, y };
}
