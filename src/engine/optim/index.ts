/** Optimizers and learning-rate schedulers, as Sorix's `sorix.optim`: `new optim.SGD(model.parameters(), { lr })`. */
export { Optimizer } from './optimizer';
export type { ParamGroup, ParamGroupSpec, OptimizerState } from './optimizer';
export { SGD, RMSprop, Adam, AdamW, Adagrad } from './optimizers';
export type { SGDOptions, RMSpropOptions, AdamOptions, AdamWOptions, AdagradOptions } from './optimizers';
export { ReduceLROnPlateau } from './plateau';
export type { ReduceLROnPlateauOptions, PlateauState } from './plateau';
export { clipGradNorm } from './clip';
export type { ClipGradNormOptions } from './clip';
export { LRScheduler, StepLR, ExponentialLR, CosineAnnealingLR } from './scheduler';
