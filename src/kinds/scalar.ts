import { tensor, type DType } from '../engine';
import { DTYPE_PARAM, requiresGradParam } from './shared/common';
import type { KindDef } from './types';
import { perElement } from './shared/cost';
import { A } from './shared/reference';

/** A single number as a 0-d tensor: a learning rate, a constant to add, a weight. */
export const scalarKind: KindDef = {
  id: 'scalar',
  version: 1,
  label: 'Scalar',
  category: 'source',
  description:
    'One number as a 0-dimensional tensor. It broadcasts against any tensor, so it can add a constant, scale a ' +
    'result, or stand for a single weight whose gradient you want to watch.',
  formulas: { forward: 'c \\in \\mathbb{R}', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial c}' },
  inputs: [],
  outputs: [{ id: 'out', label: 'out', type: 'scalar', description: 'The number, shape ().' }],
  params: {
    value: { type: 'number', label: 'Value', description: 'The number (NaN, Infinity and -Infinity are allowed).', default: 1, value: true },
    dtype: DTYPE_PARAM,
    requiresGrad: requiresGradParam(false),
  },
  inferShapes: () => ({ out: [] }),
  evaluate: (_inputs, p) => ({ out: tensor(p.value as number, { dtype: p.dtype as DType, requiresGrad: p.requiresGrad as boolean }) }),
  paletteOrder: 50,
  cost: perElement(4),
  examples: {
    samples: [{ inputs: {} }],
    oracle: [{ inputs: {}, params: { value: 2.5, dtype: 'float64' }, expect: () => A([], [2.5]) }],
  },
};
