import { binaryKind } from './shared/define';

export const subKind = binaryKind({
  id: 'sub',
  label: 'Sub',
  description: 'Subtracts b from a elementwise, with NumPy broadcasting. The gradient reaches a unchanged and b with its sign flipped.',
  formulas: { forward: 'y = a - b', gradient: '\\frac{\\partial y}{\\partial a} = 1, \\quad \\frac{\\partial y}{\\partial b} = -1' },
  apply: (a, b) => a.sub(b),
});
