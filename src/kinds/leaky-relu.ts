import { unaryKind } from './shared/define';
import { perElement } from './shared/cost';
import { map, x23 } from './shared/reference';

const slopeOf = (p: Readonly<Record<string, unknown>>): number => p.slope as number;

/** ReLU with a small slope for negative inputs. */
export const leakyReluKind = unaryKind({
  id: 'leakyRelu',
  label: 'LeakyReLU',
  category: 'activation',
  description:
    'Like ReLU, but negative inputs are multiplied by a small slope instead of being set to 0, so a little gradient ' +
    'always flows and units cannot “die”. The gradient is 1 for x > 0 and the slope otherwise.',
  formulas: {
    forward: '\\operatorname{LeakyReLU}(x) = \\begin{cases} x & x > 0 \\\\ \\alpha x & x \\leq 0 \\end{cases}',
    gradient: '\\frac{d}{dx}\\operatorname{LeakyReLU}(x) = \\begin{cases} 1 & x > 0 \\\\ \\alpha & x \\leq 0 \\end{cases}',
  },
  params: {
    slope: { type: 'number', label: 'Slope α', description: 'The slope for negative inputs.', default: 0.01, min: -1000, max: 1000, step: 0.01 },
  },
  apply: (x, p) => x.leakyRelu(slopeOf(p)),
  scalar: { f: (x, p) => (x > 0 ? x : slopeOf(p) * x), df: (x, p) => (x > 0 ? 1 : slopeOf(p)), domain: [-5, 5] },
  paletteOrder: 40,
  cost: perElement(8),
  examples: {
    samples: [{ inputs: { x: { shape: [2, 3], values: [-2, -0.5, 0.3, 1, 2.5, -0.1] } }, params: { slope: 0.2 } }],
    oracle: [{ inputs: { x: x23 }, params: { slope: 0.1 }, expect: ({ x }) => map(x!, (v) => (v > 0 ? v : 0.1 * v)) }],
  },
});
