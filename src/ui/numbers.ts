import { formatArray, formatNumber, type DType, type TypedArray } from '../engine';

/** Elements up to which a node shows the numbers themselves; beyond it a picture (sparkline or heatmap). */
export const INLINE_LIMIT = 12;

/** NumPy's `str(array)`: `[3.8e-44 5.0e-01 1.0e+00]`, wrapped at `lineWidth` characters (NumPy's default 75). */
export function numpyString(data: TypedArray, shape: readonly number[], dtype: DType, lineWidth?: number): string {
  return formatArray(data, shape, dtype, { separator: ' ', ...(lineWidth ? { lineWidth } : {}) });
}

/** NumPy's line width: wider panels never print longer lines than NumPy would; narrow ones wrap sooner. */
export const NUMPY_LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

/** A shortest round-trip decimal: value = ±d₁.d₂d₃… × 10^exp. */
interface Decimal { negative: boolean; digits: string; exp: number }

/** The shortest digits that read back as `x` in `dtype`, taken from the engine's scalar printing. */
function shortestDigits(x: number, dtype: DType): Decimal {
  const s = formatNumber(x, dtype);
  const negative = s.startsWith('-');
  const [mant = '0', e = '0'] = s.replace(/^-/, '').split('e');
  const [ip = '0', fp = ''] = mant.split('.');
  const all = ip + fp;
  const lead = all.length - all.replace(/^0+/, '').length;
  if (lead === all.length) return { negative, digits: '0', exp: 0 };
  return { negative, digits: all.slice(lead).replace(/0+$/, ''), exp: ip.length - lead - 1 + Number(e) };
}

/**
 * NumPy's FloatingFormat with `floatmode='unique'` (what `np.set_printoptions(floatmode='unique')` prints): every
 * element with its own shortest round-trip digits, one notation for the array (the same choice of scientific as
 * NumPy's default), decimal points aligned; in scientific notation every element gets as many digits as the longest
 * needs, the extra ones exact.
 */
export class UniqueFloatFormat {
  private readonly exp: boolean;
  private readonly padLeft: number;
  private readonly padRight: number;
  private readonly precision: number;
  private readonly expSize: number;

  constructor(values: ArrayLike<number>, private readonly dtype: DType) {
    const finite: number[] = [];
    let negInf = false, nonFinite = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) finite.push(v);
      else { nonFinite = true; if (v === -Infinity) negInf = true; }
    }
    let maxAbs = 0, minAbs = Infinity;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a === 0) continue;
      if (a > maxAbs) maxAbs = a;
      if (a < minAbs) minAbs = a;
    }
    this.exp = minAbs !== Infinity && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
    let padLeft = 0, padRight = 0, precision = 0, expSize = -1;
    for (const v of finite) {
      const d = shortestDigits(v, dtype);
      const sign = d.negative ? 1 : 0;
      if (this.exp) {
        precision = Math.max(precision, d.digits.length - 1);
        expSize = Math.max(expSize, Math.max(2, String(Math.abs(d.digits === '0' ? 0 : d.exp)).length));
        padLeft = Math.max(padLeft, sign + 1);
      } else {
        const p = positional(d);
        padLeft = Math.max(padLeft, sign + p.int.length);
        padRight = Math.max(padRight, p.frac.length);
      }
    }
    if (this.exp) padRight = expSize + 2 + precision;
    if (nonFinite) padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (negInf ? 1 : 0) - (padRight + 1));
    this.padLeft = padLeft;
    this.padRight = padRight;
    this.precision = precision;
    this.expSize = expSize;
  }

  format(x: number): string {
    if (!Number.isFinite(x)) return (Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf').padStart(this.padLeft + this.padRight + 1);
    const sign = x < 0 || Object.is(x, -0) ? '-' : '';
    if (this.exp) {
      // The longest element's count of digits for all, the extra ones rounded from the exact binary value.
      const [mant = '0', e = '0'] = Math.abs(x).toExponential(this.precision).split('e');
      const [int = '0', frac = ''] = mant.split('.');
      const expNum = x === 0 ? 0 : Number(e);
      return `${(sign + int).padStart(this.padLeft)}.${frac}e${expNum < 0 ? '-' : '+'}${String(Math.abs(expNum)).padStart(this.expSize, '0')}`;
    }
    const p = positional(shortestDigits(x, this.dtype));
    return `${(sign + p.int).padStart(this.padLeft)}.${p.frac.padEnd(this.padRight)}`;
  }
}

function positional(d: Decimal): { int: string; frac: string } {
  if (d.digits === '0') return { int: '0', frac: '' };
  const pointAt = d.exp + 1;
  if (pointAt <= 0) return { int: '0', frac: '0'.repeat(-pointAt) + d.digits };
  if (pointAt >= d.digits.length) return { int: d.digits + '0'.repeat(pointAt - d.digits.length), frac: '' };
  return { int: d.digits.slice(0, pointAt), frac: d.digits.slice(pointAt) };
}

/**
 * Full precision: NumPy's `str(array)` under `np.set_printoptions(floatmode='unique')`, i.e. every element's
 * shortest round-trip digits in NumPy's layout (`[1. 2. 3.]`, `[0.1                 0.30000000000000004]`), wrapped at
 * `lineWidth`. A 0-d tensor prints as its scalar does. Past 1000 elements NumPy's summary (3 at each edge) applies.
 */
export function fullPrecisionString(data: TypedArray, shape: readonly number[], dtype: DType, lineWidth = NUMPY_LINE_WIDTH): string {
  if (shape.length === 0) return formatNumber(data[0]!, dtype);
  const summarise = data.length > THRESHOLD;
  const fmt = new UniqueFloatFormat(printedElements(data, shape, summarise), dtype);
  return layoutArray(data, shape, (x) => fmt.format(x), ' ', lineWidth, summarise);
}

function stridesOf(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = acc; acc *= shape[i]!; }
  return strides;
}

/** The elements a (possibly summarised) print shows: what the format is fitted to. */
function printedElements(data: TypedArray, shape: readonly number[], summarise: boolean): number[] {
  const out: number[] = [];
  const strides = stridesOf(shape);
  const walk = (dim: number, off: number): void => {
    if (dim === shape.length) { out.push(data[off]!); return; }
    const n = shape[dim]!;
    for (const i of edgeIndices(n, summarise)) if (i !== null) walk(dim + 1, off + i * strides[dim]!);
  };
  walk(0, 0);
  return out;
}

function edgeIndices(n: number, summarise: boolean): (number | null)[] {
  if (!summarise || n <= 2 * EDGE_ITEMS) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: EDGE_ITEMS }, (_, i) => i), null, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)];
}

/** NumPy's array2string layout (`_formatArray`): rows wrapped at `lineWidth`, blank lines between blocks. */
function layoutArray(data: TypedArray, shape: readonly number[], format: (x: number) => string, sep: string, lineWidth: number, summarise: boolean): string {
  if (data.length === 0) return '[]';
  const strides = stridesOf(shape);
  const extend = (s: string, line: string, word: string, width: number, indent: string): [string, string] => {
    if (line.length + word.length > width && line.length > indent.length) return [s + line.trimEnd() + '\n', indent + word];
    return [s, line + word];
  };
  const recurse = (dim: number, off: number, indent: string, width: number): string => {
    if (dim === shape.length) return format(data[off]!);
    const items = edgeIndices(shape[dim]!, summarise);
    const axesLeft = shape.length - dim;
    let s = '';
    if (axesLeft === 1) {
      const elemWidth = width - Math.max(sep.trimEnd().length, 1);
      let line = indent;
      items.forEach((i, k) => {
        const word = i === null ? '...' : recurse(dim + 1, off + i * strides[dim]!, indent + ' ', width - 1);
        [s, line] = extend(s, line, word, elemWidth, indent);
        if (k < items.length - 1) line += sep;
      });
      s += line;
    } else {
      const lineSep = sep.trimEnd() + '\n'.repeat(axesLeft - 1);
      s = items.map((i) => indent + (i === null ? '...' : recurse(dim + 1, off + i * strides[dim]!, indent + ' ', width - 1))).join(lineSep);
    }
    return '[' + s.slice(indent.length) + ']';
  };
  return recurse(0, 0, ' ', lineWidth);
}

/** One number as NumPy prints a scalar of the dtype. */
export function scalarString(x: number, dtype: DType): string {
  return formatNumber(x, dtype);
}

/** What min, max, mean and std are over, and how many values are NaN or ±inf (a document `TensorStats`). */
export interface StatsLike { count: number; finite: number; min: number; max: number; mean: number; std: number; nan: number; posInf: number; negInf: number }

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

/** `(3,)`, `(2, 4)`, `()`: shapes as Python prints them. */
export function shapeString(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
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
