import { finiteRange } from '../numbers';

export interface ElementPoint { index: string; value: number; grad: number | null }

/** One row per element (row-major, labelled by its index), for small tensors. */
export function elementSeries(values: ArrayLike<number>, grads: ArrayLike<number> | null, shape: readonly number[]): ElementPoint[] {
  const out: ElementPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    out.push({ index: indexLabel(i, shape), value: values[i]!, grad: grads ? grads[i]! : null });
  }
  return out;
}

/** `0`, `1`… for 1-D; `[r,c]` for more axes. */
export function indexLabel(flat: number, shape: readonly number[]): string {
  if (shape.length <= 1) return String(flat);
  const idx: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(rest % shape[d]!);
    rest = Math.floor(rest / shape[d]!);
  }
  return `[${idx.join(',')}]`;
}

export interface Bin { x0: number; x1: number; mid: number; label: string; count: number }

/** Equal-width histogram of the finite values (NaN and ±Infinity are left out and counted apart by the caller). */
export function histogram(values: ArrayLike<number>, bins = 24): Bin[] {
  let [lo, hi] = finiteRange(values);
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const width = (hi - lo) / bins;
  const out: Bin[] = Array.from({ length: bins }, (_, i) => {
    const x0 = lo + i * width;
    const x1 = x0 + width;
    return { x0, x1, mid: (x0 + x1) / 2, label: compact((x0 + x1) / 2), count: 0 };
  });
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const b = Math.min(bins - 1, Math.floor((v - lo) / width));
    out[b]!.count++;
  }
  return out;
}

/** Short axis labels: 3 significant digits, exponent when tiny or huge. */
export function compact(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(1);
  return String(Number(x.toPrecision(3)));
}
