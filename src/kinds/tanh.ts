import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { map, x23 } from './shared/reference';

/** The hyperbolic tangent: a zero-centred squashing activation. */
export const tanhKind = unaryKind({
  id: 'tanh',
  label: 'Tanh',
  category: 'activation',
  description:
    'The hyperbolic tangent maps any real number into (−1, 1). It is a rescaled sigmoid, tanh(x) = 2σ(2x) − 1, but ' +
    'centred on zero, which often makes hidden layers learn faster. Its gradient 1 − y² is 1 at the origin and ' +
    'vanishes for large |x|.',
  formulas: { forward: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}', gradient: '\\frac{d\\tanh(x)}{dx} = 1 - y^2' },
  apply: (x) => x.tanh(),
  scalar: { f: (x) => Math.tanh(x), df: (x) => 1 - Math.tanh(x) ** 2, domain: [-5, 5] },
  paletteOrder: 20,
  cost: perElement(20),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], range: [-3, 3] } } }],
    oracle: [{ inputs: { x: x23 }, expect: ({ x }) => map(x!, Math.tanh) }],
  },
});
