import { nn } from '../engine';
import { lossKind } from './shared/loss-kind';
import { readsInputs } from './shared/cost';
import { A, logistic } from './shared/reference';

const bceWithLogits = new nn.BCEWithLogitsLoss();

export const bceWithLogitsLossKind = lossKind({
  id: 'bceWithLogitsLoss',
  label: 'BCE with logits',
  description:
    'Binary cross-entropy computed straight from raw scores (logits) instead of probabilities: the sigmoid and the ' +
    'logarithm are fused into a stable log-sum-exp, so it stays exact for scores of any size. Its gradient is ' +
    'simply σ(z) − y per example, divided by their number.',
  formulas: {
    forward: '\\mathcal{L} = -\\frac{1}{n} \\sum_{i=1}^{n} \\left[ y_i \\log \\sigma(z_i) + (1 - y_i) \\log(1 - \\sigma(z_i)) \\right]',
    gradient: '\\frac{\\partial \\mathcal{L}}{\\partial z_i} = \\frac{1}{n} (\\sigma(z_i) - y_i)',
  },
  predictionHelp: 'Raw scores (logits), any real numbers.',
  targetHelp: 'Labels 0 or 1 (or probabilities), same shape as the prediction.',
  apply: (z, y) => bceWithLogits.forward(z, y),
  paletteOrder: 30,
  cost: readsInputs,
  examples: {
    samples: [{ inputs: { prediction: { shape: [5], values: [-30, -1, 0, 2, 40] }, target: { shape: [5], values: [0, 1, 1, 0, 0.3] } } }],
    oracle: [{
      inputs: { prediction: A([4], [-2, 0, 3, 50]), target: A([4], [0, 1, 1, 0]) },
      expect: ({ prediction: z, target: t }) => A([], [-z!.data.reduce((s, v, i) => s + t!.data[i]! * Math.log(logistic(v)) + (1 - t!.data[i]!) * (v > 30 ? -v : Math.log(1 - logistic(v))), 0) / 4]),
    }],
  },
});
