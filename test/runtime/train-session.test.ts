import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument, type GraphDocument } from '../../src/document';
import { createTrainHost, type TrainReply, type TrainRequest } from '../../src/runtime/train-session';
import { train } from '../../src/train';

function example(name: string): GraphDocument {
  const r = parseDocument(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

/** A host whose slices run only when the test says so, as a worker's timer would run them. */
function harness(opts: { sliceMs?: number } = {}) {
  const replies: TrainReply[] = [];
  const queue: (() => void)[] = [];
  const handle = createTrainHost((r) => replies.push(structuredClone(r)), { schedule: (fn) => queue.push(fn), progressMs: 0, snapshotMs: 0, sliceMs: opts.sliceMs ?? 5 });
  const send = (r: TrainRequest) => handle(r);
  const runAll = (max = 100_000) => { let n = 0; while (queue.length && n++ < max) queue.shift()!(); return n; };
  const runOne = () => { queue.shift()?.(); };
  const of = <T extends TrainReply['type']>(type: T) => replies.filter((r): r is Extract<TrainReply, { type: T }> => r.type === type);
  return { replies, queue, send, runAll, runOne, of };
}

describe('training session (the worker side of a run)', () => {
  it('opens a document: compiled, its parameters named, the points and a first boundary sent, nothing trained yet', () => {
    const h = harness();
    h.send({ type: 'open', session: 1, doc: example('xor.sorix.json') });
    const ready = h.of('ready')[0]!;
    expect(ready.info.task).toBe('classification');
    expect(ready.info.parameters).toEqual(['hidden.W', 'hidden.b', 'output.W', 'output.b']);
    expect(ready.info.points!.train.length).toBe(4 * 3);
    expect(ready.progress).toMatchObject({ status: 'ready', step: 0, epoch: 0, loss: null });
    const snap = h.of('snapshot')[0]!;
    expect(snap.step).toBe(0);
    expect(snap.boundary!.res).toBe(48);
    expect(snap.boundary!.values.length).toBe(48 * 48);
    // Probabilities of class 1, and the four tanh units drawn one by one.
    expect(Array.from(snap.boundary!.values).every((v) => v > 0 && v < 1)).toBe(true);
    expect(snap.boundary!.units.map((u) => `${u.node}:${u.unit}`)).toEqual(['tanh:0', 'tanh:1', 'tanh:2', 'tanh:3']);
  });

  it('plays to the end in slices with exactly the numbers of the training loop run directly', () => {
    const doc = example('xor.sorix.json');
    const direct = train(doc).result;
    const h = harness();
    h.send({ type: 'open', session: 1, doc });
    h.send({ type: 'play', session: 1 });
    const slices = h.runAll();
    expect(slices).toBeGreaterThan(0);
    const epochs = h.of('epochs').flatMap((r) => r.metrics);
    expect(epochs.map((m) => m.trainLoss)).toEqual(direct.epochs.map((m) => m.trainLoss));
    expect(epochs.map((m) => m.trainAccuracy)).toEqual(direct.epochs.map((m) => m.trainAccuracy));
    const last = h.of('progress').at(-1)!.progress;
    expect(last).toMatchObject({ status: 'done', epoch: doc.training!.epochs, step: direct.steps });
    // The last snapshot holds the trained weights, the same as the direct run's.
    const snap = h.of('snapshot').at(-1)!;
    expect(snap.step).toBe(direct.steps);
  });

  it('the command line gives the numbers of the app’s session bit for bit (the circle example, from its Data set node)', () => {
    const file = fileURLToPath(new URL('../../assets/examples/circle.sorix.json', import.meta.url));
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const cli = spawnSync(process.execPath, ['src/cli/sorix-studio.mjs', 'train', file, '--epochs', '4', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(cli.stderr).toBe('');
    const report = JSON.parse(cli.stdout) as { epochs: { trainLoss: number; testLoss: number; trainAccuracy: number; testAccuracy: number }[] };
    const doc = example('circle.sorix.json');
    const h = harness();
    h.send({ type: 'open', session: 1, doc: { ...doc, training: { ...doc.training!, epochs: 4 } } });
    h.send({ type: 'play', session: 1 });
    h.runAll();
    const app = h.of('epochs').flatMap((r) => r.metrics);
    expect(app).toHaveLength(4);
    expect(app.map((m) => [m.trainLoss, m.testLoss, m.trainAccuracy, m.testAccuracy])).toEqual(report.epochs.map((m) => [m.trainLoss, m.testLoss, m.trainAccuracy, m.testAccuracy]));
  });

  it('Step takes one batch, Step epoch one epoch; Pause stops between slices; Play after the end changes nothing', () => {
    const doc = example('xor.sorix.json');
    const h = harness({ sliceMs: 0 });
    h.send({ type: 'open', session: 1, doc });
    h.send({ type: 'step', session: 1, unit: 'batch' });
    expect(h.of('progress').at(-1)!.progress).toMatchObject({ status: 'paused', step: 1 });
    expect(h.of('snapshot').at(-1)!.step).toBe(1);
    // The canvas gets the batch the step trained on: XOR's four examples.
    expect(h.of('snapshot').at(-1)!.batch.map((b) => [b.node, b.shape])).toEqual([['X', [4, 2]], ['y', [4, 1]]]);
    h.send({ type: 'step', session: 1, unit: 'epoch' });
    h.runAll();
    expect(h.of('progress').at(-1)!.progress).toMatchObject({ status: 'paused', epoch: 2 });

    h.send({ type: 'play', session: 1 });
    h.runOne();
    h.runOne();
    const during = h.of('progress').at(-1)!.progress;
    expect(during.status).toBe('running');
    h.send({ type: 'pause', session: 1 });
    const paused = h.of('progress').at(-1)!.progress;
    expect(paused.status).toBe('paused');
    const before = h.replies.length;
    h.runAll();
    expect(h.replies.length).toBe(before); // nothing more ran
  });

  it('changes the learning rate while it runs; refuses a bad one with a message', () => {
    const h = harness();
    h.send({ type: 'open', session: 1, doc: example('xor.sorix.json') });
    h.send({ type: 'setLr', session: 1, lr: 0.05 });
    expect(h.of('progress').at(-1)!.progress.lr).toBe(0.05);
    h.send({ type: 'setLr', session: 1, lr: -1 });
    expect(h.of('failed').at(-1)!.message).toMatch(/learning rate must be a positive number/);
  });

  it('a document that cannot train answers with the reason; requests for an old session are ignored', () => {
    const h = harness();
    h.send({ type: 'open', session: 1, doc: example('seed.sorix.json') });
    expect(h.of('failed')[0]!.message).toMatch(/no training set-up/);
    h.send({ type: 'open', session: 2, doc: example('xor.sorix.json') });
    const n = h.replies.length;
    h.send({ type: 'step', session: 1, unit: 'batch' });
    expect(h.replies.length).toBe(n);
    h.send({ type: 'close', session: 2 });
    h.send({ type: 'step', session: 2, unit: 'batch' });
    expect(h.replies.length).toBe(n);
  });
});
