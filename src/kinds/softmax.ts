import { alongAxisKind } from './shared/axis-kind';

/** Scores to probabilities along an axis. */
export const softmaxKind = alongAxisKind({
  id: 'softmax',
  label: 'Softmax',
  category: 'activation',
  description:
    'Turns a vector of scores into probabilities: every output is positive and each slice along the axis sums to 1. ' +
    'The largest score gets the largest share. It is computed after subtracting the maximum, so large scores do not ' +
    'overflow. Its gradient couples all entries of a slice: raising one score lowers every other probability.',
  formulas: {
    forward: '\\operatorname{softmax}(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}',
    gradient: '\\frac{\\partial y_i}{\\partial x_j} = y_i(\\delta_{ij} - y_j)',
  },
  apply: (x, axis) => x.softmax(axis),
});
