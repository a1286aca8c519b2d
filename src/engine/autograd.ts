import type { TypedArray } from './dtype';

let gradEnabled = true;

/** Whether ops record the graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs `fn` without recording a graph (results do not require grad), as `torch.no_grad()`. */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Turns graph recording on or off; returns the previous setting. */
export function setGradEnabled(on: boolean): boolean {
  const prev = gradEnabled;
  gradEnabled = on;
  return prev;
}

/**
 * How a result was made: the op's name, its inputs, and a backward rule that maps the upstream gradient (the
 * result's shape) to one gradient per input (each of that input's shape and size, or null where none flows).
 * Rules work on raw arrays: at small batches, per-op overhead is what a teaching tool pays for.
 */
export interface GradFn {
  readonly op: string;
  inputs: readonly GradNode[];
  backward: ((g: TypedArray) => readonly (TypedArray | null)[]) | null;
  /** Set once a backward pass has run through this node without retaining the graph. */
  freed: boolean;
}

/** The part of a Tensor the backward driver needs (kept structural to avoid an import cycle). */
export interface GradNode {
  requiresGrad: boolean;
  gradFn: GradFn | null;
}
