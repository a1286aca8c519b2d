import { alongAxisKind } from './shared/axis-kind';
import { perElement } from './shared/cost';
import { A, rows, softmaxRow, x23 } from './shared/reference';

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
  paletteOrder: 50,
  cost: perElement(30),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], range: [-3, 3] } } }, { inputs: { x: { shape: [2, 3], range: [-3, 3] } }, params: { axis: 0 } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, rows(x!).flatMap(softmaxRow)) }],
  },
});
