import { binaryKind } from './shared/define';

export const divKind = binaryKind({
  id: 'div',
  label: 'Div',
  description: 'Divides a by b elementwise, with NumPy broadcasting. Division by zero gives ±Infinity or NaN, as in NumPy; the node’s statistics count them.',
  formulas: { forward: 'y = \\frac{a}{b}', gradient: '\\frac{\\partial y}{\\partial a} = \\frac{1}{b}, \\quad \\frac{\\partial y}{\\partial b} = -\\frac{a}{b^2}' },
  apply: (a, b) => a.div(b),
});
