import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { A, map } from './shared/reference';

export const logKind = unaryKind({
  id: 'log',
  label: 'Log',
  category: 'math',
  description: 'The natural logarithm of every element. log(0) is −Infinity and the log of a negative number is NaN, as in NumPy; the statistics count them.',
  formulas: { forward: 'y = \\ln x', gradient: '\\frac{dy}{dx} = \\frac{1}{x}' },
  apply: (x) => x.log(),
  scalar: { f: (x) => Math.log(x), df: (x) => 1 / x, domain: [0.05, 5] },
  paletteOrder: 70,
  cost: perElement(20),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], range: [0.2, 3] } } }],
    oracle: [{ inputs: { x: A([3], [0.5, 1, 4]) }, expect: ({ x }) => map(x!, Math.log) }],
  },
});
