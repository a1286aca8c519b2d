import { Generator } from '../engine';
import { shortFloat32 } from './shared/common';
import { fmtShape } from './shared/shapes';
import { KindError, type KindDef, type ParamValue, type Params } from './types';
import { productCost } from './shared/cost';
import { A, matmul2, x23 } from './shared/reference';

/** Seeded He (√(2/in)) or Xavier (√(2/(in+out))) normal initialisation of W, b = 0, as Sorix's Linear does. */
export function initLinear(inFeatures: number, outFeatures: number, init: string, seed: number): { W: number[]; b: number[] } {
  const std = init === 'xavier' ? Math.sqrt(2 / (inFeatures + outFeatures)) : Math.sqrt(2 / inFeatures);
  const g = new Generator(seed);
  const W = new Array<number>(inFeatures * outFeatures);
  for (let i = 0; i < W.length; i++) W[i] = shortFloat32(std * g.normal());
  return { W, b: new Array<number>(outFeatures).fill(0) };
}

const SIZES = ['inFeatures', 'outFeatures', 'init', 'seed'];

/** A fully connected layer whose weights live in the document (and so in the file), editable and seeded. */
export const linearKind: KindDef = {
  id: 'linear',
  version: 1,
  label: 'Linear',
  category: 'layer',
  description:
    'A fully connected layer: every output is a weighted sum of all the inputs plus a bias. As in Sorix, W has shape ' +
    '(in, out) and the input’s last axis holds the features, so a batch X of shape (N, in) gives X W + b of shape ' +
    '(N, out). W starts from a seeded He or Xavier draw (b from 0) and is stored in the document, so you can read ' +
    'and edit every weight; the backward pass shows the gradient of each.',
  formulas: {
    forward: 'Y = X W + b',
    gradient: '\\frac{\\partial \\mathcal{L}}{\\partial X} = G W^{\\top}, \\quad \\frac{\\partial \\mathcal{L}}{\\partial W} = X^{\\top} G, \\quad \\frac{\\partial \\mathcal{L}}{\\partial b} = \\sum_n G_n',
    notes: ['\\text{He: } W_{ij} \\sim \\mathcal{N}\\!\\left(0, \\tfrac{2}{n_{in}}\\right), \\quad \\text{Xavier: } W_{ij} \\sim \\mathcal{N}\\!\\left(0, \\tfrac{2}{n_{in} + n_{out}}\\right)'],
  },
  inputs: [{ id: 'x', label: 'x', type: 'tensor', description: 'The input, features on the last axis: (N, in) or (in,).' }],
  outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'X W + b: (N, out) or (out,).' }],
  params: {
    inFeatures: { type: 'number', label: 'In features', description: 'Size of the input’s last axis.', default: 2, integer: true, min: 1, max: 4096 },
    outFeatures: { type: 'number', label: 'Out features', description: 'Number of outputs (units).', default: 1, integer: true, min: 1, max: 4096 },
    bias: { type: 'boolean', label: 'Bias', description: 'Whether b is added.', default: true },
    init: {
      type: 'choice', label: 'Init', description: 'How W is drawn when the sizes or the seed change.', default: 'he',
      choices: [{ value: 'he', label: 'He (Kaiming) normal' }, { value: 'xavier', label: 'Xavier (Glorot) normal' }],
    },
    seed: { type: 'number', label: 'Seed', description: 'Seed of the initial draw of W.', default: 0, integer: true, min: 0, max: 4294967295 },
    W: { type: 'tensor', label: 'W', description: 'The weights, shape (in, out), row by row.', default: [], shapeOf: (p) => [p.inFeatures as number, p.outFeatures as number], trainable: true },
    b: { type: 'tensor', label: 'b', description: 'The bias, shape (1, out).', default: [], shapeOf: (p) => [1, p.outFeatures as number], trainable: true },
  },
  defaultParams: () => {
    const { W, b } = initLinear(2, 1, 'he', 0);
    return { inFeatures: 2, outFeatures: 1, bias: true, init: 'he', seed: 0, W, b };
  },
  checkParams: (p) => {
    const i = p.inFeatures as number, o = p.outFeatures as number;
    const issues = [];
    if (i * o > 1_000_000) issues.push({ param: 'outFeatures', message: `W would have ${i * o} weights; at most 1000000` });
    if ((p.W as readonly number[]).length !== i * o) issues.push({ param: 'W', message: `W has ${(p.W as readonly number[]).length} values but shape ${fmtShape([i, o])} needs ${i * o}` });
    if ((p.b as readonly number[]).length !== o) issues.push({ param: 'b', message: `b has ${(p.b as readonly number[]).length} values but shape ${fmtShape([1, o])} needs ${o}` });
    return issues;
  },
  adjustParams: (p: Params, changed) => {
    const out: Record<string, ParamValue> = { ...p };
    if (changed.some((c) => SIZES.includes(c)) && !changed.includes('W')) {
      Object.assign(out, initLinear(p.inFeatures as number, p.outFeatures as number, p.init as string, p.seed as number));
    }
    return out;
  },
  inferShapes: (inputs, p) => {
    const x = inputs.x;
    if (!x) return { out: undefined };
    const i = p.inFeatures as number, o = p.outFeatures as number;
    if (x.length === 0 || x[x.length - 1] !== i) {
      throw new KindError(`expects ${i} feature${i === 1 ? '' : 's'} on the input’s last axis, got shape ${fmtShape(x)}`, 'x');
    }
    if (x.length === 1) return { out: [o] };
    return { out: [...x.slice(0, -1), o] };
  },
  evaluate: (inputs, p, ctx) => {
    const x = inputs.x!;
    const W = ctx.paramTensors.W!;
    const y = x.matmul(W);
    if (!(p.bias as boolean)) return { out: y };
    const b = ctx.paramTensors.b!;
    return { out: x.ndim === 1 ? y.add(b.reshape([p.outFeatures as number])) : y.add(b) };
  },
  paletteOrder: 10,
  cost: productCost('x', 8),
  examples: {
    samples: [{ inputs: { x: { shape: [4, 2] } } }, { inputs: { x: { shape: [3] } }, params: { inFeatures: 3, outFeatures: 2, W: [0.1, -0.2, 0.3, 0.4, -0.5, 0.6], b: [0.5, -1] } }],
    oracle: [{
      inputs: { x: x23 }, params: { inFeatures: 3, outFeatures: 2, bias: true, init: 'he', seed: 0, W: [1, 2, 3, 4, 5, 6], b: [0.5, -0.5] },
      expect: ({ x }) => { const y = matmul2(x!, A([3, 2], [1, 2, 3, 4, 5, 6])); return A(y.shape, y.data.map((v, i) => v + (i % 2 ? -0.5 : 0.5))); },
    }],
  },
};
