/**
 * log, sin, cos and a normal sample from + − × ÷ and √ only, which IEEE 754 rounds exactly, so they give the same
 * bits in every JavaScript engine. Math.log/sin/cos do not: measured, Node 20 and Chromium 156 (both V8, different
 * versions) give different last bits, which made seeded Gaussian and spiral data differ between the CLI and the app.
 * Accuracy is a few ulp, ample for drawing data; determinism is the point.
 */
import type { Generator } from '../engine/random';

const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;

/** Natural logarithm of x > 0: x = m·2^e with m in [√½, √2), then log m = 2·atanh((m−1)/(m+1)) as a series. */
export function exactLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  let m = x;
  let e = 0;
  // Scaling by 2 is exact; the loops run at most ~1075 times (subnormals), usually a few.
  while (m >= SQRT2) {
    m /= 2;
    e++;
  }
  while (m < SQRT2 / 2) {
    m *= 2;
    e--;
  }
  const z = (m - 1) / (m + 1); // |z| ≤ 0.1716
  const z2 = z * z;
  // Horner form of z·(1 + z²/3 + z⁴/5 + … + z²⁶/27): the next term is below 2⁻⁵⁴ relative.
  let s = 1 / 27;
  for (let k = 25; k >= 1; k -= 2) s = 1 / k + z2 * s;
  return 2 * z * s + e * LN2;
}

// π/2 in three parts (Cody–Waite), so that t − k·π/2 stays accurate for the angles used here (|t| < 10⁴).
const PIO2_1 = 1.5707963267341256; // first 33 bits of π/2
const PIO2_2 = 6.077100506303966e-11; // next 33 bits
const PIO2_3 = 2.0222662487959506e-21; // the rest

function sinPoly(r: number): number {
  const r2 = r * r;
  let s = 0;
  // r − r³/3! + r⁵/5! − …, to r¹⁹: beyond double precision for |r| ≤ π/4.
  for (let k = 19; k >= 3; k -= 2) s = (1 - s) * (r2 / (k * (k - 1)));
  return r * (1 - s);
}

function cosPoly(r: number): number {
  const r2 = r * r;
  let s = 0;
  for (let k = 20; k >= 2; k -= 2) s = (1 - s) * (r2 / (k * (k - 1)));
  return 1 - s;
}

/** [sin t, cos t]. */
export function exactSinCos(t: number): [number, number] {
  if (!Number.isFinite(t)) return [NaN, NaN];
  const k = Math.round(t / (PIO2_1 + PIO2_2));
  const r = t - k * PIO2_1 - k * PIO2_2 - k * PIO2_3;
  const s = sinPoly(r);
  const c = cosPoly(r);
  switch (((k % 4) + 4) % 4) {
    case 0:
      return [s, c];
    case 1:
      return [c, -s];
    case 2:
      return [-s, -c];
    default:
      return [-c, s];
  }
}

/** A standard normal sample (Marsaglia's polar method; the method's second value is dropped, keeping it stateless). */
export function exactNormal(rng: Generator): number {
  for (;;) {
    const u = 2 * rng.random() - 1;
    const v = 2 * rng.random() - 1;
    const s = u * u + v * v;
    if (s < 1 && s > 0) return u * Math.sqrt((-2 * exactLog(s)) / s);
  }
}
