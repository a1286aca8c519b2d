/** Layers, containers and losses, as Sorix's `sorix.nn`: `import { nn } from '../engine'; new nn.Linear(2, 4)`. */
export { Module } from './module';
export type { StateDict } from './module';
export { Linear, Sigmoid, Tanh, ReLU, LeakyReLU, Softmax, Dropout, BatchNorm1d, Embedding, Sequential } from './layers';
export type { LinearOptions, BatchNormOptions, EmbeddingOptions } from './layers';
export { Loss, MSELoss, L1Loss, SmoothL1Loss, BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, NLLLoss } from './loss';
export type { Reduction, LossOptions, SmoothL1Options, ClassLossOptions, CrossEntropyOptions } from './loss';
export { linear, batchNorm1d, embedding } from './functional';
export type { BatchNormArgs } from './functional';
export * as init from './init';
export type { InitOptions, KaimingOptions, Nonlinearity } from './init';
