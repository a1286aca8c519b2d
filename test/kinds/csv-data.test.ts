import { describe, expect, it } from 'vitest';
import { addNode, connect, createDocument, parseDocument, serializeDocument, setObjective, updateParams, type GraphDocument } from '../../src/document';
import { DATA_LIMITS, makeDataset, parseCsv } from '../../src/data';
import { csvDataKind, csvDataParams } from '../../src/kinds/csv-data';
import { defaultParams, validateParams, type Params } from '../../src/kinds';
import { proposeTraining } from '../../src/train/setup';
import { Trainer } from '../../src/train';

/** A small file with a text class target: 3 classes, 4 rows each, two features with awkward decimals. */
const FLOWERS = [
  'length,width,colour,kind',
  ...Array.from({ length: 12 }, (_, i) => `${(0.1 * i + 1 / 3).toPrecision(17)},${(i % 4) * 0.7 - 1.05},red,${['lily', 'rose', 'tulip'][i % 3]}`),
].join('\n');

function parsed(text: string, options: Parameters<typeof parseCsv>[1] = {}) {
  const r = parseCsv(text, { name: 'flowers.csv', ...options });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
}

const params = (extra: Params = {}): Params => ({ ...defaultParams(csvDataKind), ...csvDataParams(parsed(FLOWERS).dataset), ...extra });

describe('the CSV data node', () => {
  it('stores the chosen columns, and its split is src/data’s split of the parsed table, bit for bit', () => {
    const r = parsed(FLOWERS, { features: ['length', 'width'], target: 'kind' });
    const p: Params = { ...defaultParams(csvDataKind), ...csvDataParams(r.dataset), seed: 9, testFraction: 0.25, standardize: true, targets: 'oneHot' };
    expect(validateParams(csvDataKind, p)).toEqual([]);
    expect(p.xShape).toEqual([12, 2]);
    expect(JSON.parse(p.classes as string)).toEqual(['lily', 'rose', 'tulip']);
    const mine = csvDataKind.data!(p);
    const ref = makeDataset({ source: 'csv', table: r.table, features: r.features, target: r.target, task: r.task, seed: 9, testFraction: 0.25, standardize: true, targetEncoding: 'oneHot' });
    expect(mine.train.x).toEqual(ref.train.x);
    expect(mine.train.y).toEqual(ref.train.y);
    expect(mine.test!.x).toEqual(ref.test.x);
    expect(mine.test!.y).toEqual(ref.test.y);
    // Stratified: each of the 3 classes keeps one of its 4 rows for the test.
    expect(mine.test!.n).toBe(3);
    const testClasses = Array.from({ length: 3 }, (_, i) => Array.from(mine.test!.y.subarray(i * 3, i * 3 + 3)).indexOf(1)).sort();
    expect(testClasses).toEqual([0, 1, 2]);
    // The canvas shows the first training rows, one-hot: 3 target columns.
    expect(csvDataKind.inferShapes({}, p)).toEqual({ x: [6, 2], y: [6, 3] });
  });

  it('saves and reopens with the same data bit for bit, and the same split', () => {
    let doc = createDocument({ now: '2026-01-02T03:04:05.000Z' });
    doc = addNode(doc, { id: 'data', kind: 'csvData', position: { x: 0, y: 0 }, params: csvDataParams(parsed(FLOWERS).dataset) });
    const text = serializeDocument(doc);
    const back = parseDocument(text);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.document).toEqual(doc);
    expect(serializeDocument(back.document)).toBe(text);
    const before = csvDataKind.data!(doc.nodes[0]!.params);
    const after = csvDataKind.data!(back.document.nodes[0]!.params);
    expect(after.train.x).toEqual(before.train.x);
    expect(after.train.y).toEqual(before.train.y);
    expect(back.document.nodes[0]!.params.x).toEqual(Array.from(parsed(FLOWERS).dataset.x));
  });

  it('keeps a number target of whole numbers as classes, and a regression target as values', () => {
    const csv = 'a,b,label\n' + Array.from({ length: 10 }, (_, i) => `${i},${i * i},${i % 2}`).join('\n');
    const cls = { ...defaultParams(csvDataKind), ...csvDataParams(parsed(csv).dataset) };
    expect(cls.task).toBe('binary');
    expect(JSON.parse(cls.classes as string)).toEqual(['0', '1']);
    expect(validateParams(csvDataKind, cls)).toEqual([]);
    const reg = { ...defaultParams(csvDataKind), ...csvDataParams(parsed(csv, { target: 'b', features: ['a'], task: 'regression' }).dataset) };
    expect(reg.task).toBe('regression');
    expect(reg.y).toEqual(Array.from({ length: 10 }, (_, i) => i * i));
    expect(validateParams(csvDataKind, reg)).toEqual([]);
    expect(csvDataKind.inferShapes({}, { ...reg, targets: 'oneHot' })).toEqual({ x: [5, 1], y: [5, 1] });
  });

  it('with no file yet says what to do, and refuses params that do not describe one table', () => {
    expect(() => csvDataKind.inferShapes({}, defaultParams(csvDataKind))).toThrow(/choose a CSV file/);
    const p = params();
    const issues = (extra: Params) => validateParams(csvDataKind, { ...p, ...extra }).map((i) => i.message).join('; ');
    expect(issues({ y: (p.y as number[]).slice(1) })).toMatch(/11 targets for 12 rows/);
    expect(issues({ y: [7, ...(p.y as number[]).slice(1)] })).toMatch(/target 1 is 7, not a class index from 0 to 2/);
    expect(issues({ features: '["length"]' })).toMatch(/1 feature names for 2 features/);
    expect(issues({ classes: 'lily' })).toMatch(/JSON list/);
    expect(issues({ task: 'binary' })).toMatch(/3 classes for a binary target/);
    expect(issues({ x: [NaN, ...(p.x as number[]).slice(1)] })).toMatch(/value 0 is NaN; only finite numbers/);
  });

  it('refuses more than the values a data set may hold, also in a document edit, which leaves the document as it was', () => {
    const n = 250_001;
    const big = { ...params(), x: new Array<number>(n * 3).fill(0), xShape: [n, 3], y: new Array<number>(n).fill(0), features: '["a","b","c"]' };
    expect(validateParams(csvDataKind, big).map((i) => i.message).join()).toMatch(/250001 rows × 4 columns is more than the 1,000,000 values/);
    expect(n * 4).toBeGreaterThan(DATA_LIMITS.maxStoredValues);
    const doc = addNode(createDocument(), { id: 'data', kind: 'csvData', position: { x: 0, y: 0 } });
    expect(() => updateParams(doc, 'data', big)).toThrow(/1,000,000 values/);
    expect(doc.nodes[0]!.params.xShape).toEqual([0, 0]);
  });

  it('feeds training: CSV data → Linear → CrossEntropy trains, with the split the node describes', () => {
    let doc: GraphDocument = createDocument();
    doc = addNode(doc, { id: 'data', kind: 'csvData', position: { x: 0, y: 0 }, params: { ...csvDataParams(parsed(FLOWERS).dataset), testFraction: 0.25, dtype: 'float64' } });
    doc = addNode(doc, { id: 'lin', kind: 'linear', position: { x: 0, y: 0 }, params: { inFeatures: 2, outFeatures: 3 } as never });
    doc = addNode(doc, { id: 'loss', kind: 'crossEntropyLoss', position: { x: 0, y: 0 } });
    doc = connect(doc, { node: 'data', port: 'x' }, { node: 'lin', port: 'x' });
    doc = connect(doc, { node: 'lin', port: 'out' }, { node: 'loss', port: 'prediction' });
    doc = connect(doc, { node: 'data', port: 'y' }, { node: 'loss', port: 'target' });
    doc = setObjective(doc, { node: 'loss', port: 'loss' });
    const setup = proposeTraining(doc);
    if (typeof setup === 'string') throw new Error(setup);
    expect(setup.feeds).toEqual({ x: 'data', y: 'data' });
    const trainer = new Trainer({ ...doc, training: { ...setup, epochs: 5 } });
    expect(trainer.data.train.n).toBe(9);
    expect(trainer.data.test?.n).toBe(3);
    trainer.run();
    const r = trainer.result();
    expect(r.status).toBe('done');
    expect(r.epochs).toHaveLength(5);
    expect(Number.isFinite(r.final!.trainLoss)).toBe(true);
  });
});
