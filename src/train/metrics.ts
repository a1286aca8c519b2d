import type { Tensor } from '../engine';

/**
 * How a classifier's prediction becomes a class, by the kind of its loss: a BCE on probabilities thresholds at 0.5,
 * a BCE on logits at 0, a cross-entropy takes the largest score. Other losses (MSE) are not classifiers.
 */
export type ClassRule = 'probability' | 'logit' | 'argmax';

export const CLASSIFIER_LOSSES: Readonly<Record<string, ClassRule>> = {
  bceLoss: 'probability',
  bceWithLogitsLoss: 'logit',
  crossEntropyLoss: 'argmax',
};

/** How many predictions are right, and out of how many, for one batch. */
export function countCorrect(rule: ClassRule, prediction: Tensor, target: Tensor): { correct: number; total: number } {
  const p = prediction.data, t = target.data;
  let correct = 0;
  if (rule !== 'argmax') {
    const cut = rule === 'probability' ? 0.5 : 0;
    for (let i = 0; i < p.length; i++) if ((p[i]! >= cut ? 1 : 0) === (t[i]! >= 0.5 ? 1 : 0)) correct++;
    return { correct, total: p.length };
  }
  const C = prediction.shape[prediction.ndim - 1]!;
  const rows = p.length / C;
  const oneHot = target.size === p.length;
  for (let r = 0; r < rows; r++) {
    const guess = argmax(p, r * C, C);
    const truth = oneHot ? argmax(t, r * C, C) : t[r]!;
    if (guess === truth) correct++;
  }
  return { correct, total: rows };
}

function argmax(a: ArrayLike<number>, start: number, n: number): number {
  let best = 0;
  for (let c = 1; c < n; c++) if (a[start + c]! > a[start + best]!) best = c;
  return best;
}
