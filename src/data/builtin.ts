/**
 * The classic data sets in assets/datasets (see its README for sources and licences), read by the same CSV reader
 * as a user's file. Each is fetched by a dynamic import the first time it is asked for, so the app's first bundle
 * holds neither.
 */
import { parseCsv } from './csv';
import { DataError } from './errors';
import type { StoredTable } from './table';
import type { Task } from './types';
import type * as NodeFs from 'node:fs/promises';

export type BuiltinName = 'iris' | 'digits';

export const BUILTINS: Record<BuiltinName, { label: string; target: string; task: Task; rows: number; features: number; classes: number; load: () => Promise<string> }> = {
  iris: {
    label: 'Iris',
    target: 'species',
    task: 'multiclass',
    rows: 150,
    features: 4,
    classes: 3,
    load: () => readAsset('iris.csv', async () => (await import('../../assets/datasets/iris.csv?raw')).default),
  },
  digits: {
    label: 'Handwritten digits (8×8)',
    target: 'digit',
    task: 'multiclass',
    rows: 1797,
    features: 64,
    classes: 10,
    load: () => readAsset('digits.csv', async () => (await import('../../assets/datasets/digits.csv?raw')).default),
  },
};

/**
 * The file's text through the bundler (`?raw`, Vite and Vitest); under plain Node (the command line runs the sources
 * through tsx, which has no `?raw`) it is read from disk instead. The module names are held in variables so that
 * the bundler neither follows `node:fs` into the browser build nor copies the files a second time as assets.
 */
async function readAsset(file: string, viaBundler: () => Promise<string>): Promise<string> {
  try {
    return await viaBundler();
  } catch (error) {
    if (typeof process === 'undefined' || !process.versions?.node) throw error;
    const fsModule = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsModule)) as typeof NodeFs;
    const here = import.meta.url;
    return fs.readFile(new URL(`../../assets/datasets/${file}`, here), 'utf8');
  }
}

const loaded = new Map<BuiltinName, StoredTable>();

/** Reads a built-in set's CSV text into a table (exported for tests and for hosts that read the file themselves). */
export function builtinTableFromText(name: BuiltinName, text: string): StoredTable {
  const spec = BUILTINS[name];
  const result = parseCsv(text, { name: spec.label, target: spec.target, task: spec.task });
  if (!result.ok) throw new DataError(`built-in data set ${name}: ${result.problems.map((p) => p.message).join('; ')}`);
  const { table } = result;
  if (table.rows !== spec.rows || table.columns.length !== spec.features + 1) {
    throw new DataError(`built-in data set ${name}: ${table.rows}×${table.columns.length - 1}, expected ${spec.rows}×${spec.features}`);
  }
  return table;
}

/** Loads (once) and returns a built-in set's table. */
export async function loadBuiltin(name: BuiltinName): Promise<StoredTable> {
  const have = loaded.get(name);
  if (have) return have;
  if (!(name in BUILTINS)) throw new DataError(`no built-in data set '${String(name)}' (there are: ${Object.keys(BUILTINS).join(', ')})`);
  const table = builtinTableFromText(name, await BUILTINS[name].load());
  loaded.set(name, table);
  return table;
}

/** The table if it has been loaded, else undefined. */
export function builtinIfLoaded(name: BuiltinName): StoredTable | undefined {
  return loaded.get(name);
}

/** Makes a table available without the dynamic import (a host that read the CSV from disk, or a test). */
export function provideBuiltin(name: BuiltinName, text: string): StoredTable {
  const table = builtinTableFromText(name, text);
  loaded.set(name, table);
  return table;
}
