import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/engine/random';
import { batchCount, batches, epochOrder } from '../../src/data/batches';
import { applyStandardization, fitStandardization, splitDataset, splitRows, toOneHot } from '../../src/data/split';
import type { Dataset } from '../../src/data/types';

/** Row i is (i, 10·i) with class i % k: easy to recognise after shuffling. */
function numbered(n: number, k = 3): Dataset {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 10 * i;
    y[i] = i % k;
  }
  return { name: 'numbered', task: 'multiclass', featureNames: ['a', 'b'], targetName: 'c', classNames: ['0', '1', '2'].slice(0, k), classes: k, encoding: 'index', n, d: 2, t: 1, x, y };
}

describe('splitting', () => {
  it('puts round(n·testFraction) rows in the test set and every row in exactly one half', () => {
    for (const [n, f, nTest] of [[500, 0.5, 250], [150, 0.3, 45], [7, 0.5, 4], [10, 0, 0]] as const) {
      const rows = splitRows(numbered(n), f, new Generator(1), false);
      expect(rows.test.length).toBe(nTest);
      expect([...rows.train, ...rows.test].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('stratified: each class keeps its share in both halves (Iris-like 3×50 → 15 of each in a 30% test set)', () => {
    const ds = numbered(150);
    const { train, test } = splitRows(ds, 0.3, new Generator(5), true);
    const count = (rows: Uint32Array, c: number): number => [...rows].filter((r) => ds.y[r] === c).length;
    for (const c of [0, 1, 2]) {
      expect(count(test, c)).toBe(15);
      expect(count(train, c)).toBe(35);
    }
    // …and the classes are mixed, not one block after another.
    const firstTen = [...train.subarray(0, 10)].map((r) => ds.y[r]);
    expect(new Set(firstTen).size).toBeGreaterThan(1);
  });

  it('copies rows with their targets and names the halves', () => {
    const split = splitDataset(numbered(20), 0.25, new Generator(3), { stratify: false, standardize: false });
    expect([split.train.n, split.test.n]).toEqual([15, 5]);
    expect(split.test.name).toBe('numbered (test)');
    for (const part of [split.train, split.test]) {
      for (let i = 0; i < part.n; i++) {
        const row = part.x[2 * i]!;
        expect(part.x[2 * i + 1]).toBe(10 * row);
        expect(part.y[i]).toBe(row % 3);
      }
    }
    expect(split.standardization).toBeUndefined();
  });

  it('standardises with the training rows only and applies the same to the test rows', () => {
    const ds = numbered(40);
    const split = splitDataset(ds, 0.25, new Generator(9), { stratify: false, standardize: true });
    const s = split.standardization!;
    // The statistics are those of the training rows' original values: recover them from the row numbers.
    const rowsOf = (p: Dataset): number[] => Array.from({ length: p.n }, (_, i) => p.x[2 * i]! * s.std[0]! + s.mean[0]!);
    const trainRows = rowsOf(split.train).map(Math.round);
    const mean = trainRows.reduce((a, b) => a + b, 0) / trainRows.length;
    const std = Math.sqrt(trainRows.reduce((a, r) => a + (r - mean) ** 2, 0) / trainRows.length);
    expect(s.mean[0]).toBeCloseTo(mean, 12);
    expect(s.std[0]).toBeCloseTo(std, 12);
    expect(s.mean[1]).toBeCloseTo(10 * mean, 11);
    // Train features now have mean 0 and std 1; test features use the train statistics, so they do not, exactly.
    const col = (p: Dataset, j: number): number[] => Array.from({ length: p.n }, (_, i) => p.x[2 * i + j]!);
    const m0 = col(split.train, 0).reduce((a, b) => a + b, 0) / split.train.n;
    expect(m0).toBeCloseTo(0, 12);
    expect(Math.sqrt(col(split.train, 1).reduce((a, v) => a + v * v, 0) / split.train.n)).toBeCloseTo(1, 12);
    // Undoing the test rows with the train statistics computed here gives back whole row numbers: the rows left out.
    const testRows = col(split.test, 0).map((v) => v * std + mean);
    for (const r of testRows) expect(Math.abs(r - Math.round(r))).toBeLessThan(1e-9);
    expect([...trainRows, ...testRows.map(Math.round)].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('a constant feature gets std 1 (maps to 0, not NaN); applyStandardization checks the row width', () => {
    const ds: Dataset = { ...numbered(4), x: Float64Array.from([1, 5, 2, 5, 3, 5, 4, 5]) };
    const s = fitStandardization(ds);
    expect(s.std[1]).toBe(1);
    expect([...applyStandardization(Float64Array.from([2.5, 5]), s)]).toEqual([0, 0]);
    expect(() => applyStandardization(Float64Array.from([1, 2, 3]), s)).toThrow(/rows of 2/);
  });

  it('one-hot turns class k into a row with a single 1 at k', () => {
    const oh = toOneHot(numbered(5));
    expect([oh.t, oh.encoding, oh.y.length]).toEqual([3, 'oneHot', 15]);
    expect([...oh.y]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(() => toOneHot({ ...numbered(3), task: 'regression', encoding: 'value' })).toThrow(/only class targets/);
  });
});

describe('batches', () => {
  const ds = numbered(103);

  it('one epoch visits every row once, in batches of batchSize and a smaller last one', () => {
    const list = [...batches(ds, 25, 11, 0)];
    expect(list.map((b) => b.size)).toEqual([25, 25, 25, 25, 3]);
    expect(list.length).toBe(batchCount(103, 25));
    const seen = list.flatMap((b) => [...b.rows]).sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 103 }, (_, i) => i));
    for (const b of list) {
      for (let k = 0; k < b.size; k++) {
        expect(b.x[2 * k]).toBe(b.rows[k]);
        expect(b.y[k]).toBe(b.rows[k]! % 3);
      }
    }
    expect([...batches(ds, 25, 11, 0, { dropLast: true })].length).toBe(4);
  });

  it('is deterministic per (seed, epoch), and differs between epochs and seeds', () => {
    const rows = (seed: number, epoch: number): number[] => [...batches(ds, 10, seed, epoch)].flatMap((b) => [...b.rows]);
    expect(rows(11, 3)).toEqual(rows(11, 3));
    expect(rows(11, 3)).toEqual([...epochOrder(103, 11, 3)]);
    expect(rows(11, 3)).not.toEqual(rows(11, 4));
    expect(rows(11, 3)).not.toEqual(rows(12, 3));
    expect(rows(11, 3)).not.toEqual(Array.from({ length: 103 }, (_, i) => i));
  });

  it('unshuffled batches are views of the data set, in order; shuffled ones are copies', () => {
    const [first] = batches(ds, 10, 0, 0, { shuffle: false });
    expect(first!.x.buffer).toBe(ds.x.buffer);
    expect([...first!.rows]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [shuffled] = batches(ds, 10, 0, 0);
    expect(shuffled!.x.buffer).not.toBe(ds.x.buffer);
    expect(shuffled!.x.length).toBe(20);
  });

  it('one-hot targets come t values per row', () => {
    const oh = toOneHot(ds);
    for (const b of batches(oh, 16, 2, 1)) {
      for (let k = 0; k < b.size; k++) expect(b.y[3 * k + (b.rows[k]! % 3)]).toBe(1);
      expect(b.y.length).toBe(3 * b.size);
    }
  });

  it('refuses a bad batch size or epoch with a message', () => {
    expect(() => [...batches(ds, 0, 1, 0)]).toThrow(/batch size must be a whole number ≥ 1, not 0/);
    expect(() => [...batches(ds, 2.5, 1, 0)]).toThrow(/batch size/);
    expect(() => [...batches(ds, 8, 1, -1)]).toThrow(/epoch/);
    expect(() => [...batches(ds, 8, -1, 0)]).toThrow(/seed must be a whole number/);
  });
});

describe('stratified split totals', () => {
  it('holds out round(n·f) rows in all, the odd rows going to the classes with the largest remainders', () => {
    // Classes of 10, 30 and 3 rows at f = 0.25: exact shares 2.5, 7.5, 0.75 → 2, 7, 0 plus round(10.75) − 9 = 2 more:
    // one to the class with remainder 0.75, one to the first class with 0.5.
    const y = [...new Array<number>(10).fill(0), ...new Array<number>(30).fill(1), ...new Array<number>(3).fill(2)];
    const ds: Dataset = { ...numbered(43), y: Float64Array.from(y) };
    const { test } = splitRows(ds, 0.25, new Generator(4), true);
    expect(test.length).toBe(11);
    expect([0, 1, 2].map((c) => [...test].filter((r) => y[r] === c).length)).toEqual([3, 7, 1]);
  });
});
