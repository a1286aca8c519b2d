import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, type GraphDocument, type TrainingSetup } from '../../src/document';
import { Trainer, train, TrainSetupError, type TrainData, type TrainEvent } from '../../src/train';

function example(name: string): GraphDocument {
  const r = parseDocument(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}
const xor = example('xor.sorix.json');
const withSetup = (doc: GraphDocument, patch: Partial<TrainingSetup>): GraphDocument => ({ ...doc, training: { ...doc.training!, ...patch } });

/** y = 2x − 1 through one Linear (1→1) and an MSE: a regression whose weights blow up at a large learning rate. */
const regression: GraphDocument = {
  ...xor,
  nodes: [
    { id: 'x', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [0, 1, 2, 3], shape: [4, 1], dtype: 'float64', requiresGrad: false } },
    { id: 't', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [-1, 1, 3, 5], shape: [4, 1], dtype: 'float64', requiresGrad: false } },
    { id: 'fit', kind: 'linear', position: { x: 0, y: 0 }, params: { inFeatures: 1, outFeatures: 1, bias: true, init: 'he', seed: 0, W: [0.5], b: [0] } },
    { id: 'mse', kind: 'mseLoss', position: { x: 0, y: 0 }, params: {} },
  ],
  edges: [
    { id: 'e1', source: { node: 'x', port: 'out' }, target: { node: 'fit', port: 'x' } },
    { id: 'e2', source: { node: 'fit', port: 'out' }, target: { node: 'mse', port: 'prediction' } },
    { id: 'e3', source: { node: 't', port: 'out' }, target: { node: 'mse', port: 'target' } },
  ],
  objective: null,
  training: { ...xor.training!, feeds: { x: 'x', y: 't' }, optimizer: { name: 'sgd', lr: 0.05, momentum: 0, nesterov: false, weightDecay: 0 }, batchSize: 2, epochs: 300 },
};

describe('the training loop', () => {
  it('trains the XOR example to 100 % accuracy, reporting progress, epoch metrics and weight snapshots in order', () => {
    const events: TrainEvent[] = [];
    const { result, trainer } = train(xor, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('done');
    expect(result.epochs).toHaveLength(200);
    expect(result.steps).toBe(200);
    expect(result.final!.trainAccuracy).toBe(1);
    expect(result.final!.trainLoss).toBeLessThan(0.01);
    expect(result.final!.testLoss).toBeNull();
    expect(result.epochs[0]!.trainLoss).toBeGreaterThan(result.final!.trainLoss);
    expect(events.slice(0, 3).map((e) => e.type)).toEqual(['progress', 'epoch', 'snapshot']);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(200);
    const last = events[events.length - 1]!;
    expect(last.type).toBe('snapshot');
    if (last.type === 'snapshot') expect(Array.from(last.parameters[0]!.values)).toEqual(Array.from(trainer.program.parameters()[0]!.tensor.data));
    // The trained document computes what the trainer ended with.
    const trained = trainer.writeBack(xor);
    const again = new Trainer(trained);
    expect(again.measure(again.data.train)).toEqual({ loss: result.final!.trainLoss, accuracy: 1 });
  });

  it('is deterministic: the same seed gives the same numbers bit for bit, another seed other numbers', () => {
    const doc = withSetup(xor, { batchSize: 1, epochs: 20 });
    const numbers = (seed: number) => {
      const { result, trainer } = train(doc, { overrides: { seed } });
      return { losses: result.epochs.map((e) => [e.trainLoss, e.trainAccuracy]), weights: trainer.snapshot().map((p) => Array.from(p.values)) };
    };
    expect(numbers(3)).toEqual(numbers(3));
    expect(numbers(3).losses).not.toEqual(numbers(4).losses);
  });

  it('can be cancelled between steps, and run in slices', () => {
    let seen = 0;
    const trainer = new Trainer(withSetup(xor, { batchSize: 1 }), { onEvent: (e) => { if (e.type === 'progress' && ++seen === 5) trainer.cancel(); } });
    expect(trainer.run()).toBe('cancelled');
    expect(trainer.result()).toMatchObject({ status: 'cancelled', steps: 5, message: 'cancelled after 5 steps' });
    const sliced = new Trainer(xor);
    expect(sliced.run(7)).toBe('running');
    expect(sliced.result().steps).toBe(7);
    expect(sliced.run()).toBe('done');
    const whole = train(xor).result;
    expect(sliced.result().epochs.map((e) => e.trainLoss)).toEqual(whole.epochs.map((e) => e.trainLoss));
  });

  it('stops a run whose loss overflows, naming the step and the first node that produced a non-finite value', () => {
    const fine = train(regression).result;
    expect(fine.status).toBe('done');
    expect(fine.final!.trainLoss).toBeLessThan(1e-6);
    expect(fine.final).not.toHaveProperty('trainAccuracy');
    const { result } = train(withSetup(regression, { optimizer: { name: 'sgd', lr: 1e3, momentum: 0, nesterov: false, weightDecay: 0 } }));
    expect(result.status).toBe('diverged');
    expect(result.message).toMatch(/^step \d+ \(epoch \d+, batch [12]\): the loss is (NaN|Infinity); Linear 'fit' (W|b) holds non-finite values after the previous update\. The learning rate \(1000\) is probably too large\.$/);
    expect(result.steps).toBeGreaterThan(2);
  });

  it('takes any {x, y, n, d} data with a test split, and measures loss and accuracy on both', () => {
    // Points on a line, labelled by the sign of x0 + x1: one Linear and a BCE with logits learn it.
    const point = (i: number): [number, number] => [Math.cos(i * 1.7) * (1 + (i % 3)), Math.sin(i * 2.3) * (1 + (i % 5))];
    const split = (from: number, n: number) => {
      const x = new Float64Array(2 * n), y = new Float64Array(n);
      for (let i = 0; i < n; i++) { const [a, b] = point(from + i); x[2 * i] = a; x[2 * i + 1] = b; y[i] = a + b > 0 ? 1 : 0; }
      return { x, y, n, d: 2 };
    };
    const data: TrainData = { train: split(0, 40), test: split(100, 10) };
    const doc: GraphDocument = {
      ...regression,
      nodes: [
        { id: 'x', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [0, 0], shape: [1, 2], dtype: 'float32', requiresGrad: false } },
        { id: 't', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [0], shape: [1, 1], dtype: 'float32', requiresGrad: false } },
        { id: 'fit', kind: 'linear', position: { x: 0, y: 0 }, params: { inFeatures: 2, outFeatures: 1, bias: true, init: 'he', seed: 0, W: [0.1, -0.3], b: [0] } },
        { id: 'bce', kind: 'bceWithLogitsLoss', position: { x: 0, y: 0 }, params: {} },
      ],
      edges: regression.edges.map((e) => (e.target.node === 'mse' ? { ...e, target: { ...e.target, node: 'bce' } } : e)),
      training: { ...regression.training!, optimizer: { name: 'adam', lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 }, batchSize: 8, epochs: 30, schedule: { name: 'step', stepSize: 10, gamma: 0.5 } },
    };
    const { result } = train(doc, { data });
    expect(result.status).toBe('done');
    expect(result.steps).toBe(30 * 5);
    expect(result.epochs.map((e) => e.lr).filter((v, i, a) => a.indexOf(v) === i)).toEqual([0.1, 0.05, 0.025]);
    expect(result.final!.trainAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.final!.testAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.final!.testLoss).toBeLessThan(result.epochs[0]!.testLoss!);
    // Data that does not fit the fed nodes is refused with the node named.
    expect(() => new Trainer(doc, { data: { train: { ...data.train, d: 1, x: data.train.x.subarray(0, 40) }, test: null } })).toThrow(/the train data has 1 input per example, but Tensor 'x' takes 2 \(shape \(N,2\)\)/);
  });

  it('names what it cannot do: no set-up, nothing to train, an optimiser the engine lacks', () => {
    const { training: _t, ...bare } = xor;
    expect(() => new Trainer(bare)).toThrow(TrainSetupError);
    expect(() => new Trainer(withSetup(xor, { frozen: [{ node: 'hidden' }, { node: 'output' }] }))).toThrow(/nothing to train/);
    expect(() => new Trainer(withSetup(xor, { optimizer: { name: 'sgd', lr: 0.1, momentum: 0, nesterov: true, weightDecay: 0 } }))).toThrow(/Nesterov momentum requires a momentum/);
    for (const name of ['rmsprop', 'adam'] as const) {
      const optimizer = name === 'rmsprop' ? { name, lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0 } : { name, lr: 0.01, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0 };
      expect(train(withSetup(xor, { optimizer, epochs: 3 })).result.status).toBe('done');
    }
  });
});
