/** Training: a document compiled to an engine program, and the training loop over it. Below the store. */
export { compile, Program, CompileError } from './compile';
export type { CompileOptions, ProgramParameter, ProgramFeed } from './compile';
export { Trainer, train, graphData } from './loop';
export { applyParamValues, sameModel } from './apply';
export { proposeTraining } from './setup';
export type { ParamValues } from './apply';
export type { DataSplit, TrainData, SplitMetrics, EpochMetrics, ParameterSnapshot, TrainEvent, TrainStatus, TrainResult, TrainerOptions } from './loop';
export { OPTIMIZERS, makeOptimizer, makeSchedule, TrainSetupError } from './optimizers';
export { CLASSIFIER_LOSSES, countCorrect } from './metrics';
export type { ClassRule } from './metrics';
