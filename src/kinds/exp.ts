import { unaryKind } from './shared/define';

export const expKind = unaryKind({
  id: 'exp',
  label: 'Exp',
  category: 'math',
  description: 'The exponential e^x of every element. It grows fast: in float32 anything above about 88.7 overflows to Infinity. Its gradient is its own value.',
  formulas: { forward: 'y = e^{x}', gradient: '\\frac{dy}{dx} = e^{x} = y' },
  apply: (x) => x.exp(),
  scalar: { f: (x) => Math.exp(x), df: (x) => Math.exp(x), domain: [-3, 3] },
});
