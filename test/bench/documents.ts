/**
 * Training documents for the benchmark, built with the document API (createDocument, addNode, connect,
 * setObjective) as the app builds them: a fed Tensor X → Linear → activation → … → Linear (→ output activation) →
 * loss ← fed Tensor y, with a training section.
 */
import { addNode, connect, createDocument, setObjective, type GraphDocument } from '../../src/document';
import type { TrainingSetup } from '../../src/document/types';

export interface ChainSpec {
  /** Widths, input first: [2, 4, 2, 1]. */
  readonly sizes: readonly number[];
  readonly hidden: 'tanh' | 'relu' | 'sigmoid';
  /** An activation after the last Linear, or none (logits into a cross-entropy). */
  readonly output: 'tanh' | 'sigmoid' | null;
  readonly loss: 'mseLoss' | 'bceLoss' | 'crossEntropyLoss';
  /** Shape of one example's target: [1] for a value per example, [] for a class index. */
  readonly targetShape: readonly number[];
  /** W (in × out, row-major) then b per layer; float32-exact values. */
  readonly weights: readonly (readonly number[])[];
  readonly batch: number;
  readonly lr: number;
  readonly seed: number;
}

/** The document of `spec`, training with plain SGD (no momentum) at `spec.lr` over `spec.batch` examples a step. */
export function chainDocument(spec: ChainSpec): GraphDocument {
  const at = { x: 0, y: 0 };
  const { sizes, batch } = spec;
  let doc = createDocument({ title: `MLP ${sizes.join('-')}`, now: '2026-12-05T00:00:00.000Z' });
  doc = addNode(doc, { id: 'X', kind: 'tensor', position: at, params: { values: new Array<number>(batch * sizes[0]!).fill(0), shape: [batch, sizes[0]!], dtype: 'float32', requiresGrad: false } });
  const yShape = [batch, ...spec.targetShape];
  doc = addNode(doc, { id: 'y', kind: 'tensor', position: at, params: { values: new Array<number>(yShape.reduce((a, b) => a * b, 1)).fill(0), shape: yShape, dtype: 'float32', requiresGrad: false } });
  let last = 'X';
  const link = (id: string): void => {
    doc = connect(doc, { node: last, port: 'out' }, { node: id, port: 'x' });
    last = id;
  };
  for (let l = 0; l + 1 < sizes.length; l++) {
    const id = `linear${l + 1}`;
    doc = addNode(doc, { id, kind: 'linear', position: at, params: { inFeatures: sizes[l]!, outFeatures: sizes[l + 1]!, bias: true, W: [...spec.weights[2 * l]!], b: [...spec.weights[2 * l + 1]!] } });
    link(id);
    const act = l + 2 < sizes.length ? spec.hidden : spec.output;
    if (act) {
      doc = addNode(doc, { id: `${act}${l + 1}`, kind: act, position: at });
      link(`${act}${l + 1}`);
    }
  }
  doc = addNode(doc, { id: 'loss', kind: spec.loss, position: at });
  doc = connect(doc, { node: last, port: 'out' }, { node: 'loss', port: 'prediction' });
  doc = connect(doc, { node: 'y', port: 'out' }, { node: 'loss', port: 'target' });
  doc = setObjective(doc, { node: 'loss', port: 'loss' });
  const training: TrainingSetup = {
    feeds: { x: 'X', y: 'y' },
    data: { source: 'graph' },
    frozen: [],
    optimizer: { name: 'sgd', lr: spec.lr, momentum: 0, nesterov: false, weightDecay: 0 },
    schedule: { name: 'constant' },
    batchSize: batch,
    epochs: 1_000_000,
    seed: spec.seed,
  };
  return { ...doc, training };
}
