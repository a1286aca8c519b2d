import { describe, expect, it } from 'vitest';
import { parseDocument, serializeDocument } from '../../src/document';
import { createEditorStore } from '../../src/store/editor-store';
import { numpyString } from '../../src/ui/numbers';
import type { Tensor } from '../../src/engine';

/** Builds the seed as a user does: three nodes from their defaults, values typed in, wired, objective chosen. */
function seed() {
  const store = createEditorStore();
  const s = () => store.getState();
  const x = s().addNode('tensor', { x: 0, y: 0 })!;
  const y = s().addNode('sigmoid', { x: 200, y: 0 })!;
  const z = s().addNode('sum', { x: 400, y: 0 })!;
  expect(s().setParams(x, { values: [-100, 0, 100] })).toBeNull();
  expect(s().connect({ node: x, port: 'out' }, { node: y, port: 'x' })).toBe(true);
  expect(s().connect({ node: y, port: 'out' }, { node: z, port: 'x' })).toBe(true);
  s().setObjective({ node: z, port: 'out' });
  return { store, s, x, y, z };
}

const str = (t: Tensor | null | undefined) => (t ? numpyString(t.data, t.shape, t.dtype) : null);
const out = (s: ReturnType<typeof seed>['s'], id: string) => s().results.nodes.get(id)?.outputs.out;

describe('editor store on the real document layer', () => {
  it('computes the seed graph as the seed page prints it', () => {
    const { s, x, y, z } = seed();
    expect(str(out(s, y)?.value)).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(str(out(s, z)?.value)).toBe('1.5');
    expect(str(out(s, x)?.grad)).toBe('[3.8e-44 2.5e-01 0.0e+00]');
    expect(s().results.objective?.node).toBe(z);
  });

  it('undo and redo walk the history and keep values consistent with the graph', () => {
    const { s, x, y } = seed();
    s().setParams(x, { values: [1, 2, 3] });
    expect(str(out(s, y)?.value)).toBe('[0.7310586  0.8807971  0.95257413]');
    s().undo();
    expect(str(out(s, y)?.value)).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(str(out(s, x)?.grad)).toBe('[3.8e-44 2.5e-01 0.0e+00]');
    s().redo();
    expect(str(out(s, y)?.value)).toBe('[0.7310586  0.8807971  0.95257413]');
    const steps = s().past.length;
    while (s().past.length) s().undo();
    expect(s().doc.nodes).toHaveLength(0);
    expect(s().results.nodes.size).toBe(0);
    while (s().future.length) s().redo();
    expect(s().past.length).toBe(steps);
    expect(str(out(s, x)?.grad)).toBe('[0.19661193 0.10499357 0.04517666]');
  });

  it('a move is one step; selection is not history', () => {
    const { s, x } = seed();
    const before = s().past.length;
    s().select([x]);
    s().moveNodes([{ id: x, position: { x: 10, y: 20 } }]);
    expect(s().past.length).toBe(before + 1);
    s().undo();
    expect(s().doc.nodes.find((n) => n.id === x)!.position).toEqual({ x: 0, y: 0 });
    expect(s().selectedNodes).toEqual([x]);
  });

  it('refuses a cycle and says why, leaving the graph as it was', () => {
    const { s, x, z } = seed();
    const add = s().addNode('add', { x: 0, y: 200 })!;
    expect(s().connect({ node: z, port: 'out' }, { node: add, port: 'a' })).toBe(true);
    const doc = s().doc;
    expect(s().connect({ node: add, port: 'out' }, { node: s().doc.nodes[1]!.id, port: 'x' })).toBe(false);
    expect(s().refusal).toMatch(/cycle/);
    expect(s().doc).toBe(doc);
    expect(x).toBeTruthy();
    // The banner stays until something else happens: an undo (or any change that goes through) clears it.
    s().undo();
    expect(s().refusal).toBeNull();
  });

  it('dims the inputs a dragged wire cannot reach, with the reason', () => {
    const { s, x, z } = seed();
    const free = s().addNode('sigmoid', { x: 600, y: 0 })!;
    s().startConnecting({ node: z, port: 'out' });
    expect(s().connecting!.refusal(s().doc.nodes[1]!.id, 'x')).toMatch(/cycle/);
    expect(s().connecting!.refusal(z, 'x')).toMatch(/itself/);
    expect(s().connecting!.refusal(free, 'x')).toBeUndefined();
    s().stopConnecting();
    expect(s().connecting).toBeNull();
    expect(x).toBeTruthy();
  });

  it('refuses a shape mismatch and names the shapes', () => {
    const { s } = seed();
    const a = s().addNode('tensor', { x: 0, y: 300 })!;
    s().setParams(a, { values: [1, 2, 3, 4], shape: [2, 2] });
    const mm = s().addNode('matmul', { x: 300, y: 300 })!;
    expect(s().connect({ node: a, port: 'out' }, { node: mm, port: 'a' })).toBe(true);
    const b = s().addNode('tensor', { x: 0, y: 400 })!;
    s().setParams(b, { values: [1, 2, 3], shape: [3] });
    expect(s().connect({ node: b, port: 'out' }, { node: mm, port: 'b' })).toBe(false);
    expect(s().refusal).toMatch(/shape/);
    expect(s().refusal).toMatch(/\(3,\)/);
  });

  it('refuses a bad parameter and leaves the document as it was', () => {
    const { s, x } = seed();
    const doc = s().doc;
    expect(s().setParams(x, { values: [1, 2] })).toMatch(/do not fill shape/);
    expect(s().doc).toBe(doc);
  });

  it('duplicate and copy/paste keep the edges inside the selection', () => {
    const { s, x, y } = seed();
    s().select([x, y]);
    s().duplicateSelection();
    expect(s().doc.nodes).toHaveLength(5);
    expect(s().doc.edges).toHaveLength(3);
    const [a, b] = s().selectedNodes;
    expect(s().doc.edges.some((e) => e.source.node === a && e.target.node === b)).toBe(true);
    s().select([x, y]);
    s().copySelection();
    s().removeSelection();
    expect(s().doc.nodes).toHaveLength(3);
    s().paste();
    expect(s().doc.nodes).toHaveLength(5);
    expect(s().doc.edges).toHaveLength(2);
  });

  it('saves and opens the same graph, and a loaded file is clean until edited', () => {
    const { s, x } = seed();
    const text = serializeDocument(s().doc);
    const r = parseDocument(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    s().load(r.document, { fileName: 'seed.sorix.json' });
    expect(serializeDocument(s().doc)).toBe(text);
    expect(s().doc).toBe(s().savedDoc);
    s().renameNode(x, 'input');
    expect(s().doc).not.toBe(s().savedDoc);
  });
});
