import { nn } from '../engine';
import { lossKind } from './shared/loss-kind';

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
});
