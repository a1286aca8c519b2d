import { tensor, type DType } from '../engine';
import { BUILTINS, GENERATORS, builtinIfLoaded, makeDataset, type BuiltinName, type DatasetRecipe, type DatasetSplit, type GeneratorName } from '../data';
import { DTYPE_PARAM } from './shared/common';
import { perElement } from './shared/cost';
import { KindError, type KindDef, type Params } from './types';

/** The sets a Data set node offers: the Playground's generated ones, then the built-in real ones. */
const SETS: readonly { value: string; label: string }[] = [
  ...(Object.keys(GENERATORS) as GeneratorName[]).map((g) => ({ value: g, label: `${GENERATORS[g].label} (${GENERATORS[g].task === 'binary' ? '2 classes' : 'regression'})` })),
  ...(Object.keys(BUILTINS) as BuiltinName[]).map((b) => ({ value: b, label: `${BUILTINS[b].label} (${BUILTINS[b].classes} classes)` })),
];

const isBuiltin = (set: string): set is BuiltinName => set in BUILTINS;

/** The data module's recipe for a node's params (what the file stores: the recipe, never the points). */
export function datasetRecipe(p: Params): DatasetRecipe {
  const set = p.set as string;
  const common = {
    seed: p.seed as number,
    testFraction: p.testFraction as number,
    standardize: p.standardize as boolean,
    targetEncoding: p.targets as 'index' | 'oneHot',
  };
  return isBuiltin(set)
    ? { source: 'builtin', name: set, ...common }
    : { source: 'generated', generator: set as GeneratorName, n: p.n as number, noise: p.noise as number, ...common };
}

/** The last few data sets made (inferShapes and evaluate ask for the same one over and over while editing). */
const cache = new Map<string, DatasetSplit>();
const CACHE_SIZE = 4;

/** The train and test splits a node's params describe; throws a KindError when they cannot be made (yet). */
export function datasetOf(p: Params): DatasetSplit {
  const recipe = datasetRecipe(p);
  const key = JSON.stringify(recipe);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (recipe.source === 'builtin' && !builtinIfLoaded(recipe.name)) {
    throw new KindError(`the ${BUILTINS[recipe.name].label} data is still loading`);
  }
  let split: DatasetSplit;
  try {
    split = makeDataset(recipe);
  } catch (err) {
    throw new KindError((err as Error).message);
  }
  cache.set(key, split);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return split;
}

/** Rows in the training split, inputs and target columns per row: from the params alone, without making the data. */
function dims(p: Params): { train: number; d: number; t: number } {
  const set = p.set as string;
  const n = isBuiltin(set) ? BUILTINS[set].rows : (p.n as number);
  const train = n - Math.round(n * (p.testFraction as number));
  const d = isBuiltin(set) ? BUILTINS[set].features : 2;
  const classes = isBuiltin(set) ? BUILTINS[set].classes : GENERATORS[set as GeneratorName].task === 'binary' ? 2 : 0;
  return { train, d, t: p.targets === 'oneHot' && classes > 0 ? classes : 1 };
}

/**
 * A data set as a node: its recipe (which set, how many points, noise, seed, test share) in the params, and the first
 * rows of its training split on its outputs, so the canvas shows real values and gradients. Training feeds it batch
 * after batch instead.
 */
export const datasetKind: KindDef = {
  id: 'dataset',
  version: 1,
  label: 'Data set',
  category: 'source',
  description:
    'Examples to train on: inputs x (one row per example) and targets y. The TensorFlow Playground’s generated 2-D ' +
    'sets (circle, exclusive or, two Gaussians, spiral; plane and several Gaussians for regression) or a built-in real ' +
    'set (Iris; the 8×8 handwritten digits). The file stores the recipe and its seed, never the points: the same ' +
    'recipe gives the same numbers on every machine. The canvas shows the first rows of the training split; ' +
    'training feeds every example, batch by batch, and measures the held-out test share. Points and noise apply to ' +
    'the generated sets only.',
  formulas: {
    forward: 'x \\in \\mathbb{R}^{N\\times d},\\; y \\in \\mathbb{R}^{N\\times t}',
    gradient: '\\text{data has no gradient}',
  },
  inputs: [],
  outputs: [
    { id: 'x', label: 'x', type: 'tensor', description: 'Inputs: one row of features per example.' },
    { id: 'y', label: 'y', type: 'tensor', description: 'Targets: a class index (or one-hot row), or the value to predict.' },
  ],
  params: {
    set: { type: 'choice', label: 'Set', description: 'Which data.', default: 'circle', choices: SETS },
    n: { type: 'number', label: 'Points', description: 'Examples generated (train and test together).', default: 500, integer: true, min: 2, max: 100_000 },
    noise: { type: 'number', label: 'Noise', description: 'The Playground’s noise, 0 to 50.', default: 0, min: 0, max: 50 },
    testFraction: { type: 'number', label: 'Test share', description: 'The share of examples held out to test on, 0 to 0.9.', default: 0.5, min: 0, max: 0.9 },
    seed: { type: 'number', label: 'Seed', description: 'The same seed gives the same points and the same split.', default: 0, integer: true, min: 0, max: 4294967295 },
    standardize: { type: 'boolean', label: 'Standardise', description: 'Scale each input by the training rows’ mean and standard deviation.', default: false },
    targets: {
      type: 'choice', label: 'Targets', description: 'Class targets as one index per row, or as one-hot rows.', default: 'index',
      choices: [{ value: 'index', label: 'Class index' }, { value: 'oneHot', label: 'One-hot' }],
    },
    rows: { type: 'number', label: 'Rows shown', description: 'How many training examples the canvas computes with while you edit.', default: 6, integer: true, min: 1, max: 1000 },
    dtype: DTYPE_PARAM,
  },
  checkParams: (p) => {
    const { train } = dims(p);
    return train >= 1 ? [] : [{ param: 'testFraction', message: `a test share of ${p.testFraction} leaves no training examples` }];
  },
  inferShapes: (_inputs, p) => {
    const { train, d, t } = dims(p);
    const rows = Math.min(p.rows as number, train);
    return { x: [rows, d], y: [rows, t] };
  },
  evaluate: (_inputs, p) => {
    const { train } = datasetOf(p);
    const rows = Math.min(p.rows as number, train.n);
    const dtype = p.dtype as DType;
    return {
      x: tensor(Array.from(train.x.subarray(0, rows * train.d)), { shape: [rows, train.d], dtype }),
      y: tensor(Array.from(train.y.subarray(0, rows * train.t)), { shape: [rows, train.t], dtype }),
    };
  },
  data: (p) => {
    const { train, test } = datasetOf(p);
    const part = (d: typeof train) => ({ x: d.x, y: d.y, n: d.n, d: d.d });
    return { train: part(train), test: test.n > 0 ? part(test) : null };
  },
  paletteOrder: 0,
  cost: perElement(4),
  examples: {
    samples: [{ inputs: {} }, { inputs: {}, params: { set: 'spiral', n: 100, noise: 10, targets: 'oneHot', rows: 5 } }],
    oracle: { none: 'generated data: test/data/generate.test.ts checks each generator against the Playground’s rules, test/kinds/dataset.test.ts the node’s rows' },
  },
};
