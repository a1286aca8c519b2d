import type { ChoiceParamSpec, BooleanParamSpec, ParamIssue, Params } from '../types';
import { fmtShape, sizeOf } from './shapes';

/** The dtype choice every source offers; float32 is the default for literal data, as in Sorix and PyTorch. */
export const DTYPE_PARAM: ChoiceParamSpec = {
  type: 'choice',
  label: 'dtype',
  description: 'Storage precision: float32 (the default, as in Sorix and PyTorch) or float64.',
  default: 'float32',
  choices: [
    { value: 'float32', label: 'float32' },
    { value: 'float64', label: 'float64' },
  ],
};

export const requiresGradParam = (def: boolean): BooleanParamSpec => ({
  type: 'boolean',
  label: 'requiresGrad',
  description: 'Whether the backward pass computes a gradient for this tensor (PyTorch’s requires_grad).',
  default: def,
});

/** Checks that a flat values param fills a shape param. */
export function valuesFillShape(p: Params, values: string, shape: string): ParamIssue[] {
  const v = p[values] as readonly number[];
  const s = p[shape] as readonly number[];
  const n = sizeOf(s);
  return v.length === n ? [] : [{ param: values, message: `${v.length} value${v.length === 1 ? '' : 's'} do not fill shape ${fmtShape(s)} (${n} element${n === 1 ? '' : 's'})` }];
}

/** The shortest decimal that reads back as the same float32: keeps seeded weights short and exact in files. */
export function shortFloat32(v: number): number {
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}
