import { cpuKernels } from './cpu';
import type { Kernels } from './types';

export type { Kernels, UnaryOp, BinaryOp } from './types';

let active: Kernels = cpuKernels;

/** The kernels every op calls. */
export function kernels(): Kernels {
  return active;
}

/** Swaps in another backend (e.g. WebAssembly SIMD); returns the previous one. */
export function setKernels(k: Kernels): Kernels {
  const prev = active;
  active = k;
  return prev;
}
