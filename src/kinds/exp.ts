import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { map, x23 } from './shared/reference';

export const expKind = unaryKind({
  id: 'exp',
  label: 'Exp',
  category: 'math',
  description: 'The exponential e^x of every element. It grows fast: in float32 anything above about 88.7 overflows to Infinity. Its gradient is its own value.',
  formulas: { forward: 'y = e^{x}', gradient: '\\frac{dy}{dx} = e^{x} = y' },
  apply: (x) => x.exp(),
  scalar: { f: (x) => Math.exp(x), df: (x) => Math.exp(x), domain: [-3, 3] },
  paletteOrder: 60,
  cost: perElement(20),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3] } } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => map(x!, Math.exp) }],
  },
});
