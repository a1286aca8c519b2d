import { binaryKind } from './shared/define';
import { A, broadcastBinary, x23 } from './shared/reference';

export const divKind = binaryKind({
  id: 'div',
  label: 'Div',
  description: 'Divides a by b elementwise, with NumPy broadcasting. Division by zero gives ±Infinity or NaN, as in NumPy; the node’s statistics count them.',
  formulas: { forward: 'y = \\frac{a}{b}', gradient: '\\frac{\\partial y}{\\partial a} = \\frac{1}{b}, \\quad \\frac{\\partial y}{\\partial b} = -\\frac{a}{b^2}' },
  apply: (a, b) => a.div(b),
  paletteOrder: 40,
  examples: {
    samples: [{ inputs: { a: { shape: [2, 3] }, b: { shape: [3], range: [0.5, 2] } } }],
    oracle: [{ inputs: { a: x23, b: A([], [4]) }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p / q) }],
  },
});
