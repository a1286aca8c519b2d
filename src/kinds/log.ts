import { unaryKind } from './shared/define';

export const logKind = unaryKind({
  id: 'log',
  label: 'Log',
  category: 'math',
  description: 'The natural logarithm of every element. log(0) is −Infinity and the log of a negative number is NaN, as in NumPy; the statistics count them.',
  formulas: { forward: 'y = \\ln x', gradient: '\\frac{dy}{dx} = \\frac{1}{x}' },
  apply: (x) => x.log(),
  scalar: { f: (x) => Math.log(x), df: (x) => 1 / x, domain: [0.05, 5] },
});
