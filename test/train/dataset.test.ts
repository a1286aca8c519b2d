import { describe, expect, it } from 'vitest';
import { addNode, connect, createDocument, parseDocument, serializeDocument, setObjective, type GraphDocument } from '../../src/document';
import { compile, Trainer } from '../../src/train';
import { proposeTraining } from '../../src/train/setup';
import { datasetOf } from '../../src/kinds/dataset';
import { makeDataset } from '../../src/data';

/** The scenario, built with the document commands: circle data → Linear(8) → Tanh → Linear(1) → Sigmoid → BCE. */
function circleModel(data: Record<string, unknown> = {}): GraphDocument {
  let doc = createDocument();
  const add = (id: string, kind: string, params: Record<string, unknown> = {}): void => {
    doc = addNode(doc, { id, kind, position: { x: 0, y: 0 }, params: params as never });
  };
  add('data', 'dataset', { set: 'circle', n: 400, noise: 0, seed: 7, ...data });
  add('l1', 'linear', { inFeatures: 2, outFeatures: 8 });
  add('act', 'tanh');
  add('l2', 'linear', { inFeatures: 8, outFeatures: 1 });
  add('sig', 'sigmoid');
  add('loss', 'bceLoss');
  const wire = (a: string, ap: string, b: string, bp: string): void => { doc = connect(doc, { node: a, port: ap }, { node: b, port: bp }); };
  wire('data', 'x', 'l1', 'x');
  wire('l1', 'out', 'act', 'x');
  wire('act', 'out', 'l2', 'x');
  wire('l2', 'out', 'sig', 'x');
  wire('sig', 'out', 'loss', 'prediction');
  wire('data', 'y', 'loss', 'target');
  return setObjective(doc, { node: 'loss', port: 'loss' });
}

describe('a Data set node', () => {
  it('shows the first rows of its training split, as the data module makes them', () => {
    const p = { set: 'circle', n: 400, noise: 0, seed: 7, testFraction: 0.5, standardize: false, targets: 'index', rows: 10, dtype: 'float64' };
    const { train } = datasetOf(p);
    const expected = makeDataset({ source: 'generated', generator: 'circle', n: 400, noise: 0, seed: 7, testFraction: 0.5, standardize: false, targetEncoding: 'index' }).train;
    expect(Array.from(train.x)).toEqual(Array.from(expected.x));
    const prog = compile(circleModel({ dtype: 'float64' }), { nodes: 'all' });
    prog.forward();
    expect(Array.from(prog.output('data', 'x')!.data)).toEqual(Array.from(expected.x.subarray(0, 12)));
    expect(Array.from(prog.output('data', 'y')!.data)).toEqual(Array.from(expected.y.subarray(0, 6)));
  });

  it('is stored as its recipe: a saved graph reopens with the same data and no points in the file', () => {
    const doc = circleModel();
    const text = serializeDocument(doc);
    expect(text.length).toBeLessThan(6000);
    const back = parseDocument(text);
    expect(back.ok).toBe(true);
  });
});

describe('training from a Data set node', () => {
  it('proposes a set-up feeding x and y from the node, and trains the circle to at least 95 % test accuracy', () => {
    const doc = circleModel();
    const setup = proposeTraining(doc);
    if (typeof setup === 'string') throw new Error(setup);
    expect(setup.feeds).toEqual({ x: 'data', y: 'data' });
    const trainer = new Trainer({ ...doc, training: setup });
    expect(trainer.data.train.n).toBe(200);
    expect(trainer.data.test?.n).toBe(200);
    trainer.run();
    const r = trainer.result();
    expect(r.status).toBe('done');
    expect(r.final!.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.final!.trainLoss).toBeLessThan(r.epochs[0]!.trainLoss);
  });

  it('is deterministic: the same seed gives the same numbers bit for bit', () => {
    const doc = circleModel({ set: 'spiral', noise: 10 });
    const setup = proposeTraining(doc) as Exclude<ReturnType<typeof proposeTraining>, string>;
    const run = (): number[] => { const t = new Trainer({ ...doc, training: { ...setup, epochs: 3 } }); t.run(); return t.result().epochs.map((e) => e.trainLoss); };
    expect(run()).toEqual(run());
  });

  it('refuses a Data set whose width does not fit the first layer, naming both shapes, when wiring', () => {
    const doc = circleModel();
    let d2 = addNode(doc, { id: 'iris', kind: 'dataset', position: { x: 0, y: 0 }, params: { set: 'digits' } as never });
    expect(() => { d2 = connect(d2, { node: 'iris', port: 'x' }, { node: 'l1', port: 'x' }); }).toThrow(/\(6,64\)/);
  });
});
