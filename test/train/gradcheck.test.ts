import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateDocument, parseDocument, type GraphDocument } from '../../src/document';
import { BUILTINS, loadBuiltin, type BuiltinName } from '../../src/data';
import type { KindRegistry } from '../../src/kinds';
import { checkDocument, checkGraph, checkNode, relativeError, runSliced, runToEnd, type GradCheckReport } from '../../src/train/gradcheck';
import { plantedRegistry } from './planted-kind';

beforeAll(() => Promise.all((Object.keys(BUILTINS) as BuiltinName[]).map((name) => loadBuiltin(name))));

const dir = new URL('../../assets/examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.sorix.json'));

/** The seed example with its nodes changed: the Sigmoid's kind and x's values. */
function seedWith(kind: string, values: number[], reg?: KindRegistry): GraphDocument {
  const file = JSON.parse(readFileSync(new URL('seed.sorix.json', dir), 'utf8'));
  file.graph.nodes[0].params.values = values;
  file.graph.nodes[0].params.shape = [values.length];
  file.graph.nodes[1].kind = kind;
  const r = parseDocument(JSON.stringify(file), reg ? { registry: reg } : {});
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}

function check(doc: GraphDocument, reg?: KindRegistry): GradCheckReport {
  return runToEnd(checkDocument(doc, evaluateDocument(doc, reg), reg ? { registry: reg } : {}));
}

describe('the gradient check', () => {
  it('defines the relative error as |a − n| / max(|a| + |n|, 1e-8)', () => {
    expect(relativeError(1, 1)).toBe(0);
    expect(relativeError(2, 1)).toBeCloseTo(1 / 3, 15);
    expect(relativeError(1e-12, 0)).toBeCloseTo(1e-4, 15);
    expect(relativeError(NaN, 1)).toBe(Infinity);
    expect(relativeError(Infinity, Infinity)).toBe(0);
  });

  it.each(examples)('passes on the example %s with a largest relative error ≤ 1e-6', (name) => {
    const r = parseDocument(readFileSync(new URL(name, dir), 'utf8'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const report = check(r.document);
    expect(report.nodes.length).toBeGreaterThan(0);
    for (const n of report.nodes) {
      expect(n.error, n.id).toBeUndefined();
      for (const c of n.inputs) {
        expect(c.maxRelError, `${n.id} ${c.input}`).toBeLessThanOrEqual(1e-6);
        if (!c.skipped) expect(c.checked, `${n.id} ${c.input}`).toBeGreaterThan(0);
      }
    }
    expect(report.graph.error).toBeUndefined();
    expect(report.graph.skipped).toBeUndefined();
    expect(report.graph.leaves.length).toBeGreaterThan(0);
    for (const c of report.graph.leaves) expect(c.maxRelError, `graph ${c.id} ${c.input}`).toBeLessThanOrEqual(1e-6);
    expect(report.ok).toBe(true);
  });

  it('checks every node with an input or trainable param, each input and param, and the objective w.r.t. every leaf', () => {
    const r = parseDocument(readFileSync(new URL('xor.sorix.json', dir), 'utf8'));
    if (!r.ok) throw new Error('xor');
    const report = check(r.document);
    expect(report.nodes.map((n) => n.id)).toEqual(['hidden', 'tanh', 'output', 'sigmoid', 'loss']);
    expect(report.nodes[0]!.inputs.map((c) => c.input)).toEqual(['x', 'W', 'b']);
    // The BCE loss's target is a label: the kind gives it no gradient, so it is named as skipped, not compared.
    const target = report.nodes[4]!.inputs.find((c) => c.input === 'target')!;
    expect(target.skipped).toMatch(/no gradient/);
    expect(target.checked).toBe(0);
    expect(report.graph.objective).toEqual({ node: 'loss', port: 'loss' });
    expect(report.graph.leaves.map((c) => `${c.id}.${c.input}`)).toEqual(['hidden.W', 'hidden.b', 'output.W', 'output.b']);
  });

  it('fails a planted wrong gradient (x instead of 2x), per node and for the whole graph', () => {
    const doc = seedWith('plantedSquare', [-1.5, 0.5, 2], plantedRegistry);
    const report = check(doc, plantedRegistry);
    expect(report.ok).toBe(false);
    const planted = report.nodes.find((n) => n.id === 'sigmoid')!;
    expect(planted.ok).toBe(false);
    // analytic x against numeric 2x: |x − 2x| / (|x| + |2x|) = 1/3 for every element.
    expect(planted.inputs[0]!.maxRelError).toBeCloseTo(1 / 3, 6);
    expect(planted.inputs[0]!.worst!.numeric / planted.inputs[0]!.worst!.analytic).toBeCloseTo(2, 6);
    expect(report.nodes.find((n) => n.id === 'sum')!.ok).toBe(true);
    expect(report.graph.ok).toBe(false);
    expect(report.graph.leaves[0]!.maxRelError).toBeCloseTo(1 / 3, 6);
  });

  it('reports a kink (ReLU at 0, |x| at 0) as not differentiable there, not as a failure', () => {
    const doc = seedWith('relu', [-1, 0, 2]);
    const report = check(doc);
    const relu = report.nodes.find((n) => n.id === 'sigmoid')!.inputs[0]!;
    expect(relu).toMatchObject({ ok: true, kinks: 1, checked: 2, size: 3 });
    expect(report.graph.leaves[0]).toMatchObject({ ok: true, kinks: 1, checked: 2 });
    // Away from the kink, ReLU is checked as usual.
    const smooth = check(seedWith('relu', [-1, 0.5, 2]));
    expect(smooth.nodes[0]!.inputs[0]).toMatchObject({ ok: true, kinks: 0, checked: 3 });
  });

  it('samples large inputs: a seeded choice of at most maxElements elements, said in the result', () => {
    const values = Array.from({ length: 500 }, (_, i) => Math.sin(i));
    const doc = seedWith('tanh', values);
    const a = runToEnd(checkNode(doc, evaluateDocument(doc), 'sigmoid', { maxElements: 20 }));
    expect(a.inputs[0]).toMatchObject({ ok: true, checked: 20, size: 500, sampled: true });
    const b = runToEnd(checkNode(doc, evaluateDocument(doc), 'sigmoid', { maxElements: 20 }));
    expect(b.inputs[0]!.worst).toEqual(a.inputs[0]!.worst);
  });

  it('names why a check cannot run: a node without inputs, a missing input, a graph without an objective', () => {
    const doc = seedWith('sigmoid', [1, 2]);
    const ev = evaluateDocument(doc);
    expect(runToEnd(checkNode(doc, ev, 'x')).error).toMatch(/Tensor 'x' has no input and no trainable parameter/);
    const cut = { ...doc, edges: doc.edges.slice(1) };
    const cutCheck = runToEnd(checkNode(cut, evaluateDocument(cut), 'sigmoid'));
    expect(cutCheck.ok).toBe(false);
    expect(cutCheck.error).toMatch(/input 'x' has no value \(it is not connected\)/);
    const noObjective = runToEnd(checkGraph({ ...doc, nodes: doc.nodes.slice(0, 2), edges: doc.edges.slice(0, 1), objective: null }));
    expect(noObjective).toMatchObject({ ok: true, leaves: [] });
    expect(noObjective.skipped).toMatch(/no objective/);
  });

  it('runs in slices that give the thread back, with the same result', async () => {
    const r = parseDocument(readFileSync(new URL('spiral.sorix.json', dir), 'utf8'));
    if (!r.ok) throw new Error('spiral');
    const ev = evaluateDocument(r.document);
    let progress = 0;
    const sliced = await runSliced(checkDocument(r.document, ev), { sliceMs: 5, onProgress: (n) => { progress = n; } });
    expect(progress).toBeGreaterThan(0);
    expect(sliced).toEqual(runToEnd(checkDocument(r.document, ev)));
    const stop = new AbortController();
    stop.abort();
    await expect(runSliced(checkDocument(r.document, ev), { signal: stop.signal })).rejects.toThrow(/stopped/);
  });
});
