import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/engine';
import { defaultParams, registry, type Params } from '../../src/kinds';

/** Plain-JavaScript reference implementations of every kind's forward pass, written from the formulas. */
interface Arr { shape: number[]; data: number[] }
const size = (s: number[]): number => s.reduce((a, b) => a * b, 1);
const A = (shape: number[], data: number[]): Arr => ({ shape, data });

/** Index of a broadcast element: out coordinates → flat index into an operand of `shape`. */
function broadcastBinary(a: Arr, b: Arr, f: (x: number, y: number) => number): Arr {
  const n = Math.max(a.shape.length, b.shape.length);
  const pa = [...Array(n - a.shape.length).fill(1), ...a.shape], pb = [...Array(n - b.shape.length).fill(1), ...b.shape];
  const shape = pa.map((d, i) => Math.max(d, pb[i]!));
  const data: number[] = [];
  for (let k = 0; k < size(shape); k++) {
    let rem = k, ia = 0, ib = 0, sa = 1, sb = 1;
    for (let ax = n - 1; ax >= 0; ax--) {
      const c = rem % shape[ax]!; rem = Math.floor(rem / shape[ax]!);
      ia += (pa[ax] === 1 ? 0 : c) * sa; ib += (pb[ax] === 1 ? 0 : c) * sb;
      sa *= pa[ax]!; sb *= pb[ax]!;
    }
    data.push(f(a.data[ia]!, b.data[ib]!));
  }
  return { shape, data };
}
const rows = (x: Arr): number[][] => { const c = x.shape[x.shape.length - 1]!; return Array.from({ length: x.data.length / c }, (_, r) => x.data.slice(r * c, r * c + c)); };
const softmaxRow = (r: number[]): number[] => { const m = Math.max(...r); const e = r.map((v) => Math.exp(v - m)); const z = e.reduce((a, b) => a + b, 0); return e.map((v) => v / z); };
const sig = (v: number): number => 1 / (1 + Math.exp(-v));
function matmul2(a: Arr, b: Arr): Arr {
  const [m, k] = a.shape as [number, number], n = b.shape[1]!;
  const data: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) { let s = 0; for (let t = 0; t < k; t++) s += a.data[i * k + t]! * b.data[t * n + j]!; data.push(s); }
  return A([m, n], data);
}

type Case = { inputs: Record<string, Arr>; params?: Params; expect: (i: Record<string, Arr>, p: Params) => Arr };
const x23 = A([2, 3], [-1.5, -0.2, 0.3, 0.7, 1.1, 2.4]);
const ORACLE: Record<string, Case[]> = {
  tensor: [{ inputs: {}, params: { values: [1, 2, 3, 4, 5, 6], shape: [3, 2], dtype: 'float64' }, expect: () => A([3, 2], [1, 2, 3, 4, 5, 6]) }],
  scalar: [{ inputs: {}, params: { value: 2.5, dtype: 'float64' }, expect: () => A([], [2.5]) }],
  linspace: [{ inputs: {}, params: { start: -1, stop: 1, steps: 5, dtype: 'float64' }, expect: () => A([5], [-1, -0.5, 0, 0.5, 1]) }],
  range: [{ inputs: {}, params: { start: 1, stop: 2, step: 0.25, dtype: 'float64' }, expect: () => A([4], [1, 1.25, 1.5, 1.75]) }],
  sigmoid: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, x!.data.map(sig)) }],
  tanh: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, x!.data.map(Math.tanh)) }],
  relu: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, x!.data.map((v) => Math.max(0, v))) }],
  leakyRelu: [{ inputs: { x: x23 }, params: { slope: 0.1 }, expect: ({ x }) => A(x!.shape, x!.data.map((v) => (v > 0 ? v : 0.1 * v))) }],
  softmax: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, rows(x!).flatMap(softmaxRow)) }],
  logSoftmax: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, rows(x!).flatMap((r) => softmaxRow(r).map(Math.log))) }],
  add: [{ inputs: { a: x23, b: A([3], [10, 20, 30]) }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p + q) }],
  sub: [{ inputs: { a: x23, b: A([2, 1], [1, 2]) }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p - q) }],
  mul: [{ inputs: { a: A([3], [1, 2, 3]), b: x23 }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p * q) }],
  div: [{ inputs: { a: x23, b: A([], [4]) }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p / q) }],
  pow: [{ inputs: { x: x23 }, params: { exponent: 3 }, expect: ({ x }) => A(x!.shape, x!.data.map((v) => v ** 3)) }],
  exp: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, x!.data.map(Math.exp)) }],
  log: [{ inputs: { x: A([3], [0.5, 1, 4]) }, expect: ({ x }) => A([3], x!.data.map(Math.log)) }],
  matmul: [{ inputs: { a: x23, b: A([3, 2], [1, 0, 0, 1, 2, -1]) }, expect: ({ a, b }) => matmul2(a!, b!) }],
  sum: [
    { inputs: { x: x23 }, expect: ({ x }) => A([], [x!.data.reduce((s, v) => s + v, 0)]) },
    { inputs: { x: x23 }, params: { axis: 0, keepdims: false }, expect: ({ x }) => A([3], [0, 1, 2].map((j) => x!.data[j]! + x!.data[3 + j]!)) },
  ],
  mean: [{ inputs: { x: x23 }, params: { axis: -1, keepdims: true }, expect: ({ x }) => A([2, 1], rows(x!).map((r) => r.reduce((s, v) => s + v, 0) / 3)) }],
  reshape: [{ inputs: { x: x23 }, params: { shape: [3, -1] }, expect: ({ x }) => A([3, 2], x!.data) }],
  transpose: [{ inputs: { x: x23 }, expect: ({ x }) => A([3, 2], [0, 3, 1, 4, 2, 5].map((i) => x!.data[i]!)) }],
  linear: [{
    inputs: { x: x23 }, params: { inFeatures: 3, outFeatures: 2, bias: true, init: 'he', seed: 0, W: [1, 2, 3, 4, 5, 6], b: [0.5, -0.5] },
    expect: ({ x }) => { const y = matmul2(x!, A([3, 2], [1, 2, 3, 4, 5, 6])); return A(y.shape, y.data.map((v, i) => v + (i % 2 ? -0.5 : 0.5))); },
  }],
  mseLoss: [{ inputs: { prediction: x23, target: A([2, 3], [0, 0, 0, 1, 1, 1]) }, expect: ({ prediction: p, target: t }) => A([], [p!.data.reduce((s, v, i) => s + (v - t!.data[i]!) ** 2, 0) / 6]) }],
  bceLoss: [{
    inputs: { prediction: A([4], [0.1, 0.8, 0.5, 1]), target: A([4], [0, 1, 1, 1]) },
    expect: ({ prediction: p, target: t }) => A([], [-p!.data.reduce((s, v, i) => s + t!.data[i]! * Math.log(v) + (1 - t!.data[i]!) * Math.max(Math.log(1 - v), -100), 0) / 4]),
  }],
  bceWithLogitsLoss: [{
    inputs: { prediction: A([4], [-2, 0, 3, 50]), target: A([4], [0, 1, 1, 0]) },
    expect: ({ prediction: z, target: t }) => A([], [-z!.data.reduce((s, v, i) => s + t!.data[i]! * Math.log(sig(v)) + (1 - t!.data[i]!) * (v > 30 ? -v : Math.log(1 - sig(v))), 0) / 4]),
  }],
  crossEntropyLoss: [
    { inputs: { prediction: x23, target: A([2], [2, 0]) }, expect: ({ prediction: z }) => A([], [-(Math.log(softmaxRow(rows(z!)[0]!)[2]!) + Math.log(softmaxRow(rows(z!)[1]!)[0]!)) / 2]) },
    { inputs: { prediction: A([3], [1, 2, 3]), target: A([], [1]) }, expect: () => A([], [-Math.log(softmaxRow([1, 2, 3])[1]!)]) },
  ],
};

describe('every kind’s forward pass equals a plain reference implementation', () => {
  it('has a reference for every kind except the random source', () => {
    expect(registry.all().map((k) => k.id).filter((id) => !ORACLE[id]).sort()).toEqual(['randomTensor']);
  });

  it.each(Object.entries(ORACLE).flatMap(([id, cases]) => cases.map((c, i) => [id, i, c] as const)))('%s (case %i)', (id, _i, c) => {
    const kind = registry.require(id);
    const params = { ...defaultParams(kind), ...c.params };
    const inputs = Object.fromEntries(Object.entries(c.inputs).map(([k, v]) => [k, tensor(new Float64Array(v.data), { shape: v.shape })]));
    const paramTensors: Record<string, Tensor> = {};
    for (const [name, spec] of Object.entries(kind.params)) {
      if (spec.type === 'tensor' && spec.trainable) paramTensors[name] = tensor(new Float64Array(params[name] as number[]), { shape: spec.shapeOf!(params) });
    }
    const out = kind.evaluate(inputs, params, { paramTensors })[kind.outputs[0]!.id]!;
    const want = c.expect(c.inputs, params);
    expect(out.shape).toEqual(want.shape);
    Array.from(out.data).forEach((v, i) => expect(Math.abs(v - want.data[i]!), `${id}[${i}]: ${v} vs ${want.data[i]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want.data[i]!))));
  });

  it('the random tensor is reproducible from its seed, differs across seeds, and has the asked moments', () => {
    const kind = registry.require('randomTensor');
    const run = (p: Params) => Array.from(kind.evaluate({}, { ...defaultParams(kind), dtype: 'float64', ...p }, { paramTensors: {} }).out!.data);
    expect(run({ seed: 3 })).toEqual(run({ seed: 3 }));
    expect(run({ seed: 3 })).not.toEqual(run({ seed: 4 }));
    const n = run({ shape: [20000], mean: 2, std: 0.5 });
    const m = n.reduce((s, v) => s + v, 0) / n.length;
    expect(m).toBeCloseTo(2, 1);
    expect(Math.sqrt(n.reduce((s, v) => s + (v - m) ** 2, 0) / n.length)).toBeCloseTo(0.5, 1);
    const u = run({ shape: [20000], distribution: 'uniform', low: -3, high: -1 });
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-3);
    expect(Math.max(...u)).toBeLessThan(-1);
    expect(u.reduce((s, v) => s + v, 0) / u.length).toBeCloseTo(-2, 1);
  });
});
