import { reduceKind } from './shared/reduce-kind';
import { readsInputs } from './shared/cost';
import { A, x23 } from './shared/reference';

export const sumKind = reduceKind({
  id: 'sum',
  label: 'Sum',
  description:
    'Adds up the elements, over one axis or all of them. Summing everything gives a single number, which is what ' +
    'the backward pass needs to start from: the seed example sums the sigmoid’s outputs and back-propagates from ' +
    'the sum. Every input element receives the upstream gradient unchanged.',
  formulas: { forward: 'y = \\sum_i x_i', gradient: '\\frac{\\partial y}{\\partial x_i} = 1' },
  apply: (x, axis, keepdims) => x.sum(axis, keepdims),
  paletteOrder: 90,
  cost: readsInputs,
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3] } } }, { inputs: { x: { shape: [2, 3] } }, params: { axis: -1, keepdims: true } }],
    oracle: [
      { inputs: { x: x23 }, expect: ({ x }) => A([], [x!.data.reduce((s, v) => s + v, 0)]) },
      { inputs: { x: x23 }, params: { axis: 0, keepdims: false }, expect: ({ x }) => A([3], [0, 1, 2].map((j) => x!.data[j]! + x!.data[3 + j]!)) },
    ],
  },
});
