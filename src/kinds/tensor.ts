import { tensor, type DType } from '../engine';
import { DTYPE_PARAM, requiresGradParam, valuesFillShape } from './shared/common';
import type { KindDef } from './types';
import { perElement } from './shared/cost';
import { A } from './shared/reference';

/** A tensor typed in by hand: the usual starting point (the seed's x = tensor([-100, 0, 100])). */
export const tensorKind: KindDef = {
  id: 'tensor',
  version: 1,
  label: 'Tensor',
  category: 'source',
  description:
    'A tensor whose values you type in: inputs, targets, or any constant. Its values are stored row by row and fill ' +
    'the given shape. With requiresGrad on, the backward pass computes how the objective changes with each value, ' +
    'which is shown as the gradient of this node.',
  formulas: { forward: 'x = \\begin{bmatrix} x_1 & \\cdots & x_n \\end{bmatrix}', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial x}' },
  inputs: [],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The tensor.' }],
  params: {
    values: { type: 'tensor', label: 'Values', description: 'The values, row by row.', default: [1, 2, 3], shapeParam: 'shape' },
    shape: { type: 'shape', label: 'Shape', description: 'The dimensions, e.g. [2, 3] for two rows of three.', default: [3], maxRank: 8 },
    dtype: DTYPE_PARAM,
    requiresGrad: requiresGradParam(true),
  },
  checkParams: (p) => valuesFillShape(p, 'values', 'shape'),
  inferShapes: (_inputs, p) => ({ out: p.shape as readonly number[] }),
  evaluate: (_inputs, p) => ({
    out: tensor(p.values as readonly number[], { shape: p.shape as readonly number[], dtype: p.dtype as DType, requiresGrad: p.requiresGrad as boolean }),
  }),
  paletteOrder: 10,
  cost: perElement(4),
  examples: {
    samples: [{ inputs: {} }],
    oracle: [{ inputs: {}, params: { values: [1, 2, 3, 4, 5, 6], shape: [3, 2], dtype: 'float64' }, expect: () => A([3, 2], [1, 2, 3, 4, 5, 6]) }],
  },
};
