import type { Tensor } from '../../engine';
import type { KindDef } from '../types';
import { axisParam } from './axis-kind';
import { reducedShape } from './shapes';

/** Sum and Mean: reduce over one axis or all of them. */
export function reduceKind(d: Omit<KindDef, 'version' | 'category' | 'inputs' | 'outputs' | 'params' | 'inferShapes' | 'evaluate'> & { apply: (x: Tensor, axis: number | null, keepdims: boolean) => Tensor }): KindDef {
  const { apply, ...rest } = d;
  return {
    ...rest,
    version: 1,
    category: 'math',
    inputs: [{ id: 'x', label: 'x', type: 'tensor', description: 'The tensor to reduce.' }],
    outputs: [{ id: 'out', label: 'out', type: 'tensor', description: 'The reduced tensor (a scalar when reducing every axis).' }],
    params: {
      axis: axisParam('The axis to reduce; empty (null) reduces every axis to a single number.', null, true),
      keepdims: { type: 'boolean', label: 'Keep dims', description: 'Keep the reduced axis with size 1, so the result broadcasts against the input.', default: false },
    },
    inferShapes: (inputs, p) => ({ out: inputs.x ? reducedShape(inputs.x, p.axis as number | null, p.keepdims as boolean) : undefined }),
    evaluate: (inputs, p) => ({ out: apply(inputs.x!, p.axis as number | null, p.keepdims as boolean) }),
  };
}
