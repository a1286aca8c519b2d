import { describe, expect, it } from 'vitest';
import { Generator, tensor, type Tensor } from '../../src/engine';
import {
  Evaluator, LIMITS, addNode, renameNode, connect, createDocument, disconnect, evaluateDocument, removeNodes, setObjective, updateParams,
  topologicalOrder, type EvaluationResult, type GraphDocument,
} from '../../src/document';
import { KindRegistry, registry, type KindDef } from '../../src/kinds';

const at = { x: 0, y: 0 };
const flat = (t: { data: ArrayLike<number> } | null | undefined): number[] | null => (t ? Array.from(t.data) : null);
const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

function tensorNode(d: GraphDocument, id: string, values: number[], shape: number[], requiresGrad = true): GraphDocument {
  return addNode(d, { id, kind: 'tensor', position: at, params: { values, shape, requiresGrad, dtype: 'float64' } });
}
const link = (d: GraphDocument, s: string, t: string, port = 'x'): GraphDocument => connect(d, { node: s, port: s.startsWith('loss') ? 'loss' : 'out' }, { node: t, port });

describe('evaluation', () => {
  it('sums the gradients of every consumer (x feeds a sigmoid and a tanh)', () => {
    let d = tensorNode(createDocument(), 'x', [-1, 0.5, 2], [3]);
    d = addNode(d, { id: 's', kind: 'sigmoid', position: at });
    d = addNode(d, { id: 't', kind: 'tanh', position: at });
    d = addNode(d, { id: 'add', kind: 'add', position: at });
    d = addNode(d, { id: 'sum', kind: 'sum', position: at });
    d = link(link(link(link(d, 'x', 's'), 'x', 't'), 's', 'add', 'a'), 't', 'add', 'b');
    d = setObjective(link(d, 'add', 'sum'), { node: 'sum', port: 'out' });
    const ev = evaluateDocument(d);
    const xs = [-1, 0.5, 2];
    const g = flat(ev.nodes.get('x')!.outputs.out!.grad)!;
    xs.forEach((x, i) => expect(g[i]).toBeCloseTo(sigma(x) * (1 - sigma(x)) + 1 - Math.tanh(x) ** 2, 14));
    expect(ev.objective!.value).toBeCloseTo(xs.reduce((s, x) => s + sigma(x) + Math.tanh(x), 0), 14);
    expect(ev.order).toEqual(['x', 's', 't', 'add', 'sum']);
    const gs = ev.nodes.get('x')!.outputs.out!.gradStats!;
    expect(gs.max).toBe(Math.max(...g));
    expect(gs.mean).toBeCloseTo(g.reduce((a, b) => a + b, 0) / 3, 14);
    const st = ev.nodes.get('add')!.outputs.out!.stats;
    expect(st.count).toBe(3);
    expect(st.min).toBeCloseTo(sigma(-1) + Math.tanh(-1), 14);
  });

  it('marks a failing node with node, port and shapes; blocks what depends on it; computes the rest', () => {
    let d = tensorNode(createDocument(), 'x', [1, 2, 3, 4, 5, 6], [2, 3]);
    d = tensorNode(d, 'w', [1, 2, 3, 4], [4]);
    d = addNode(d, { id: 'add', kind: 'add', position: at, name: 'bias add' });
    d = addNode(d, { id: 's', kind: 'sigmoid', position: at });
    d = addNode(d, { id: 'sum', kind: 'sum', position: at });
    d = addNode(d, { id: 'ok', kind: 'exp', position: at });
    d = addNode(d, { id: 'lonely', kind: 'relu', position: at });
    // Built through the document directly: canConnect would refuse the mismatched edge, but a file may hold one.
    d = { ...link(link(link(d, 'x', 'add', 'a'), 'add', 's'), 's', 'sum'), edges: [] };
    d = { ...d, edges: [
      { id: 'a', source: { node: 'x', port: 'out' }, target: { node: 'add', port: 'a' } },
      { id: 'b', source: { node: 'w', port: 'out' }, target: { node: 'add', port: 'b' } },
      { id: 'c', source: { node: 'add', port: 'out' }, target: { node: 's', port: 'x' } },
      { id: 'd', source: { node: 's', port: 'out' }, target: { node: 'sum', port: 'x' } },
      { id: 'e', source: { node: 'x', port: 'out' }, target: { node: 'ok', port: 'x' } },
    ] };
    const ev = evaluateDocument(d);
    expect(ev.nodes.get('add')).toMatchObject({ status: 'error', error: { message: "Add 'bias add': a and b do not broadcast: (2,3) and (4,) differ at axis 1 (3 vs 4) (inputs: a (2,3), b (4,))" } });
    expect(ev.nodes.get('s')).toMatchObject({ status: 'blocked', blockedBy: ['add'] });
    expect(ev.nodes.get('sum')).toMatchObject({ status: 'blocked', blockedBy: ['add'] });
    expect(ev.nodes.get('lonely')).toMatchObject({ status: 'error', error: { message: "ReLU 'lonely': input 'x' is not connected", port: 'x', missingInput: true } });
    expect(flat(ev.nodes.get('ok')!.outputs.out!.value)).toEqual([1, 2, 3, 4, 5, 6].map(Math.exp));
    expect(ev.objective).toBeNull();
    expect(ev.objectiveMessage).toMatch(/No backward pass/);
  });

  it('turns a bug inside a kind into that node’s error and computes the rest', () => {
    const buggy: KindDef = { ...registry.require('exp'), id: 'buggy', evaluate: () => { throw new TypeError('x is undefined'); } };
    const reg = new KindRegistry([...registry.all(), buggy]);
    let d = tensorNode(createDocument(), 'x', [1, 2], [2]);
    d = addNode(d, { id: 'b', kind: 'buggy', position: at }, reg);
    d = addNode(d, { id: 'e', kind: 'exp', position: at }, reg);
    d = connect(connect(d, { node: 'x', port: 'out' }, { node: 'b', port: 'x' }, reg), { node: 'x', port: 'out' }, { node: 'e', port: 'x' }, reg);
    const ev = evaluateDocument(d, reg);
    expect(ev.nodes.get('b')!.error!.message).toBe("Exp 'b': internal error: x is undefined (inputs: x (2,))");
    expect(flat(ev.nodes.get('e')!.outputs.out!.value)).toEqual([Math.exp(1), Math.exp(2)]);
  });

  it('refuses an output too large to compute, from the inferred shapes, before allocating it', () => {
    let d = addNode(createDocument(), { id: 'a', kind: 'randomTensor', position: at, params: { shape: [1_000_000, 1] } });
    d = addNode(d, { id: 'b', kind: 'randomTensor', position: at, params: { shape: [1, 1_000_000] } });
    d = addNode(d, { id: 's', kind: 'add', position: at });
    d = connect(connect(d, { node: 'a', port: 'out' }, { node: 's', port: 'a' }), { node: 'b', port: 'out' }, { node: 's', port: 'b' });
    const ev = evaluateDocument(d);
    const err = ev.nodes.get('s')!.error!;
    expect(err.port).toBe('out');
    expect(err.message).toContain('1,000,000,000,000 elements (shape (1000000,1000000))');
    expect(err.message).toContain(`more than the ${LIMITS.maxComputedElements.toLocaleString('en-US')}`);
    // The inputs themselves are within the limit and computed.
    expect(ev.nodes.get('a')!.outputs.out!.shape).toEqual([1_000_000, 1]);
  });

  it('explains a missing, non-scalar, or gradient-free objective', () => {
    let d = tensorNode(createDocument(), 'x', [1, 2, 3], [3]);
    d = addNode(d, { id: 's', kind: 'sigmoid', position: at });
    d = link(d, 'x', 's');
    expect(evaluateDocument(d).objectiveMessage).toMatch(/mark a scalar output .* as the objective/);
    const ev = evaluateDocument(setObjective(d, { node: 's', port: 'out' }));
    expect(ev.objectiveMessage).toBe("No backward pass: the objective Sigmoid 's' has shape (3,), but backward starts from a single number. Add a Sum (or a Mean) after it and make that the objective.");
    let e = tensorNode(createDocument(), 'x', [1, 2, 3], [3], false);
    e = addNode(e, { id: 'sum', kind: 'sum', position: at });
    e = setObjective(link(e, 'x', 'sum'), { node: 'sum', port: 'out' });
    const ev2 = evaluateDocument(e);
    expect(ev2.objective!.value).toBe(6);
    expect(ev2.objectiveMessage).toMatch(/nothing the objective .* requires grad/);
    expect(ev2.nodes.get('x')!.outputs.out!.grad).toBeNull();
  });

  it('recomputes only what depends on an edit, and nothing when only positions change', () => {
    let d = tensorNode(createDocument(), 'x', [1, 2, 3], [3]);
    let prev = 'x';
    for (let i = 0; i < 10; i++) { d = addNode(d, { id: `n${i}`, kind: i % 2 ? 'tanh' : 'sigmoid', position: at }); d = link(d, prev, `n${i}`); prev = `n${i}`; }
    d = addNode(d, { id: 'p', kind: 'pow', position: at });
    d = link(d, 'n4', 'p');
    const ev = new Evaluator();
    expect(ev.evaluate(d).recomputed).toBe(12);
    expect(ev.evaluate(d).recomputed).toBe(0);
    expect(ev.evaluate({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: 5, y: 5 } })) }).recomputed).toBe(0);
    expect(ev.evaluate(updateParams(d, 'p', { exponent: 3 })).recomputed).toBe(1);
    expect(ev.evaluate(updateParams(d, 'x', { values: [0, 0, 1] })).recomputed).toBe(12);
    // Messages quote names, so a renamed failing node shows its new name.
    const broken = disconnect(d, [d.edges.find((e) => e.target.node === 'p')!.id]);
    ev.evaluate(renameNode(broken, 'p', 'cube'));
    expect(ev.evaluate(renameNode(broken, 'p', 'square')).nodes.get('p')!.error!.message).toBe("Pow 'square': input 'x' is not connected");
  });
});

/** Every status, value and gradient, as plain data. */
function snapshot(r: EvaluationResult) {
  return {
    objective: r.objective, objectiveMessage: r.objectiveMessage,
    nodes: [...r.nodes].map(([id, n]) => ({
      id, status: n.status, error: n.error, blockedBy: n.blockedBy,
      outputs: Object.entries(n.outputs).map(([p, o]) => [p, o.shape, o.dtype, flat(o.value), flat(o.grad), o.stats]),
      params: Object.entries(n.params).map(([p, o]) => [p, flat(o.value), flat(o.grad)]),
    })),
  };
}

/**
 * The oracle for the node-by-node backward: the same graph built as one engine expression (each kind applied to its
 * upstream tensors directly, no leaf copies) and one engine backward from the objective.
 */
function monolithicGrads(d: GraphDocument): Map<string, number[] | null> {
  const { order } = topologicalOrder(d);
  const outs = new Map<string, Tensor>();
  const params = new Map<string, Record<string, Tensor>>();
  for (const id of order) {
    const n = d.nodes.find((x) => x.id === id)!;
    const kind = registry.require(n.kind);
    const inputs: Record<string, Tensor> = {};
    for (const e of d.edges) if (e.target.node === id) inputs[e.target.port] = outs.get(e.source.node)!;
    const pt: Record<string, Tensor> = {};
    for (const [name, spec] of Object.entries(kind.params)) {
      if (spec.type === 'tensor' && spec.trainable) pt[name] = tensor(n.params[name] as number[], { shape: spec.shapeOf!(n.params), requiresGrad: true });
    }
    params.set(id, pt);
    outs.set(id, Object.values(kind.evaluate(inputs, n.params, { paramTensors: pt }))[0]!);
  }
  outs.get(d.objective!.node)!.backward();
  const grads = new Map<string, number[] | null>();
  for (const n of d.nodes) {
    if (n.kind === 'tensor') grads.set(n.id, flat(outs.get(n.id)!.grad));
    for (const [name, t] of Object.entries(params.get(n.id)!)) grads.set(`${n.id}.${name}`, flat(t.grad));
  }
  return grads;
}

describe('the node-by-node backward equals one engine backward through the whole graph', () => {
  it('on 20 random graphs with shared inputs, broadcasting and Linear layers', () => {
    const g = new Generator(7);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(g.random() * xs.length)]!;
    for (let trial = 0; trial < 20; trial++) {
      let d = createDocument();
      d = tensorNode(d, 'a', Array.from({ length: 6 }, () => g.random() * 2 - 1), [2, 3]);
      d = tensorNode(d, 'b', Array.from({ length: 3 }, () => g.random() * 2 - 1), [3]);
      d = addNode(d, { id: 'fc', kind: 'linear', position: at, params: { inFeatures: 3, outFeatures: 3, seed: trial } });
      d = link(d, 'a', 'fc');
      for (let i = 0; i < 12; i++) {
        const earlier = d.nodes.map((n) => n.id);
        if (g.random() < 0.5) {
          d = addNode(d, { id: `u${i}`, kind: pick(['sigmoid', 'tanh', 'exp', 'softmax', 'logSoftmax']), position: at });
          d = link(d, pick(earlier), `u${i}`);
        } else {
          d = addNode(d, { id: `b${i}`, kind: pick(['add', 'mul', 'sub']), position: at });
          d = link(link(d, pick(earlier), `b${i}`, 'a'), pick(earlier), `b${i}`, 'b');
        }
      }
      // Sum everything that is left unused, so that every branch reaches the objective.
      d = addNode(d, { id: 'sum', kind: 'sum', position: at });
      d = setObjective(link(d, d.nodes[d.nodes.length - 2]!.id, 'sum'), { node: 'sum', port: 'out' });
      const ev = evaluateDocument(d);
      for (const [key, expected] of monolithicGrads(d)) {
        const [id, p] = key.split('.');
        const r = ev.nodes.get(id!)!;
        const got = p ? flat(r.params[p]!.grad) : flat(r.outputs.out!.grad);
        if (expected === null) { expect(got, key).toBeNull(); continue; }
        expect(got, key).not.toBeNull();
        got!.forEach((v, i) => expect(Math.abs(v - expected[i]!), `${key}[${i}]`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[i]!))));
      }
    }
  });
});

describe('incremental evaluation equals evaluation from scratch', () => {
  it('over 300 random edits of random graphs', () => {
    const g = new Generator(2026);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(g.random() * xs.length)]!;
    const vals = (n: number) => Array.from({ length: n }, () => Math.round((g.random() * 4 - 2) * 100) / 100);
    let checked = 0;
    for (let trial = 0; trial < 10; trial++) {
      let d = createDocument();
      d = tensorNode(d, 't0', vals(6), [2, 3]);
      d = tensorNode(d, 't1', vals(3), [3], g.random() < 0.7);
      d = addNode(d, { id: 'fc', kind: 'linear', position: at, params: { inFeatures: 3, outFeatures: 3, seed: trial } });
      d = link(d, 't0', 'fc');
      const unary = ['sigmoid', 'tanh', 'exp', 'relu', 'pow', 'softmax', 'leakyRelu'];
      const binary = ['add', 'mul', 'sub'];
      for (let i = 0; i < 20; i++) {
        const earlier = d.nodes.map((n) => n.id);
        if (g.random() < 0.6) {
          d = addNode(d, { id: `u${i}`, kind: pick(unary), position: at });
          d = link(d, pick(earlier), `u${i}`);
        } else {
          d = addNode(d, { id: `b${i}`, kind: pick(binary), position: at });
          d = link(link(d, pick(earlier), `b${i}`, 'a'), pick(earlier), `b${i}`, 'b');
        }
      }
      d = addNode(d, { id: 'sum', kind: 'sum', position: at });
      d = setObjective(link(d, d.nodes[d.nodes.length - 2]!.id, 'sum'), { node: 'sum', port: 'out' });
      const ev = new Evaluator();
      for (let step = 0; step < 30; step++) {
        const r = g.random();
        const ids = d.nodes.map((n) => n.id);
        try {
          if (r < 0.3) { const t = pick(['t0', 't1']); d = updateParams(d, t, { values: vals(t === 't0' ? 6 : 3) }); }
          else if (r < 0.45) d = updateParams(d, 'fc', { seed: Math.floor(g.random() * 100) });
          else if (r < 0.6) { const p = d.nodes.find((n) => n.kind === 'pow'); if (p) d = updateParams(d, p.id, { exponent: pick([1, 2, 3, -1]) }); }
          else if (r < 0.75) d = disconnect(d, [pick(d.edges).id]);
          else if (r < 0.9) {
            const target = pick(d.nodes.filter((n) => n.kind !== 'tensor' && n.kind !== 'linear'));
            const port = ['add', 'mul', 'sub'].includes(target.kind) ? pick(['a', 'b']) : 'x';
            d = connect(d, { node: pick(ids.filter((i) => i !== target.id && i !== 'sum')), port: 'out' }, { node: target.id, port });
          } else d = removeNodes(d, [pick(ids.filter((i) => i !== 'sum' && i !== 't0'))]);
        } catch {
          // A refused command (a cycle, a shape) leaves the document as it was.
        }
        expect(snapshot(ev.evaluate(d))).toEqual(snapshot(evaluateDocument(d)));
        checked++;
      }
    }
    expect(checked).toBe(300);
  });
});

describe('warnings: values the dtype silently changes', () => {
  const src = (values: number[], dtype: 'float32' | 'float64'): GraphDocument =>
    addNode(createDocument({ now: '2026-11-28T17:00:00.000Z' }), { id: 'x', kind: 'tensor', position: at, params: { values, shape: [values.length], dtype, requiresGrad: false } });

  it('a float32 Tensor keeps what float32 makes of 1e40 and -1e40 (±inf), and says so', () => {
    const ev = evaluateDocument(src([1e40, -1e40, 0], 'float32'));
    const r = ev.nodes.get('x')!;
    expect(r.status).toBe('ok');
    // The oracle: what a float32 store gives (Math.fround), unchanged by the warning.
    expect(flat(r.outputs.out!.value)).toEqual([1e40, -1e40, 0].map(Math.fround));
    expect(flat(r.outputs.out!.value)).toEqual([Infinity, -Infinity, 0]);
    expect(r.warnings).toEqual(['values 0 and 1 (1e40, -1e40) overflow float32 and become ±inf; use float64']);
    expect(r.outputs.out!.stats).toMatchObject({ posInf: 1, negInf: 1, min: 0, max: 0 });
  });

  it('names underflow to 0, one sign of overflow, and stays quiet for what float32 holds', () => {
    const tiny = 1e-46; // below the smallest float32 subnormal, 2^-149 ≈ 1.4e-45
    expect(Math.fround(tiny)).toBe(0);
    const w = (values: number[], dtype: 'float32' | 'float64' = 'float32'): readonly string[] => evaluateDocument(src(values, dtype)).nodes.get('x')!.warnings;
    expect(w([1, tiny, -1e-50, 2])).toEqual(['values 1 and 2 (1e-46, -1e-50) underflow float32 and become 0; use float64']);
    expect(w([3.5e38, 1])).toEqual(['value 0 (3.5e38) overflows float32 and becomes inf; use float64']);
    expect(w([-1e39, 1e-300])).toEqual([
      'value 0 (-1e39) overflows float32 and becomes -inf; use float64',
      'value 1 (1e-300) underflows float32 and becomes 0; use float64',
    ]);
    // The largest float32 and the smallest subnormal are held; NaN and ±Infinity were asked for.
    expect(w([3.4028234663852886e38, -(2 ** -149), 1e-45, NaN, Infinity, -Infinity, 0, -0])).toEqual([]);
    expect(w([1e40, -1e40, 1e-50], 'float64')).toEqual([]);
    expect(w([1e39, 2e39, 3e39, 4e39, 5e39, 6e39, 7e39, 8e39])[0]).toBe(
      'values 0, 1, 2, 3, 4 and 3 more (1e39, 2e39, 3e39, 4e39, 5e39, …) overflow float32 and become inf; use float64',
    );
  });

  it('for a Scalar, and for Linear’s W and b (always float32: no float64 to suggest)', () => {
    let d = addNode(createDocument(), { id: 'c', kind: 'scalar', position: at, params: { value: 1e39 } });
    expect(evaluateDocument(d).nodes.get('c')!.warnings).toEqual(['the value 1e39 overflows float32 and becomes inf; use float64']);
    d = tensorNode(d, 'x', [1, 2], [1, 2]);
    d = addNode(d, { id: 'lin', kind: 'linear', position: at, params: { inFeatures: 2, outFeatures: 1, W: [1e-50, 2], b: [1e40] } });
    d = link(d, 'x', 'lin');
    const r = evaluateDocument(d).nodes.get('lin')!;
    expect(r.status).toBe('ok');
    expect(r.warnings).toEqual(['W value 0 (1e-50) underflows float32 and becomes 0', 'b value 0 (1e40) overflows float32 and becomes inf']);
    expect(flat(r.params.W!.value)).toEqual([0, 2]);
  });

  it('failed and blocked nodes have none, and an edit that fixes the values clears them', () => {
    let d = src([1e40], 'float32');
    d = addNode(d, { id: 's', kind: 'sum', position: at });
    const ev = new Evaluator();
    expect(ev.evaluate(d).nodes.get('s')!.warnings).toEqual([]); // not connected: an error
    expect(ev.evaluate(d).nodes.get('s')!.status).toBe('error');
    expect(ev.evaluate(d).nodes.get('x')!.warnings).toHaveLength(1);
    d = updateParams(d, 'x', { dtype: 'float64' });
    expect(ev.evaluate(d).nodes.get('x')!.warnings).toEqual([]);
  });
});

describe('statistics over the finite values, with the rest counted apart', () => {
  const statsOf = (values: number[]) => evaluateDocument(tensorNode(createDocument(), 'x', values, [values.length], false)).nodes.get('x')!.outputs.out!.stats;

  it('[inf, -inf, 0]: min and max are those of the one finite value, and the infinities are counted', () => {
    expect(statsOf([Infinity, -Infinity, 0])).toEqual({ count: 3, finite: 1, min: 0, max: 0, mean: 0, std: 0, nan: 0, posInf: 1, negInf: 1 });
  });

  it('no finite value: min, max, mean and std are NaN, never 0', () => {
    expect(statsOf([NaN, Infinity, -Infinity])).toEqual({ count: 3, finite: 0, min: NaN, max: NaN, mean: NaN, std: NaN, nan: 1, posInf: 1, negInf: 1 });
    expect(statsOf([])).toEqual({ count: 0, finite: 0, min: NaN, max: NaN, mean: NaN, std: NaN, nan: 0, posInf: 0, negInf: 0 });
  });

  it('agrees with a direct computation, and count = finite + nan + posInf + negInf', () => {
    const g = new Generator(7);
    for (let t = 0; t < 50; t++) {
      const values = Array.from({ length: 1 + Math.floor(g.random() * 20) }, () => {
        const u = g.random();
        return u < 0.1 ? NaN : u < 0.15 ? Infinity : u < 0.2 ? -Infinity : (g.random() - 0.5) * 1e3;
      });
      const s = statsOf(values);
      const fin = values.filter(Number.isFinite);
      const mean = fin.reduce((a, b) => a + b, 0) / fin.length;
      expect(s.count).toBe(values.length);
      expect(s.finite + s.nan + s.posInf + s.negInf).toBe(s.count);
      expect([s.finite, s.nan, s.posInf, s.negInf]).toEqual([fin.length, values.filter(Number.isNaN).length, values.filter((v) => v === Infinity).length, values.filter((v) => v === -Infinity).length]);
      if (fin.length === 0) { expect(s.min).toBeNaN(); continue; }
      expect([s.min, s.max]).toEqual([Math.min(...fin), Math.max(...fin)]);
      expect(s.mean).toBeCloseTo(mean, 9);
      expect(s.std).toBeCloseTo(Math.sqrt(fin.reduce((a, v) => a + (v - mean) ** 2, 0) / fin.length), 9);
    }
  });
});
