import { linspace, type DType } from '../engine';
import { DTYPE_PARAM, requiresGradParam } from './shared/common';
import type { KindDef } from './types';
import { perElement } from './shared/cost';
import { A } from './shared/reference';

/** Evenly spaced points: the x-axis for plotting a curve (the seed's np.linspace(-10, 10, 100)). */
export const linspaceKind: KindDef = {
  id: 'linspace',
  version: 1,
  label: 'Linspace',
  category: 'source',
  description:
    'A 1-D tensor of evenly spaced values from start to stop, both included, as NumPy’s linspace. Feed it into an ' +
    'activation to plot the activation’s curve, and watch its gradient trace the derivative.',
  formulas: { forward: 'x_i = a + i\\,\\frac{b - a}{n - 1}, \\quad i = 0, \\dots, n-1', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial x_i}' },
  inputs: [],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The points, shape (n,).' }],
  params: {
    start: { type: 'number', label: 'Start', description: 'The first value.', default: -10 },
    stop: { type: 'number', label: 'Stop', description: 'The last value (included).', default: 10 },
    steps: { type: 'number', label: 'Steps', description: 'How many values.', default: 100, integer: true, min: 1, max: 1_000_000 },
    dtype: DTYPE_PARAM,
    requiresGrad: requiresGradParam(true),
  },
  inferShapes: (_inputs, p) => ({ out: [p.steps as number] }),
  evaluate: (_inputs, p) => ({
    out: linspace(p.start as number, p.stop as number, p.steps as number, { dtype: p.dtype as DType, requiresGrad: p.requiresGrad as boolean }),
  }),
  paletteOrder: 30,
  cost: perElement(8),
  examples: {
    samples: [{ inputs: {} }],
    oracle: [{ inputs: {}, params: { start: -1, stop: 1, steps: 5, dtype: 'float64' }, expect: () => A([5], [-1, -0.5, 0, 0.5, 1]) }],
  },
};
