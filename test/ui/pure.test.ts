import { describe, expect, it } from 'vitest';
import { addNode, canConnect, connect, createDocument, parseDocument, tensorStats } from '../../src/document';
import { fmtShape } from '../../src/engine';
import { registry } from '../../src/kinds';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEditorStore } from '../../src/store/editor-store';
import { syncFlowNodes, toFlowEdges } from '../../src/ui/canvas/adapter';
import { crowded } from '../../src/ui/canvas/auto-layout';
import { activationCurve, niceBound } from '../../src/ui/charts/curve';
import { histogram, indexLabel } from '../../src/ui/charts/series';
import { fullPrecisionString, numpyString, parseGridText, parseTensorText, statsText } from '../../src/ui/numbers';
import { filterPalette } from '../../src/ui/palette/filter';
import { commandForKey } from '../../src/ui/shortcuts';

describe('numbers typed and pasted by people', () => {
  it('reads bracketed, nested and plain lists', () => {
    expect(parseTensorText('[-100, 0, 100]')).toEqual({ values: [-100, 0, 100], shape: [3] });
    expect(parseTensorText('[[1, 2], [3, 4], [5, 6]]')).toEqual({ values: [1, 2, 3, 4, 5, 6], shape: [3, 2] });
    expect(parseTensorText('1e-3 2.5 -4')).toEqual({ values: [0.001, 2.5, -4], shape: [3] });
    expect(parseTensorText('[[1, 2], [3]]')).toEqual({ error: 'Rows have different lengths.' });
    expect('error' in parseTensorText('[1, x]')).toBe(true);
  });
  it('reads a block pasted from a spreadsheet or CSV, and names a bad cell', () => {
    expect(parseGridText('1\t2\t3\n4\t5\t6\n')).toEqual({ rows: [[1, 2, 3], [4, 5, 6]] });
    expect(parseGridText('1,2\r\n3,4')).toEqual({ rows: [[1, 2], [3, 4]] });
    expect(parseGridText('1;2\n3;oops')).toEqual({ error: 'Row 2, column 2: “oops” is not a number.' });
    expect(parseGridText('1,2\n3')).toMatchObject({ error: expect.stringContaining('same count') });
  });
  // Every expected string below is what NumPy 2 prints with np.set_printoptions(floatmode='unique') (and linewidth).
  it('prints full precision as NumPy does with floatmode=unique: shortest round-trip digits in NumPy layout', () => {
    const f64 = (a: number[], shape = [a.length], w?: number) => fullPrecisionString(new Float64Array(a), shape, 'float64', w);
    expect(f64([1, 2, 3])).toBe('[1. 2. 3.]');
    expect(f64([0.1, 0.1 + 0.2])).toBe('[0.1                 0.30000000000000004]');
    expect(fullPrecisionString(new Float32Array([0.1, 1 / 3]), [2], 'float32')).toBe('[0.1        0.33333334]');
    expect(f64([Infinity, -Infinity, 0])).toBe('[ inf -inf   0.]');
    expect(f64([1e-300, -1.5e-7])).toBe('[ 1.0e-300 -1.5e-007]');
    expect(f64([-0.49224123456789, 1.25, 3, 4], [2, 2])).toBe('[[-0.49224123456789  1.25            ]\n [ 3.                4.              ]]');
    expect(f64([0.1, -2.5e-5, NaN, 1e3], [2, 2])).toBe('[[ 1.0e-01 -2.5e-05]\n [     nan  1.0e+03]]');
    expect(fullPrecisionString(new Float32Array([3e6, 1.5, 7]), [3], 'float32')).toBe('[3.0e+06 1.5e+00 7.0e+00]');
    expect(f64(Array.from({ length: 8 }, (_, i) => i / 7), [8], 40)).toBe(
      '[0.\n 0.14285714285714285\n 0.2857142857142857\n 0.42857142857142855\n 0.5714285714285714\n 0.7142857142857143\n 0.8571428571428571\n 1.                 ]');
    expect(f64(Array.from({ length: 2000 }, (_, i) => i / 7))).toBe(
      '[0.0000000000000000e+00 1.4285714285714285e-01 2.8571428571428570e-01 ...\n 2.8528571428571428e+02 2.8542857142857144e+02 2.8557142857142856e+02]');
    expect(fullPrecisionString(new Float64Array([0.1 + 0.2]), [], 'float64')).toBe('0.30000000000000004');
  });
  it('wraps the NumPy print at a narrower line width as NumPy does', () => {
    // np.set_printoptions(linewidth=30); str(np.arange(10) / 3)
    expect(numpyString(new Float64Array(Array.from({ length: 10 }, (_, i) => i / 3)), [10], 'float64', 30)).toBe(
      '[0.         0.33333333\n 0.66666667 1.\n 1.33333333 1.66666667\n 2.         2.33333333\n 2.66666667 3.        ]');
  });
  it('says what statistics are over: the finite values, with the others counted', () => {
    const st = (a: number[]) => statsText(tensorStats(new Float64Array(a)), 'float64');
    expect(st([1, 2, 3])).toBe('min 1.0 · max 3.0 · mean 2.0 · std 0.816496580927726');
    expect(st([Infinity, -Infinity, 0])).toBe('min 0.0 · max 0.0 · mean 0.0 · std 0.0 (over 1 finite of 3) · 1 inf, 1 \u2212inf');
    expect(st([NaN, NaN, Infinity])).toBe('no finite values · 2 nan, 1 inf');
  });
});

describe('charts', () => {
  it('plots the kind’s own function over a range that takes in every input', () => {
    const sigmoid = registry.get('sigmoid')!;
    const c = activationCurve(sigmoid.scalar!, {}, [-100, 0, 100], [3.8e-44, 0.5, 1]);
    expect(c.range).toEqual([-120, 120]);
    expect(c.marks).toEqual([{ x: -100, f: 3.8e-44, df: sigmoid.scalar!.df(-100, {}) }, { x: 0, f: 0.5, df: 0.25 }, { x: 100, f: 1, df: 0 }]);
    expect(activationCurve(sigmoid.scalar!, {}, [1, 2], [0.7, 0.8]).range).toEqual([...sigmoid.scalar!.domain]);
    expect(niceBound(105)).toBe(120);
  });
  it('bins values and labels elements', () => {
    const bins = histogram([0, 0.1, 0.9, 1, NaN, Infinity], 2);
    expect(bins.map((b) => b.count)).toEqual([2, 2]);
    expect(indexLabel(5, [2, 3])).toBe('[1,2]');
  });
});

describe('canvas adapter', () => {
  const text = readFileSync(join(import.meta.dirname, '../../assets/examples/seed.sorix.json'), 'utf8');
  it('reuses unchanged nodes and edges, rebuilds changed ones', () => {
    const r = parseDocument(text);
    if (!r.ok) throw new Error('seed does not parse');
    const store = createEditorStore(r.document);
    const s = store.getState();
    const nodes = syncFlowNodes([], s.doc, []);
    const edges = toFlowEdges(s.doc, s.results, []);
    expect(edges.map((e) => e.data?.shape)).toEqual(['(3,)', '(3,)']);
    s.renameNode('sum', 'loss');
    const t = store.getState();
    const nodes2 = syncFlowNodes(nodes, t.doc, []);
    expect(nodes2[0]).toBe(nodes[0]);
    expect(nodes2[2]).not.toBe(nodes[2]);
    expect(toFlowEdges(t.doc, t.results, [], edges)[0]).toBe(edges[0]);
  });
  it('labels wires with shapes written as every message writes them, a 0-d result included', () => {
    const at = { x: 0, y: 0 };
    let d = addNode(createDocument({ now: '2026-01-02T03:04:05.000Z' }), { id: 'x', kind: 'tensor', position: at, params: { values: [1, 2, 3, 4, 5, 6], shape: [2, 3] } });
    d = addNode(d, { id: 's', kind: 'sum', position: at });
    d = addNode(d, { id: 'e', kind: 'exp', position: at });
    d = connect(connect(d, { node: 'x', port: 'out' }, { node: 's', port: 'x' }), { node: 's', port: 'out' }, { node: 'e', port: 'x' });
    const labels = toFlowEdges(d, createEditorStore(d).getState().results, []).map((e) => e.data?.shape);
    expect(labels).toEqual(['(2,3)', '()']);
    // A refusal names the shapes with the same text as the wires.
    d = addNode(d, { id: 'loss', kind: 'mseLoss', position: at });
    d = connect(d, { node: 'x', port: 'out' }, { node: 'loss', port: 'prediction' });
    expect(canConnect(d, { node: 's', port: 'out' }, { node: 'loss', port: 'target' }).ok).toBe(false);
    expect(canConnect(d, { node: 's', port: 'out' }, { node: 'loss', port: 'target' })).toMatchObject({ message: expect.stringContaining('prediction (2,3) and target () must have the same shape') });
    expect([fmtShape([2, 3]), fmtShape([])]).toEqual(labels);
  });
  it('finds crowded layouts', () => {
    expect(crowded([{ x: 0, y: 0, width: 210, height: 80 }, { x: 220, y: 0, width: 210, height: 80 }])).toBe(true);
    expect(crowded([{ x: 0, y: 0, width: 210, height: 80 }, { x: 300, y: 0, width: 210, height: 80 }])).toBe(false);
  });
});

describe('palette and keys', () => {
  it('filters the registry’s sections by every word', () => {
    const all = filterPalette(registry.palette(), '');
    expect(all.map(([label]) => label)).toEqual(['Sources', 'Activations', 'Maths', 'Layers', 'Losses']);
    const [section, kinds] = filterPalette(registry.palette(), 'sigmoid').find(([l]) => l === 'Activations')!;
    expect([section, kinds[0]]).toEqual(['Activations', registry.get('sigmoid')]);
    expect(filterPalette(registry.palette(), 'zzz')).toEqual([]);
  });
  it('maps keys to commands, leaving text fields their own keys', () => {
    const k = (key: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });
    expect(commandForKey(k('z', { ctrlKey: true }), false)).toBe('edit:undo');
    expect(commandForKey(k('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('edit:redo');
    expect(commandForKey(k('y', { metaKey: true }), false)).toBe('edit:redo');
    expect(commandForKey(k('?', { shiftKey: true }), false)).toBe('help:shortcuts');
    expect(commandForKey(k('Delete'), false)).toBe('edit:delete');
    expect(commandForKey(k('Delete'), true)).toBeNull();
    expect(commandForKey(k('z', { ctrlKey: true }), true)).toBeNull();
    expect(commandForKey(k('s', { ctrlKey: true }), true)).toBe('file:save');
  });
});
