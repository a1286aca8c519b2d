import { binaryKind } from './shared/define';
import { A, broadcastBinary, x23 } from './shared/reference';

export const subKind = binaryKind({
  id: 'sub',
  label: 'Sub',
  description: 'Subtracts b from a elementwise, with NumPy broadcasting. The gradient reaches a unchanged and b with its sign flipped.',
  formulas: { forward: 'y = a - b', gradient: '\\frac{\\partial y}{\\partial a} = 1, \\quad \\frac{\\partial y}{\\partial b} = -1' },
  apply: (a, b) => a.sub(b),
  paletteOrder: 20,
  examples: {
    samples: [{ inputs: { a: { shape: [2, 3] }, b: { shape: [2, 1] } } }],
    oracle: [{ inputs: { a: x23, b: A([2, 1], [1, 2]) }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p - q) }],
  },
});
