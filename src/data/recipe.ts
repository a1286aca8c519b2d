import { BUILTINS, builtinIfLoaded, loadBuiltin, type BuiltinName } from './builtin';
import { DataError } from './errors';
import { generate2d, GENERATORS, type GeneratorName } from './generate';
import { DATA_LIMITS } from './limits';
import { checkSeed, STREAM, streamFor } from './seeds';
import { checkTestFraction, splitDataset, toOneHot } from './split';
import { checkStoredTable, datasetFromTable, type StoredTable } from './table';
import type { DatasetSplit, Task } from './types';

/** Settings every recipe shares. */
interface Common {
  /** Whole number 0 … 2³²−1: the same seed gives bit-identical data. */
  seed: number;
  /** Share of rows held out for testing, in [0, 1); the Playground's default is 0.5. */
  testFraction: number;
  /** Standardise features with the training rows' mean and std (default false). */
  standardize?: boolean;
  /** Class targets as indices (default) or one-hot rows. */
  targetEncoding?: 'index' | 'oneHot';
}

export interface GeneratedRecipe extends Common {
  source: 'generated';
  generator: GeneratorName;
  /** Points in all, 1 … DATA_LIMITS.maxGeneratedRows (the Playground uses 500 to classify, 1200 for regression). */
  n: number;
  /** The Playground's noise slider, 0 … 50. */
  noise: number;
}

export interface BuiltinRecipe extends Common {
  source: 'builtin';
  name: BuiltinName;
}

export interface CsvRecipe extends Common {
  source: 'csv';
  /** The data as a document stores it (from parseCsv). */
  table: StoredTable;
  features: string[];
  target: string;
  task: Task;
}

export type DatasetRecipe = GeneratedRecipe | BuiltinRecipe | CsvRecipe;

function checkGenerated(r: GeneratedRecipe): void {
  if (!(r.generator in GENERATORS)) throw new DataError(`unknown generator '${String(r.generator)}' (there are: ${Object.keys(GENERATORS).join(', ')})`);
  if (!Number.isInteger(r.n) || r.n < 1 || r.n > DATA_LIMITS.maxGeneratedRows) {
    throw new DataError(`n must be a whole number from 1 to ${DATA_LIMITS.maxGeneratedRows}, not ${r.n}`);
  }
  if (typeof r.noise !== 'number' || !(r.noise >= 0 && r.noise <= 50)) throw new DataError(`noise must be from 0 to 50, not ${r.noise}`);
}

/**
 * The train and test halves a recipe describes. Deterministic: the same recipe gives bit-identical arrays. A
 * built-in set must have been loaded first (`await loadBuiltin(name)`, or use `loadDataset`).
 */
export function makeDataset(recipe: DatasetRecipe): DatasetSplit {
  const seed = checkSeed(recipe.seed);
  checkTestFraction(recipe.testFraction);
  let full;
  if (recipe.source === 'generated') {
    checkGenerated(recipe);
    full = generate2d(recipe.generator, recipe.n, recipe.noise, streamFor(seed, STREAM.points));
  } else if (recipe.source === 'builtin') {
    const table = builtinIfLoaded(recipe.name);
    if (!table) throw new DataError(`the built-in data set '${recipe.name}' is not loaded yet (await loadBuiltin('${recipe.name}') first)`);
    const spec = BUILTINS[recipe.name];
    full = datasetFromTable(table, table.columns.filter((c) => c.name !== spec.target).map((c) => c.name), spec.target, spec.task);
  } else if (recipe.source === 'csv') {
    checkStoredTable(recipe.table);
    full = datasetFromTable(recipe.table, recipe.features, recipe.target, recipe.task);
  } else {
    throw new DataError(`unknown data source '${String((recipe as { source: unknown }).source)}'`);
  }
  // Generated sets split as the Playground does (a plain shuffle); real data keeps its class proportions.
  const split = splitDataset(full, recipe.testFraction, streamFor(seed, STREAM.split), {
    stratify: recipe.source !== 'generated',
    standardize: recipe.standardize ?? false,
  });
  if (recipe.targetEncoding === 'oneHot' && full.encoding === 'index') {
    split.train = toOneHot(split.train);
    split.test = toOneHot(split.test);
  }
  return split;
}

/** makeDataset for any recipe, loading a built-in set first when it needs one. */
export async function loadDataset(recipe: DatasetRecipe): Promise<DatasetSplit> {
  if (recipe.source === 'builtin') await loadBuiltin(recipe.name);
  return makeDataset(recipe);
}
