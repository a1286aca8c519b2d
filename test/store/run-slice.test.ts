import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument, type GraphDocument } from '../../src/document';
import { createEditorStore } from '../../src/store/editor-store';
import { train } from '../../src/train';

function example(name: string): GraphDocument {
  const r = parseDocument(readFileSync(new URL(`../../assets/examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

const W = (doc: GraphDocument, node: string): readonly number[] => doc.nodes.find((n) => n.id === node)!.params.W as readonly number[];
const shownW = (s: ReturnType<ReturnType<typeof createEditorStore>['getState']>, node: string): number[] =>
  Array.from(s.results.nodes.get(node)!.params.W!.value.data);

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the run slice (training beside the document)', () => {
  it('a step trains the run and the canvas shows its weights; the document and its history stay as they were', () => {
    const doc = example('xor.sorix.json');
    const store = createEditorStore(doc);
    store.getState().trainStep('batch');
    const s = store.getState();
    expect(s.run!.step).toBe(1);
    expect(s.doc).toBe(doc);
    expect(s.past).toHaveLength(0);
    expect(shownW(s, 'hidden')).not.toEqual(Array.from(Float32Array.from(W(doc, 'hidden'))));
  });

  it('with a frame scheduler, a run’s news reaches the store at most once per frame, all of it, in order', async () => {
    const doc = example('xor.sorix.json');
    const frames: (() => void)[] = [];
    const store = createEditorStore(doc, { trainFrame: (flush) => { frames.push(flush); } });
    let updates = 0;
    store.subscribe(() => { updates++; });
    store.getState().trainPlay();
    // The worker side reports on its own timers; nothing reaches the run until a frame comes.
    await new Promise((r) => setTimeout(r, 300));
    expect(frames.length).toBe(1);
    const before = updates;
    expect(store.getState().run!.epochs).toHaveLength(0);
    frames.shift()!();
    expect(updates - before).toBeLessThanOrEqual(2); // the run patch, and the re-evaluation of the canvas
    const epochs = store.getState().run!.epochs;
    expect(epochs.length).toBeGreaterThan(0);
    expect(epochs.map((e) => e.epoch)).toEqual(epochs.map((_, i) => i + 1));
    // Let it finish, one frame at a time: the last frame brings the end.
    await until(() => { frames.splice(0).forEach((f) => f()); return store.getState().run?.status === 'done'; });
    expect(store.getState().run!.epochs).toHaveLength(doc.training!.epochs);
  });

  it('keeps the trained weights as one undoable step; undo returns the document’s weights and resets the run', async () => {
    const doc = example('xor.sorix.json');
    const store = createEditorStore(doc);
    store.getState().trainPlay();
    await until(() => store.getState().run?.status === 'done');
    const s = store.getState();
    const direct = train(doc).trainer.snapshot().find((p) => p.node === 'hidden' && p.param === 'W')!;
    expect(shownW(s, 'hidden')).toEqual(Array.from(Float32Array.from(direct.values)));
    expect(s.run!.epochs).toHaveLength(doc.training!.epochs);
    expect(s.run!.epochs.at(-1)!.trainAccuracy).toBe(1);

    s.keepTrainedWeights();
    const kept = store.getState();
    expect(kept.past).toHaveLength(1);
    expect(Float32Array.from(W(kept.doc, 'hidden'))).toEqual(Float32Array.from(direct.values));
    expect(kept.run).not.toBeNull(); // the run goes on from the weights it wrote

    kept.undo();
    const undone = store.getState();
    expect(W(undone.doc, 'hidden')).toEqual(W(doc, 'hidden'));
    expect(undone.run).toBeNull();
    expect(undone.runNotice).toMatch(/training run was reset/);
    expect(shownW(undone, 'hidden')).toEqual(Array.from(Float32Array.from(W(doc, 'hidden'))));
    undone.redo();
    expect(Float32Array.from(W(store.getState().doc, 'hidden'))).toEqual(Float32Array.from(direct.values));
  });

  it('moving a node keeps the run; changing the learning rate reaches the running run; other edits reset it', () => {
    const store = createEditorStore(example('xor.sorix.json'));
    store.getState().trainStep('batch');
    store.getState().moveNodes([{ id: 'hidden', position: { x: 5, y: 5 } }]);
    expect(store.getState().run).not.toBeNull();
    store.getState().setTraining({ optimizer: { ...store.getState().doc.training!.optimizer, lr: 0.01 } });
    expect(store.getState().run!.progress!.lr).toBe(0.01);
    store.getState().setTraining({ batchSize: 2 });
    expect(store.getState().run).toBeNull();
  });

  it('Reset forgets the run: the canvas shows the document again', () => {
    const doc = example('xor.sorix.json');
    const store = createEditorStore(doc);
    store.getState().trainStep('batch');
    store.getState().trainReset();
    const s = store.getState();
    expect(s.run).toBeNull();
    expect(shownW(s, 'hidden')).toEqual(Array.from(Float32Array.from(W(doc, 'hidden'))));
  });

  it('a document without a training set-up says why it cannot train', () => {
    const store = createEditorStore(example('seed.sorix.json'));
    store.getState().trainPlay();
    expect(store.getState().run).toMatchObject({ status: 'failed' });
    expect(store.getState().run!.message).toMatch(/no training set-up/);
  });
});
