import { arange, type DType } from '../engine';
import { DTYPE_PARAM, requiresGradParam } from './shared/common';
import type { KindDef, Params } from './types';
import { perElement } from './shared/cost';
import { A } from './shared/reference';

const MAX = 1_000_000;
const count = (p: Params): number => Math.max(0, Math.ceil(((p.stop as number) - (p.start as number)) / (p.step as number)));

/** start, start + step, … below stop: NumPy's arange. */
export const rangeKind: KindDef = {
  id: 'range',
  version: 1,
  label: 'Range',
  category: 'source',
  description:
    'A 1-D tensor counting from start in equal steps up to, but not including, stop, as NumPy’s arange. Useful for ' +
    'class indices, positions, or the points of a curve when the step matters more than the count.',
  formulas: { forward: 'x_i = a + i\\,h, \\quad x_i < b', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial x_i}' },
  inputs: [],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The values, shape (n,).' }],
  params: {
    start: { type: 'number', label: 'Start', description: 'The first value.', default: 0 },
    stop: { type: 'number', label: 'Stop', description: 'The end (excluded).', default: 10 },
    step: { type: 'number', label: 'Step', description: 'The distance between values (not 0).', default: 1 },
    dtype: DTYPE_PARAM,
    requiresGrad: requiresGradParam(false),
  },
  checkParams: (p) => {
    if (p.step === 0) return [{ param: 'step', message: 'Step must not be 0' }];
    const n = count(p);
    return n > MAX ? [{ param: 'step', message: `this range has ${n} values; at most ${MAX}` }] : [];
  },
  inferShapes: (_inputs, p) => ({ out: [count(p)] }),
  evaluate: (_inputs, p) => ({
    out: arange(p.start as number, p.stop as number, p.step as number, { dtype: p.dtype as DType, requiresGrad: p.requiresGrad as boolean }),
  }),
  paletteOrder: 40,
  cost: perElement(8),
  examples: {
    samples: [{ inputs: {} }],
    oracle: [{ inputs: {}, params: { start: 1, stop: 2, step: 0.25, dtype: 'float64' }, expect: () => A([4], [1, 1.25, 1.5, 1.75]) }],
  },
};
