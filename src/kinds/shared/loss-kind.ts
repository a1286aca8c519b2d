import type { Tensor } from '../../engine';
import type { KindDef } from '../types';
import { fmtShape } from './shapes';
import { KindError, type Shape } from '../types';

/** Losses compare a prediction with a target and give one number, the usual objective. */
export function lossKind(d: Omit<KindDef, 'version' | 'category' | 'inputs' | 'outputs' | 'params' | 'inferShapes' | 'evaluate' | 'isLoss'> & {
  predictionHelp: string;
  targetHelp: string;
  /** Throws a KindError when the shapes cannot go together. */
  checkShapes?: (pred: Shape, target: Shape) => void;
  apply: (pred: Tensor, target: Tensor) => Tensor;
}): KindDef {
  const { apply, checkShapes = sameShape, predictionHelp, targetHelp, ...rest } = d;
  return {
    ...rest,
    version: 1,
    category: 'loss',
    isLoss: true,
    inputs: [
      { id: 'prediction', label: 'prediction', type: 'tensor', description: predictionHelp },
      { id: 'target', label: 'target', type: 'tensor', description: targetHelp },
    ],
    outputs: [{ id: 'loss', label: 'loss', type: 'scalar', description: 'The mean loss, a single number.' }],
    params: {},
    inferShapes: (inputs) => {
      if (inputs.prediction && inputs.target) checkShapes(inputs.prediction, inputs.target);
      return { loss: [] };
    },
    evaluate: (inputs) => {
      checkShapes(inputs.prediction!.shape, inputs.target!.shape);
      return { loss: apply(inputs.prediction!, inputs.target!) };
    },
  };
}

/** Prediction and target must have the same shape: a silent broadcast ((N,1) against (N,)) is a classic bug. */
export function sameShape(pred: Shape, target: Shape): void {
  if (pred.length !== target.length || pred.some((d, i) => d !== target[i])) {
    throw new KindError(`prediction ${fmtShape(pred)} and target ${fmtShape(target)} must have the same shape`, 'target');
  }
}
