/** Node kinds: their declarations and the registry every other layer reads. */
export * from './types';
export { KindRegistry, defaultParams, orderParams } from './registry';
export { registry, ALL_KINDS } from './all';
export { checkParamValue, validateParams, PARAM_LIMITS, NON_FINITE_STRINGS, decodeNonFinite, encodeNonFinite, allowsNonFinite } from './params';
export type { NonFiniteString } from './params';
export { initLinear } from './linear';
