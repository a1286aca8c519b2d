import { describe, expect, it } from 'vitest';
import { chartLayout } from '../../../src/ui/charts/layout';
import { niceDomain, niceStep, niceTicks, tickLabel } from '../../../src/ui/charts/scale';
import { histogram, histogramOf, nonFiniteElements } from '../../../src/ui/charts/series';

describe('histograms', () => {
  it('counts NaN, +∞ and −∞ apart instead of dropping them', () => {
    const h = histogramOf([0, 0.1, 0.9, 1, NaN, Infinity, -Infinity, Infinity], 2);
    expect(h.bins.map((b) => b.count)).toEqual([2, 2]);
    expect([h.finite, h.nan, h.posInf, h.negInf]).toEqual([4, 1, 2, 1]);
    expect(histogram([0, 0.1, 0.9, 1, NaN, Infinity], 2).map((b) => b.count)).toEqual([2, 2]);
  });
  it('uses about √n bins of a round width with round edges: 0…99 → ten bins of 10', () => {
    const h = histogramOf(Array.from({ length: 100 }, (_, i) => i));
    expect(h.bins.map((b) => [b.x0, b.x1])).toEqual(Array.from({ length: 10 }, (_, i) => [10 * i, 10 * i + 10]));
    expect(h.bins.every((b) => b.count === 10)).toBe(true);
  });
  it('puts a value on an edge in the bin that starts there, and the largest value in the last bin', () => {
    const h = histogramOf([0, 5, 10], 2);
    expect(h.bins.map((b) => [b.x0, b.x1, b.count])).toEqual([[0, 5, 1], [5, 10, 2]]);
  });
  it('bins every finite value exactly once, edges being multiples of the width', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const v = Float32Array.from({ length: 5000 }, () => (rnd() - 0.3) * 37);
    const h = histogramOf(v);
    expect(h.bins.reduce((s, b) => s + b.count, 0)).toBe(5000);
    const w = h.bins[0]!.x1 - h.bins[0]!.x0;
    expect(niceStep(w)).toBeCloseTo(w, 12);
    for (const b of h.bins) expect(Math.abs(b.x0 / w - Math.round(b.x0 / w))).toBeLessThan(1e-6);
    expect(h.bins.length).toBeLessThanOrEqual(30);
    expect(h.bins[0]!.x0).toBeLessThanOrEqual(Math.min(...v));
    expect(h.bins.at(-1)!.x1).toBeGreaterThanOrEqual(Math.max(...v));
  });
  it('gives equal values one bin, and no bins (only the counts) when nothing is finite', () => {
    const h = histogramOf([3, 3, 3]);
    expect(h.bins.map((b) => b.count)).toEqual([3]);
    expect(h.bins[0]!.x0).toBeLessThan(3);
    expect(h.bins[0]!.x1).toBeGreaterThan(3);
    expect(histogramOf([NaN, Infinity])).toMatchObject({ bins: [], finite: 0, nan: 1, posInf: 1 });
  });
  it('names the elements a bar cannot show', () => {
    expect(nonFiniteElements([1, NaN, 2, -Infinity], [2, 2])).toEqual([{ index: '[0,1]', value: NaN }, { index: '[1,1]', value: -Infinity }]);
  });
});

describe('axes', () => {
  it('puts ticks on round numbers', () => {
    expect(niceTicks(-10, 10)).toEqual([-10, -5, 0, 5, 10]);
    expect(niceTicks(0, 1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, 0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-120, 120)).toEqual([-100, 0, 100]);
    expect(niceDomain(0.0000454, 0.25)).toEqual([0, 0.3]);
    expect(niceDomain(-100, 0, 4, true)).toEqual([-100, 0]);
    expect(niceDomain(2, 3, 4, true)).toEqual([0, 3]);
  });
  it('labels ticks briefly, with their digits and a real minus', () => {
    expect(tickLabel(-100)).toBe('−100');
    expect(tickLabel(1.025)).toBe('1.025');
    expect(tickLabel(1 / 3)).toBe('0.333');
    expect(tickLabel(-3.8e-44)).toBe('−3.8e−44');
    expect(tickLabel(25000)).toBe('2.5e4');
  });
  it('grows margins and axis room with the font, so labels keep clear of ticks in presentation mode', () => {
    const small = chartLayout(13, 120, 3);
    const big = chartLayout(13 * 1.45, 120, 3);
    expect(big.xAxisHeight).toBeGreaterThan(small.xAxisHeight * 1.4);
    expect(big.yAxisWidth(['0.75'])).toBeGreaterThan(small.yAxisWidth(['0.75']) * 1.4);
    expect(big.margin.right).toBeGreaterThan(small.margin.right);
    // Room for half the widest x tick label past the plot's end (digits are at most ~0.6 em wide).
    expect(big.margin.right).toBeGreaterThanOrEqual((3 * 0.6 * 13 * 1.45) / 2);
    // A y-axis holds its tick labels and a line of title text beside them.
    expect(small.yAxisWidth(['−100'])).toBeGreaterThanOrEqual(4 * 0.6 * 13 + 13 * 1.2 + small.tickSize);
  });
});
