import { binaryKind } from './shared/define';
import { A, broadcastBinary, x23 } from './shared/reference';

export const mulKind = binaryKind({
  id: 'mul',
  label: 'Mul',
  description: 'Multiplies two tensors elementwise (not a matrix product: see MatMul), with NumPy broadcasting. Each input’s gradient is the upstream gradient times the other input.',
  formulas: { forward: 'y = a \\odot b', gradient: '\\frac{\\partial y}{\\partial a} = b, \\quad \\frac{\\partial y}{\\partial b} = a' },
  apply: (a, b) => a.mul(b),
  paletteOrder: 30,
  examples: {
    samples: [{ inputs: { a: { shape: [2, 3] }, b: { shape: [3] } } }],
    oracle: [{ inputs: { a: A([3], [1, 2, 3]), b: x23 }, expect: ({ a, b }) => broadcastBinary(a!, b!, (p, q) => p * q) }],
  },
});
