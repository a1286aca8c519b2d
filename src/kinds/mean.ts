import { reduceKind } from './shared/reduce-kind';
import { readsInputs } from './shared/cost';
import { A, rows, x23 } from './shared/reference';

export const meanKind = reduceKind({
  id: 'mean',
  label: 'Mean',
  description: 'The arithmetic mean of the elements, over one axis or all of them. Each input element receives the upstream gradient divided by the number of elements averaged.',
  formulas: { forward: 'y = \\frac{1}{n} \\sum_{i=1}^{n} x_i', gradient: '\\frac{\\partial y}{\\partial x_i} = \\frac{1}{n}' },
  apply: (x, axis, keepdims) => x.mean(axis, keepdims),
  paletteOrder: 100,
  cost: readsInputs,
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3] } } }, { inputs: { x: { shape: [2, 3] } }, params: { axis: 0 } }],
    oracle: [{ inputs: { x: x23 }, params: { axis: -1, keepdims: true }, expect: ({ x }) => A([2, 1], rows(x!).map((r) => r.reduce((s, v) => s + v, 0) / 3)) }],
  },
});
