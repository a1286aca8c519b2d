import { binaryKind } from './shared/define';

export const addKind = binaryKind({
  id: 'add',
  label: 'Add',
  description: 'Adds two tensors elementwise. Shapes broadcast as in NumPy: a (2,3) tensor plus a (3,) tensor adds the row to each row. The gradient passes through unchanged to both inputs, summed over any broadcast axes.',
  formulas: { forward: 'y = a + b', gradient: '\\frac{\\partial y}{\\partial a} = 1, \\quad \\frac{\\partial y}{\\partial b} = 1' },
  apply: (a, b) => a.add(b),
});
