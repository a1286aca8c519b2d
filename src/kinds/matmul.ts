import { broadcast, fmtShape } from './shared/shapes';
import { KindError, type KindDef, type Shape } from './types';

/** NumPy's matmul shape rule, or a KindError naming both shapes. */
function matmulShape(a: Shape, b: Shape): number[] {
  if (a.length === 0 || b.length === 0) throw new KindError(`MatMul needs at least one dimension on each side, got ${fmtShape(a)} and ${fmtShape(b)}`, a.length === 0 ? 'a' : 'b');
  const A = a.length === 1 ? [1, a[0]!] : [...a];
  const B = b.length === 1 ? [b[0]!, 1] : [...b];
  const k = A[A.length - 1]!, k2 = B[B.length - 2]!;
  if (k !== k2) throw new KindError(`cannot multiply ${fmtShape(a)} by ${fmtShape(b)}: inner sizes ${k} and ${k2} differ`, 'b');
  const batch = broadcast(A.slice(0, -2), B.slice(0, -2), 'the batch axes of a and b');
  const out = [...batch, A[A.length - 2]!, B[B.length - 1]!];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.splice(out.length - 1, 1);
  return out;
}

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
};
