import { reshapeShape } from '../engine';
import { onPort } from './shared/shapes';
import type { KindDef, Shape } from './types';
import { perElement } from './shared/cost';
import { A, x23 } from './shared/reference';

/** The engine's reshape rule, a mismatch put on x. */
const target = (input: Shape, shape: readonly number[]): number[] => onPort('x', () => reshapeShape(input, shape));

export const reshapeKind: KindDef = {
  id: 'reshape',
  version: 1,
  label: 'Reshape',
  category: 'math',
  description: 'The same values, read row by row into a new shape with the same number of elements. One dimension may be −1: it is worked out from the others. The gradient is reshaped back.',
  formulas: { forward: 'y = \\operatorname{reshape}(x, s)', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial x} = \\operatorname{reshape}\\!\\left(\\frac{\\partial \\mathcal{L}}{\\partial y}, \\operatorname{shape}(x)\\right)' },
  inputs: [{ id: 'x', label: 'x', type: 'tensor', description: 'The tensor to reshape.' }],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The reshaped tensor.' }],
  params: { shape: { type: 'shape', label: 'Shape', description: 'The new shape; one −1 is inferred.', default: [-1], maxRank: 8, allowInfer: true } },
  inferShapes: (inputs, p) => ({ out: inputs.x ? target(inputs.x, p.shape as readonly number[]) : undefined }),
  evaluate: (inputs, p) => ({ out: inputs.x!.reshape(p.shape as readonly number[]) }),
  paletteOrder: 110,
  cost: perElement(4),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3] } } }, { inputs: { x: { shape: [2, 3] } }, params: { shape: [3, -1] } }],
    oracle: [{ inputs: { x: x23 }, params: { shape: [3, -1] }, expect: ({ x }) => A([3, 2], x!.data) }],
  },
};
