/**
 * The training ops against PyTorch: test/fixtures/torch-training.json, made by generate-torch-training.py with
 * PyTorch 1.13 in float64. Ops and losses: values and the gradients for a recorded upstream gradient; optimizers,
 * clipGradNorm and ReduceLROnPlateau: every step of a trajectory. Non-finite values must match exactly (NaN where
 * PyTorch gives NaN, the same infinities).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nn, optim, Tensor, tensor } from '../../src/engine';

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface Enc { shape: number[]; data: Num[] }
interface OpCase { name: string; op: string; kwargs: Record<string, unknown>; inputs: Enc[]; shape: number[]; value: Num[]; G?: Num[]; grads?: Num[][] }
interface LossCase { name: string; loss: string; kwargs: Record<string, unknown>; prediction: Enc; target: Enc; shape: number[]; value: Num[]; G: Num[]; grads: Num[][] }
interface OptCase { name: string; optimizer: string; kwargs: Record<string, unknown>; w0: number[]; a: number[]; c: number[]; steps: Num[][] }
interface ClipCase { name: string; grads: Num[][]; maxNorm: number; normType: Num; total: Num; after: Num[][] }
interface PlateauCase { name: string; kwargs: Record<string, unknown>; metrics: Num[]; lrs: number[][] }
interface Fixture { ops: OpCase[]; losses: LossCase[]; optimizers: OptCase[]; clip: ClipCase[]; plateau: PlateauCase[]; gains: Record<string, number> }

const fx = JSON.parse(readFileSync(new URL('../fixtures/torch-training.json', import.meta.url), 'utf8')) as Fixture;

const dec = (v: Num): number => (typeof v === 'number' ? v : Number(v));
const f64 = (e: Enc, requiresGrad = false): Tensor => tensor(Float64Array.from(e.data, dec), { shape: e.shape, requiresGrad });

/** Elementwise |a − e| ≤ atol + rtol·|e|, with NaN and ±Infinity required to match exactly. */
function expectClose(actual: ArrayLike<number>, expected: readonly Num[], what: string, rtol = 1e-12, atol = 1e-14): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!, e = dec(expected[i]!);
    const ok = Number.isFinite(e) ? Math.abs(a - e) <= atol + rtol * Math.abs(e) : Object.is(a, e) || (Number.isNaN(a) && Number.isNaN(e));
    if (!ok) bad.push(`[${i}] ${a} vs ${e}`);
  }
  expect(bad, `${what}: ${bad.slice(0, 4).join('; ')}`).toEqual([]);
}

/** PyTorch's snake_case option names → the engine's camelCase ones. */
const camel = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));

function runOp(c: OpCase, xs: Tensor[]): Tensor {
  const k = c.kwargs as { dim?: number | number[]; keepdim?: boolean; correction?: number; unbiased?: boolean };
  const dim = k.dim ?? null, keep = k.keepdim ?? false;
  const x = xs[0]!;
  switch (c.op) {
    case 'min': return x.min(dim, keep);
    case 'argmax': return x.argmax(dim as number | null, keep);
    case 'argmin': return x.argmin(dim as number | null, keep);
    case 'var': return x.var(dim, keep, { correction: k.correction, unbiased: k.unbiased });
    case 'std': return x.std(dim, keep, { correction: k.correction, unbiased: k.unbiased });
    case 'logsumexp': return x.logsumexp(dim, keep);
    case 'maximum': return x.maximum(xs[1]!);
    case 'minimum': return x.minimum(xs[1]!);
  }
  throw new Error(`no mapping for ${c.op}`);
}

describe('ops against PyTorch (values and vector-Jacobian products, float64)', () => {
  it.each(fx.ops.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const xs = c.inputs.map((e) => f64(e, c.grads !== undefined));
    const y = runOp(c, xs);
    expect(y.shape).toEqual(c.shape);
    expect(y.dtype).toBe('float64');
    expectClose(y.data, c.value, 'value');
    if (!c.grads) {
      expect(y.requiresGrad).toBe(false);
      return;
    }
    y.backward(f64({ shape: c.shape, data: c.G! }));
    c.grads.forEach((g, i) => expectClose(xs[i]!.grad!.data, g, `grad ${i}`));
  });
});

function makeLoss(c: LossCase): nn.Loss {
  const k = c.kwargs as { reduction: nn.Reduction; beta?: number; weight?: Num[] };
  const weight = k.weight ? k.weight.map(dec) : undefined;
  switch (c.loss) {
    case 'MSELoss': return new nn.MSELoss(k);
    case 'L1Loss': return new nn.L1Loss(k);
    case 'SmoothL1Loss': return new nn.SmoothL1Loss(k);
    case 'BCELoss': return new nn.BCELoss(k);
    case 'BCEWithLogitsLoss': return new nn.BCEWithLogitsLoss(k);
    case 'CrossEntropyLoss': return new nn.CrossEntropyLoss({ reduction: k.reduction, weight });
    case 'NLLLoss': return new nn.NLLLoss({ reduction: k.reduction, weight });
  }
  throw new Error(`no mapping for ${c.loss}`);
}

describe('losses against PyTorch, every reduction', () => {
  it.each(fx.losses.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const p = f64(c.prediction, true);
    const t = f64(c.target, c.grads.length > 1);
    const y = makeLoss(c).forward(p, t);
    expect(y.shape).toEqual(c.shape);
    expectClose(y.data, c.value, 'value');
    y.backward(f64({ shape: c.shape, data: c.G }));
    expectClose(p.grad!.data, c.grads[0]!, 'prediction grad');
    if (c.grads.length === 1) return;
    if (c.loss === 'SmoothL1Loss' && c.kwargs.beta === 0) {
      // PyTorch 1.13 gives −g to the target too where p = y (its rule applied with the operands swapped); ours is
      // the exact negative of the prediction's gradient, as everywhere else.
      expectClose(t.grad!.data, Array.from(p.grad!.data, (v) => -v), 'target grad = −prediction grad');
      const differ = c.grads[1]!.flatMap((v, i) => (Math.abs(dec(v) - t.grad!.data[i]!) > 1e-12 ? [i] : []));
      expect(differ.every((i) => c.prediction.data[i] === c.target.data[i])).toBe(true);
    } else expectClose(t.grad!.data, c.grads[1]!, 'target grad');
  });
});

function makeOptimizer(c: OptCase, p: Tensor): optim.Optimizer {
  const o = camel(c.kwargs);
  switch (c.optimizer) {
    case 'AdamW': return new optim.AdamW([p], o);
    case 'SGD': return new optim.SGD([p], o);
    case 'Adagrad': return new optim.Adagrad([p], o);
  }
  throw new Error(`no mapping for ${c.optimizer}`);
}

describe('optimizers against PyTorch, step by step on f(w) = Σ a(w − c)²', () => {
  it.each(fx.optimizers.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const p = new Tensor(Float64Array.from(c.w0), [c.w0.length], true);
    const opt = makeOptimizer(c, p);
    c.steps.forEach((expected, k) => {
      opt.zeroGrad();
      p.grad = new Tensor(Float64Array.from(p.data, (w, i) => 2 * c.a[i]! * (w - c.c[i]!)), p.shape);
      opt.step();
      expectClose(p.data, expected, `step ${k + 1}`, 1e-12, 1e-15);
    });
  });
});

describe('clipGradNorm against torch.nn.utils.clip_grad_norm_', () => {
  it.each(fx.clip.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const ps = c.grads.map((g) => {
      const p = new Tensor(new Float64Array(g.length), [g.length], true);
      p.grad = new Tensor(Float64Array.from(g, dec), [g.length]);
      return p;
    });
    const total = optim.clipGradNorm(ps, c.maxNorm, dec(c.normType));
    expectClose([total], [c.total], 'total norm');
    ps.forEach((p, i) => expectClose(p.grad!.data, c.after[i]!, `grad ${i} after`));
  });
});

describe('ReduceLROnPlateau against PyTorch', () => {
  it.each(fx.plateau.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const a = new Tensor(new Float64Array(1), [1], true), b = new Tensor(new Float64Array(1), [1], true);
    const opt = new optim.SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 1 });
    const s = new optim.ReduceLROnPlateau(opt, camel(c.kwargs));
    c.metrics.forEach((m, k) => {
      s.step(dec(m));
      expect(s.getLastLr(), `after metric ${k} (${m})`).toEqual(c.lrs[k]);
      expect(opt.paramGroups.map((g) => g.lr)).toEqual(c.lrs[k]);
    });
  });
});

describe('nn.init.calculateGain against torch.nn.init.calculate_gain', () => {
  it.each(Object.entries(fx.gains))('%s', (name, gain) => {
    const [nl, param] = name.split(' ');
    expect(nn.init.calculateGain(nl as nn.Nonlinearity, param === undefined ? undefined : Number(param))).toBeCloseTo(gain, 15);
  });
});
