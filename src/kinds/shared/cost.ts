import { sizeOf } from '../../engine';
import type { InputShapes, KindCost, OutputShapes, Shape } from '../types';

// Calibrated against matmul with test/perf/eval-cost.ts: an elementwise element costs about four multiply-adds.

/** Elements of a shape; 0 when it is not known. */
export const elements = (s: Shape | undefined): number => (s ? sizeOf(s) : 0);
const total = (shapes: InputShapes | OutputShapes): number => Object.values(shapes).reduce((a, s) => a + elements(s), 0);

/** `per` operations for each output element, plus reading the inputs once. */
export const perElement = (per: number): KindCost => (inputs, outputs) => per * total(outputs) + 4 * total(inputs);

/** Reductions and losses: every input element is read a few times. */
export const readsInputs: KindCost = (inputs, outputs) => 16 * total(inputs) + 4 * total(outputs);

/** A product whose inner size is the last axis of `x`: 2·k per output element, plus `per` for each output element. */
export const productCost = (port: string, per: number): KindCost => (inputs, outputs) => {
  const x = inputs[port];
  const out = total(outputs);
  const known = x !== undefined && Object.values(outputs).some((s) => s !== undefined);
  return (known ? 2 * (x[x.length - 1] ?? 1) * Math.max(1, out) : 0) + per * out;
};
