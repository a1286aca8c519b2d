import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../src/engine';
import { defaultParams, registry, type Params } from '../../src/kinds';

describe('every kind’s forward pass equals a plain reference implementation', () => {
  it('each kind has reference cases, or says why it has none and where it is tested', () => {
    for (const k of registry.all()) {
      const o = k.examples.oracle;
      if ('none' in o) expect(o.none.length, k.id).toBeGreaterThan(20);
      else expect(o.length, k.id).toBeGreaterThan(0);
    }
  });

  const cases = registry.all().flatMap((k) => ('none' in k.examples.oracle ? [] : k.examples.oracle.map((c, i) => [k.id, i, c] as const)));
  it.each(cases)('%s (case %i)', (id, _i, c) => {
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
