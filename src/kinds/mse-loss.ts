import { nn } from '../engine';
import { lossKind } from './shared/loss-kind';
import { readsInputs } from './shared/cost';
import { A, x23 } from './shared/reference';

const mse = new nn.MSELoss();

export const mseLossKind = lossKind({
  id: 'mseLoss',
  label: 'MSE loss',
  description:
    'The mean squared error between a prediction and a target of the same shape: the average of the squared ' +
    'differences. It is the usual loss for regression; large errors count quadratically, and the gradient with ' +
    'respect to each prediction is proportional to its error.',
  formulas: { forward: '\\mathcal{L} = \\frac{1}{n} \\sum_{i=1}^{n} (\\hat{y}_i - y_i)^2', gradient: '\\frac{\\partial \\mathcal{L}}{\\partial \\hat{y}_i} = \\frac{2}{n} (\\hat{y}_i - y_i)' },
  predictionHelp: 'The predicted values.',
  targetHelp: 'The true values, same shape as the prediction.',
  apply: (pred, target) => mse.forward(pred, target),
  paletteOrder: 10,
  cost: readsInputs,
  examples: {
    samples: [{ inputs: { prediction: { shape: [4, 1] }, target: { shape: [4, 1] } } }],
    oracle: [{ inputs: { prediction: x23, target: A([2, 3], [0, 0, 0, 1, 1, 1]) }, expect: ({ prediction: p, target: t }) => A([], [p!.data.reduce((s, v, i) => s + (v - t!.data[i]!) ** 2, 0) / 6]) }],
  },
});
