import type { Tensor } from '../../engine';
import type { AxisParamSpec, KindDef } from '../types';
import { normAxis } from './shapes';

export const axisParam = (description: string, def: number | null, nullable: boolean): AxisParamSpec => ({
  type: 'axis', label: 'Axis', description, default: def, nullable,
});

/** Softmax-like kinds: the output has the input's shape and the axis must exist. */
export function alongAxisKind(d: Omit<KindDef, 'version' | 'inputs' | 'outputs' | 'params' | 'inferShapes' | 'evaluate'> & { apply: (x: Tensor, axis: number) => Tensor }): KindDef {
  const { apply, ...rest } = d;
  return {
    ...rest,
    version: 1,
    inputs: [{ id: 'x', label: 'x', type: 'tensor', description: 'The input tensor (scores, logits).' }],
    outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The result, of the same shape as x.' }],
    params: { axis: axisParam('The axis along which the values are normalised (−1: the last).', -1, false) },
    inferShapes: (inputs, p) => {
      if (inputs.x) normAxis(p.axis as number, Math.max(inputs.x.length, 1));
      return { out: inputs.x };
    },
    evaluate: (inputs, p) => ({ out: apply(inputs.x!, p.axis as number) }),
  };
}
