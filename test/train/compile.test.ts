import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import { optim, tensor, type Tensor } from '../../src/engine';
import { evaluateDocument, parseDocument, type EvaluationResult, type GraphDocument } from '../../src/document';
import { CompileError, compile, type Program } from '../../src/train';
import { registry } from '../../src/kinds';
import { randomGraph } from './random-graphs';
import { BUILTINS, loadBuiltin, type BuiltinName } from '../../src/data';

// The app reads the built-in data sets before its first render; so do these tests (the Iris example uses one).
beforeAll(() => Promise.all((Object.keys(BUILTINS) as BuiltinName[]).map((name) => loadBuiltin(name))));

const dir = new URL('../../assets/examples/', import.meta.url);
function example(name: string): GraphDocument {
  const r = parseDocument(readFileSync(new URL(name, dir), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.document;
}
const bits = (t: Tensor | null | undefined): number[] | null => (t ? Array.from(t.data) : null);

/** Every output, output gradient, parameter and parameter gradient of the program equals the Evaluator's, bit for bit. */
function expectSameAsEvaluator(doc: GraphDocument, ev: EvaluationResult, program: Program): void {
  for (const n of doc.nodes) {
    const r = ev.nodes.get(n.id)!;
    expect(r.status, n.id).toBe('ok');
    for (const [port, o] of Object.entries(r.outputs)) {
      const t = program.output(n.id, port)!;
      expect(t.shape, `${n.id}.${port} shape`).toEqual(o.shape);
      expect(t.dtype, `${n.id}.${port} dtype`).toBe(o.dtype);
      expect(bits(t), `${n.id}.${port}`).toEqual(bits(o.value));
      expect(bits(program.grad(n.id, port)), `∂/∂${n.id}.${port}`).toEqual(bits(o.grad));
    }
    for (const [name, o] of Object.entries(r.params)) {
      const t = program.param(n.id, name)!;
      expect(bits(t), `${n.id} ${name}`).toEqual(bits(o.value));
      expect(bits(t.grad), `∂/∂${n.id} ${name}`).toEqual(bits(o.grad));
    }
  }
}

describe('compile: a document as an engine program', () => {
  it.each(readdirSync(dir).filter((f) => f.endsWith('.sorix.json')))('%s: one forward and one backward give the Evaluator’s values and gradients', (name) => {
    const doc = example(name);
    const ev = evaluateDocument(doc);
    const program = compile(doc, { nodes: 'all' });
    const loss = program.forward();
    expect(loss).toBe(ev.objective!.value);
    program.backward();
    expectSameAsEvaluator(doc, ev, program);
  });

  it('equals the Evaluator on 60 random graphs built from the kinds (every non-loss kind with inputs appears)', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) {
      const doc = randomGraph(seed);
      for (const n of doc.nodes) seen.add(n.kind);
      const ev = evaluateDocument(doc);
      const program = compile(doc, { nodes: 'all' });
      program.forward();
      if (ev.objectiveMessage === null) program.backward();
      expectSameAsEvaluator(doc, ev, program);
    }
    const wanted = registry.all().filter((k) => k.inputs.length > 0 && !k.isLoss).map((k) => k.id);
    expect(wanted.filter((k) => !seen.has(k))).toEqual([]);
  });

  it('a second pass after clearing gives the same gradients (not accumulated), and parameters persist across passes', () => {
    const doc = example('xor.sorix.json');
    const p = compile(doc);
    p.forward();
    p.backward();
    const first = p.parameters().map((q) => bits(q.tensor.grad));
    p.forward();
    p.backward();
    expect(p.parameters().map((q) => bits(q.tensor.grad))).toEqual(first);
    expect(p.parameters().map((q) => q.label)).toEqual(["Linear 'hidden' W", "Linear 'hidden' b", "Linear 'output' W", "Linear 'output' b"]);
    // An optimiser step changes the tensors in place; the next forward sees it and the loss falls.
    const before = p.forward()!;
    p.backward();
    new optim.SGD(p.parameters().map((q) => q.tensor), { lr: 0.5 }).step();
    expect(p.forward()!).toBeLessThan(before);
  });

  it('feeds replace a Tensor node’s value with a batch of any size; shapes and dtypes are checked', () => {
    const doc = example('xor.sorix.json');
    const p = compile(doc, { feeds: { x: 'X', y: 'y' } });
    expect(p.feeds.map((f) => [f.name, f.node, f.exampleShape])).toEqual([['x', 'X', [2]], ['y', 'y', [1]]]);
    // Two of the four points give the loss of those two points.
    const two = p.forward({ x: tensor([0, 1, 1, 1], { shape: [2, 2] }), y: tensor([1, 0], { shape: [2, 1] }) })!;
    const sub = compile({ ...doc, nodes: doc.nodes.map((n) => (n.id === 'X' ? { ...n, params: { ...n.params, values: [0, 1, 1, 1], shape: [2, 2] } } : n.id === 'y' ? { ...n, params: { ...n.params, values: [1, 0], shape: [2, 1] } } : n)) });
    expect(two).toBe(sub.forward());
    expect(() => p.forward({ x: tensor([0, 1, 1], { shape: [1, 3] }), y: tensor([1], { shape: [1, 1] }) })).toThrow(/Tensor 'X': feed 'x' has shape \(1,3\), but the node takes \(N,2\)/);
    expect(() => p.forward({ x: tensor([0, 1], { shape: [1, 2], dtype: 'float64' }), y: tensor([1], { shape: [1, 1] }) })).toThrow(/feed 'x' is float64, but the node is float32/);
    expect(() => p.forward({ y: tensor([1], { shape: [1, 1] }) })).toThrow(/nothing was fed as 'x'/);
    expect(() => compile(doc, { feeds: { x: 'hidden' } })).toThrow(/Linear 'hidden' cannot be fed/);
    expect(() => compile(doc, { feeds: { x: 'nope' } })).toThrow(/feed 'x' names node 'nope'/);
  });

  it('frozen parameters get no gradient and are not handed to the optimiser', () => {
    const doc = example('xor.sorix.json');
    const p = compile(doc, { frozen: [{ node: 'hidden' }, { node: 'output', param: 'b' }] });
    expect(p.parameters().map((q) => q.label)).toEqual(["Linear 'output' W"]);
    p.forward();
    p.backward();
    expect(p.param('hidden', 'W')!.grad).toBeNull();
    expect(p.param('output', 'W')!.grad).not.toBeNull();
  });

  it('runs only what the objective needs, and refuses a graph that cannot run with the node named', () => {
    const doc = example('xor.sorix.json');
    const stray = { ...doc, nodes: [...doc.nodes, { id: 'stray', kind: 'sigmoid', position: { x: 0, y: 0 }, params: {} }] };
    expect(compile(stray).order).not.toContain('stray');
    expect(() => compile(stray, { nodes: 'all' })).toThrow(/Sigmoid 'stray': input 'x' is not connected/);
    const bad = { ...doc, nodes: doc.nodes.map((n) => (n.id === 'output' ? { ...n, params: { ...n.params, inFeatures: 3, W: [1, 2, 3] } } : n)) };
    let err: unknown;
    try { compile(bad); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(CompileError);
    expect((err as CompileError).node).toBe('output');
    expect((err as Error).message).toMatch(/Linear 'output' 'x': expects 3 features on the input’s last axis, got shape \(4,4\)/);
  });

  it('writeBack puts the trained weights into a new document and leaves the old one as it was', () => {
    const doc = example('xor.sorix.json');
    const p = compile(doc);
    p.forward();
    p.backward();
    new optim.SGD(p.parameters().map((q) => q.tensor), { lr: 1 }).step();
    const trained = p.writeBack(doc);
    const W = trained.nodes.find((n) => n.id === 'hidden')!.params.W as number[];
    expect(W.map(Math.fround)).toEqual(Array.from(p.param('hidden', 'W')!.data));
    expect(W).not.toEqual(doc.nodes.find((n) => n.id === 'hidden')!.params.W);
    expect(doc.nodes.find((n) => n.id === 'hidden')!.params.W).toEqual(example('xor.sorix.json').nodes.find((n) => n.id === 'hidden')!.params.W);
    // The trained document computes what the program computes.
    expect(evaluateDocument(trained).objective!.value).toBe(p.forward());
    const shrunk = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'output') };
    expect(() => p.writeBack(shrunk)).toThrow(/node 'output' is no longer in the document/);
  });

  it('names the first node that produced a non-finite value', () => {
    const doc = example('xor.sorix.json');
    const p = compile(doc);
    p.param('output', 'W')!.data.fill(Infinity);
    // The BCE refuses the NaN it is given; the values before it are still there to look at.
    expect(() => p.forward()).toThrow(/BCE loss 'loss' 'prediction': predictions must be probabilities in \[0, 1\]; found NaN/);
    expect(p.firstNonFinite()).toMatchObject({ node: 'output', what: 'parameter W' });
    p.param('output', 'W')!.data.fill(1);
    p.forward();
    expect(p.firstNonFinite()).toBeNull();
  });
});
