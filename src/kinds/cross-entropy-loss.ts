import { nn } from '../engine';
import { fmtShape } from './shared/shapes';
import { lossKind } from './shared/loss-kind';
import { KindError, type Shape } from './types';
import { readsInputs } from './shared/cost';
import { A, rows, softmaxRow, x23 } from './shared/reference';

function check(pred: Shape, target: Shape): void {
  if (pred.length === 0) throw new KindError('the prediction must hold class scores on its last axis, not a single number', 'prediction');
  const soft = pred.length === target.length && pred.every((d, i) => d === target[i]);
  const indices = target.length === pred.length - 1 && target.every((d, i) => d === pred[i]);
  // A column of indices (N, 1), as a Data set gives them, as PyTorch's loss does not but Sorix's does.
  const column = !soft && target.length === pred.length && target[target.length - 1] === 1 && target.slice(0, -1).every((d, i) => d === pred[i]);
  if (!soft && !indices && !column) {
    throw new KindError(
      `target ${fmtShape(target)} fits neither class indices ${fmtShape(pred.slice(0, -1))} (or a column of them) nor one-hot/probabilities ${fmtShape(pred)} for prediction ${fmtShape(pred)}`,
      'target',
    );
  }
}

export const crossEntropyLossKind = lossKind({
  id: 'crossEntropyLoss',
  label: 'Cross-entropy loss',
  description:
    'Multi-class cross-entropy from raw scores (logits), as PyTorch’s CrossEntropyLoss: a log-softmax over the last ' +
    'axis, then the mean over examples of −log of the probability given to the true class. The target is either ' +
    'class indices (one per example) or one-hot / probability rows of the same shape as the scores. Its gradient ' +
    'is softmax(z) minus the target, divided by the number of examples.',
  formulas: {
    forward: '\\mathcal{L} = -\\frac{1}{N} \\sum_{n=1}^{N} \\sum_{c} y_{nc} \\log \\operatorname{softmax}(z_n)_c',
    gradient: '\\frac{\\partial \\mathcal{L}}{\\partial z_{nc}} = \\frac{1}{N} \\left( \\operatorname{softmax}(z_n)_c - y_{nc} \\right)',
  },
  predictionHelp: 'Class scores (logits), classes on the last axis: (N, C) or (C,).',
  targetHelp: 'Class indices (N,) or (N, 1) — whole numbers from 0 to C−1 — or one-hot/probability rows (N, C).',
  checkShapes: check,
  apply: (z, t) => {
    const C = z.shape[z.ndim - 1]!;
    const soft = t.ndim === z.ndim && t.shape[t.ndim - 1] === C;
    // The engine's loss takes (N, C) logits: a single example (C,) becomes a batch of one.
    const logits = z.ndim === 2 ? z : z.reshape([-1, C]);
    const target = soft ? (t.ndim === 2 ? t : t.reshape([-1, C])) : (t.ndim === 1 ? t : t.reshape([-1]));
    return new nn.CrossEntropyLoss({ oneHot: soft }).forward(logits, target);
  },
  paletteOrder: 40,
  cost: readsInputs,
  examples: {
    samples: [
      { inputs: { prediction: { shape: [3, 4] }, target: { shape: [3], values: [0, 3, 1], noGrad: true } } },
      { inputs: { prediction: { shape: [3, 4] }, target: { shape: [3, 1], values: [2, 0, 3], noGrad: true } } },
      { inputs: { prediction: { shape: [2, 3] }, target: { shape: [2, 3], values: [0.2, 0.5, 0.3, 0, 0, 1], noGrad: true } } }, // the engine gives labels no gradient
    ],
    oracle: [
      { inputs: { prediction: x23, target: A([2], [2, 0]) }, expect: ({ prediction: z }) => A([], [-(Math.log(softmaxRow(rows(z!)[0]!)[2]!) + Math.log(softmaxRow(rows(z!)[1]!)[0]!)) / 2]) },
      { inputs: { prediction: A([3], [1, 2, 3]), target: A([], [1]) }, expect: () => A([], [-Math.log(softmaxRow([1, 2, 3])[1]!)]) },
      { inputs: { prediction: x23, target: A([2, 1], [1, 2]) }, expect: ({ prediction: z }) => A([], [-(Math.log(softmaxRow(rows(z!)[0]!)[1]!) + Math.log(softmaxRow(rows(z!)[1]!)[2]!)) / 2]) },
    ],
  },
});
