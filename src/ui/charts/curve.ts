import type { Params, ScalarFunction } from '../../kinds';
import { niceDomain } from './scale';

interface CurvePoint { x: number; f: number; df: number }

/** An input drawn on the curves. `side` says it lies outside the plotted window and is drawn at that edge. */
export interface Mark extends CurvePoint {
  side: 'in' | 'below' | 'above';
  /** Where it is drawn: x clamped into the window, f and f′ clamped into the plotted y ranges. */
  px: number; pf: number; pdf: number;
}

interface ActivationPlot {
  /** f and f′ sampled over `window`. */
  curve: CurvePoint[];
  /** Every finite input (up to 500), at its true x, with f as the engine computed it and f′ from the kind. */
  marks: CurvePoint[];
  /** The same inputs as drawn: inside the window, or clamped to its edge. */
  drawn: Mark[];
  /** The x range plotted: the informative region of f (see `informativeRange`), widened only when that costs nothing. */
  window: [number, number];
  /** A round range taking in the window and every finite input: the overview's scale. */
  range: [number, number];
  /** y ranges of f and of f′ over the window (the plotted curves and the marks inside it). */
  fRange: [number, number];
  dfRange: [number, number];
}

const MARK_LIMIT = 500;

/**
 * The function and its derivative over the informative region of the curve, and the node's actual inputs marked on
 * both: on f at the values the engine computed, on f′ at the kind's derivative. Inputs outside the region are kept
 * (drawn at its edge, true values in `marks`), and `range` is wide enough for an overview of all of them.
 */
export function activationCurve(fn: ScalarFunction, params: Params, inputs: ArrayLike<number>, outputs: ArrayLike<number>, points = 241): ActivationPlot {
  const n = Math.min(inputs.length, MARK_LIMIT);
  const marks: CurvePoint[] = [];
  for (let i = 0; i < n; i++) {
    const x = inputs[i]!;
    if (Number.isFinite(x)) marks.push({ x, f: outputs[i]!, df: fn.df(x, params) });
  }
  const region = informativeRange(fn, params);
  let window: [number, number] = [region.lo, region.hi];
  if (region.scaleFree && marks.length > 0) {
    // f(kx) = kⁿ f(x): the curve looks the same at every scale, so the inputs may set it without hiding anything.
    const lo = Math.min(window[0], ...marks.map((m) => m.x));
    const hi = Math.max(window[1], ...marks.map((m) => m.x));
    if (lo < window[0] || hi > window[1]) {
      const r = niceBound(Math.min(1e6, Math.max(Math.abs(lo), Math.abs(hi)) * 1.05));
      window = [lo < 0 ? -r : window[0], hi > 0 ? r : window[1]];
    }
  }
  const curve: CurvePoint[] = [];
  for (let i = 0; i < points; i++) {
    const x = window[0] + ((window[1] - window[0]) * i) / (points - 1);
    curve.push({ x, f: fn.f(x, params), df: fn.df(x, params) });
  }
  const inside = marks.filter((m) => m.x >= window[0] && m.x <= window[1]);
  const fRange = span([...curve.map((c) => c.f), ...inside.map((m) => m.f)]);
  const dfRange = span([...curve.map((c) => c.df), ...inside.map((m) => m.df)]);
  const drawn: Mark[] = marks.map((m) => {
    const side = m.x < window[0] ? 'below' : m.x > window[1] ? 'above' : 'in';
    return { ...m, side, px: clamp(m.x, window), pf: clamp(m.f, fRange), pdf: clamp(m.df, dfRange) };
  });
  let lo = window[0];
  let hi = window[1];
  for (const m of marks) { lo = Math.min(lo, m.x); hi = Math.max(hi, m.x); }
  const range: [number, number] = lo === window[0] && hi === window[1] ? window : niceDomain(lo, hi, 4);
  if (lo < window[0] || hi > window[1]) {
    // Symmetric round ends when the inputs straddle 0, as the seed's [-100, 0, 100] do: −120…120.
    if (lo < 0 && hi > 0) { const r = niceBound(Math.max(-lo, hi) * 1.05); range[0] = -r; range[1] = r; }
  }
  return { curve, marks, drawn, window, range, fRange, dfRange };
}

/** Where f changes: the x range plotted before any inputs are considered. */
interface Region { lo: number; hi: number; scaleFree: boolean }

/** |f′| below this fraction of its peak counts as flat: the saturated tails, where the curve no longer changes. */
export const FLAT = 1e-3;

/**
 * The informative region of f, found from f itself. When f′ rises to a peak and falls away on both sides (the
 * saturating activations), the region is where |f′| is at least FLAT of its peak, rounded out to round numbers: for
 * the sigmoid, whose σ′(x) ≈ e^−|x|, that is |x| ≤ ln(0.25 / 0.00025) ≈ 6.9 → −10…10 (tanh: ±3.8 → ±5). Otherwise
 * f′ has no peak to measure from (ReLU, exp, log, powers): the kind's declared plotting range is used, and
 * `scaleFree` says whether f is homogeneous (f(2x) = c·f(x) on each side), so that inputs may widen the range.
 */
export function informativeRange(fn: ScalarFunction, params: Params): Region {
  const probe = probeGrid();
  const slope = probe.map((x) => Math.abs(fn.df(x, params)));
  // f must be defined along the whole line for a bump to be measured (log is not, left of 0).
  const defined = probe.every((x, i) => Number.isFinite(fn.f(x, params)) && Number.isFinite(slope[i]!));
  let peak = 0;
  let at = -1;
  slope.forEach((s, i) => { if (Number.isFinite(s) && s > peak) { peak = s; at = i; } });
  const scaleFree = isHomogeneous(fn, params);
  if (defined && at > 0 && at < probe.length - 1) {
    const thr = peak * FLAT;
    const first = slope.findIndex((s) => s >= thr);
    let last = -1;
    slope.forEach((s, i) => { if (s >= thr) last = i; });
    // A bump: flat at both ends of the probe (and defined there), steep in between.
    if (first > 0 && last < probe.length - 1 && slope[0]! < thr && slope[probe.length - 1]! < thr) {
      const lo = edge(fn, params, probe[first - 1]!, probe[first]!, thr);
      const hi = edge(fn, params, probe[last + 1]!, probe[last]!, thr);
      return { lo: roundOut(lo, -1), hi: roundOut(hi, 1), scaleFree };
    }
  }
  return { lo: fn.domain[0], hi: fn.domain[1], scaleFree };
}

/** 0 and ±10^k for k from −3 to 4 in steps of 1/16 decade. */
function probeGrid(): number[] {
  const pos: number[] = [];
  for (let k = -48; k <= 64; k++) pos.push(10 ** (k / 16));
  return [...pos.map((x) => -x).reverse(), 0, ...pos];
}

/** Bisects between a flat point and a steep one for where |f′| crosses the threshold. */
function edge(fn: ScalarFunction, params: Params, flat: number, steep: number, thr: number): number {
  let a = flat;
  let b = steep;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (Math.abs(fn.df(m, params)) >= thr) b = m; else a = m;
  }
  return b;
}

function isHomogeneous(fn: ScalarFunction, params: Params): boolean {
  for (const sign of [-1, 1]) {
    let ratio: number | null = null;
    for (const a of [0.3, 0.7, 1.3, 2.9, 5.1, 17]) {
      const x = sign * a;
      const fx = fn.f(x, params);
      const f2x = fn.f(2 * x, params);
      if (!Number.isFinite(fx) || !Number.isFinite(f2x)) return false;
      if (fx === 0) { if (f2x !== 0) return false; continue; }
      const r = f2x / fx;
      if (ratio === null) ratio = r;
      else if (Math.abs(r - ratio) > 1e-9 * Math.abs(ratio)) return false;
    }
  }
  return true;
}

/** Rounds a region edge away from 0 (dir −1: down, +1: up) to 1, 2, 2.5, 5 × 10^k. */
function roundOut(x: number, dir: -1 | 1): number {
  if (x === 0) return 0;
  if (Math.sign(x) === dir) return dir * niceBound(Math.abs(x));
  // An edge on the other side of 0 (a bump off-centre): round towards 0 instead, which still takes it in.
  const p = 10 ** Math.floor(Math.log10(Math.abs(x)));
  return -dir * Math.floor(Math.abs(x) / p) * p;
}

function span(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

function clamp(v: number, [lo, hi]: readonly [number, number]): number {
  if (Number.isNaN(v)) return v;
  return Math.min(hi, Math.max(lo, v));
}

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least x: round axis ends. */
export function niceBound(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}
