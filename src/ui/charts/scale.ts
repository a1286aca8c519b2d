/** Axis arithmetic shared by the charts: round tick steps, ticks, and short tick labels. */

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least x (x > 0): a round step between ticks or bin edges. */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

/** Round ticks covering [lo, hi] with about `count` intervals; the ends are the first and last multiples inside. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const step = niceStep((hi - lo) / count);
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  // Multiply rather than accumulate, so 0.1 steps give 0.3, not 0.30000000000000004.
  for (let k = first; k <= last; k++) out.push(clean(k * step));
  return out;
}

/** A round axis domain that takes in [lo, hi]: widened out to the tick step, with 0 kept when `withZero`. */
export function niceDomain(lo: number, hi: number, count = 4, withZero = false): [number, number] {
  if (withZero) { lo = Math.min(lo, 0); hi = Math.max(hi, 0); }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 2;
    lo -= pad; hi += pad;
  }
  const step = niceStep((hi - lo) / count);
  return [clean(Math.floor(lo / step + 1e-9) * step), clean(Math.ceil(hi / step - 1e-9) * step)];
}

/**
 * Short tick labels: the fewest significant digits (up to 4) that give the number back, else 3; an exponent when
 * tiny or huge; a real minus sign. Round ticks such as 1.025 or 0.3125 keep their digits; 0.3333… shows as 0.333.
 */
export function tickLabel(x: number): string {
  if (x === 0) return '0';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const a = Math.abs(x);
  let s: string;
  if (a >= 1e4 || a < 1e-3) s = x.toExponential(1).replace('e+', 'e');
  else {
    let p = 1;
    while (p < 4 && Math.abs(Number(x.toPrecision(p)) - x) > 1e-9 * a) p++;
    if (Math.abs(Number(x.toPrecision(p)) - x) > 1e-9 * a) p = 3;
    s = String(Number(x.toPrecision(p)));
  }
  return s.replaceAll('-', '−');
}

/** Strips float noise from a product such as 3 × 0.1. */
function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}
