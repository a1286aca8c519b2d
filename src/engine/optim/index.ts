/** Optimizers and learning-rate schedulers, as Sorix's `sorix.optim`: `new optim.SGD(model.parameters(), { lr })`. */
export { Optimizer } from './optimizer';
export type { ParamGroup, ParamGroupSpec, OptimizerState } from './optimizer';
export { SGD, RMSprop, Adam } from './optimizers';
export type { SGDOptions, RMSpropOptions, AdamOptions } from './optimizers';
export { LRScheduler, StepLR, ExponentialLR, CosineAnnealingLR } from './scheduler';
