import { KindRegistry } from './registry';
import type { KindDef } from './types';
import { tensorKind } from './tensor';
import { randomTensorKind } from './random-tensor';
import { linspaceKind } from './linspace';
import { rangeKind } from './range';
import { scalarKind } from './scalar';
import { sigmoidKind } from './sigmoid';
import { tanhKind } from './tanh';
import { reluKind } from './relu';
import { leakyReluKind } from './leaky-relu';
import { softmaxKind } from './softmax';
import { logSoftmaxKind } from './log-softmax';
import { addKind } from './add';
import { subKind } from './sub';
import { mulKind } from './mul';
import { divKind } from './div';
import { powKind } from './pow';
import { expKind } from './exp';
import { logKind } from './log';
import { matmulKind } from './matmul';
import { sumKind } from './sum';
import { meanKind } from './mean';
import { reshapeKind } from './reshape';
import { transposeKind } from './transpose';
import { linearKind } from './linear';
import { mseLossKind } from './mse-loss';
import { bceLossKind } from './bce-loss';
import { bceWithLogitsLossKind } from './bce-with-logits-loss';
import { crossEntropyLossKind } from './cross-entropy-loss';

/**
 * Every kind file in this folder, in palette order. A test checks that each `*.ts` kind file here is listed (so a
 * new file cannot be forgotten) and the registry refuses duplicates (so none is listed twice).
 */
export const ALL_KINDS: readonly KindDef[] = [
  tensorKind, randomTensorKind, linspaceKind, rangeKind, scalarKind,
  sigmoidKind, tanhKind, reluKind, leakyReluKind, softmaxKind, logSoftmaxKind,
  addKind, subKind, mulKind, divKind, powKind, expKind, logKind, matmulKind, sumKind, meanKind, reshapeKind, transposeKind,
  linearKind,
  mseLossKind, bceLossKind, bceWithLogitsLossKind, crossEntropyLossKind,
];

/** The app's registry: palette, inspector, connection checks, evaluation and save/load read it. */
export const registry = new KindRegistry(ALL_KINDS);
