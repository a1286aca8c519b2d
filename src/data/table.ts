/**
 * The form in which a data set from a user's file lives in a document: JSON-safe, column by column. A number column
 * holds finite numbers; a text column (class labels) holds its distinct labels once and a code per row.
 */
import { DataError } from './errors';
import { DATA_LIMITS } from './limits';
import type { Dataset, Task } from './types';

export type StoredColumn =
  | { name: string; values: number[] }
  | { name: string; categories: string[]; codes: number[] };

export interface StoredTable {
  /** Where the data came from, e.g. the file name. */
  name: string;
  rows: number;
  columns: StoredColumn[];
}

/** Values a stored table counts against DATA_LIMITS.maxStoredValues: one per row and column. */
export function storedValueCount(table: StoredTable): number {
  return table.rows * table.columns.length;
}

/** The classes a target column holds, in a fixed order: text labels in code-point order, numbers ascending. */
export function classesOf(col: StoredColumn): { names: string[]; indexOf: (row: number) => number } {
  if ('categories' in col) return { names: col.categories, indexOf: (r) => col.codes[r]! };
  const distinct = [...new Set(col.values)].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  return { names: distinct.map(String), indexOf: (r) => index.get(col.values[r]!)! };
}

/** Most distinct whole-number values a number target may have to be read as classes when the task is 'auto'. */
export const MAX_AUTO_CLASSES = 20;

/** What a target column suggests: text → classes; whole numbers with few distinct values → classes; else regression. */
export function guessTask(col: StoredColumn): Task {
  if ('categories' in col) return col.categories.length <= 2 ? 'binary' : 'multiclass';
  const distinct = new Set(col.values);
  if (distinct.size <= MAX_AUTO_CLASSES && col.values.every(Number.isInteger)) return distinct.size <= 2 ? 'binary' : 'multiclass';
  return 'regression';
}

function findColumn(table: StoredTable, name: string): StoredColumn {
  const col = table.columns.find((c) => c.name === name);
  if (!col) throw new DataError(`${table.name}: no column named '${name}' (columns: ${table.columns.map((c) => c.name).join(', ')})`);
  return col;
}

/**
 * Checks a stored table as read from a document (shapes, finite numbers, codes in range, the size limit), so that a
 * hand-edited or damaged file gives a message instead of wrong data.
 */
export function checkStoredTable(table: StoredTable): void {
  const where = `data set '${table.name}'`;
  if (!Number.isInteger(table.rows) || table.rows < 0) throw new DataError(`${where}: rows must be a whole number ≥ 0`);
  if (storedValueCount(table) > DATA_LIMITS.maxStoredValues) {
    throw new DataError(`${where}: ${storedValueCount(table).toLocaleString('en')} values, more than the ${DATA_LIMITS.maxStoredValues.toLocaleString('en')} a document may store for one data set`);
  }
  const names = new Set<string>();
  for (const col of table.columns) {
    if (names.has(col.name)) throw new DataError(`${where}: two columns named '${col.name}'`);
    names.add(col.name);
    if ('categories' in col) {
      if (col.codes.length !== table.rows) throw new DataError(`${where}, column '${col.name}': ${col.codes.length} codes for ${table.rows} rows`);
      const bad = col.codes.findIndex((c) => !Number.isInteger(c) || c < 0 || c >= col.categories.length);
      if (bad >= 0) throw new DataError(`${where}, column '${col.name}': code ${col.codes[bad]} at row ${bad + 1} names no category`);
    } else {
      if (col.values.length !== table.rows) throw new DataError(`${where}, column '${col.name}': ${col.values.length} values for ${table.rows} rows`);
      const bad = col.values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
      if (bad >= 0) throw new DataError(`${where}, column '${col.name}': value ${String(col.values[bad])} at row ${bad + 1} is not a finite number`);
    }
  }
}

/** A data set from chosen columns of a table: features must be number columns; the target may be either kind. */
export function datasetFromTable(table: StoredTable, features: string[], target: string, task: Task): Dataset {
  if (features.length === 0) throw new DataError(`${table.name}: choose at least one feature column`);
  if (features.includes(target)) throw new DataError(`${table.name}: '${target}' cannot be both a feature and the target`);
  const n = table.rows;
  const d = features.length;
  const x = new Float64Array(n * d);
  features.forEach((name, j) => {
    const col = findColumn(table, name);
    if ('categories' in col) throw new DataError(`${table.name}: feature column '${name}' holds text, not numbers`);
    for (let i = 0; i < n; i++) x[i * d + j] = col.values[i]!;
  });
  const tcol = findColumn(table, target);
  const y = new Float64Array(n);
  if (task === 'regression') {
    if ('categories' in tcol) throw new DataError(`${table.name}: target '${target}' holds text, so it cannot be a regression target`);
    y.set(tcol.values);
    return { name: table.name, task, featureNames: [...features], targetName: target, encoding: 'value', n, d, t: 1, x, y };
  }
  const { names, indexOf } = classesOf(tcol);
  if (names.length < 2) throw new DataError(`${table.name}: target '${target}' has only ${names.length} class; classification needs at least 2`);
  if (task === 'binary' && names.length > 2) throw new DataError(`${table.name}: target '${target}' has ${names.length} classes, not 2 (choose multiclass)`);
  for (let i = 0; i < n; i++) y[i] = indexOf(i);
  return { name: table.name, task, featureNames: [...features], targetName: target, classNames: names, classes: names.length, encoding: 'index', n, d, t: 1, x, y };
}
