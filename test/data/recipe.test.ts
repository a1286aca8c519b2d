import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS, DataError, loadBuiltin, loadDataset, makeDataset, parseCsv, type Dataset, type DatasetRecipe, type GeneratedRecipe } from '../../src/data';
import { classOf } from '../../src/data/split';

const circle: GeneratedRecipe = { source: 'generated', generator: 'circle', n: 500, noise: 0, seed: 1, testFraction: 0.5 };

/** FNV-1a over the bytes of x and y: a short fingerprint of a data set's exact numbers. */
function fingerprint(ds: Dataset): string {
  let h = 0x811c9dc5;
  for (const a of [ds.x, ds.y]) for (const b of new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const rowsOf = (ds: Dataset): string[] => Array.from({ length: ds.n }, (_, i) => [...ds.x.subarray(i * ds.d, (i + 1) * ds.d)].join(','));

describe('makeDataset: generated sets', () => {
  it('splits n points into train and test by testFraction, bit-identically for a seed', () => {
    const a = makeDataset(circle);
    const b = makeDataset({ ...circle });
    expect([a.train.n, a.test.n]).toEqual([250, 250]);
    expect(fingerprint(a.train)).toBe(fingerprint(b.train));
    expect(fingerprint(a.test)).toBe(fingerprint(b.test));
    expect(fingerprint(makeDataset({ ...circle, seed: 2 }).train)).not.toBe(fingerprint(a.train));
  });

  it('changing the test fraction re-splits the same points', () => {
    const a = makeDataset(circle);
    const b = makeDataset({ ...circle, testFraction: 0.2 });
    expect([b.train.n, b.test.n]).toEqual([400, 100]);
    expect([...rowsOf(a.train), ...rowsOf(a.test)].sort()).toEqual([...rowsOf(b.train), ...rowsOf(b.test)].sort());
  });

  it('keeps the numbers a saved seed stands for (a document stores the recipe, not the points)', () => {
    // Frozen on purpose: if these change, every saved document with a generated set would open with other data.
    const frozen = (r: DatasetRecipe): string[] => {
      const s = makeDataset(r);
      return [fingerprint(s.train), fingerprint(s.test)];
    };
    expect({
      circle: frozen(circle),
      xor: frozen({ ...circle, generator: 'xor', noise: 20 }),
      spiral: frozen({ ...circle, generator: 'spiral', noise: 10, seed: 99 }),
      gauss: frozen({ ...circle, generator: 'gauss', noise: 35, seed: 4000000000 }),
      plane: frozen({ ...circle, generator: 'plane', n: 1200, noise: 5 }),
      multiGauss: frozen({ ...circle, generator: 'multiGauss', n: 1200, noise: 50, testFraction: 0.1 }),
    }).toMatchInlineSnapshot(`
      {
        "circle": [
          "1871c717",
          "94521570",
        ],
        "gauss": [
          "32a6f52f",
          "e2c76bf8",
        ],
        "multiGauss": [
          "4137a638",
          "50f3caa0",
        ],
        "plane": [
          "46529ed5",
          "c87f6d98",
        ],
        "spiral": [
          "f7f2b638",
          "e5c1fb0c",
        ],
        "xor": [
          "aa3cffeb",
          "1495b972",
        ],
      }
    `);
  });

  it('one-hot targets and standardisation on request', () => {
    const s = makeDataset({ ...circle, targetEncoding: 'oneHot', standardize: true });
    expect([s.train.t, s.train.encoding, s.train.y.length]).toEqual([2, 'oneHot', 500]);
    expect(s.standardization?.mean.length).toBe(2);
    const plain = makeDataset(circle);
    for (let i = 0; i < 10; i++) expect(classOf(s.train, i)).toBe(plain.train.y[i]);
  });

  it('refuses a bad recipe with a message naming the field', () => {
    const bad = (patch: Record<string, unknown>): (() => void) => () => makeDataset({ ...circle, ...patch } as DatasetRecipe);
    expect(bad({ seed: -1 })).toThrow('seed must be a whole number from 0 to 4294967295, not -1');
    expect(bad({ seed: 1.5 })).toThrow(DataError);
    expect(bad({ testFraction: 1 })).toThrow('testFraction must be a number from 0 up to (not including) 1, not 1');
    expect(bad({ noise: 51 })).toThrow('noise must be from 0 to 50, not 51');
    expect(bad({ n: 0 })).toThrow('n must be a whole number from 1 to 100000, not 0');
    expect(bad({ generator: 'moons' })).toThrow("unknown generator 'moons'");
    expect(bad({ source: 'url' })).toThrow("unknown data source 'url'");
  });
});

describe('built-in data sets', () => {
  it('Iris: 150 rows of 4 features, 3 classes of 50, as in the file', async () => {
    const table = await loadBuiltin('iris');
    const s = await loadDataset({ source: 'builtin', name: 'iris', seed: 3, testFraction: 0.2 });
    const all = [s.train, s.test];
    expect(all.map((p) => p.n)).toEqual([120, 30]);
    expect([s.train.d, s.train.classNames, s.train.featureNames[0]]).toEqual([4, ['setosa', 'versicolor', 'virginica'], 'sepal_length_cm']);
    for (const p of all) for (const c of [0, 1, 2]) expect(p.y.filter((v) => v === c).length).toBe(p.n / 3);
    // The oracle: the CSV file read line by line.
    const lines = readFileSync('assets/datasets/iris.csv', 'utf8').trim().split('\n').slice(1);
    expect(lines.length).toBe(150);
    const fileRows = lines.map((l) => l.split(',').slice(0, 4).map(Number).join(',')).sort();
    expect([...rowsOf(s.train), ...rowsOf(s.test)].sort()).toEqual(fileRows);
    expect(table.rows).toBe(150);
  });

  it('digits: 1797 rows of 64 pixels 0–16, 10 classes with the counts of the file', async () => {
    const s = await loadDataset({ source: 'builtin', name: 'digits', seed: 3, testFraction: 0.25, targetEncoding: 'oneHot' });
    expect([s.train.n + s.test.n, s.train.d, s.train.classes, s.train.t]).toEqual([1797, 64, 10, 10]);
    expect(s.train.x.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    const lines = readFileSync('assets/datasets/digits.csv', 'utf8').trim().split('\n').slice(1);
    for (let c = 0; c < 10; c++) {
      const inFile = lines.filter((l) => l.endsWith(`,${c}`)).length;
      const loaded = [s.train, s.test].reduce((sum, p) => sum + Array.from({ length: p.n }, (_, i) => classOf(p, i)).filter((k) => k === c).length, 0);
      expect(loaded).toBe(inFile);
    }
    expect(BUILTINS.digits.rows).toBe(lines.length);
  });

});

describe('CSV recipes', () => {
  it('rebuild the data set from the stored table after a JSON round trip, stratified and standardised', () => {
    const text = 'a,b,label\n' + Array.from({ length: 40 }, (_, i) => `${i},${(i * 7) % 13},${i % 4 === 0 ? 'yes' : 'no'}`).join('\n');
    const r = parseCsv(text, { name: 'mine.csv' });
    if (!r.ok) throw new Error('expected ok');
    const recipe: DatasetRecipe = JSON.parse(JSON.stringify({ source: 'csv', table: r.table, features: r.features, target: r.target, task: r.task, seed: 5, testFraction: 0.25, standardize: true }));
    const s = makeDataset(recipe);
    expect([s.train.n, s.test.n, s.train.classNames]).toEqual([30, 10, ['no', 'yes']]);
    // 10 'yes' and 30 'no' rows: 2.5 and 7.5 to hold out; the total stays round(40·0.25) = 10, 'yes' taking the odd row
    // by the larger remainder (a tie, so the first class in order: 'no').
    expect([...s.test.y].filter((v) => v === 1).length).toBe(2);
    expect(fingerprint(makeDataset(recipe).train)).toBe(fingerprint(s.train));
    const damaged = { ...recipe, table: { ...r.table, rows: 41 } } as DatasetRecipe;
    expect(() => makeDataset(damaged)).toThrow("data set 'mine.csv', column 'a': 40 values for 41 rows");
  });
});
