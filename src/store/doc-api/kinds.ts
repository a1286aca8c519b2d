import * as E from '../../engine';
import type { Tensor } from '../../engine';
import type { KindInfo, TensorParam } from './types';

/** A kind: what the palette, inspector and canvas show (info) and how it computes. */
export interface Kind extends KindInfo {
  evaluate(inputs: Record<string, Tensor>, params: Record<string, unknown>): Tensor;
}

const X = [{ name: 'x', label: 'x' }];
const OUT = [{ name: 'out', label: 'out' }];
const AB = [{ name: 'a', label: 'a' }, { name: 'b', label: 'b' }];

function input(inputs: Record<string, Tensor>, port: string): Tensor {
  const t = inputs[port];
  if (!t) throw new Error(`input “${port}” is not connected`);
  return t;
}

const unary = (id: string, label: string, category: string, description: string, formulas: KindInfo['formulas'],
  f: (x: Tensor) => Tensor): Kind => ({
  id, label, category, description, formulas, inputs: X, outputs: OUT, params: [], elementwise: true,
  evaluate: (i) => f(input(i, 'x')),
});

const binary = (id: string, label: string, symbol: string, f: (a: Tensor, b: Tensor) => Tensor,
  grads: string): Kind => ({
  id, label, category: 'Maths', inputs: AB, outputs: OUT, params: [],
  description: `Elementwise ${label.toLowerCase()} of a and b, with NumPy broadcasting.`,
  formulas: [{ label: 'forward', latex: `y = a ${symbol} b` }, { label: 'gradients', latex: grads }],
  evaluate: (i) => f(input(i, 'a'), input(i, 'b')),
});

export const DEFAULT_TENSOR: TensorParam = { values: [1, 2, 3], shape: [3], dtype: 'float32' };

const KINDS: Kind[] = [
  {
    id: 'tensor', label: 'Tensor', category: 'Sources', inputs: [], outputs: OUT,
    description: 'A tensor of numbers you type in. With “requires grad”, backward fills its gradient.',
    formulas: [{ label: 'value', latex: 'x \\in \\mathbb{R}^{n}' }],
    params: [
      { name: 'value', label: 'Value', type: 'tensor', default: DEFAULT_TENSOR },
      { name: 'requiresGrad', label: 'Requires grad', type: 'boolean', default: true },
    ],
    evaluate: (_i, p) => {
      const v = p.value as TensorParam;
      return E.tensor(v.values, { shape: v.shape, dtype: v.dtype, requiresGrad: Boolean(p.requiresGrad) });
    },
  },
  {
    id: 'linspace', label: 'Linspace', category: 'Sources', inputs: [], outputs: OUT,
    description: 'Evenly spaced numbers from start to stop, for plotting a curve.',
    formulas: [{ label: 'value', latex: 'x_i = a + i\\,\\frac{b-a}{n-1}' }],
    params: [
      { name: 'start', label: 'Start', type: 'number', default: -10 },
      { name: 'stop', label: 'Stop', type: 'number', default: 10 },
      { name: 'steps', label: 'Steps', type: 'integer', default: 100, min: 1, max: 100000 },
      { name: 'requiresGrad', label: 'Requires grad', type: 'boolean', default: true },
    ],
    evaluate: (_i, p) => E.linspace(Number(p.start), Number(p.stop), Number(p.steps), { requiresGrad: Boolean(p.requiresGrad) }),
  },
  unary('sigmoid', 'Sigmoid', 'Activations', 'Squashes each number into (0, 1). Its slope is largest (1/4) at 0 and vanishes far from 0, which is why saturated sigmoids pass almost no gradient back.',
    [{ label: 'forward', latex: '\\sigma(x) = \\frac{1}{1 + e^{-x}}' }, { label: 'local gradient', latex: "\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))" }], E.sigmoid),
  unary('tanh', 'Tanh', 'Activations', 'Squashes each number into (−1, 1); zero-centred, slope 1 at 0.',
    [{ label: 'forward', latex: '\\tanh(x) = \\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}' }, { label: 'local gradient', latex: "\\tanh'(x) = 1 - \\tanh^2(x)" }], E.tanh),
  unary('relu', 'ReLU', 'Activations', 'Keeps positive numbers and zeroes the rest; its gradient is 1 where the input is positive and 0 elsewhere.',
    [{ label: 'forward', latex: '\\mathrm{relu}(x) = \\max(0, x)' }, { label: 'local gradient', latex: "\\mathrm{relu}'(x) = [x > 0]" }], E.relu),
  unary('exp', 'Exp', 'Maths', 'e raised to each number.',
    [{ label: 'forward', latex: 'y = e^{x}' }, { label: 'local gradient', latex: "y' = e^{x}" }], E.exp),
  binary('add', 'Add', '+', E.add, '\\frac{\\partial y}{\\partial a} = 1,\\; \\frac{\\partial y}{\\partial b} = 1'),
  binary('sub', 'Sub', '-', E.sub, '\\frac{\\partial y}{\\partial a} = 1,\\; \\frac{\\partial y}{\\partial b} = -1'),
  binary('mul', 'Mul', '\\cdot', E.mul, '\\frac{\\partial y}{\\partial a} = b,\\; \\frac{\\partial y}{\\partial b} = a'),
  {
    id: 'matmul', label: 'MatMul', category: 'Maths', inputs: AB, outputs: OUT, params: [],
    description: 'Matrix product of a and b: the inner sizes must agree.',
    formulas: [{ label: 'forward', latex: 'Y = AB' }, { label: 'gradients', latex: '\\frac{\\partial L}{\\partial A} = G B^{\\top},\\; \\frac{\\partial L}{\\partial B} = A^{\\top} G' }],
    evaluate: (i) => E.matmul(input(i, 'a'), input(i, 'b')),
  },
  {
    id: 'sum', label: 'Sum', category: 'Maths', inputs: X, outputs: OUT, params: [],
    description: 'Adds every element into one number: the usual way to turn a tensor into a scalar objective.',
    formulas: [{ label: 'forward', latex: 'y = \\sum_i x_i' }, { label: 'local gradient', latex: '\\frac{\\partial y}{\\partial x_i} = 1' }],
    evaluate: (i) => E.sum(input(i, 'x')),
  },
  {
    id: 'mean', label: 'Mean', category: 'Maths', inputs: X, outputs: OUT, params: [],
    description: 'The average of every element.',
    formulas: [{ label: 'forward', latex: 'y = \\frac{1}{n}\\sum_i x_i' }, { label: 'local gradient', latex: '\\frac{\\partial y}{\\partial x_i} = \\frac{1}{n}' }],
    evaluate: (i) => E.mean(input(i, 'x')),
  },
  {
    id: 'mse', label: 'MSE', category: 'Losses', params: [], outputs: OUT,
    inputs: [{ name: 'input', label: 'pred' }, { name: 'target', label: 'target' }],
    description: 'Mean squared error between a prediction and a target.',
    formulas: [{ label: 'forward', latex: 'L = \\frac{1}{n}\\sum_i (p_i - t_i)^2' }, { label: 'gradient', latex: '\\frac{\\partial L}{\\partial p_i} = \\frac{2}{n}(p_i - t_i)' }],
    evaluate: (i) => E.mean(E.pow(E.sub(input(i, 'input'), input(i, 'target')), 2)),
  },
];

const registry = new Map<string, Kind>();
for (const k of KINDS) {
  if (registry.has(k.id)) throw new Error(`duplicate kind ${k.id}`);
  registry.set(k.id, k);
}

export function getKind(id: string): Kind | undefined {
  return registry.get(id);
}
export function allKinds(): readonly Kind[] {
  return KINDS;
}
/** Parameters filled with their defaults. */
export function defaultParams(kind: KindInfo): Record<string, unknown> {
  return Object.fromEntries(kind.params.map((p) => [p.name, structuredClone(p.default)]));
}
