import { DATA_LIMITS, makeDataset, type Dataset, type DatasetSplit, type StoredColumn, type StoredTable, type Task } from '../data';
import { DATA_FORMULAS, DATA_OUTPUTS, DATA_PARAMS, SplitCache, firstRows, kindData, splitSettings, trainRows } from './shared/data-kind';
import { perElement } from './shared/cost';
import { KindError, type KindDef, type ParamIssue, type ParamValue, type Params } from './types';

/** Longest list of column or class names a node stores (JSON text in a string param). */
const MAX_NAMES_TEXT = 10_000;

/** A JSON list of strings from a names param, or null when it is not one. */
function names(p: Params, param: 'features' | 'classes'): string[] | null {
  try {
    const v: unknown = JSON.parse(p[param] as string);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** Rows and feature columns the node holds (from its shapes: no data is made). */
const sizeOfData = (p: Params): { n: number; d: number } => {
  const [n = 0, d = 0] = p.xShape as readonly number[];
  return { n, d };
};

/** The params of a CSV data node holding a data set read by parseCsv (`dataset`: all its rows, unsplit). */
export function csvDataParams(dataset: Dataset): Record<string, ParamValue> {
  return {
    file: dataset.name,
    features: JSON.stringify(dataset.featureNames),
    target: dataset.targetName,
    task: dataset.task,
    classes: JSON.stringify(dataset.classNames ?? []),
    x: Array.from(dataset.x),
    xShape: [dataset.n, dataset.d],
    y: Array.from(dataset.y),
  };
}

/**
 * The stored table a node's params describe, column by column as src/data stores a CSV table: each feature's values,
 * and the target as class codes with their class names, or as values for regression.
 */
export function csvTable(p: Params): { table: StoredTable; features: string[]; target: string; task: Task } {
  const { n, d } = sizeOfData(p);
  const x = p.x as readonly number[];
  const y = p.y as readonly number[];
  const features = names(p, 'features') ?? [];
  const target = p.target as string;
  const task = p.task as Task;
  const columns: StoredColumn[] = features.map((name, j) => ({ name, values: Array.from({ length: n }, (_, i) => x[i * d + j]!) }));
  columns.push(task === 'regression' ? { name: target, values: [...y] } : { name: target, categories: names(p, 'classes') ?? [], codes: [...y] });
  return { table: { name: p.file as string, rows: n, columns }, features, target, task };
}

const cache = new SplitCache();

/** The train and test splits of a node's data: seeded and stratified by src/data like the built-in sets. */
export function csvSplitOf(p: Params): DatasetSplit {
  if (sizeOfData(p).n === 0) throw new KindError('no data yet: choose a CSV file in the inspector, or drop one on the canvas');
  const settings = splitSettings(p);
  // The arrays are compared by identity: an unchanged node reuses its split without reading a million values.
  return cache.get([p.x, p.y, p.features, p.target, p.task, p.classes, p.file, JSON.stringify(settings)], () => {
    try {
      return makeDataset({ source: 'csv', ...csvTable(p), ...settings });
    } catch (err) {
      throw new KindError((err as Error).message);
    }
  });
}

function check(p: Params): ParamIssue[] {
  const { n, d } = sizeOfData(p);
  const x = p.x as readonly number[];
  const y = p.y as readonly number[];
  const issues: ParamIssue[] = [];
  if ((p.xShape as readonly number[]).length !== 2) return [{ param: 'xShape', message: 'the inputs’ shape must be (rows, features)' }];
  if (x.length !== n * d) issues.push({ param: 'x', message: `${x.length} input values do not fill ${n} rows × ${d} features` });
  if (y.length !== n) issues.push({ param: 'y', message: `${y.length} targets for ${n} rows` });
  if (n * (d + 1) > DATA_LIMITS.maxStoredValues) {
    issues.push({ param: 'x', message: `${n} rows × ${d + 1} columns is more than the ${DATA_LIMITS.maxStoredValues.toLocaleString('en')} values a data set may hold` });
  }
  const features = names(p, 'features');
  if (!features) issues.push({ param: 'features', message: 'the feature names must be a JSON list of strings' });
  else if (n > 0 && features.length !== d) issues.push({ param: 'features', message: `${features.length} feature names for ${d} features` });
  const classes = names(p, 'classes');
  if (!classes) return [...issues, { param: 'classes', message: 'the class names must be a JSON list of strings' }];
  if (n === 0) return issues;
  if (p.task === 'regression') {
    if (classes.length > 0) issues.push({ param: 'classes', message: 'a regression target has no classes' });
  } else {
    if (classes.length < 2 || (p.task === 'binary' && classes.length !== 2)) {
      issues.push({ param: 'classes', message: `${classes.length} classes for a ${p.task} target` });
    }
    const bad = y.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= classes.length);
    if (bad >= 0) issues.push({ param: 'y', message: `target ${bad + 1} is ${y[bad]}, not a class index from 0 to ${classes.length - 1}` });
  }
  if (trainRows(n, p) < 1) issues.push({ param: 'testFraction', message: `a test share of ${p.testFraction} leaves no training examples` });
  return issues;
}

/** A small table for the tests: two features, three classes, ten rows. */
const SAMPLE: Record<string, ParamValue> = {
  file: 'sample.csv',
  features: JSON.stringify(['length', 'width']),
  target: 'kind',
  task: 'multiclass',
  classes: JSON.stringify(['lily', 'rose', 'tulip']),
  x: [1.5, 0.2, 2, 0.4, 1.25, 0.3, 3, 1.1, 2.5, 0.9, 4.5, 1.5, 1, 0.25, 3.5, 1.2, 5, 1.8, 4, 1.6],
  xShape: [10, 2],
  y: [0, 0, 0, 1, 1, 2, 0, 1, 2, 2],
};

/**
 * The user's own data from a CSV file, stored in the document value by value (a file cannot be found again on another
 * machine): the chosen feature columns as an n×d table, the target as class indices (with the class names) or values.
 * Split, standardised and encoded by src/data exactly as the built-in sets are.
 */
export const csvDataKind: KindDef = {
  id: 'csvData',
  version: 1,
  label: 'CSV data',
  category: 'source',
  description:
    'Examples from your own CSV file: inputs x (the feature columns you choose, one row per example) and targets y ' +
    '(the target column: class indices or one-hot rows, or numbers to predict). Choose a file in the inspector or ' +
    'drop one on the canvas; the chosen columns are stored in the document, so it opens anywhere with the same ' +
    'numbers. The test share is held out with each class in proportion, seeded; standardisation uses the training ' +
    'rows only. At most 1,000,000 values (rows × chosen columns).',
  formulas: DATA_FORMULAS,
  inputs: [],
  outputs: DATA_OUTPUTS,
  params: {
    file: { type: 'string', label: 'File', description: 'The name of the file the data came from.', default: '', maxLength: 200, hidden: true },
    features: { type: 'string', label: 'Features', description: 'The feature columns’ names, a JSON list in the order of x’s columns.', default: '[]', maxLength: MAX_NAMES_TEXT, hidden: true },
    target: { type: 'string', label: 'Target', description: 'The target column’s name.', default: '', maxLength: 1000, hidden: true },
    task: {
      type: 'choice', label: 'Task', description: 'What the target asks: two classes, several classes, or a number.', default: 'binary', hidden: true,
      choices: [{ value: 'binary', label: '2 classes' }, { value: 'multiclass', label: 'Several classes' }, { value: 'regression', label: 'Regression' }],
    },
    classes: { type: 'string', label: 'Classes', description: 'The class names, a JSON list: class k is the k-th (empty for regression).', default: '[]', maxLength: MAX_NAMES_TEXT, hidden: true },
    x: { type: 'tensor', label: 'Inputs', description: 'The feature values, row by row.', default: [], shapeParam: 'xShape', finite: true, hidden: true },
    xShape: { type: 'shape', label: 'Inputs’ shape', description: '(rows, features).', default: [0, 0], maxRank: 2, hidden: true },
    y: { type: 'tensor', label: 'Targets', description: 'Per row the class index, or the value (regression).', default: [], finite: true, hidden: true },
    ...DATA_PARAMS,
  },
  checkParams: check,
  inferShapes: (_inputs, p) => {
    const { n, d } = sizeOfData(p);
    if (n === 0) throw new KindError('no data yet: choose a CSV file in the inspector, or drop one on the canvas');
    const classes = names(p, 'classes')?.length ?? 0;
    const rows = Math.min(p.rows as number, trainRows(n, p));
    return { x: [rows, d], y: [rows, p.targets === 'oneHot' && p.task !== 'regression' ? classes : 1] };
  },
  evaluate: (_inputs, p) => firstRows(csvSplitOf(p).train, p),
  data: (p) => kindData(csvSplitOf(p)),
  paletteOrder: 1,
  cost: perElement(4),
  examples: {
    samples: [{ inputs: {}, params: SAMPLE }, { inputs: {}, params: { ...SAMPLE, targets: 'oneHot', standardize: true, testFraction: 0.3, rows: 4 } }],
    oracle: { none: 'the data is the user’s: test/kinds/csv-data.test.ts checks the node’s split against src/data and its save and reopen' },
  },
};
