/** Sorix Studio's autograd engine: Sorix-compatible tensors, layers, losses and optimisers. Pure TypeScript. */
// First: gives every Tensor its op methods (x.add(y), x.sigmoid(), …) before anything else runs.
import './methods';
export { Tensor, tensor, fromOp } from './tensor';
export type { TensorData, TensorOptions, NestedArray, IndexEntry, Axis, Operand } from './tensor';
export type { DType, TypedArray } from './dtype';
export { zeros, ones, full, eye, arange, linspace, rand, randn, randint } from './creation';
export type { FactoryOptions, RandomOptions } from './creation';
export { Generator, manualSeed, defaultGenerator } from './random';
export { noGrad, isGradEnabled, setGradEnabled } from './autograd';
export { EngineError, ShapeError, AutogradError, ArgumentError, fmtShape } from './errors';
export { sizeOf, broadcastShapes, normAxis, matmulShapes, reshapeShape } from './shape';
export type { MatmulShapes } from './shape';
export { formatArray, formatNumber, FloatFormat } from './format';
export { kernels, setKernels } from './kernels';
export type { Kernels } from './kernels';
export { add, sub, mul, div, neg, pow, exp, log, sqrt, sin, cos, abs, clamp } from './ops/elementwise';
export { sigmoid, tanh, relu, leakyRelu, softmax, logSoftmax } from './ops/activation';
export { stableSigmoid } from './scalar';
export { sum, mean, max } from './ops/reduce';
export { min, argmax, argmin, variance, std, logsumexp } from './ops/statistics';
export type { VarianceOptions } from './ops/statistics';
export { maximum, minimum } from './ops/compare';
export { matmul } from './ops/linalg';
export { reshape, transpose, squeeze, unsqueeze, index, cat, stack, where } from './ops/movement';
export * as nn from './nn';
export * as optim from './optim';
