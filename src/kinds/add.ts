import { binaryKind } from './shared/define';
import { A, broadcastBinary, x23 } from './shared/reference';

export const addKind = binaryKind({
  id: 'add',
  label: 'Add',
  description: 'Adds two tensors elementwise. Shapes broadcast as in NumPy: a (2,3) tensor plus a (3,) tensor adds the row to each row. The gradient passes through unchanged to both inputs, summed over any broadcast axes.',
  formulas: { forward: 'y = a + b', gradient: '\\frac{\\partial y}{\\partial a} = 1, \\quad \\frac{\\partial y}{\\partial b} = 1' },
  apply: (a, b) => a.add(b),
  paletteOrder: 10,
  examples: {
    samples: [{ inputs: { a: { shape: [2, 3] }, b: { shape: [3] } } }],
    oracle: [{ inputs: { a: x23, b: A([3], [10, 20, 30]) }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p + q) }],
  },
});
