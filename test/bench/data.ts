import { Generator } from '../../src/engine';

/** Uniform values in [lo, hi) from a seeded generator, so every run measures the same numbers. */
export function uniform(n: number, lo: number, hi: number, seed: number): Float64Array {
  const g = new Generator(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * g.random();
  return out;
}

/** Largest |a − b| over two arrays of one length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (!(d <= m)) m = d;
  }
  return m;
}

/** Throws when two implementations disagree: a benchmark of wrong results measures nothing. */
export function agree(what: string, a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  const d = maxAbsDiff(a, b);
  if (!(d <= tol)) throw new Error(`bench check failed: ${what} differ by ${d} (tolerance ${tol})`);
}
