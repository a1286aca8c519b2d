import { describe, expect, it } from 'vitest';
import {
  CommandError, addNode, canConnect, connect, createDocument, disconnect, duplicateNodes, inferDocumentShapes, moveNodes, removeNodes,
  parseDocument, renameNode, saveDocument, serializeDocument, setMeta, setObjective, updateParams, type GraphDocument,
} from '../../src/document';
import { KindRegistry, initLinear, registry, type KindDef } from '../../src/kinds';

const at = { x: 0, y: 0 };
function chain(): GraphDocument {
  let d = createDocument({ now: '2026-01-01T00:00:00.000Z' });
  d = addNode(d, { id: 'x', kind: 'tensor', position: at, params: { values: [1, 2, 3, 4, 5, 6], shape: [2, 3] } });
  d = addNode(d, { id: 's', kind: 'sigmoid', position: at });
  d = addNode(d, { id: 'sum', kind: 'sum', position: at });
  d = connect(d, { node: 'x', port: 'out' }, { node: 's', port: 'x' });
  return connect(d, { node: 's', port: 'out' }, { node: 'sum', port: 'x' });
}

describe('graph commands', () => {
  it('are immutable: each returns a new document and leaves the old one as it was', () => {
    const d = chain();
    const before = JSON.stringify(d);
    const d2 = updateParams(d, 'x', { values: [0, 0, 0, 0, 0, 0] });
    const d3 = moveNodes(d2, [{ id: 's', position: { x: 10, y: 20 } }]);
    const d4 = removeNodes(d3, ['s']);
    expect(JSON.stringify(d)).toBe(before);
    expect(d2.nodes[1]).toBe(d.nodes[1]); // untouched nodes are shared
    expect(d3.nodes[1]!.position).toEqual({ x: 10, y: 20 });
    expect(d4.nodes.map((n) => n.id)).toEqual(['x', 'sum']);
    expect(d4.edges).toEqual([]);
  });

  it('addNode fills defaults, makes fresh ids, and refuses unknown kinds and invalid params', () => {
    let d = createDocument();
    d = addNode(d, { kind: 'sigmoid', position: at });
    d = addNode(d, { kind: 'sigmoid', position: at });
    expect(d.nodes.map((n) => n.id)).toEqual(['sigmoid1', 'sigmoid2']);
    expect(() => addNode(d, { kind: 'swish', position: at })).toThrow(/unknown node kind 'swish'/);
    expect(() => addNode(d, { kind: 'tensor', position: at, params: { shape: [2, 2] } })).toThrow(/3 values do not fill shape \(2,2\)/);
    expect(() => addNode(d, { kind: 'sigmoid', position: { x: NaN, y: 0 } })).toThrow(CommandError);
    expect(() => addNode(d, { id: 'sigmoid1', kind: 'relu', position: at })).toThrow(/already exists/);
  });

  it('updateParams validates and lets the kind keep its params consistent (Linear redraws W for new sizes)', () => {
    let d = addNode(createDocument(), { id: 'fc', kind: 'linear', position: at });
    d = updateParams(d, 'fc', { inFeatures: 3, outFeatures: 2, init: 'xavier', seed: 5 });
    const { W, b } = initLinear(3, 2, 'xavier', 5);
    expect(d.nodes[0]!.params.W).toEqual(W);
    expect(d.nodes[0]!.params.b).toEqual(b);
    // W follows the seeded Xavier scheme: N(0, 2/(in+out)) — its std over many draws is close to sqrt(2/5).
    const big = initLinear(300, 200, 'xavier', 1).W;
    const std = Math.sqrt(big.reduce((s, v) => s + v * v, 0) / big.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 500), 2);
    d = updateParams(d, 'fc', { W: [1, 2, 3, 4, 5, 6] });
    expect(d.nodes[0]!.params.W).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => updateParams(d, 'fc', { W: [1, 2] })).toThrow(/W has 2 values but shape \(3,2\) needs 6/);
    expect(() => updateParams(d, 'fc', { inFeatures: 0 })).toThrow(/at least 1/);
    expect(() => updateParams(d, 'nope', {})).toThrow(/no node 'nope'/);
  });

  it('connect replaces the edge into an input; disconnect, rename, objective, meta, duplicate', () => {
    let d = chain();
    d = addNode(d, { id: 'y', kind: 'tensor', position: at, params: { values: [0, 0, 0, 0, 0, 0], shape: [2, 3] } });
    d = connect(d, { node: 'y', port: 'out' }, { node: 's', port: 'x' });
    expect(d.edges.filter((e) => e.target.node === 's')).toEqual([{ id: 'e3', source: { node: 'y', port: 'out' }, target: { node: 's', port: 'x' } }]);
    d = disconnect(d, ['e3']);
    expect(d.edges.map((e) => e.id)).toEqual(['e2']);
    d = renameNode(d, 's', 'activation');
    expect(d.nodes[1]!.name).toBe('activation');
    expect(renameNode(d, 's', '').nodes[1]!.name).toBeUndefined();
    d = setObjective(d, { node: 'sum', port: 'out' });
    expect(() => setObjective(d, { node: 'sum', port: 'x' })).toThrow(/has no output 'x'/);
    expect(removeNodes(d, ['sum']).objective).toBeNull();
    expect(setMeta(d, { title: 'T' }).title).toBe('T');
    const dup = duplicateNodes(chain(), ['s', 'sum']);
    expect(dup.nodes.map((n) => n.id)).toEqual(['x', 's', 'sum', 'sigmoid1', 'sum1']);
    expect(dup.edges.at(-1)).toEqual({ id: 'e3', source: { node: 'sigmoid1', port: 'out' }, target: { node: 'sum1', port: 'x' } });
  });
});

describe('canConnect', () => {
  it('refuses cycles, self loops, unknown ports and shapes the target cannot take, with a plain message', () => {
    let d = chain();
    d = addNode(d, { id: 'mm', kind: 'matmul', position: at });
    d = addNode(d, { id: 'w', kind: 'tensor', position: at, params: { values: [1, 2, 3, 4], shape: [2, 2] } });
    d = addNode(d, { id: 'add', kind: 'add', position: at });
    d = connect(d, { node: 'sum', port: 'out' }, { node: 'add', port: 'a' });
    expect(canConnect(d, { node: 'add', port: 'out' }, { node: 's', port: 'x' })).toEqual({
      ok: false, reason: 'cycle', message: "this would make a cycle: Add 'add' already depends on Sigmoid 's'",
    });
    expect(canConnect(d, { node: 's', port: 'out' }, { node: 's', port: 'x' })).toMatchObject({ ok: false, reason: 'self' });
    expect(canConnect(d, { node: 's', port: 'x' }, { node: 'mm', port: 'a' })).toMatchObject({ ok: false, reason: 'port', message: "Sigmoid 's' has no output 'x'" });
    d = connect(d, { node: 'x', port: 'out' }, { node: 'mm', port: 'a' });
    expect(canConnect(d, { node: 'w', port: 'out' }, { node: 'mm', port: 'b' })).toEqual({
      ok: false, reason: 'shape', message: "MatMul 'mm' cannot take (2,2) on input 'b': cannot multiply (2,3) by (2,2): inner sizes 3 and 2 differ",
    });
    expect(() => connect(d, { node: 'w', port: 'out' }, { node: 'mm', port: 'b' })).toThrow(/inner sizes 3 and 2 differ/);
    expect(canConnect(d, { node: 's', port: 'out' }, { node: 'add', port: 'b' })).toEqual({ ok: true });
    const shapes = inferDocumentShapes(connect(d, { node: 's', port: 'out' }, { node: 'add', port: 'b' }), registry);
    expect(shapes.get('add')!.outputs.out).toEqual([2, 3]);
  });

  it('checks port types: a scalar input takes a tensor output only when it holds one value', () => {
    const half: KindDef = {
      ...registry.require('exp'), id: 'half',
      inputs: [{ id: 'c', label: 'c', type: 'scalar', description: 'A single number.' }],
      inferShapes: (i) => ({ out: i.c }),
    };
    const reg = new KindRegistry([...registry.all(), half]);
    let d = chain();
    d = addNode(d, { id: 'h', kind: 'half', position: at }, reg);
    expect(canConnect(d, { node: 'x', port: 'out' }, { node: 'h', port: 'c' }, reg)).toMatchObject({ ok: false, reason: 'type', message: expect.stringMatching(/takes a single number.*shape \(2,3\): add a Sum/) });
    expect(canConnect(d, { node: 'sum', port: 'out' }, { node: 'h', port: 'c' }, reg)).toEqual({ ok: true });
  });
});

describe('dates: created when the document is made, modified when it is saved', () => {
  /** The real clock around `f`: the oracle for "the current time". */
  function during<T>(f: () => T): { value: T; before: number; after: number } {
    const before = Date.now();
    const value = f();
    return { value, before, after: Date.now() };
  }
  const within = (iso: string, t: { before: number; after: number }): void => {
    expect(new Date(iso).toISOString()).toBe(iso);
    expect(Date.parse(iso)).toBeGreaterThanOrEqual(t.before);
    expect(Date.parse(iso)).toBeLessThanOrEqual(t.after);
  };

  it('a new document is created now (never the epoch), unless a time is given', () => {
    const t = during(() => createDocument());
    within(t.value.created, t);
    expect(t.value.modified).toBe(t.value.created);
    expect(t.value.created).not.toMatch(/^1970/);
    expect(createDocument({ now: '2026-01-01T00:00:00.000Z' }).created).toBe('2026-01-01T00:00:00.000Z');
  });

  it('saveDocument stamps modified with the time of the save, keeps created, and the file reads back as saved', () => {
    const d = chain();
    const t = during(() => saveDocument(d));
    within(t.value.document.modified, t);
    expect(t.value.document.created).toBe('2026-01-01T00:00:00.000Z');
    const file = JSON.parse(t.value.text) as { created: string; modified: string };
    expect([file.created, file.modified]).toEqual(['2026-01-01T00:00:00.000Z', t.value.document.modified]);
    const back = parseDocument(t.value.text);
    expect(back.ok && back.document).toEqual(t.value.document);
    // Deterministic with a given time; serializeDocument itself writes the document as it is.
    const fixed = saveDocument(d, { now: '2026-11-28T17:30:00.000Z' });
    expect(fixed.text).toBe(saveDocument(d, { now: '2026-11-28T17:30:00.000Z' }).text);
    expect(fixed.text).toBe(serializeDocument({ ...d, modified: '2026-11-28T17:30:00.000Z' }));
    expect(serializeDocument(d)).toContain('"modified": "2026-01-01T00:00:00.000Z"');
    expect(d.modified).toBe('2026-01-01T00:00:00.000Z'); // the document passed in is left as it was
  });

  it('a file without dates is taken as created when read (or when it says it was modified), never the epoch', () => {
    const text = serializeDocument(chain());
    const strip = (keep: 'none' | 'modified'): string => {
      const f = JSON.parse(text) as Record<string, unknown>;
      delete f.created;
      if (keep === 'none') delete f.modified;
      return JSON.stringify(f);
    };
    const given = parseDocument(strip('none'), { now: '2026-11-28T17:00:00.000Z' });
    expect(given.ok && [given.document.created, given.document.modified]).toEqual(['2026-11-28T17:00:00.000Z', '2026-11-28T17:00:00.000Z']);
    const t = during(() => parseDocument(strip('none')));
    if (!t.value.ok) throw new Error('no dates');
    within(t.value.document.created, t);
    const m = parseDocument(strip('modified'));
    expect(m.ok && [m.document.created, m.document.modified]).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
  });
});

describe('NaN and ±Infinity typed into values', () => {
  it('updateParams takes them in tensor values and a Scalar value, and refuses them in limits and counts', () => {
    let d = updateParams(chain(), 'x', { values: [1000, -1000, NaN, Infinity, -Infinity, 0] });
    expect(d.nodes[0]!.params.values).toEqual([1000, -1000, NaN, Infinity, -Infinity, 0]);
    d = addNode(d, { id: 'c', kind: 'scalar', position: at, params: { value: NaN } });
    d = updateParams(d, 'c', { value: -Infinity });
    expect(d.nodes[3]!.params.value).toBe(-Infinity);
    d = addNode(d, { id: 'lin', kind: 'linspace', position: at });
    expect(() => updateParams(d, 'lin', { start: -Infinity })).toThrow(/Start must be a finite number, not -Infinity/);
    expect(() => updateParams(d, 'lin', { steps: NaN })).toThrow(/must be a finite number, not NaN/);
    expect(() => updateParams(d, 'x', { values: [1, 2, 3, 4, 5, 'NaN' as unknown as number] })).toThrow(/value 5 must be a number \(or NaN, Infinity, -Infinity\), not "NaN"/);
    // Saved and read back: the same numbers.
    const back = parseDocument(serializeDocument(d));
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.document).toEqual(d);
  });
});
