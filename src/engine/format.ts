import type { DType, TypedArray } from './dtype';

/**
 * Numbers printed exactly as NumPy prints arrays (numpy.array2string with its defaults: precision 8, floatmode
 * 'maxprec', line width 75, summarised past 1000 elements with 3 edge items). The app shows every value through this,
 * so what a student reads matches what Sorix, NumPy and PyTorch users read.
 */

const PRECISION = 8;
const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

interface Decimal {
  negative: boolean;
  /** Significant digits, no leading zeros (\"0\" for zero). */
  digits: string;
  /** Decimal exponent of the first digit: value = 0.d1d2… × 10^(exp+1). */
  exp: number;
}

function parseExp(s: string, negative: boolean): Decimal {
  const [mant = '0', e = '0'] = s.split('e');
  return { negative, digits: mant.replace('.', ''), exp: Number(e) };
}

/** The shortest decimal that reads back as the same value in `dtype` (NumPy's unique repr per dtype). */
export function shortestDecimal(x: number, dtype: DType): Decimal {
  const negative = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a === 0) return { negative, digits: '0', exp: 0 };
  if (dtype === 'float64') return parseExp(a.toExponential(), negative);
  for (let p = 0; p < 9; p++) {
    const s = a.toExponential(p);
    if (Math.fround(Number(s)) === a) return parseExp(s, negative);
  }
  return parseExp(a.toExponential(8), negative);
}

/** Rounds to at most `sig` significant digits (from the exact binary value), dropping trailing zeros. */
function roundSig(x: number, d: Decimal, sig: number): Decimal {
  if (d.digits.length <= sig) return d;
  const r = parseExp(Math.abs(x).toExponential(sig - 1), d.negative);
  return { ...r, digits: r.digits.replace(/0+$/, '') || '0' };
}

/** Rounds to at most `frac` digits after the point (from the exact binary value), dropping trailing zeros. */
function positionalParts(x: number, dtype: DType, precision: number): { int: string; frac: string } {
  const d = shortestDecimal(x, dtype);
  const sign = d.negative ? '-' : '';
  let int: string;
  let frac: string;
  if (d.digits === '0') {
    int = '0';
    frac = '';
  } else {
    const pointAt = d.exp + 1; // digits before the decimal point
    if (pointAt <= 0) {
      int = '0';
      frac = '0'.repeat(-pointAt) + d.digits;
    } else if (pointAt >= d.digits.length) {
      int = d.digits + '0'.repeat(pointAt - d.digits.length);
      frac = '';
    } else {
      int = d.digits.slice(0, pointAt);
      frac = d.digits.slice(pointAt);
    }
    if (frac.length > precision) {
      const fixed = Math.abs(x).toFixed(precision);
      const [i2 = '0', f2 = ''] = fixed.split('.');
      int = i2;
      frac = f2.replace(/0+$/, '');
    }
  }
  return { int: sign + int, frac };
}

function scientificParts(x: number, dtype: DType, precision: number): { int: string; frac: string; exp: string } {
  const d = roundSig(x, shortestDecimal(x, dtype), precision + 1);
  const sign = d.negative ? '-' : '';
  const exp = d.digits === '0' ? 0 : d.exp;
  return {
    int: sign + d.digits[0],
    frac: d.digits.slice(1),
    exp: (exp < 0 ? '-' : '+') + String(Math.abs(exp)),
  };
}

/** A formatter fitted to a set of values, as NumPy's FloatingFormat: one notation and one width for them all. */
export class FloatFormat {
  private readonly exp: boolean;
  private readonly padLeft: number;
  private readonly padRight: number;
  private readonly precision: number;
  private readonly expSize: number;

  /**
   * `cap` is the most digits kept after the point (NumPy's precision, 8); Infinity gives every value its shortest
   * round-trip digits, as NumPy's floatmode='unique' does.
   */
  constructor(values: ArrayLike<number>, private readonly dtype: DType, private readonly cap: number = PRECISION) {
    const finite: number[] = [];
    let nonFinite = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) finite.push(v);
      else nonFinite = true;
    }
    let maxAbs = 0;
    let minAbs = Infinity;
    for (const v of finite) {
      const a = Math.abs(v);
      if (a === 0) continue;
      if (a > maxAbs) maxAbs = a;
      if (a < minAbs) minAbs = a;
    }
    this.exp = minAbs !== Infinity && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
    let padLeft = 0;
    let padRight = 0;
    let precision = PRECISION;
    let expSize = -1;
    if (finite.length > 0) {
      if (this.exp) {
        const parts = finite.map((v) => scientificParts(v, dtype, cap));
        precision = Math.max(...parts.map((p) => p.frac.length));
        expSize = Math.max(...parts.map((p) => p.exp.length)) - 1;
        padLeft = Math.max(...parts.map((p) => p.int.length));
        padRight = Math.max(expSize, 2) + 2 + precision;
      } else {
        const parts = finite.map((v) => positionalParts(v, dtype, cap));
        padLeft = Math.max(...parts.map((p) => p.int.length));
        padRight = Math.max(...parts.map((p) => p.frac.length));
      }
    }
    if (nonFinite) {
      // Room for 'nan', 'inf' and '-inf' in the same column.
      const hasNegInf = Array.from(values).some((v) => v === -Infinity);
      padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (hasNegInf ? 1 : 0) - (padRight + 1));
    }
    this.padLeft = padLeft;
    this.padRight = padRight;
    this.precision = precision;
    this.expSize = expSize;
  }

  format(x: number): string {
    if (!Number.isFinite(x)) {
      const s = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
      return s.padStart(this.padLeft + this.padRight + 1);
    }
    if (this.exp) {
      // Every value gets `precision` digits after the point, taken from its exact binary value (NumPy's Dragon4
      // with min_digits): a float32 whose shortest form is 7.410356e-01 prints as 7.4103558e-01 beside 8-digit
      // neighbours, not 7.4103560e-01. (For the unique digits themselves this is the same correctly rounded value.)
      const [mant = '0', e = '0'] = Math.abs(x).toExponential(this.precision).split('e');
      const [int = '0', frac = ''] = mant.split('.');
      const sign = x < 0 || Object.is(x, -0) ? '-' : '';
      const expNum = x === 0 ? 0 : Number(e);
      const digits = String(Math.abs(expNum)).padStart(Math.max(this.expSize, 2), '0');
      return `${(sign + int).padStart(this.padLeft)}.${frac}e${expNum < 0 ? '-' : '+'}${digits}`;
    }
    const p = positionalParts(x, this.dtype, this.cap);
    return `${p.int.padStart(this.padLeft)}.${p.frac.padEnd(this.padRight)}`;
  }
}

/**
 * Formats one number as NumPy prints a scalar of `dtype` (`str(np.float64(x))`, `str(np.float32(x))`), which is also
 * how it prints a 0-d array: the shortest digits that read back as the same value, positional for
 * 1e-4 ≤ |x| < 1e16 (1e6 for float32) (`0.1`, `-0.0`, `123456789.0`) and scientific otherwise (`1e-05`, `1e+06`).
 */
export function formatNumber(x: number, dtype: DType = 'float64'): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  const d = shortestDecimal(x, dtype);
  const sign = d.negative ? '-' : '';
  const a = Math.abs(x);
  // NumPy's cut-over to scientific is 1e16 for float64 but 1e6 for float32 (str(np.float32(1e6)) is '1e+06').
  if (a === 0 || (a >= 1e-4 && a < (dtype === 'float32' ? 1e6 : 1e16))) {
    const p = positionalParts(x, dtype, Infinity);
    return `${p.int}.${p.frac || '0'}`;
  }
  const rest = d.digits.slice(1);
  const e = String(Math.abs(d.exp)).padStart(2, '0');
  return `${sign}${d.digits[0]}${rest ? '.' + rest : ''}e${d.exp < 0 ? '-' : '+'}${e}`;
}

export interface FormatOptions {
  /** ' ' for str(), ', ' for repr(). */
  separator: string;
  /** Text printed before the array (its length indents continuation lines), e.g. 'tensor('. */
  prefix?: string;
  /** Text that will follow the array on its last line (counts against the line width). */
  suffix?: string;
  lineWidth?: number;
  /** 'maxprec' (NumPy's default: at most 8 digits after the point) or 'unique' (every value's shortest round-trip digits). */
  floatmode?: 'maxprec' | 'unique';
}

function leadingTrailing(data: TypedArray, shape: readonly number[], summarise: boolean): number[] {
  // The elements that will be printed (the edges of each axis when summarising), for fitting the format.
  const out: number[] = [];
  const strides: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = acc; acc *= shape[i]!; }
  const walk = (dim: number, off: number): void => {
    if (dim === shape.length) { out.push(data[off]!); return; }
    const n = shape[dim]!;
    const idx = summarise && n > 2 * EDGE_ITEMS
      ? [...Array.from({ length: EDGE_ITEMS }, (_, i) => i), ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)]
      : Array.from({ length: n }, (_, i) => i);
    for (const i of idx) walk(dim + 1, off + i * strides[dim]!);
  };
  walk(0, 0);
  return out;
}

/** NumPy's array2string. */
export function formatArray(data: TypedArray, shape: readonly number[], dtype: DType, opts: FormatOptions): string {
  const lineWidth = (opts.lineWidth ?? LINE_WIDTH) - (opts.suffix?.length ?? 0);
  const summarise = data.length > THRESHOLD;
  const fmt = new FloatFormat(leadingTrailing(data, shape, summarise), dtype, opts.floatmode === 'unique' ? Infinity : PRECISION);
  if (shape.length === 0) return fmt.format(data[0]!);
  if (data.length === 0) return '[]';
  const sep = opts.separator;
  const strides: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) { strides[i] = acc; acc *= shape[i]!; }

  const extend = (s: string, line: string, word: string, width: number, indent: string): [string, string] => {
    let wrap = line.length + word.length > width;
    if (line.length <= indent.length) wrap = false;
    if (wrap) {
      s += line.trimEnd() + '\n';
      line = indent;
    }
    return [s, line + word];
  };

  const recurse = (dim: number, off: number, indent: string, width: number): string => {
    if (dim === shape.length) return fmt.format(data[off]!);
    const nextIndent = indent + ' ';
    const nextWidth = width - 1;
    const n = shape[dim]!;
    const summary = summarise && 2 * EDGE_ITEMS < n;
    const lead = summary ? EDGE_ITEMS : 0;
    const trail = summary ? EDGE_ITEMS : n;
    const axesLeft = shape.length - dim;
    let s = '';
    if (axesLeft === 1) {
      const elemWidth = width - Math.max(sep.trimEnd().length, 1);
      let line = indent;
      for (let i = 0; i < lead; i++) {
        [s, line] = extend(s, line, recurse(dim + 1, off + i * strides[dim]!, nextIndent, nextWidth), elemWidth, indent);
        line += sep;
      }
      if (summary) {
        [s, line] = extend(s, line, '...', elemWidth, indent);
        line += sep;
      }
      for (let i = trail; i > 1; i--) {
        [s, line] = extend(s, line, recurse(dim + 1, off + (n - i) * strides[dim]!, nextIndent, nextWidth), elemWidth, indent);
        line += sep;
      }
      [s, line] = extend(s, line, recurse(dim + 1, off + (n - 1) * strides[dim]!, nextIndent, nextWidth), elemWidth, indent);
      s += line;
    } else {
      const lineSep = sep.trimEnd() + '\n'.repeat(axesLeft - 1);
      for (let i = 0; i < lead; i++) s += indent + recurse(dim + 1, off + i * strides[dim]!, nextIndent, nextWidth) + lineSep;
      if (summary) s += indent + '...' + lineSep;
      for (let i = trail; i > 1; i--) s += indent + recurse(dim + 1, off + (n - i) * strides[dim]!, nextIndent, nextWidth) + lineSep;
      s += indent + recurse(dim + 1, off + (n - 1) * strides[dim]!, nextIndent, nextWidth);
    }
    return '[' + s.slice(indent.length) + ']';
  };
  return recurse(0, 0, ' ' + ' '.repeat(opts.prefix?.length ?? 0), lineWidth);
}

/** Sorix's repr of a tensor: `tensor([…])`, with `dtype=float64` appended for float64 (float32 is the default). */
export function reprTensor(data: TypedArray, shape: readonly number[], dtype: DType): string {
  const prefix = 'tensor(';
  const showDtype = dtype !== 'float32';
  const body = formatArray(data, shape, dtype, { separator: ', ', prefix, suffix: showDtype ? ',' : ')' });
  if (!showDtype) return `${prefix}${body})`;
  const s = `${prefix}${body},`;
  const dtypeStr = `dtype=${dtype})`;
  const lastLine = s.length - (s.lastIndexOf('\n') + 1);
  const spacer = lastLine + dtypeStr.length + 1 > LINE_WIDTH ? '\n' + ' '.repeat(prefix.length) : ' ';
  return s + spacer + dtypeStr;
}
