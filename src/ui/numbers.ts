import { formatArray, formatNumber, type DType, type TypedArray } from '../engine';

/** Elements up to which a node shows the numbers themselves; beyond it a picture (sparkline or heatmap). */
export const INLINE_LIMIT = 12;

/** NumPy's `str(array)`: `[3.8e-44 5.0e-01 1.0e+00]`, wrapped at `lineWidth` characters (NumPy's default 75). */
export function numpyString(data: TypedArray, shape: readonly number[], dtype: DType, lineWidth?: number): string {
  return formatArray(data, shape, dtype, { separator: ' ', ...(lineWidth ? { lineWidth } : {}) });
}

/** NumPy's line width: wider panels never print longer lines than NumPy would; narrow ones wrap sooner. */
export const NUMPY_LINE_WIDTH = 75;

/**
 * Full precision: NumPy's `str(array)` under `np.set_printoptions(floatmode='unique')`, i.e. every element's
 * shortest round-trip digits in NumPy's layout (`[1. 2. 3.]`, `[0.1                 0.30000000000000004]`), wrapped at
 * `lineWidth`. A 0-d tensor prints as its scalar does. Past 1000 elements NumPy's summary (3 at each edge) applies.
 */
export function fullPrecisionString(data: TypedArray, shape: readonly number[], dtype: DType, lineWidth = NUMPY_LINE_WIDTH): string {
  if (shape.length === 0) return formatNumber(data[0]!, dtype);
  return formatArray(data, shape, dtype, { separator: ' ', lineWidth, floatmode: 'unique' });
}

/** One number as NumPy prints a scalar of the dtype. */
export function scalarString(x: number, dtype: DType): string {
  return formatNumber(x, dtype);
}

/** What min, max, mean and std are over, and how many values are NaN or ±inf (a document `TensorStats`). */
interface StatsLike { count: number; finite: number; min: number; max: number; mean: number; std: number; nan: number; posInf: number; negInf: number }

/**
 * A tensor's statistics in one line. They are over the finite values: when some are not finite the line says so
 * and counts them (`min 0.0 · max 0.0 · mean 0.0 · std 0.0 (over 1 finite of 3) · 1 inf, 1 −inf`); with none finite
 * it says `no finite values`.
 */
export function statsText(st: StatsLike, dtype: DType): string {
  const f = (x: number): string => scalarString(x, dtype);
  const counts = [st.nan && `${st.nan} nan`, st.posInf && `${st.posInf} inf`, st.negInf && `${st.negInf} \u2212inf`].filter(Boolean).join(', ');
  if (st.finite === 0) return `no finite values${counts ? ` · ${counts}` : ''}`;
  const base = `min ${f(st.min)} · max ${f(st.max)} · mean ${f(st.mean)} · std ${f(st.std)}`;
  return st.finite < st.count ? `${base} (over ${st.finite} finite of ${st.count}) · ${counts}` : base;
}

/** Finite min and max of the values (0, 0 when none is finite). */
export function finiteRange(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 0] : [lo, hi];
}

/** Parses spreadsheet or CSV text (tabs, commas, semicolons or spaces; one row a line) into rows of numbers. */
export function parseGridText(text: string): { rows: number[][] } | { error: string } {
  const lines = text.trim().split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return { error: 'Nothing to paste.' };
  const rows: number[][] = [];
  for (const [li, line] of lines.entries()) {
    const cells = line.trim().replace(/^\[|\]$/g, '').split(/[\t,;]\s*|\s+/).filter((c) => c !== '');
    const row: number[] = [];
    for (const [ci, cell] of cells.entries()) {
      const v = parseNumber(cell);
      if (v === null) return { error: `Row ${li + 1}, column ${ci + 1}: “${cell}” is not a number.` };
      row.push(v);
    }
    rows.push(row);
  }
  const width = rows[0]!.length;
  const bad = rows.findIndex((r) => r.length !== width);
  if (bad >= 0) return { error: `Row ${bad + 1} has ${rows[bad]!.length} values; row 1 has ${width}. Every row needs the same count.` };
  return { rows };
}

/** A number typed by a person: decimals, exponents, `nan`, `inf`, `-inf`. Null if it is not one. */
export function parseNumber(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Reads `[[1, 2], [3, 4]]`, `[-100, 0, 100]` or `1, 2, 3` (also nan/inf) into flat values and a shape. */
export function parseTensorText(text: string): { values: number[]; shape: number[] } | { error: string } {
  const t = text.trim();
  if (!t.startsWith('[')) {
    const g = parseGridText(t);
    if ('error' in g) return g;
    return g.rows.length === 1 ? { values: g.rows[0]!, shape: [g.rows[0]!.length] } : { values: g.rows.flat(), shape: [g.rows.length, g.rows[0]!.length] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(t.replace(/-inf(inity)?\b/gi, '"-inf"').replace(/(?<![-"])\binf(inity)?\b/gi, '"inf"').replace(/\bnan\b/gi, '"nan"'));
  } catch {
    return { error: 'Could not read that: use numbers in brackets, e.g. [-100, 0, 100] or [[1, 2], [3, 4]].' };
  }
  const values: number[] = [];
  const shapeAt: number[] = [];
  const walk = (v: unknown, depth: number): string | null => {
    if (Array.isArray(v)) {
      if (shapeAt[depth] === undefined) shapeAt[depth] = v.length;
      else if (shapeAt[depth] !== v.length) return 'Rows have different lengths.';
      for (const x of v) { const e = walk(x, depth + 1); if (e) return e; }
      return null;
    }
    if (depth !== shapeAt.length) return 'Rows have different depths.';
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
    if (n === null) return `${JSON.stringify(v)} is not a number.`;
    values.push(n);
    return null;
  };
  const err = walk(raw, 0);
  if (err) return { error: err };
  return { values, shape: shapeAt };
}
