/**
 * A test-only kind with a planted wrong gradient: Square computes x², but its backward gives x instead of 2x (it
 * multiplies x by a detached copy of itself). The gradient check must catch it; it is registered only in the test
 * registry below, never in the app's.
 */
import { ALL_KINDS, KindRegistry, type KindDef } from '../../src/kinds';
import { sigmoidKind } from '../../src/kinds/sigmoid';

export const plantedSquareKind: KindDef = {
  ...sigmoidKind,
  id: 'plantedSquare',
  label: 'Planted square',
  description: 'x² with a wrong backward (x instead of 2x): for the gradient check’s tests only.',
  scalar: undefined,
  evaluate: (inputs) => ({ out: inputs.x!.mul(inputs.x!.detach()) }),
  paletteOrder: 999,
};

/** The app's kinds and the planted one. */
export const plantedRegistry = new KindRegistry([...ALL_KINDS, plantedSquareKind]);
