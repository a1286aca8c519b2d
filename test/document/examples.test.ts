import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it, beforeAll } from 'vitest';
import { evaluateDocument, parseDocument, type EvaluationResult } from '../../src/document';
import { BUILTINS, loadBuiltin, type BuiltinName } from '../../src/data';

// The app reads the built-in data sets before its first render; so do these tests (the Iris example uses one).
beforeAll(() => Promise.all((Object.keys(BUILTINS) as BuiltinName[]).map((name) => loadBuiltin(name))));

const dir = new URL('../../assets/examples/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

function evaluate(name: string): EvaluationResult {
  const r = parseDocument(read(name));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return evaluateDocument(r.document);
}
const out = (ev: EvaluationResult, node: string, port = 'out') => ev.nodes.get(node)!.outputs[port]!;
const param = (ev: EvaluationResult, node: string, p: string) => ev.nodes.get(node)!.params[p]!;
const flat = (t: { data: ArrayLike<number> } | null | undefined): number[] => Array.from(t!.data);

/** The raw numbers of a node's params, read straight from the file's JSON (not through our reader). */
function rawParams(name: string, id: string): Record<string, number[]> {
  const file = JSON.parse(read(name)) as { graph: { nodes: { id: string; params: Record<string, number[]> }[] } };
  return file.graph.nodes.find((n) => n.id === id)!.params;
}

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

function expectClose(actual: number[], expected: number[], tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i]!))));
}

describe('the examples', () => {
  it('every file in assets/examples reads and evaluates without errors', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.sorix.json'));
    expect(files.sort()).toEqual(['circle.sorix.json', 'iris.sorix.json', 'logistic-regression.sorix.json', 'seed.sorix.json', 'sigmoid-curve.sorix.json', 'spiral.sorix.json', 'xor.sorix.json']);
    for (const f of files) {
      const ev = evaluate(f);
      for (const [, n] of ev.nodes) expect(n.status).toBe('ok');
      expect(ev.objectiveMessage).toBeNull();
    }
  });

  it('the seed prints its values and gradients as the seed page does', () => {
    const ev = evaluate('seed.sorix.json');
    expect(out(ev, 'sigmoid').value.format()).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(out(ev, 'x').grad!.toString()).toBe('tensor([3.8e-44, 2.5e-01, 0.0e+00])');
    expect(out(ev, 'x').value.format()).toBe('[-100.    0.  100.]');
    expect(out(ev, 'x').dtype).toBe('float32');
    // Closed form: σ(−100) = e^−100/(1 + e^−100), rounded to float32 (a subnormal); σ'(x) = σ(1 − σ).
    const s = Math.fround(Math.exp(-100) / (1 + Math.exp(-100)));
    expect(flat(out(ev, 'sigmoid').value)).toEqual([s, 0.5, 1]);
    expect(flat(out(ev, 'x').grad)).toEqual([s, 0.25, 0]);
    expect(ev.objective).toEqual({ node: 'sum', port: 'out', value: 1.5 });
  });

  it('the sigmoid curve follows 1/(1+e^−x) on np.linspace(−10, 10, 100), and its gradient σ(1 − σ)', () => {
    const ev = evaluate('sigmoid-curve.sorix.json');
    const xs = Array.from({ length: 100 }, (_, i) => Math.fround(i === 99 ? 10 : -10 + (20 * i) / 99));
    expect(out(ev, 'x').shape).toEqual([100]);
    expectClose(flat(out(ev, 'x').value), xs, 1e-7);
    expectClose(flat(out(ev, 'sigmoid').value), xs.map(sigma), 2e-7);
    expectClose(flat(out(ev, 'x').grad), xs.map((x) => sigma(x) * (1 - sigma(x))), 2e-7);
    expect(ev.objective!.value).toBeCloseTo(50, 4); // σ(x) + σ(−x) = 1 over 50 symmetric pairs
  });

  it('logistic regression: loss and gradients equal the closed forms (p − y)/N', () => {
    const f = 'logistic-regression.sorix.json';
    const ev = evaluate(f);
    const X = rawParams(f, 'X').values!, y = rawParams(f, 'y').values!;
    const W = rawParams(f, 'linear').W!, b = rawParams(f, 'linear').b!;
    const N = 6;
    const z = Array.from({ length: N }, (_, n) => X[2 * n]! * W[0]! + X[2 * n + 1]! * W[1]! + b[0]!);
    const p = z.map(sigma);
    const loss = -p.reduce((s, pi, n) => s + y[n]! * Math.log(pi) + (1 - y[n]!) * Math.log(1 - pi), 0) / N;
    const dz = p.map((pi, n) => (pi - y[n]!) / N);
    const dW = [0, 1].map((j) => dz.reduce((s, d, n) => s + X[2 * n + j]! * d, 0));
    const db = dz.reduce((s, d) => s + d, 0);
    expect(ev.objective!.node).toBe('loss'); // the file names no objective: its single loss is used
    expect(ev.objective!.value).toBeCloseTo(loss, 6);
    expectClose(flat(out(ev, 'sigmoid').value), p, 1e-6);
    expectClose(flat(out(ev, 'linear').grad), dz, 1e-6);
    expectClose(flat(param(ev, 'linear', 'W').grad), dW, 1e-6);
    expectClose(flat(param(ev, 'linear', 'b').grad), [db], 1e-6);
    expect(out(ev, 'y').grad).toBeNull(); // data without requiresGrad gets no gradient, as in PyTorch
  });

  it('XOR 2-4-1: forward and backward equal a hand-written float64 computation', () => {
    const f = 'xor.sorix.json';
    const ev = evaluate(f);
    const X = rawParams(f, 'X').values!, y = rawParams(f, 'y').values!;
    const W1 = rawParams(f, 'hidden').W!, b1 = rawParams(f, 'hidden').b!;
    const W2 = rawParams(f, 'output').W!, b2 = rawParams(f, 'output').b!;
    const H = 4, N = 4;
    const h = Array.from({ length: N }, (_, n) => Array.from({ length: H }, (_, j) => Math.tanh(X[2 * n]! * W1[j]! + X[2 * n + 1]! * W1[H + j]! + b1[j]!)));
    const z = h.map((row) => row.reduce((s, v, j) => s + v * W2[j]!, b2[0]!));
    const p = z.map(sigma);
    const loss = -p.reduce((s, pi, n) => s + y[n]! * Math.log(pi) + (1 - y[n]!) * Math.log(1 - pi), 0) / N;
    const dz = p.map((pi, n) => (pi - y[n]!) / N);
    const dW2 = Array.from({ length: H }, (_, j) => h.reduce((s, row, n) => s + row[j]! * dz[n]!, 0));
    const dh = h.map((row, n) => row.map((v, j) => dz[n]! * W2[j]! * (1 - v * v)));
    const dW1 = [0, 1].flatMap((i) => Array.from({ length: H }, (_, j) => dh.reduce((s, row, n) => s + X[2 * n + i]! * row[j]!, 0)));
    const db1 = Array.from({ length: H }, (_, j) => dh.reduce((s, row) => s + row[j]!, 0));
    expect(ev.objective!.value).toBeCloseTo(loss, 6);
    expectClose(flat(out(ev, 'sigmoid').value), p, 1e-6);
    expectClose(flat(out(ev, 'tanh').value), h.flat(), 1e-6);
    expectClose(flat(param(ev, 'output', 'W').grad), dW2, 1e-6);
    expectClose(flat(param(ev, 'output', 'b').grad), [dz.reduce((s, d) => s + d, 0)], 1e-6);
    expectClose(flat(param(ev, 'hidden', 'W').grad), dW1, 1e-6);
    expectClose(flat(param(ev, 'hidden', 'b').grad), db1, 1e-6);
  });
});
