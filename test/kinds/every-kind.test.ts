import { describe, expect, it } from 'vitest';
import { Generator, Tensor, noGrad, tensor } from '../../src/engine';
import { addNode, createDocument, parseDocument, serializeDocument } from '../../src/document';
import { defaultParams, registry, validateParams, type KindDef, type Params, type SampleInput, type TensorParamSpec } from '../../src/kinds';
import { centralDifferences, normalisedError } from '../engine/helpers/gradcheck';

const gen = new Generator(42);
function values(s: SampleInput): number[] {
  if (s.values) return [...s.values];
  const [lo, hi] = s.range ?? [-2, 2];
  return Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => lo + (hi - lo) * gen.random());
}

function paramsOf(kind: KindDef, extra?: Params): Params {
  let p = { ...defaultParams(kind), ...extra };
  if (extra && kind.adjustParams) p = kind.adjustParams(p, Object.keys(extra));
  return p;
}

/** The kind's outputs, in float64, on the given inputs and trainable-param values. */
function run(kind: KindDef, params: Params, inputs: Record<string, Tensor>, paramTensors: Record<string, Tensor>) {
  return kind.evaluate(inputs, params, { paramTensors });
}

function trainable(kind: KindDef, params: Params, requiresGrad: boolean): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, spec] of Object.entries(kind.params)) {
    if (spec.type === 'tensor' && spec.trainable) {
      out[name] = tensor(new Float64Array(params[name] as number[]), { shape: (spec as TensorParamSpec).shapeOf!(params), requiresGrad });
    }
  }
  return out;
}

describe.each(registry.all().map((k) => [k.id, k] as const))('kind %s', (_id, kind) => {
  it('declares itself fully, has samples, and its defaults are valid', () => {
    expect(kind.label.length).toBeGreaterThan(0);
    expect(kind.description.length).toBeGreaterThan(80);
    expect(kind.formulas.forward.length).toBeGreaterThan(0);
    expect(kind.formulas.gradient.length).toBeGreaterThan(0);
    expect(kind.examples.samples.length, 'at least one sample in examples.samples').toBeGreaterThan(0);
    expect(validateParams(kind, defaultParams(kind))).toEqual([]);
    for (const spec of Object.values(kind.params)) expect(spec.description.length).toBeGreaterThan(0);
  });

  it.each(kind.examples.samples.map((s, i) => [i, s] as const))('sample %i: evaluates with the inferred shapes and passes a finite-difference gradient check', (_i, sample) => {
    const params = paramsOf(kind, sample.params);
    expect(validateParams(kind, params)).toEqual([]);
    const raw = Object.fromEntries(Object.entries(sample.inputs).map(([k, s]) => [k, values(s)]));
    const make = (vals: Record<string, number[]>, grad: boolean) => Object.fromEntries(Object.entries(sample.inputs).map(([k, s]) => [
      k, tensor(new Float64Array(vals[k]!), { shape: s.shape, requiresGrad: grad && !s.noGrad }),
    ]));
    const inputs = make(raw, true);
    const ptensors = trainable(kind, params, true);
    const outputs = run(kind, params, inputs, ptensors);
    const inputShapes = Object.fromEntries(Object.entries(sample.inputs).map(([k, s]) => [k, s.shape]));
    const inferred = kind.inferShapes(inputShapes, params);
    // The cost estimate is a positive, finite number of operations, at least one per output element.
    const cost = kind.cost(inputShapes, inferred);
    expect(Number.isFinite(cost) && cost >= kind.outputs.reduce((n, p) => n + outputs[p.id]!.size, 0)).toBe(true);
    for (const p of kind.outputs) {
      expect(outputs[p.id], `output ${p.id}`).toBeInstanceOf(Tensor);
      expect(outputs[p.id]!.shape).toEqual(inferred[p.id]);
      if (p.type === 'scalar') expect(outputs[p.id]!.size).toBe(1);
      for (const v of outputs[p.id]!.data) expect(Number.isFinite(v)).toBe(true);
    }
    if (kind.inputs.length === 0) return;

    // L = Σ_port Σ_i w_i · out_i with fixed random weights, so that no symmetry hides a wrong gradient.
    const weights = Object.fromEntries(kind.outputs.map((p) => [p.id, Array.from({ length: outputs[p.id]!.size }, () => gen.random() * 2 - 1)]));
    const lossOf = (outs: Record<string, Tensor>): number => kind.outputs.reduce((s, p) => s + Array.from(outs[p.id]!.data).reduce((a, v, i) => a + v * weights[p.id]![i]!, 0), 0);
    for (const p of kind.outputs) {
      const o = outputs[p.id]!;
      if (o.requiresGrad) o.backward(tensor(new Float64Array(weights[p.id]!), { shape: o.shape }), { retainGraph: true });
    }
    // The shared finite-difference loop nudges the raw numbers the kind is rebuilt from (inputs, then parameters).
    const check = (analytic: Tensor | null, data: number[], loss: () => number, what: string) => {
      expect(analytic, `gradient of ${what}`).not.toBeNull();
      centralDifferences(data, () => noGrad(loss)).forEach((numeric, i) => {
        const a = analytic!.data[i]!;
        expect(normalisedError(a, numeric, 1e-5, 1e-6), `${what}[${i}]: analytic ${a}, numeric ${numeric}`).toBeLessThanOrEqual(1);
      });
    };
    for (const [name, s] of Object.entries(sample.inputs)) {
      if (s.noGrad) continue;
      const vals = { ...raw, [name]: [...raw[name]!] };
      check(inputs[name]!.grad, vals[name]!, () => lossOf(run(kind, params, make(vals, false), trainable(kind, params, false))), `input ${name}`);
    }
    for (const [name, t] of Object.entries(ptensors)) {
      const p2 = { ...params, [name]: [...(params[name] as number[])] };
      check(t.grad, p2[name] as number[], () => lossOf(run(kind, p2, make(raw, false), trainable(kind, p2, false))), `param ${name}`);
    }
  });

  it('saves and opens again unchanged', () => {
    let doc = createDocument({ title: kind.label, now: '2026-01-02T03:04:05.000Z' });
    doc = addNode(doc, { kind: kind.id, position: { x: 12.5, y: -40 }, name: `my ${kind.label}` });
    const text = serializeDocument(doc);
    const back = parseDocument(text);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.document).toEqual(doc);
    expect(serializeDocument(back.document)).toBe(text);
  });

  if (kind.scalar) it('its scalar function and derivative match the engine', () => {
    const sc = kind.scalar!;
    const params = paramsOf(kind, kind.examples.samples[0]!.params);
    const [lo, hi] = sc.domain;
    const xs = Array.from({ length: 41 }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / 41);
    const x = tensor(new Float64Array(xs), { requiresGrad: true });
    const y = kind.evaluate({ x }, params, { paramTensors: {} }).out!;
    y.sum().backward();
    xs.forEach((v, i) => {
      expect(sc.f(v, params)).toBeCloseTo(y.data[i]!, 12);
      expect(sc.df(v, params)).toBeCloseTo(x.grad!.data[i]!, 10);
    });
  });
});
