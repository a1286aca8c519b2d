import { fmtShape, normAxis } from './shared/shapes';
import { KindError, type KindDef, type Shape } from './types';
import { perElement } from './shared/cost';
import { A, x23 } from './shared/reference';

function permuted(input: Shape, axes: readonly number[]): number[] {
  const nd = input.length;
  if (axes.length === 0) return [...input].reverse();
  const perm = axes.map((a) => normAxis(a, nd));
  if (perm.length !== nd || new Set(perm).size !== nd) throw new KindError(`axes [${axes.join(', ')}] are not a permutation of the ${nd} axes of ${fmtShape(input)}`, 'x');
  return perm.map((a) => input[a]!);
}

export const transposeKind: KindDef = {
  id: 'transpose',
  version: 1,
  label: 'Transpose',
  category: 'math',
  description: 'Permutes the axes: with no axes given it reverses them, which turns an (m, n) matrix into (n, m). The gradient is permuted back.',
  formulas: { forward: 'Y = X^{\\top}, \\quad Y_{ji} = X_{ij}', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial X} = \\left(\\frac{\\partial \\mathcal{L}}{\\partial Y}\\right)^{\\top}' },
  inputs: [{ id: 'x', label: 'x', type: 'tensor', description: 'The tensor to transpose.' }],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The transposed tensor.' }],
  params: { axes: { type: 'axes', label: 'Axes', description: 'The new order of the axes; empty reverses them.', default: [], maxLength: 8 } },
  inferShapes: (inputs, p) => ({ out: inputs.x ? permuted(inputs.x, p.axes as readonly number[]) : undefined }),
  evaluate: (inputs, p) => {
    const axes = p.axes as readonly number[];
    permuted(inputs.x!.shape, axes);
    return { out: inputs.x!.transpose(axes.length === 0 ? undefined : axes) };
  },
  paletteOrder: 120,
  cost: perElement(8),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3] } } }, { inputs: { x: { shape: [2, 3, 4] } }, params: { axes: [1, 0, 2] } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => A([3, 2], [0, 3, 1, 4, 2, 5].map((i) => x!.data[i]!)) }],
  },
};
