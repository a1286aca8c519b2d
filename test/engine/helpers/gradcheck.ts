/**
 * Central finite-difference gradient checking in float64: the oracle for every backward rule.
 *
 * For y = f(x₁…xₙ) and a fixed random upstream gradient G (so that every element's gradient is distinguishable),
 * the scalar L = Σ G ⊙ y has ∂L/∂xᵢ = the vector-Jacobian product that y.backward(G) must leave in xᵢ.grad.
 * Each element of each input is nudged by ±h and (L(x+h) − L(x−h)) / 2h is compared with the analytic gradient.
 */
import { noGrad, tensor, type Tensor } from '../../../src/engine';

/** A small deterministic generator (mulberry32), independent of the engine's own RNG: the app's gradient check's. */
import { rng } from '../../../src/train/gradcheck';

export { rng };

/** Uniform values in [lo, hi) of the given shape, as a float64 tensor that requires grad. */
export function randT(shape: readonly number[], seed: number, lo = -2, hi = 2, requiresGrad = true): Tensor {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = lo + (hi - lo) * r();
  return tensor(d, { shape, requiresGrad });
}

/** Values bounded away from 0 by `gap` (for ops with a kink or a pole at 0: abs, relu, log of |x|, div). */
export function randAwayFromZero(shape: readonly number[], seed: number, gap = 0.2, hi = 2): Tensor {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = gap + (hi - gap) * r();
    d[i] = r() < 0.5 ? -m : m;
  }
  return tensor(d, { shape, requiresGrad: true });
}

export interface GradcheckResult {
  /** The worst |analytic − numeric| / (atol + rtol·|numeric|) over all elements (≤ 1 passes). */
  worst: number;
  where: string;
  analytic: number[][];
  numeric: number[][];
}

function weightedSum(y: Tensor, G: Float64Array): number {
  let s = 0;
  const d = y.data;
  for (let i = 0; i < d.length; i++) s += G[i]! * d[i]!;
  return s;
}

/**
 * The one finite-difference loop: for each entry of `data` (nudged in place by ±h and restored exactly),
 * (loss(x + h) − loss(x − h)) / 2h. `data` is whatever `loss` reads: a tensor's values, a parameter list, raw inputs.
 */
export function centralDifferences(data: { [i: number]: number; readonly length: number }, loss: () => number, h = 1e-6): number[] {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    data[i] = v + h;
    const lp = loss();
    data[i] = v - h;
    const lm = loss();
    data[i] = v;
    out.push((lp - lm) / (2 * h));
  }
  return out;
}

/** |analytic − numeric| / (atol + rtol·|numeric|): ≤ 1 passes; Infinity where either is not finite. */
export function normalisedError(analytic: number, numeric: number, rtol: number, atol: number): number {
  if (!Number.isFinite(analytic) || !Number.isFinite(numeric)) return Infinity;
  return Math.abs(analytic - numeric) / (atol + rtol * Math.abs(numeric));
}

export interface GradcheckOptions { h?: number; rtol?: number; atol?: number; seed?: number }

/**
 * Checks the gradients that `run()` (a float64 result) leaves in each tensor of `wrt` against central differences of
 * L = Σ G ⊙ run() for a fixed random G. `labels` name the tensors in the report (default `input k`).
 */
export function checkGradients(run: () => Tensor, wrt: readonly Tensor[], opts: GradcheckOptions = {}, labels?: readonly string[]): GradcheckResult {
  const h = opts.h ?? 1e-6;
  const rtol = opts.rtol ?? 1e-6;
  const atol = opts.atol ?? 1e-7;
  for (const x of wrt) {
    if (x.dtype !== 'float64') throw new Error('gradcheck needs float64 inputs');
    x.grad = null;
  }
  const y = run();
  if (y.dtype !== 'float64') throw new Error(`gradcheck: the output is ${y.dtype}, expected float64`);
  const r = rng(opts.seed ?? 12345);
  const G = new Float64Array(y.size);
  // Upstream gradient in ±[0.5, 1.5): never 0, different for every element.
  for (let i = 0; i < G.length; i++) G[i] = (r() < 0.5 ? -1 : 1) * (0.5 + r());
  y.backward(tensor(G, { shape: y.shape }));

  let worst = 0;
  let where = '';
  const analytic: number[][] = [];
  const numeric: number[][] = [];
  wrt.forEach((x, k) => {
    const label = labels?.[k] ?? `input ${k}`;
    const g = x.grad;
    if (g === null) throw new Error(`gradcheck: ${label} received no gradient`);
    if (g.shape.join(',') !== x.shape.join(',')) throw new Error(`gradcheck: ${label} has shape (${x.shape}) but its grad (${g.shape})`);
    const an = Array.from(g.data);
    const nu = centralDifferences(x.data, () => noGrad(() => weightedSum(run(), G)), h);
    an.forEach((a, i) => {
      const err = normalisedError(a, nu[i]!, rtol, atol);
      if (err > worst || Number.isNaN(err)) {
        worst = Number.isNaN(err) ? Infinity : err;
        where = `${label} element ${i}: analytic ${a}, numeric ${nu[i]}`;
      }
    });
    analytic.push(an);
    numeric.push(nu);
  });
  return { worst, where, analytic, numeric };
}

/**
 * Compares the analytic gradients of `f` at `inputs` (float64 tensors; those with requiresGrad are checked)
 * with central differences. Returns the worst normalised error; the caller asserts `worst <= 1`.
 */
export function gradcheck(f: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], opts: GradcheckOptions = {}): GradcheckResult {
  for (const x of inputs) if (x.dtype !== 'float64') throw new Error('gradcheck needs float64 inputs');
  const checked = inputs.filter((x) => x.requiresGrad);
  return checkGradients(() => f(...inputs), checked, opts, checked.map((x) => `input ${inputs.indexOf(x)}`));
}
