import { describe, expect, it } from 'vitest';
import { checkStoredTable, datasetFromTable, guessTask, storedValueCount, type StoredTable } from '../../src/data/table';
import { DATA_LIMITS } from '../../src/data/limits';

const table: StoredTable = {
  name: 'pets.csv',
  rows: 4,
  columns: [
    { name: 'weight', values: [4, 30, 5, 2] },
    { name: 'age', values: [3, 7, 1, 2] },
    { name: 'species', categories: ['cat', 'dog', 'rabbit'], codes: [0, 1, 0, 2] },
    { name: 'legs', values: [4, 4, 4, 4] },
  ],
};

describe('stored tables', () => {
  it('become data sets from chosen columns: features row-major, text classes as codes, numbers as classes or values', () => {
    const ds = datasetFromTable(table, ['age', 'weight'], 'species', 'multiclass');
    expect([...ds.x]).toEqual([3, 4, 7, 30, 1, 5, 2, 2]);
    expect([...ds.y]).toEqual([0, 1, 0, 2]);
    expect([ds.classNames, ds.classes, ds.encoding]).toEqual([['cat', 'dog', 'rabbit'], 3, 'index']);
    const byAge = datasetFromTable(table, ['weight'], 'age', 'multiclass');
    expect([byAge.classNames, [...byAge.y]]).toEqual([['1', '2', '3', '7'], [2, 3, 0, 1]]);
    const reg = datasetFromTable(table, ['age'], 'weight', 'regression');
    expect([[...reg.y], reg.encoding, reg.classNames]).toEqual([[4, 30, 5, 2], 'value', undefined]);
  });

  it('refuse a choice that cannot work, saying why', () => {
    expect(() => datasetFromTable(table, [], 'species', 'multiclass')).toThrow('pets.csv: choose at least one feature column');
    expect(() => datasetFromTable(table, ['species'], 'age', 'regression')).toThrow("feature column 'species' holds text");
    expect(() => datasetFromTable(table, ['age'], 'species', 'regression')).toThrow("target 'species' holds text");
    expect(() => datasetFromTable(table, ['age'], 'legs', 'binary')).toThrow("target 'legs' has only 1 class");
    expect(() => datasetFromTable(table, ['age'], 'species', 'binary')).toThrow('3 classes, not 2');
    expect(() => datasetFromTable(table, ['age'], 'colour', 'binary')).toThrow("no column named 'colour' (columns: weight, age, species, legs)");
    expect(() => datasetFromTable(table, ['age'], 'age', 'regression')).toThrow('both a feature and the target');
  });

  it('guess the task from the target column', () => {
    expect(table.columns.map(guessTask)).toEqual(['multiclass', 'multiclass', 'multiclass', 'binary']);
    expect(guessTask({ name: 'v', values: [0.5, 1, 2] })).toBe('regression');
    expect(guessTask({ name: 'v', values: Array.from({ length: 21 }, (_, i) => i) })).toBe('regression');
    expect(guessTask({ name: 'v', categories: ['a', 'b'], codes: [0, 1] })).toBe('binary');
  });

  it('are checked when read from a document: lengths, finite numbers, codes, duplicate names, the value limit', () => {
    expect(() => checkStoredTable(table)).not.toThrow();
    const bad = (columns: unknown[], rows = 2): StoredTable => ({ name: 't', rows, columns: columns as StoredTable['columns'] });
    expect(() => checkStoredTable(bad([{ name: 'a', values: [1] }]))).toThrow("data set 't', column 'a': 1 values for 2 rows");
    expect(() => checkStoredTable(bad([{ name: 'a', values: [1, 'NaN'] }]))).toThrow('value NaN at row 2 is not a finite number');
    expect(() => checkStoredTable(bad([{ name: 'a', categories: ['x'], codes: [0, 1] }]))).toThrow('code 1 at row 2 names no category');
    expect(() => checkStoredTable(bad([{ name: 'a', values: [1, 2] }, { name: 'a', values: [1, 2] }]))).toThrow("two columns named 'a'");
    const rows = DATA_LIMITS.maxStoredValues / 2;
    const big = bad([{ name: 'a', values: new Array(rows).fill(0) }, { name: 'b', values: new Array(rows).fill(1) }], rows);
    expect(storedValueCount(big)).toBe(DATA_LIMITS.maxStoredValues);
    expect(() => checkStoredTable(big)).not.toThrow();
    big.columns.push({ name: 'c', values: [] });
    expect(() => checkStoredTable(big)).toThrow("data set 't': 1,500,000 values, more than the 1,000,000 a document may store for one data set");
  });
});
