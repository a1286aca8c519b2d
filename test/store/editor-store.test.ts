import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../../src/store/editor-store';
import { parse, serialize } from '../../src/store/doc-api';
import { numpyString } from '../../src/ui/numbers';

function seed() {
  const store = createEditorStore();
  const s = () => store.getState();
  const x = s().addNode('tensor', { x: 0, y: 0 });
  const y = s().addNode('sigmoid', { x: 200, y: 0 });
  const z = s().addNode('sum', { x: 400, y: 0 });
  s().setParam(x, 'value', { values: [-100, 0, 100], shape: [3], dtype: 'float32' });
  expect(s().connect({ node: x, port: 'out' }, { node: y, port: 'x' })).toBe(true);
  expect(s().connect({ node: y, port: 'out' }, { node: z, port: 'x' })).toBe(true);
  s().setObjective(z);
  return { store, s, x, y, z };
}

const str = (t: { data: Float32Array | Float64Array; shape: readonly number[]; dtype: 'float32' | 'float64' } | null | undefined) =>
  t ? numpyString(t.data, t.shape, t.dtype) : null;

describe('editor store', () => {
  it('computes the seed graph as the seed page prints it', () => {
    const { s, x, y, z } = seed();
    const r = s().results;
    expect(str(r.get(y)!.value)).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(str(r.get(z)!.value)).toBe('1.5');
    expect(str(r.get(x)!.grad)).toBe('[3.8e-44 2.5e-01 0.0e+00]');
  });

  it('undo and redo walk the history and keep values consistent with the graph', () => {
    const { s, x, y } = seed();
    s().setParam(x, 'value', { values: [1, 2, 3], shape: [3], dtype: 'float32' });
    expect(str(s().results.get(y)!.value)).toBe('[0.7310586  0.8807971  0.95257413]');
    s().undo();
    expect(str(s().results.get(y)!.value)).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(str(s().results.get(x)!.grad)).toBe('[3.8e-44 2.5e-01 0.0e+00]');
    s().redo();
    expect(str(s().results.get(y)!.value)).toBe('[0.7310586  0.8807971  0.95257413]');
    // Undo all the way to the empty canvas, then forward again.
    while (s().past.length) s().undo();
    expect(s().doc.nodes).toHaveLength(0);
    while (s().future.length) s().redo();
    expect(s().doc.nodes).toHaveLength(3);
  });

  it('a move is one step and selection is not history', () => {
    const { s, x } = seed();
    const before = s().past.length;
    s().select([x]);
    s().moveNodes(new Map([[x, { x: 10, y: 20 }]]));
    expect(s().past.length).toBe(before + 1);
    s().undo();
    expect(s().doc.nodes.find((n) => n.id === x)!.position).toEqual({ x: 0, y: 0 });
    expect(s().selectedNodes).toEqual([x]);
  });

  it('refuses a cycle and says why, leaving the graph as it was', () => {
    const { s, x, z } = seed();
    const doc = s().doc;
    s().addNode('add', { x: 0, y: 200 });
    const add = s().doc.nodes.at(-1)!.id;
    expect(s().connect({ node: z, port: 'out' }, { node: add, port: 'a' })).toBe(true);
    expect(s().connect({ node: add, port: 'out' }, { node: x === add ? z : s().doc.nodes[1]!.id, port: 'x' })).toBe(false);
    expect(s().refusal).toMatch(/cycle/);
    expect(doc.nodes).toHaveLength(3);
  });

  it('refuses a shape mismatch with both shapes', () => {
    const { s, y } = seed();
    const t = s().addNode('tensor', { x: 0, y: 300 });
    s().setParam(t, 'value', { values: [1, 2, 3, 4], shape: [2, 2], dtype: 'float32' });
    const mm = s().addNode('matmul', { x: 300, y: 300 });
    expect(s().connect({ node: t, port: 'out' }, { node: mm, port: 'a' })).toBe(true);
    const t2 = s().addNode('tensor', { x: 0, y: 400 });
    s().connect({ node: t2, port: 'out' }, { node: mm, port: 'b' });
    expect(s().refusal).toMatch(/shape/);
    expect(y).toBeTruthy();
  });

  it('duplicate keeps the edges inside the selection', () => {
    const { s, x, y } = seed();
    s().select([x, y]);
    s().duplicateSelection();
    expect(s().doc.nodes).toHaveLength(5);
    expect(s().doc.edges).toHaveLength(3);
    const [a, b] = s().selectedNodes;
    expect(s().doc.edges.some((e) => e.source.node === a && e.target.node === b)).toBe(true);
  });

  it('saves and opens the same graph', () => {
    const { s } = seed();
    const text = serialize(s().doc);
    const r = parse(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(serialize(r.doc)).toBe(text);
  });
});
