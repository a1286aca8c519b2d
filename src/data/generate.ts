/**
 * The 2-D data sets of the TensorFlow Playground (playground.tensorflow.org), after its published recipes: four
 * classification sets with two classes and two regression sets, each with the Playground's noise slider (0–50,
 * meaning the same as there: the slider value / 100 scales the perturbation). Points are drawn from a seeded
 * generator and computed with + − × ÷ √ only (exact-math.ts), so a seed gives bit-identical points in every engine.
 *
 * Labels: the Playground's +1 / −1 become class 1 'positive' / class 0 'negative'. Regression targets are in [−1, 1].
 */
import type { Generator } from '../engine/random';
import { exactNormal, exactSinCos } from './exact-math';
import type { Dataset } from './types';

export type GeneratorName = 'circle' | 'xor' | 'gauss' | 'spiral' | 'plane' | 'multiGauss';

export const GENERATORS: Record<GeneratorName, { task: 'binary' | 'regression'; label: string; defaultN: number }> = {
  circle: { task: 'binary', label: 'Circle', defaultN: 500 },
  xor: { task: 'binary', label: 'Exclusive or', defaultN: 500 },
  gauss: { task: 'binary', label: 'Two Gaussians', defaultN: 500 },
  spiral: { task: 'binary', label: 'Spiral', defaultN: 500 },
  plane: { task: 'regression', label: 'Plane', defaultN: 1200 },
  multiGauss: { task: 'regression', label: 'Several Gaussians', defaultN: 1200 },
};

/** Radius of the circle set; its positives lie within 0.5·r, its negatives between 0.7·r and r. */
export const CIRCLE_RADIUS = 5;
/** The XOR set keeps points this far from the axes (before noise), so the quadrants are separated. */
export const XOR_PADDING = 0.3;
/** Centres and signs of the six bumps of the 'multiGauss' regression set. */
export const MULTI_GAUSS_BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1],
  [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1],
];

const POSITIVE = 1;
const NEGATIVE = 0;

type Sink = (x: number, y: number, label: number) => void;

function uniform(rng: Generator, a: number, b: number): number {
  return a + (b - a) * rng.random();
}

/**
 * A uniformly distributed direction (cos θ, sin θ) drawn without trigonometry (a point of the unit disc, scaled to
 * length 1), so it is bit-identical in every JavaScript engine: + − × ÷ and √ are exactly rounded by IEEE 754.
 */
function direction(rng: Generator): [number, number] {
  for (;;) {
    const u = 2 * rng.random() - 1;
    const v = 2 * rng.random() - 1;
    const s = u * u + v * v;
    if (s <= 1 && s > 1e-12) {
      const len = Math.sqrt(s);
      return [u / len, v / len];
    }
  }
}

/** Points of a ring: radius uniform in [r0, r1] (as the Playground draws it, not uniform in area). */
function ringPoint(rng: Generator, r0: number, r1: number): [number, number] {
  const r = uniform(rng, r0, r1);
  const [c, s] = direction(rng);
  return [r * c, r * s];
}

function circle(n: number, noise: number, rng: Generator, put: Sink): void {
  const r = CIRCLE_RADIUS;
  // The label comes from a noisy copy of the point; the point itself stays where it was drawn.
  const label = (x: number, y: number): number => {
    const nx = x + uniform(rng, -r, r) * noise;
    const ny = y + uniform(rng, -r, r) * noise;
    return Math.sqrt(nx * nx + ny * ny) < 0.5 * r ? POSITIVE : NEGATIVE;
  };
  const half = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const [x, y] = i < half ? ringPoint(rng, 0, 0.5 * r) : ringPoint(rng, 0.7 * r, r);
    put(x, y, label(x, y));
  }
}

function xor(n: number, noise: number, rng: Generator, put: Sink): void {
  const pad = (v: number): number => v + (v > 0 ? XOR_PADDING : -XOR_PADDING);
  for (let i = 0; i < n; i++) {
    const x = pad(uniform(rng, -5, 5));
    const y = pad(uniform(rng, -5, 5));
    const nx = x + uniform(rng, -5, 5) * noise;
    const ny = y + uniform(rng, -5, 5) * noise;
    put(x, y, nx * ny >= 0 ? POSITIVE : NEGATIVE);
  }
}

function gauss(n: number, noise: number, rng: Generator, put: Sink): void {
  // The Playground maps noise 0 … 0.5 linearly onto a variance of 0.5 … 4.
  const sd = Math.sqrt(0.5 + noise * 7);
  const half = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const [c, label] = i < half ? [2, POSITIVE] : [-2, NEGATIVE];
    put(c + sd * exactNormal(rng), c + sd * exactNormal(rng), label);
  }
}

function spiral(n: number, noise: number, rng: Generator, put: Sink): void {
  const arm = (count: number, delta: number, label: number): void => {
    for (let i = 0; i < count; i++) {
      const r = (i / count) * 5;
      const t = ((1.75 * i) / count) * 2 * Math.PI + delta;
      const [sin, cos] = exactSinCos(t);
      put(r * sin + uniform(rng, -1, 1) * noise, r * cos + uniform(rng, -1, 1) * noise, label);
    }
  };
  const half = Math.ceil(n / 2);
  arm(half, 0, POSITIVE);
  arm(n - half, Math.PI, NEGATIVE);
}

/** The regression sets: points uniform in [−6, 6]², target from a noisy copy of the point. */
function regression(target: (x: number, y: number) => number): (n: number, noise: number, rng: Generator, put: Sink) => void {
  return (n, noise, rng, put) => {
    const r = 6;
    for (let i = 0; i < n; i++) {
      const x = uniform(rng, -r, r);
      const y = uniform(rng, -r, r);
      const nx = uniform(rng, -r, r) * noise;
      const ny = uniform(rng, -r, r) * noise;
      put(x, y, target(x + nx, y + ny));
    }
  };
}

/** x + y mapped from [−10, 10] onto [−1, 1] (not clamped: corner points reach ±1.2, as in the Playground). */
export function planeTarget(x: number, y: number): number {
  return (x + y) / 10;
}

/** The bump with the largest |value|: each is sign·(1 − dist/2) clamped to [0, 1]. */
export function multiGaussTarget(x: number, y: number): number {
  let best = 0;
  for (const [cx, cy, sign] of MULTI_GAUSS_BUMPS) {
    const dist = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
    const v = sign * Math.min(1, Math.max(0, 1 - dist / 2));
    if (Math.abs(v) > Math.abs(best)) best = v;
  }
  return best;
}

const DRAW: Record<GeneratorName, (n: number, noise: number, rng: Generator, put: Sink) => void> = {
  circle,
  xor,
  gauss,
  spiral,
  plane: regression(planeTarget),
  multiGauss: regression(multiGaussTarget),
};

/**
 * n points of the named set, in the order drawn (classification sets: the positives first). `noise` is the
 * Playground's slider value, 0–50. The caller shuffles and splits.
 */
export function generate2d(name: GeneratorName, n: number, noise: number, rng: Generator): Dataset {
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  let i = 0;
  DRAW[name](n, noise / 100, rng, (px, py, label) => {
    x[2 * i] = px;
    x[2 * i + 1] = py;
    y[i] = label;
    i++;
  });
  const classification = GENERATORS[name].task === 'binary';
  return {
    name: GENERATORS[name].label,
    task: GENERATORS[name].task,
    featureNames: ['x1', 'x2'],
    targetName: 'label',
    ...(classification ? { classNames: ['negative', 'positive'], classes: 2 } : {}),
    encoding: classification ? 'index' : 'value',
    n,
    d: 2,
    t: 1,
    x,
    y,
  };
}
