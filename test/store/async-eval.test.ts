import { describe, expect, it } from 'vitest';
import * as D from '../../src/document';
import { registry } from '../../src/kinds';
import { ASYNC_THRESHOLD_OPS, createEditorStore, type EditorStore } from '../../src/store/editor-store';
import { estimateCost } from '../../src/store/cost';
import { createEvalHost, fromWire, handleRunnerRequest, type RunnerReply } from '../../src/runtime/eval-protocol';
import { createInProcessRunner } from '../../src/runtime/eval-runner';
import { numpyString } from '../../src/ui/numbers';
import type { Tensor } from '../../src/engine';

const str = (t: Tensor | null | undefined) => (t ? numpyString(t.data, t.shape, t.dtype) : null);

/** Random (n, n) → MatMul with itself → Sum (the objective). */
function matmulDoc(n: number, seed = 0): D.GraphDocument {
  let doc = D.createDocument();
  doc = D.addNode(doc, { kind: 'randomTensor', position: { x: 0, y: 0 }, id: 'r' });
  doc = D.updateParams(doc, 'r', { shape: [n, n], requiresGrad: true, seed });
  doc = D.addNode(doc, { kind: 'matmul', position: { x: 200, y: 0 }, id: 'mm' });
  doc = D.addNode(doc, { kind: 'sum', position: { x: 400, y: 0 }, id: 's' });
  doc = D.connect(doc, { node: 'r', port: 'out' }, { node: 'mm', port: 'a' });
  doc = D.connect(doc, { node: 'r', port: 'out' }, { node: 'mm', port: 'b' });
  doc = D.connect(doc, { node: 'mm', port: 'out' }, { node: 's', port: 'x' });
  return D.setObjective(doc, { node: 's', port: 'out' });
}

/** Waits until no off-thread evaluation is running. */
async function settled(store: EditorStore): Promise<void> {
  for (let i = 0; i < 500 && store.getState().evalStatus.state === 'running'; i++) await new Promise((r) => setTimeout(r, 5));
  expect(store.getState().evalStatus.state).not.toBe('running');
}

/** What a synchronous evaluation gives for the same document: the reference. */
function reference(doc: D.GraphDocument) {
  return D.evaluateDocument(doc);
}

function expectSameResults(a: D.EvaluationResult, b: D.EvaluationResult) {
  expect([...a.nodes.keys()].sort()).toEqual([...b.nodes.keys()].sort());
  for (const [id, r] of b.nodes) {
    const o = a.nodes.get(id)!;
    expect(o.status).toBe(r.status);
    expect(o.error).toEqual(r.error);
    for (const [port, p] of Object.entries(r.outputs)) {
      const q = o.outputs[port]!;
      expect(q.shape).toEqual(p.shape);
      expect(q.dtype).toBe(p.dtype);
      expect(q.value.dtype).toBe(p.dtype);
      expect(Array.from(q.value.data)).toEqual(Array.from(p.value.data));
      expect(q.grad ? Array.from(q.grad.data) : null).toEqual(p.grad ? Array.from(p.grad.data) : null);
      expect(q.stats).toEqual(p.stats);
      expect(q.gradStats).toEqual(p.gradStats);
    }
  }
  expect(a.objective).toEqual(b.objective);
  expect(a.objectiveMessage).toBe(b.objectiveMessage);
}

describe('cost estimate', () => {
  it('counts matmul as 2·m·k·n and keeps an ordinary graph far below the threshold', () => {
    const small = estimateCost(matmulDoc(4), null, registry);
    expect(small.dirty).toBe(3);
    expect(small.ops).toBeLessThan(ASYNC_THRESHOLD_OPS / 1000);
    const big = estimateCost(matmulDoc(1000), null, registry);
    // Forward 2·10⁹, backward twice the whole graph.
    expect(big.ops).toBeGreaterThan(6e9);
    expect(big.ops).toBeGreaterThan(ASYNC_THRESHOLD_OPS);
  });

  it('counts only what must run again: a move costs nothing, a changed source costs its downstream', () => {
    const doc = matmulDoc(1000);
    const moved = D.moveNodes(doc, [{ id: 's', position: { x: 10, y: 10 } }]);
    expect(estimateCost(moved, doc, registry)).toEqual({ ops: 0, dirty: 0 });
    const edited = D.updateParams(doc, 'r', { seed: 7 });
    expect(estimateCost(edited, doc, registry).dirty).toBe(3);
    const renamedSum = D.renameNode(doc, 's', 'total');
    const est = estimateCost(renamedSum, doc, registry);
    expect(est.dirty).toBe(1);
    // Only the sum's forward pass, but the backward pass over the whole graph runs again.
    expect(est.ops).toBeGreaterThan(4e9);
  });

  it('costs nothing for an output the evaluator refuses (over the element limit)', () => {
    let doc = matmulDoc(4);
    doc = D.updateParams(doc, 'r', { shape: [5000, 1] });
    doc = D.addNode(doc, { kind: 'randomTensor', position: { x: 0, y: 100 }, id: 'row' });
    doc = D.updateParams(doc, 'row', { shape: [1, 5000] });
    doc = D.addNode(doc, { kind: 'add', position: { x: 0, y: 200 }, id: 'huge' });
    doc = D.connect(doc, { node: 'r', port: 'out' }, { node: 'huge', port: 'a' });
    doc = D.connect(doc, { node: 'row', port: 'out' }, { node: 'huge', port: 'b' });
    expect(estimateCost(doc, null, registry).ops).toBeLessThan(ASYNC_THRESHOLD_OPS);
  });
});

describe('the worker message handler', () => {
  it('posts progress between nodes, then a result equal to a synchronous evaluation', () => {
    const host = createEvalHost();
    const doc = matmulDoc(8);
    const replies: RunnerReply[] = [];
    const transfers: ArrayBuffer[][] = [];
    handleRunnerRequest(host, { type: 'evaluate', seq: 1, doc: structuredClone(doc) }, (r, t) => { replies.push(r); transfers.push(t ?? []); });
    const progress = replies.filter((r) => r.type === 'progress');
    expect(progress.map((r) => r.type === 'progress' && `${r.progress.phase} ${r.progress.done + 1}/${r.progress.total}`)).toEqual([
      'forward 1/3', 'forward 2/3', 'forward 3/3', 'backward 1/3', 'backward 2/3',
    ]);
    const last = replies.at(-1)!;
    expect(last.type).toBe('result');
    if (last.type !== 'result') return;
    expect(last.seq).toBe(1);
    // Values travel as copies of their own (never a view into an engine slab), and are transferred.
    expect(transfers.at(-1)!.length).toBe(6);
    for (const n of last.result.nodes) for (const p of Object.values(n.outputs)) expect(p.data.byteOffset).toBe(0);
    expectSameResults(fromWire(structuredClone(last.result)), reference(doc));
  });

  it('keeps its cache warm across posted copies: an unchanged node is not computed again', () => {
    const host = createEvalHost();
    const doc = matmulDoc(8);
    const run = (d: D.GraphDocument, seq: number) => {
      let result: D.EvaluationResult | null = null;
      handleRunnerRequest(host, { type: 'evaluate', seq, doc: structuredClone(d) }, (r) => { if (r.type === 'result') result = fromWire(r.result); });
      return result! as D.EvaluationResult;
    };
    expect(run(doc, 1).recomputed).toBe(3);
    expect(run(D.moveNodes(doc, [{ id: 'mm', position: { x: 1, y: 1 } }]), 2).recomputed).toBe(0);
    const renamed = D.renameNode(doc, 's', 'total');
    const r = run(renamed, 3);
    expect(r.recomputed).toBe(1);
    expectSameResults(r, reference(renamed));
    handleRunnerRequest(host, { type: 'reset' }, () => {});
    expect(run(renamed, 4).recomputed).toBe(3);
  });

  it('reports a failure instead of throwing', () => {
    const host = createEvalHost();
    const replies: RunnerReply[] = [];
    handleRunnerRequest(host, { type: 'evaluate', seq: 9, doc: { ...matmulDoc(2), nodes: null as never } }, (r) => replies.push(r));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.type).toBe('failed');
  });
});

describe('editor store with an off-thread runner (the in-process runner: the same handler and evaluator)', () => {
  const heavyStore = () => {
    const store = createEditorStore(undefined, { runner: createInProcessRunner(), threshold: 10_000 });
    return { store, s: () => store.getState() };
  };

  it('keeps the synchronous path below the threshold', () => {
    const { s } = heavyStore();
    const id = s().addNode('tensor', { x: 0, y: 0 })!;
    expect(s().evalStatus.state).toBe('current');
    expect(s().results.nodes.get(id)?.status).toBe('ok');
  });

  it('runs heavy work off the store, showing the previous results as stale, then the new ones with progress on the way', async () => {
    const { store, s } = heavyStore();
    const seen: string[] = [];
    store.subscribe((st) => { const p = st.evalStatus.progress; if (p) seen.push(`${p.phase} ${p.done + 1}/${p.total}`); });
    const before = s().results;
    s().load(matmulDoc(40), { fileName: 'heavy.sorix.json' });
    expect(s().evalStatus.state).toBe('running');
    expect(s().evalStatus.ops).toBeGreaterThan(10_000);
    expect(s().results).toBe(before);
    await settled(store);
    expect(s().evalStatus.state).toBe('current');
    expect(seen).toContain('forward 2/3');
    expect(seen).toContain('backward 1/3');
    expectSameResults(s().results, reference(s().doc));
  });

  it('a newer change supersedes a running evaluation; undo and redo end consistent with the graph', async () => {
    const { store, s } = heavyStore();
    s().load(matmulDoc(30), { fileName: 'heavy.sorix.json' });
    s().setParams('r', { seed: 1 });
    s().setParams('r', { seed: 2 });
    s().setParams('r', { seed: 3 });
    await settled(store);
    expectSameResults(s().results, reference(s().doc));
    s().undo();
    s().undo();
    await settled(store);
    expect(s().doc.nodes.find((n) => n.id === 'r')!.params.seed).toBe(1);
    expectSameResults(s().results, reference(s().doc));
    s().redo();
    await settled(store);
    expectSameResults(s().results, reference(s().doc));
    // A small change after a heavy one: synchronous, and its result wins over the older heavy one still on its way.
    s().setParams('r', { seed: 4 });
    expect(s().evalStatus.state).toBe('running');
    s().setParams('r', { shape: [2, 2] });
    expect(s().evalStatus.state).toBe('current');
    await new Promise((r) => setTimeout(r, 50));
    expect(s().evalStatus.state).toBe('current');
    expectSameResults(s().results, reference(s().doc));
  });

  it('Stop leaves the results from before the last change, then a small edit is live again', async () => {
    const { store, s } = heavyStore();
    const small = D.updateParams(matmulDoc(2), 'r', { seed: 5 });
    s().load(small, { fileName: 'small.sorix.json' });
    // The threshold of this store is low, so even this evaluates off-thread: wait for it.
    await settled(store);
    const shown = s().results;
    s().setParams('r', { shape: [50, 50] });
    expect(s().evalStatus.state).toBe('running');
    s().stopEvaluation();
    expect(s().evalStatus.state).toBe('stopped');
    await new Promise((r) => setTimeout(r, 30));
    expect(s().evalStatus.state).toBe('stopped');
    expect(s().results).toBe(shown);
    // Stopping again does nothing.
    s().stopEvaluation();
    expect(s().evalStatus.state).toBe('stopped');
    s().setParams('r', { shape: [1, 1] });
    await settled(store);
    expect(s().evalStatus.state).toBe('current');
    expectSameResults(s().results, reference(s().doc));
    expect(str(s().results.nodes.get('mm')?.outputs.out?.value)).toBe(str(reference(s().doc).nodes.get('mm')!.outputs.out!.value));
  });

  it('with the real threshold: a 32×32 MatMul stays synchronous, a 600×600 one goes off-thread', () => {
    const store = createEditorStore(undefined, { runner: createInProcessRunner() });
    store.getState().load(matmulDoc(32), { fileName: 'a' });
    expect(store.getState().evalStatus.state).toBe('current');
    store.getState().load(matmulDoc(600), { fileName: 'b' });
    expect(store.getState().evalStatus.state).toBe('running');
    store.getState().stopEvaluation();
  });
});
