import { reduceKind } from './shared/reduce-kind';

export const sumKind = reduceKind({
  id: 'sum',
  label: 'Sum',
  description:
    'Adds up the elements, over one axis or all of them. Summing everything gives a single number, which is what ' +
    'the backward pass needs to start from: the seed example sums the sigmoid’s outputs and back-propagates from ' +
    'the sum. Every input element receives the upstream gradient unchanged.',
  formulas: { forward: 'y = \\sum_i x_i', gradient: '\\frac{\\partial y}{\\partial x_i} = 1' },
  apply: (x, axis, keepdims) => x.sum(axis, keepdims),
});
