import type { TypedArray } from '../engine';
import type { TensorStats } from './types';

/**
 * min, max, mean and population std over the finite values (NaN when there are none), how many values are finite,
 * and counts of NaN, +Infinity and −Infinity (see `TensorStats`).
 */
export function tensorStats(data: TypedArray | readonly number[]): TensorStats {
  let n = 0, nan = 0, posInf = 0, negInf = 0;
  let min = Infinity, max = -Infinity, mean = 0, m2 = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v !== v) { nan++; continue; }
    if (v === Infinity) { posInf++; continue; }
    if (v === -Infinity) { negInf++; continue; }
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
    // Welford's update: stable for large counts and offsets.
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  if (n === 0) return { count: data.length, finite: 0, min: NaN, max: NaN, mean: NaN, std: NaN, nan, posInf, negInf };
  return { count: data.length, finite: n, min, max, mean, std: Math.sqrt(m2 / n), nan, posInf, negInf };
}
