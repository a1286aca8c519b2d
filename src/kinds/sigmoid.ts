import { stableSigmoid } from '../engine';
import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { logistic, map, x23 } from './shared/reference';

/** The seed: the logistic sigmoid, in the stable piecewise form. */
export const sigmoidKind = unaryKind({
  id: 'sigmoid',
  label: 'Sigmoid',
  category: 'activation',
  description:
    'The logistic sigmoid maps any real number into the range (0, 1), which makes it the natural output for binary ' +
    'classification and for predicting probabilities. It is computed in a numerically stable piecewise form that ' +
    'only ever takes e to a non-positive power, so even ±100 give no overflow and no NaN. Its gradient, y(1 − y), ' +
    'is largest (1/4) at 0 and vanishes for large |x|: the saturation you see in deep sigmoid networks.',
  formulas: {
    forward: '\\sigma(x) = \\frac{1}{1 + e^{-x}}',
    gradient: '\\frac{d\\sigma(x)}{dx} = y(1 - y)',
    notes: [
      '\\sigma(x) = \\begin{cases} \\frac{1}{1 + e^{-x}} & \\text{if } x \\geq 0 \\\\ \\frac{e^x}{1 + e^x} & \\text{if } x < 0 \\end{cases}',
      '\\frac{\\partial \\mathcal{L}}{\\partial x} = \\frac{\\partial \\mathcal{L}}{\\partial y} \\cdot y(1 - y)',
    ],
  },
  apply: (x) => x.sigmoid(),
  scalar: {
    f: (x) => stableSigmoid(x),
    df: (x) => { const y = stableSigmoid(x); return y * (1 - y); },
    domain: [-10, 10],
  },
  paletteOrder: 10,
  cost: perElement(20),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], range: [-6, 6] } } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => map(x!, logistic) }],
  },
});
