import { matmulShapes } from '../engine';
import { onPort } from './shared/shapes';
import type { KindDef, Shape } from './types';
import { productCost } from './shared/cost';
import { A, matmul2, x23 } from './shared/reference';

/** The engine's matmul shape rule; a mismatch is put on b (or on a 0-d a). */
const matmulShape = (a: Shape, b: Shape): number[] => onPort(a.length === 0 ? 'a' : 'b', () => matmulShapes(a, b).out);

export const matmulKind: KindDef = {
  id: 'matmul',
  version: 1,
  label: 'MatMul',
  category: 'math',
  description:
    'The matrix product a @ b: each output entry is the dot product of a row of a with a column of b, so the last ' +
    'axis of a must match the second-to-last of b. A 1-D operand acts as a row (left) or column (right) vector, and ' +
    'leading axes broadcast as a batch, as in NumPy.',
  formulas: {
    forward: 'Y = A B, \\quad Y_{ij} = \\sum_k A_{ik} B_{kj}',
    gradient: '\\frac{\\partial \\mathcal{L}}{\\partial A} = G B^{\\top}, \\quad \\frac{\\partial \\mathcal{L}}{\\partial B} = A^{\\top} G',
  },
  inputs: [
    { id: 'a', label: 'a', type: 'tensor', description: 'The left matrix (…, m, k).' },
    { id: 'b', label: 'b', type: 'tensor', description: 'The right matrix (…, k, n).' },
  ],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The product (…, m, n).' }],
  params: {},
  inferShapes: (inputs) => ({ out: inputs.a && inputs.b ? matmulShape(inputs.a, inputs.b) : undefined }),
  evaluate: (inputs) => ({ out: inputs.a!.matmul(inputs.b!) }),
  paletteOrder: 80,
  cost: productCost('a', 4),
  examples: {
    samples: [{ inputs: { a: { shape: [2, 3] }, b: { shape: [3, 4] } } }, { inputs: { a: { shape: [3] }, b: { shape: [2, 3, 2] } } }],
    oracle: [{ inputs: { a: x23, b: A([3, 2], [1, 0, 0, 1, 2, -1]) }, expect: ({ a, b }) => matmul2(a!, b!) }],
  },
};
