import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { map, x23 } from './shared/reference';

/** The rectified linear unit. */
export const reluKind = unaryKind({
  id: 'relu',
  label: 'ReLU',
  category: 'activation',
  description:
    'The rectified linear unit keeps positive values and replaces negative ones with 0. It is cheap and does not ' +
    'saturate for positive inputs, which is why deep networks use it; its gradient is 1 for x > 0 and 0 otherwise ' +
    '(0 at exactly 0, as in PyTorch), so a unit whose inputs are all negative stops learning.',
  formulas: { forward: '\\operatorname{ReLU}(x) = \\max(0, x)', gradient: '\\frac{d}{dx}\\operatorname{ReLU}(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\leq 0 \\end{cases}' },
  apply: (x) => x.relu(),
  scalar: { f: (x) => Math.max(0, x), df: (x) => (x > 0 ? 1 : 0), domain: [-5, 5] },
  paletteOrder: 30,
  cost: perElement(8),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], values: [-2, -0.5, 0.3, 1, 2.5, -0.1] } } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => map(x!, (v) => Math.max(0, v)) }],
  },
});
