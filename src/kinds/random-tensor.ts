import { Generator, tensor, type DType } from '../engine';
import { DTYPE_PARAM, requiresGradParam } from './shared/common';
import { sizeOf } from './shared/shapes';
import type { KindDef } from './types';
import { perElement } from './shared/cost';

/** Seeded random values: the same seed always gives the same tensor, so every lesson is reproducible. */
export const randomTensorKind: KindDef = {
  id: 'randomTensor',
  version: 1,
  label: 'Random tensor',
  category: 'source',
  description:
    'A tensor of random values drawn from a normal or a uniform distribution with a seeded generator: the same seed ' +
    'always gives the same values, on every machine, so a lesson or an experiment can be repeated exactly.',
  formulas: {
    forward: 'x_i \\sim \\mathcal{N}(\\mu, \\sigma^2) \\quad\\text{or}\\quad x_i \\sim \\mathcal{U}[a, b)',
    gradient: '\\frac{\\partial \\mathcal{L}}{\\partial x}',
  },
  inputs: [],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The random tensor.' }],
  params: {
    shape: { type: 'shape', label: 'Shape', description: 'The dimensions.', default: [2, 3], maxRank: 8 },
    distribution: {
      type: 'choice', label: 'Distribution', description: 'Normal (mean, std) or uniform in [low, high).', default: 'normal',
      choices: [{ value: 'normal', label: 'Normal' }, { value: 'uniform', label: 'Uniform' }],
    },
    mean: { type: 'number', label: 'Mean', description: 'Mean of the normal distribution.', default: 0 },
    std: { type: 'number', label: 'Std', description: 'Standard deviation of the normal distribution.', default: 1, min: 0 },
    low: { type: 'number', label: 'Low', description: 'Lower bound of the uniform distribution.', default: 0 },
    high: { type: 'number', label: 'High', description: 'Upper bound (excluded) of the uniform distribution.', default: 1 },
    seed: { type: 'number', label: 'Seed', description: 'The generator’s seed.', default: 0, integer: true, min: 0, max: 4294967295 },
    dtype: DTYPE_PARAM,
    requiresGrad: requiresGradParam(false),
  },
  checkParams: (p) => ((p.high as number) > (p.low as number) ? [] : [{ param: 'high', message: `High (${p.high}) must be greater than Low (${p.low})` }]),
  inferShapes: (_inputs, p) => ({ out: p.shape as readonly number[] }),
  evaluate: (_inputs, p) => {
    const shape = p.shape as readonly number[];
    const g = new Generator(p.seed as number);
    const n = sizeOf(shape);
    const values = new Array<number>(n);
    if (p.distribution === 'uniform') {
      const lo = p.low as number, hi = p.high as number;
      for (let i = 0; i < n; i++) values[i] = lo + (hi - lo) * g.random();
    } else {
      const mu = p.mean as number, sd = p.std as number;
      for (let i = 0; i < n; i++) values[i] = mu + sd * g.normal();
    }
    return { out: tensor(values, { shape, dtype: p.dtype as DType, requiresGrad: p.requiresGrad as boolean }) };
  },
  paletteOrder: 20,
  cost: perElement(40),
  examples: {
    samples: [{ inputs: {} }, { inputs: {}, params: { distribution: 'uniform', shape: [4] } }],
    oracle: { none: 'random values: test/kinds/forward-oracle.test.ts checks the seed’s reproducibility and the moments of both distributions' },
  },
};
