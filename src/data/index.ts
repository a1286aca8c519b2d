/**
 * Sorix Studio's data layer: data sets for training, as plain typed arrays. Pure TypeScript (no React, no DOM);
 * random numbers come from the engine's seeded Generator, so a recipe with a seed gives bit-identical data in Node,
 * the browser and Electron.
 *
 * The API in five calls:
 *
 *   makeDataset(recipe) → { train, test, standardization? }
 *       recipe = { source: 'generated', generator: 'circle'|'xor'|'gauss'|'spiral'|'plane'|'multiGauss', n, noise, … }
 *              | { source: 'builtin', name: 'iris'|'digits', … }          (await loadBuiltin(name) first)
 *              | { source: 'csv', table, features, target, task, … }      (table from parseCsv)
 *       and every recipe has seed (0 … 2³²−1), testFraction ([0, 1)), standardize?, targetEncoding? ('index'|'oneHot').
 *       loadDataset(recipe) is the same, async, loading a built-in set when needed.
 *
 *   A Dataset is { name, task: 'binary'|'multiclass'|'regression', featureNames, targetName, classNames?, classes?,
 *       encoding: 'index'|'oneHot'|'value', n, d, t, x: Float64Array n×d, y: Float64Array n×t } (row-major).
 *       Classification: y holds class indices (t = 1) or one-hot rows (t = classes); regression: y holds values.
 *       Generated classification sets have classNames ['negative', 'positive'] (the Playground's −1 / +1).
 *
 *   batches(dataset, batchSize, seed, epoch, { shuffle?, dropLast? }) → iterable of { index, size, x, y, rows }
 *       A seeded shuffle per epoch: the same (seed, epoch) gives the same batches.
 *
 *   parseCsv(text, { name?, delimiter?, header?, target?, features?, task?, previewRows? })
 *       → { ok: true, table, dataset, features, target, task, preview } | { ok: false, problems, preview? }
 *       Each problem: { kind, row? (1-based, header = row 1), column? (header name), message }. previewCsv(text)
 *       shows the first rows and column kinds before the user chooses columns. `table` is the JSON-safe form a
 *       document stores (see docs/file-format.md, "Data sets").
 *
 *   applyStandardization(x, split.standardization) standardises new inputs (a plot grid) as the training data was.
 *
 * Limits (DATA_LIMITS): a CSV of at most 5 MiB, 100,000 rows and 1,000 columns, refused before parsing; at most
 * 1,000,000 values stored per data set. Errors in a recipe throw DataError with a message naming the field.
 */
export type { Dataset, DatasetSplit, Standardization, Task, TargetEncoding } from './types';
export { DataError } from './errors';
export { DATA_LIMITS } from './limits';
export { makeDataset, loadDataset, type DatasetRecipe, type GeneratedRecipe, type BuiltinRecipe, type CsvRecipe } from './recipe';
export { GENERATORS, CIRCLE_RADIUS, generate2d, type GeneratorName } from './generate';
export { BUILTINS, builtinIfLoaded, loadBuiltin, provideBuiltin, type BuiltinName } from './builtin';
export { parseCsv, previewCsv, type CsvOptions, type CsvResult, type CsvProblem, type CsvProblemKind, type CsvPreview, type ColumnKind } from './csv';
export { checkStoredTable, datasetFromTable, storedValueCount, type StoredTable, type StoredColumn } from './table';
export { batches, batchCount, epochOrder, type Batch, type BatchOptions } from './batches';
export { applyStandardization, fitStandardization, toOneHot, classOf } from './split';
export { MAX_SEED } from './seeds';
