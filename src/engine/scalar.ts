/** Scalar functions written once, for the kernels, the losses and anything outside the engine that needs them. */

/**
 * The numerically stable logistic function 1/(1+e^−x), the seed's piecewise form: exp is only ever taken of
 * −|x| ≤ 0, so it never overflows. x ≥ 0: 1/(1+e^−x); x < 0: e^x/(1+e^x). One division, no branch on the exp.
 * Saturates to exactly 0 and 1; NaN stays NaN.
 */
export function stableSigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return (x >= 0 ? 1 : e) / (1 + e);
}
