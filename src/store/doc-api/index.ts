/** The editor's one seam with the document layer; see types.ts. */
export * from './types';
export { getKind, allKinds, defaultParams } from './kinds';
export type { Kind } from './kinds';
export * from './commands';
export { canConnect } from './connect';
export { evaluate, statsOf, topoOrder } from './evaluate';
export { parse, serialize, FORMAT, VERSION } from './file';
