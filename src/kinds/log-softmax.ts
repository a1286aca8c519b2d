import { alongAxisKind } from './shared/axis-kind';
import { perElement } from './shared/cost';
import { A, rows, softmaxRow, x23 } from './shared/reference';

/** The logarithm of softmax, computed stably. */
export const logSoftmaxKind = alongAxisKind({
  id: 'logSoftmax',
  label: 'LogSoftmax',
  category: 'activation',
  description:
    'The logarithm of the softmax, computed directly as x − max − log Σ exp(x − max). Unlike log(softmax(x)) it ' +
    'stays finite when one score is far below the others, which is why cross-entropy is built on it.',
  formulas: {
    forward: '\\log\\operatorname{softmax}(x)_i = x_i - \\log \\sum_j e^{x_j}',
    gradient: '\\frac{\\partial y_i}{\\partial x_j} = \\delta_{ij} - \\operatorname{softmax}(x)_j',
  },
  apply: (x, axis) => x.logSoftmax(axis),
  paletteOrder: 60,
  cost: perElement(30),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], range: [-3, 3] } } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => A(x!.shape, rows(x!).flatMap((r) => softmaxRow(r).map(Math.log))) }],
  },
});
