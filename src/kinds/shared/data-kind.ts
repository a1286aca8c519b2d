import { tensor, type DType, type Tensor } from '../../engine';
import type { Dataset, DatasetSplit } from '../../data';
import type { KindData, ParamSpec, Params, PortSpec } from '../types';
import { DTYPE_PARAM } from './common';

/** The outputs every data kind has: training feeds its batches into these two ports. */
export const DATA_OUTPUTS: readonly PortSpec[] = [
  { id: 'x', label: 'x', type: 'tensor', description: 'Inputs: one row of features per example.' },
  { id: 'y', label: 'y', type: 'tensor', description: 'Targets: a class index (or one-hot row), or the value to predict.' },
];

/** A data node's formulas: it has values, no gradient. */
export const DATA_FORMULAS = {
  forward: 'x \\in \\mathbb{R}^{N\\times d},\\; y \\in \\mathbb{R}^{N\\times t}',
  gradient: '\\text{data has no gradient}',
};

/** The settings every data kind shares: how its rows are split, scaled and encoded, and how many the canvas shows. */
export const DATA_PARAMS: Readonly<Record<string, ParamSpec>> = {
  testFraction: { type: 'number', label: 'Test share', description: 'The share of examples held out to test on, 0 to 0.9.', default: 0.5, min: 0, max: 0.9 },
  seed: { type: 'number', label: 'Seed', description: 'The same seed gives the same points and the same split.', default: 0, integer: true, min: 0, max: 4294967295 },
  standardize: { type: 'boolean', label: 'Standardise', description: 'Scale each input by the training rows’ mean and standard deviation.', default: false },
  targets: {
    type: 'choice', label: 'Targets', description: 'Class targets as one index per row, or as one-hot rows.', default: 'index',
    choices: [{ value: 'index', label: 'Class index' }, { value: 'oneHot', label: 'One-hot' }],
  },
  rows: { type: 'number', label: 'Rows shown', description: 'How many training examples the canvas computes with while you edit.', default: 6, integer: true, min: 1, max: 1000 },
  dtype: DTYPE_PARAM,
};

/** Rows left for training when `n` examples are split with the node's test share (as src/data splits them). */
export const trainRows = (n: number, p: Params): number => n - Math.round(n * (p.testFraction as number));

/** The common recipe settings of a data kind's params, in src/data's terms. */
export function splitSettings(p: Params): { seed: number; testFraction: number; standardize: boolean; targetEncoding: 'index' | 'oneHot' } {
  return { seed: p.seed as number, testFraction: p.testFraction as number, standardize: p.standardize as boolean, targetEncoding: p.targets as 'index' | 'oneHot' };
}

/** What a data kind's outputs show while editing: the first `rows` training examples. */
export function firstRows(train: Dataset, p: Params): { x: Tensor; y: Tensor } {
  const rows = Math.min(p.rows as number, train.n);
  const dtype = p.dtype as DType;
  return {
    x: tensor(Array.from(train.x.subarray(0, rows * train.d)), { shape: [rows, train.d], dtype }),
    y: tensor(Array.from(train.y.subarray(0, rows * train.t)), { shape: [rows, train.t], dtype }),
  };
}

/** A split as KindDef.data gives it. */
export function kindData({ train, test }: DatasetSplit): KindData {
  const part = (d: Dataset) => ({ x: d.x, y: d.y, n: d.n, d: d.d });
  return { train: part(train), test: test.n > 0 ? part(test) : null };
}

/**
 * The last few splits made (inferShapes and evaluate ask for the same one over and over while editing), keyed by
 * whatever identifies the data: a string, or the very arrays a document holds (compared by identity).
 */
export class SplitCache {
  private readonly entries: { key: readonly unknown[]; split: DatasetSplit }[] = [];
  constructor(private readonly size = 4) {}

  get(key: readonly unknown[], make: () => DatasetSplit): DatasetSplit {
    const i = this.entries.findIndex((e) => e.key.length === key.length && e.key.every((k, j) => k === key[j]));
    if (i >= 0) {
      const [hit] = this.entries.splice(i, 1);
      this.entries.push(hit!);
      return hit!.split;
    }
    const split = make();
    this.entries.push({ key, split });
    if (this.entries.length > this.size) this.entries.shift();
    return split;
  }
}
