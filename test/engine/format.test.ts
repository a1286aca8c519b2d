/**
 * NumPy printing, checked against NumPy itself: test/fixtures/numpy-format.json was written by
 * test/fixtures/generate-numpy-format.py (NumPy 2.4.6) and holds str(ndarray) and the Sorix-style repr of each case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fmtShape, formatNumber, tensor, type DType } from '../../src/engine';

interface FormatCase {
  name: string;
  dtype: DType;
  shape: number[];
  data: (number | string)[];
  str: string;
  repr?: string;
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/numpy-format.json', import.meta.url), 'utf8')) as {
  numpy: string;
  cases: FormatCase[];
  scalars: { dtype: DType; value: number | string; str: string }[];
};

function build(c: FormatCase) {
  const values = c.data.map((v) => (typeof v === 'number' ? v : Number(v)));
  // Values are float64 widenings of the case's dtype, so the float32 cast is exact.
  const data = c.dtype === 'float32' ? new Float32Array(values) : new Float64Array(values);
  return tensor(data, { shape: c.shape });
}

describe(`NumPy ${fixture.numpy} printing`, () => {
  it('has the cases we expect', () => {
    expect(fixture.cases.length).toBeGreaterThan(90);
  });

  describe('format() is str(ndarray)', () => {
    it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      expect(build(c).format()).toBe(c.str);
    });
  });

  describe("toString() is Sorix's repr: tensor(...), with dtype=float64 for float64", () => {
    const withRepr = fixture.cases.filter((c) => c.repr !== undefined);
    it.each(withRepr.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      expect(build(c).toString()).toBe(c.repr);
    });
  });

  describe('formatNumber() is str(np.float64(x)) / str(np.float32(x)), as is format() of a 0-d tensor', () => {
    it.each(fixture.scalars.map((c) => [`${c.dtype} ${c.str}`, c] as const))('%s', (_n, c) => {
      const v = typeof c.value === 'number' ? c.value : Number(c.value);
      expect(formatNumber(v, c.dtype)).toBe(c.str);
      const data = c.dtype === 'float32' ? new Float32Array([v]) : new Float64Array([v]);
      expect(tensor(data, { shape: [] }).format()).toBe(c.str);
    });
  });

  it('the default dtype of literal data is float32: tensor([0.1]) prints 0.1, not 0.10000000149011612', () => {
    const c = fixture.cases.find((k) => k.name === 'tenths float32')!;
    expect(tensor([0.1, 0.2, 0.3]).format()).toBe(c.str);
  });
});

describe('fmtShape, the one shape format of the app', () => {
  it('writes shapes as NumPy writes them in its messages: a 0-d shape as (), a 1-d one with its comma', () => {
    expect([fmtShape([]), fmtShape([3]), fmtShape([2, 4]), fmtShape([1, 0, 5])]).toEqual(['()', '(3,)', '(2,4)', '(1,0,5)']);
  });
});
