import type { Tensor } from '../../engine';
import type { KindCost, KindDef, KindExamples, Params, ParamSpec, PortSpec, ScalarFunction } from '../types';
import { perElement } from './cost';
import { broadcast } from './shapes';

const X: PortSpec = { id: 'x', label: 'x', type: 'tensor', description: 'The input tensor.' };
const OUT: PortSpec = { id: 'out', label: 'out', type: 'tensor', description: 'The result, of the same shape as x.' };

/** An elementwise one-input kind (an activation, exp, log): its output has the input's shape. */
export function unaryKind(d: {
  id: string;
  label: string;
  category: KindDef['category'];
  description: string;
  formulas: KindDef['formulas'];
  params?: Readonly<Record<string, ParamSpec>>;
  apply: (x: Tensor, p: Params) => Tensor;
  scalar?: ScalarFunction;
  paletteOrder: number;
  cost: KindCost;
  examples: KindExamples;
}): KindDef {
  return {
    id: d.id,
    version: 1,
    label: d.label,
    category: d.category,
    description: d.description,
    formulas: d.formulas,
    inputs: [X],
    outputs: [OUT],
    params: d.params ?? {},
    inferShapes: (inputs) => ({ out: inputs.x }),
    evaluate: (inputs, p) => ({ out: d.apply(inputs.x!, p) }),
    ...(d.scalar ? { scalar: d.scalar } : {}),
    paletteOrder: d.paletteOrder,
    cost: d.cost,
    examples: d.examples,
  };
}

/** An elementwise two-input kind with NumPy broadcasting (add, sub, mul, div). */
export function binaryKind(d: {
  id: string;
  label: string;
  description: string;
  formulas: KindDef['formulas'];
  apply: (a: Tensor, b: Tensor) => Tensor;
  paletteOrder: number;
  examples: KindExamples;
}): KindDef {
  return {
    id: d.id,
    version: 1,
    label: d.label,
    category: 'math',
    description: d.description,
    formulas: d.formulas,
    inputs: [
      { id: 'a', label: 'a', type: 'tensor', description: 'The left operand.' },
      { id: 'b', label: 'b', type: 'tensor', description: 'The right operand (broadcast against a, as NumPy does).' },
    ],
    outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The result, of the broadcast shape of a and b.' }],
    params: {},
    inferShapes: (inputs) => ({ out: inputs.a && inputs.b ? broadcast(inputs.a, inputs.b, 'a and b') : undefined }),
    evaluate: (inputs) => ({ out: d.apply(inputs.a!, inputs.b!) }),
    paletteOrder: d.paletteOrder,
    cost: perElement(8),
    examples: d.examples,
  };
}
