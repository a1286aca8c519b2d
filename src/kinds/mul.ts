import { binaryKind } from './shared/define';

export const mulKind = binaryKind({
  id: 'mul',
  label: 'Mul',
  description: 'Multiplies two tensors elementwise (not a matrix product: see MatMul), with NumPy broadcasting. Each input’s gradient is the upstream gradient times the other input.',
  formulas: { forward: 'y = a \\odot b', gradient: '\\frac{\\partial y}{\\partial a} = b, \\quad \\frac{\\partial y}{\\partial b} = a' },
  apply: (a, b) => a.mul(b),
});
