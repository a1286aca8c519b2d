import { BUILTINS, GENERATORS, builtinIfLoaded, makeDataset, type BuiltinName, type DatasetRecipe, type DatasetSplit, type GeneratorName } from '../data';
import { DATA_FORMULAS, DATA_OUTPUTS, DATA_PARAMS, SplitCache, firstRows, kindData, splitSettings, trainRows } from './shared/data-kind';
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
  const common = splitSettings(p);
  return isBuiltin(set)
    ? { source: 'builtin', name: set, ...common }
    : { source: 'generated', generator: set as GeneratorName, n: p.n as number, noise: p.noise as number, ...common };
}

const cache = new SplitCache();

/** The train and test splits a node's params describe; throws a KindError when they cannot be made (yet). */
export function datasetOf(p: Params): DatasetSplit {
  const recipe = datasetRecipe(p);
  return cache.get([JSON.stringify(recipe)], () => {
    if (recipe.source === 'builtin' && !builtinIfLoaded(recipe.name)) {
      throw new KindError(`the ${BUILTINS[recipe.name].label} data is still loading`);
    }
    try {
      return makeDataset(recipe);
    } catch (err) {
      throw new KindError((err as Error).message);
    }
  });
}

/** Rows in the training split, inputs and target columns per row: from the params alone, without making the data. */
function dims(p: Params): { train: number; d: number; t: number } {
  const set = p.set as string;
  const n = isBuiltin(set) ? BUILTINS[set].rows : (p.n as number);
  const train = trainRows(n, p);
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
  formulas: DATA_FORMULAS,
  inputs: [],
  outputs: DATA_OUTPUTS,
  params: {
    set: { type: 'choice', label: 'Set', description: 'Which data.', default: 'circle', choices: SETS },
    n: { type: 'number', label: 'Points', description: 'Examples generated (train and test together).', default: 500, integer: true, min: 2, max: 100_000 },
    noise: { type: 'number', label: 'Noise', description: 'The Playground’s noise, 0 to 50.', default: 0, min: 0, max: 50 },
    ...DATA_PARAMS,
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
  evaluate: (_inputs, p) => firstRows(datasetOf(p).train, p),
  data: (p) => kindData(datasetOf(p)),
  paletteOrder: 0,
  cost: perElement(4),
  examples: {
    samples: [{ inputs: {} }, { inputs: {}, params: { set: 'spiral', n: 100, noise: 10, targets: 'oneHot', rows: 5 } }],
    oracle: { none: 'generated data: test/data/generate.test.ts checks each generator against the Playground’s rules, test/kinds/dataset.test.ts the node’s rows' },
  },
};
