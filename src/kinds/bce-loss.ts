import { nn } from '../engine';
import { KindError } from './types';
import { lossKind } from './shared/loss-kind';
import { readsInputs } from './shared/cost';
import { A } from './shared/reference';

const bce = new nn.BCELoss();

export const bceLossKind = lossKind({
  id: 'bceLoss',
  label: 'BCE loss',
  description:
    'Binary cross-entropy on probabilities, the natural partner of a Sigmoid output: for each example it is −log of ' +
    'the probability given to the true label. Predictions must lie in [0, 1]; as in PyTorch each logarithm is ' +
    'clamped at −100, so a confident wrong answer costs at most 100 instead of Infinity.',
  formulas: {
    forward: '\\mathcal{L} = -\\frac{1}{n} \\sum_{i=1}^{n} \\left[ y_i \\log p_i + (1 - y_i) \\log(1 - p_i) \\right]',
    gradient: '\\frac{\\partial \\mathcal{L}}{\\partial p_i} = \\frac{1}{n} \\cdot \\frac{p_i - y_i}{p_i (1 - p_i)}',
  },
  predictionHelp: 'Probabilities in [0, 1], e.g. a Sigmoid output.',
  targetHelp: 'Labels 0 or 1 (or probabilities), same shape as the prediction.',
  apply: (p, y) => {
    for (const v of p.data) {
      if (!(v >= 0 && v <= 1)) throw new KindError(`predictions must be probabilities in [0, 1]; found ${v} (use BCE with logits for raw scores)`, 'prediction');
    }
    return bce.forward(p, y);
  },
  paletteOrder: 20,
  cost: readsInputs,
  examples: {
    samples: [{ inputs: { prediction: { shape: [4, 1], range: [0.1, 0.9] }, target: { shape: [4, 1], values: [0, 1, 1, 0], noGrad: true } } }],
    oracle: [{
      inputs: { prediction: A([4], [0.1, 0.8, 0.5, 1]), target: A([4], [0, 1, 1, 1]) },
      expect: ({ prediction: p, target: t }) => A([], [-p!.data.reduce((s, v, i) => s + t!.data[i]! * Math.log(v) + (1 - t!.data[i]!) * Math.max(Math.log(1 - v), -100), 0) / 4]),
    }],
  },
});
