import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { map, x23 } from './shared/reference';

const n = (p: Readonly<Record<string, unknown>>): number => p.exponent as number;

export const powKind = unaryKind({
  id: 'pow',
  label: 'Pow',
  category: 'math',
  description: 'Raises every element to a fixed power: 2 squares, 0.5 takes the square root, −1 the reciprocal. A negative base with a fractional exponent gives NaN, as in NumPy.',
  formulas: { forward: 'y = x^{n}', gradient: '\\frac{dy}{dx} = n\\,x^{n-1}' },
  params: { exponent: { type: 'number', label: 'Exponent n', description: 'The power.', default: 2, min: -1000, max: 1000 } },
  apply: (x, p) => x.pow(n(p)),
  scalar: { f: (x, p) => x ** n(p), df: (x, p) => n(p) * x ** (n(p) - 1), domain: [-3, 3] },
  paletteOrder: 50,
  cost: perElement(24),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3] } } }, { inputs: { x: { shape: [4], range: [0.5, 2] } }, params: { exponent: -1.5 } }],
    oracle: [{ inputs: { x: x23 }, params: { exponent: 3 }, expect: ({ x }) => map(x!, (v) => v ** 3) }],
  },
});
