import { niceStep, tickLabel } from './scale';

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

/** The elements that are NaN or ±Infinity, by index label: a bar cannot show them, so the chart names them. */
export function nonFiniteElements(values: ArrayLike<number>, shape: readonly number[]): { index: string; value: number }[] {
  const out: { index: string; value: number }[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) out.push({ index: indexLabel(i, shape), value: values[i]! });
  return out;
}

/** A bin [x0, x1): the last bin also holds its right end. */
export interface Bin { x0: number; x1: number; mid: number; label: string; count: number }

export interface Histogram {
  bins: Bin[];
  /** Values binned (the finite ones). */
  finite: number;
  /** Values that no bin holds, counted apart. */
  nan: number; posInf: number; negInf: number;
}

/**
 * Histogram of the finite values, with NaN, +Infinity and −Infinity counted apart. Bin edges are round multiples
 * of a round width (1, 2, 2.5, 5 × 10^k), about √n of them (between 5 and 30) unless `bins` is given.
 */
export function histogramOf(values: ArrayLike<number>, bins?: number): Histogram {
  let nan = 0, posInf = 0, negInf = 0;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) nan++;
    else if (v === Infinity) posInf++;
    else if (v === -Infinity) negInf++;
    else { if (v < lo) lo = v; if (v > hi) hi = v; }
  }
  const finite = values.length - nan - posInf - negInf;
  if (finite === 0) return { bins: [], finite, nan, posInf, negInf };
  const want = bins ?? Math.max(5, Math.min(30, Math.ceil(Math.sqrt(finite))));
  let width: number;
  let start: number;
  let count: number;
  if (lo === hi) {
    // One value (or all equal): one bin around it, a round width wide.
    width = niceStep(lo === 0 ? 1 : Math.abs(lo) / 10);
    start = lo - width / 2;
    count = 1;
  } else {
    width = niceStep((hi - lo) / want);
    start = Math.floor(lo / width) * width;
    count = Math.max(1, Math.ceil((hi - start) / width - 1e-9));
    if (start + count * width < hi) count++;
  }
  const out: Bin[] = Array.from({ length: count }, (_, i) => {
    const x0 = clean(start + i * width);
    const x1 = clean(start + (i + 1) * width);
    return { x0, x1, mid: (x0 + x1) / 2, label: tickLabel((x0 + x1) / 2), count: 0 };
  });
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let b = Math.min(count - 1, Math.max(0, Math.floor((v - start) / width)));
    // Edges are rounded: a value on an edge goes in the bin that starts there; the top value in the last bin.
    while (b > 0 && v < out[b]!.x0) b--;
    while (b < count - 1 && v >= out[b]!.x1) b++;
    out[b]!.count++;
  }
  return { bins: out, finite, nan, posInf, negInf };
}

/** The bins of `histogramOf` alone. */
export function histogram(values: ArrayLike<number>, bins?: number): Bin[] {
  return histogramOf(values, bins).bins;
}

function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(12));
}
