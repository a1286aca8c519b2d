import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/engine/random';
import { CIRCLE_RADIUS, generate2d, GENERATORS, multiGaussTarget, planeTarget, XOR_PADDING, type GeneratorName } from '../../src/data/generate';
import type { Dataset } from '../../src/data/types';

const names = Object.keys(GENERATORS) as GeneratorName[];
const gen = (name: GeneratorName, n: number, noise: number, seed = 7): Dataset => generate2d(name, n, noise, new Generator(seed));
const point = (ds: Dataset, i: number): [number, number] => [ds.x[2 * i]!, ds.x[2 * i + 1]!];
const radius = (ds: Dataset, i: number): number => Math.hypot(...point(ds, i));

describe('generated 2-D data sets', () => {
  it.each(names)('%s: n rows of 2 features, a target per row, all finite', (name) => {
    for (const n of [1, 2, 7, 500]) {
      const ds = gen(name, n, 25);
      expect([ds.n, ds.d, ds.t, ds.x.length, ds.y.length]).toEqual([n, 2, 1, 2 * n, n]);
      expect(ds.x.every(Number.isFinite) && ds.y.every(Number.isFinite)).toBe(true);
      expect(ds.task).toBe(GENERATORS[name].task);
    }
  });

  it.each(names)('%s: the same seed gives bit-identical data, another seed other data', (name) => {
    const a = gen(name, 300, 30, 42);
    const b = gen(name, 300, 30, 42);
    const c = gen(name, 300, 30, 43);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true);
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true);
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(c.x.buffer))).toBe(false);
  });

  it.each(['circle', 'xor', 'gauss', 'spiral'] as const)('%s: two classes 0/1, balanced without noise', (name) => {
    const ds = gen(name, 501, 0);
    expect(ds.classNames).toEqual(['negative', 'positive']);
    expect(ds.y.every((v) => v === 0 || v === 1)).toBe(true);
    const positives = ds.y.reduce((s, v) => s + v, 0);
    if (name === 'xor') {
      // XOR's classes come from the quadrant of uniform points: balanced in expectation, within a few σ here.
      expect(Math.abs(positives - 250.5)).toBeLessThan(4 * Math.sqrt(501 / 4));
    } else {
      expect(positives).toBe(251);
    }
  });

  it('circle: without noise the positives lie within 0.5·r and the negatives between 0.7·r and r', () => {
    const ds = gen('circle', 1000, 0);
    for (let i = 0; i < ds.n; i++) {
      const r = radius(ds, i);
      if (ds.y[i] === 1) expect(r).toBeLessThanOrEqual(0.5 * CIRCLE_RADIUS);
      else expect(r >= 0.7 * CIRCLE_RADIUS && r <= CIRCLE_RADIUS).toBe(true);
    }
  });

  it('circle: noise flips labels only, never moves points; a positive lies within 0.5·r + noise', () => {
    const noise = 50;
    const ds = gen('circle', 2000, noise);
    const shift = Math.SQRT2 * CIRCLE_RADIUS * (noise / 100); // the largest move of the noisy copy that decides the label
    let flipped = 0;
    for (let i = 0; i < ds.n; i++) {
      const r = radius(ds, i);
      expect(r <= 0.5 * CIRCLE_RADIUS || (r >= 0.7 * CIRCLE_RADIUS && r <= CIRCLE_RADIUS)).toBe(true);
      if (ds.y[i] === 1) expect(r).toBeLessThan(0.5 * CIRCLE_RADIUS + shift);
      else expect(r).toBeGreaterThan(0.5 * CIRCLE_RADIUS - shift);
      if ((ds.y[i] === 1) !== r <= 0.5 * CIRCLE_RADIUS) flipped++;
    }
    expect(flipped).toBeGreaterThan(50);
    expect(flipped).toBeLessThan(1000);
  });

  it('xor: points keep 0.3 from the axes within [-5.3, 5.3]; without noise the label is the sign of x·y', () => {
    const ds = gen('xor', 1000, 0);
    for (let i = 0; i < ds.n; i++) {
      const [x, y] = point(ds, i);
      for (const v of [x, y]) expect(Math.abs(v) >= XOR_PADDING && Math.abs(v) <= 5 + XOR_PADDING).toBe(true);
      expect(ds.y[i]).toBe(x * y >= 0 ? 1 : 0);
    }
  });

  it('gauss: the classes centre on (2, 2) and (−2, −2) with variance 0.5 at noise 0 and 4 at noise 50', () => {
    for (const [noise, variance] of [[0, 0.5], [50, 4]] as const) {
      const ds = gen('gauss', 20000, noise);
      for (const [label, c] of [[1, 2], [0, -2]] as const) {
        const xs: number[] = [];
        for (let i = 0; i < ds.n; i++) if (ds.y[i] === label) xs.push(ds.x[2 * i]!, ds.x[2 * i + 1]!);
        const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
        const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
        expect(mean).toBeCloseTo(c, 1);
        expect(Math.abs(v - variance) / variance).toBeLessThan(0.05);
      }
    }
  });

  it('spiral: without noise every point lies on its arm, r = 5·i/count at angle 3.5π·i/count (+π for class 0)', () => {
    const n = 400;
    const ds = gen('spiral', n, 0);
    const half = n / 2;
    for (let i = 0; i < n; i++) {
      const k = i % half;
      const r = (5 * k) / half;
      const t = (3.5 * Math.PI * k) / half + (i < half ? 0 : Math.PI);
      expect(ds.y[i]).toBe(i < half ? 1 : 0);
      expect(ds.x[2 * i]).toBeCloseTo(r * Math.sin(t), 12);
      expect(ds.x[2 * i + 1]).toBeCloseTo(r * Math.cos(t), 12);
    }
    // Noise 50 moves each coordinate by at most 0.5.
    const noisy = gen('spiral', n, 50);
    for (let i = 0; i < n; i++) {
      const k = i % half;
      const t = (3.5 * Math.PI * k) / half + (i < half ? 0 : Math.PI);
      expect(Math.abs(noisy.x[2 * i]! - ((5 * k) / half) * Math.sin(t))).toBeLessThanOrEqual(0.5);
    }
  });

  it('plane: points in [−6, 6]², target (x + y)/10 without noise; noise perturbs the target only', () => {
    const ds = gen('plane', 1000, 0);
    for (let i = 0; i < ds.n; i++) {
      const [x, y] = point(ds, i);
      expect(Math.abs(x) <= 6 && Math.abs(y) <= 6).toBe(true);
      expect(ds.y[i]).toBe(planeTarget(x, y));
    }
    const noisy = gen('plane', 1000, 50);
    let off = 0;
    for (let i = 0; i < noisy.n; i++) {
      const [x, y] = point(noisy, i);
      const e = Math.abs(noisy.y[i]! - (x + y) / 10);
      expect(e).toBeLessThanOrEqual(0.6 + 1e-12); // |nx + ny| ≤ 2·6·0.5, divided by 10
      off += e;
    }
    expect(off / noisy.n).toBeGreaterThan(0.1);
  });

  it('multiGauss: targets in [−1, 1], +1 at a positive bump centre, −1 at a negative one, 0 far from all', () => {
    expect(multiGaussTarget(-4, 2.5)).toBe(1);
    expect(multiGaussTarget(0, 2.5)).toBe(-1);
    expect(multiGaussTarget(4, -2.5)).toBe(-1);
    expect(multiGaussTarget(-4, 0.5)).toBe(0); // exactly 2 from (−4, 2.5) and from (−4, −2.5)
    expect(multiGaussTarget(-4, 1.5)).toBeCloseTo(0.5, 15);
    const ds = gen('multiGauss', 1000, 0);
    for (let i = 0; i < ds.n; i++) {
      expect(Math.abs(ds.y[i]!)).toBeLessThanOrEqual(1);
      expect(ds.y[i]).toBe(multiGaussTarget(...point(ds, i)));
    }
  });
});
