import { reduceKind } from './shared/reduce-kind';

export const meanKind = reduceKind({
  id: 'mean',
  label: 'Mean',
  description: 'The arithmetic mean of the elements, over one axis or all of them. Each input element receives the upstream gradient divided by the number of elements averaged.',
  formulas: { forward: 'y = \\frac{1}{n} \\sum_{i=1}^{n} x_i', gradient: '\\frac{\\partial y}{\\partial x_i} = \\frac{1}{n}' },
  apply: (x, axis, keepdims) => x.mean(axis, keepdims),
});
