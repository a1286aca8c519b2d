import { registry as defaultRegistry, type KindRegistry } from '../kinds';
import { effectiveObjective, incomingEdges } from '../document/graph';
import type { GraphDocument, TrainingSetup } from '../document/types';

/**
 * A training set-up for a document that has none, read off its graph: the loss is the objective, the targets are
 * the Tensor wired into its `target`, and the inputs the one Tensor (without requiresGrad) the prediction is
 * computed from. SGD with the schema's defaults. A string says what is missing instead.
 */
export function proposeTraining(doc: GraphDocument, reg: KindRegistry = defaultRegistry): TrainingSetup | string {
  const objective = effectiveObjective(doc, reg);
  if (!objective) return 'Mark a loss as the objective first: training minimises it.';
  const into = incomingEdges(doc);
  const target = into.get(objective.node)?.get('target')?.source.node;
  const prediction = into.get(objective.node)?.get('prediction')?.source.node;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  if (target && reg.get(byId.get(target)?.kind ?? '')?.data) return proposeFromDataset(target, prediction, into);
  if (!target || byId.get(target)?.kind !== 'tensor') return 'Wire the targets (y of a Data set, or a Tensor with one row per example) into the loss’s target.';
  if (!prediction) return 'Wire the model’s prediction into the loss.';
  const sources = new Set<string>();
  const seen = new Set<string>();
  const stack = [prediction];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const n = byId.get(id);
    if (n?.kind === 'tensor' && n.params.requiresGrad !== true) sources.add(id);
    for (const e of into.get(id)?.values() ?? []) stack.push(e.source.node);
  }
  sources.delete(target);
  if (sources.size !== 1) {
    return sources.size === 0
      ? 'The prediction is not computed from a Tensor of inputs (one row per example): nothing to feed.'
      : `The prediction is computed from ${sources.size} Tensors (${[...sources].join(', ')}): training feeds one.`;
  }
  return {
    feeds: { x: [...sources][0]!, y: target },
    data: { source: 'graph' },
    frozen: [],
    optimizer: { name: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 },
    schedule: { name: 'constant' },
    batchSize: 32,
    epochs: 100,
    seed: 0,
  };
}

/**
 * The set-up for a graph fed by a Data set: its y is the loss's target, its x must lead to the prediction. The
 * Playground's settings for its small 2-D sets (batch 10), and Adam, which trains them in a few epochs.
 */
function proposeFromDataset(data: string, prediction: string | undefined, into: ReturnType<typeof incomingEdges>): TrainingSetup | string {
  if (!prediction) return 'Wire the model’s prediction into the loss.';
  const seen = new Set<string>();
  const stack = [prediction];
  let reached = false;
  while (stack.length && !reached) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of into.get(id)?.values() ?? []) {
      if (e.source.node === data && e.source.port === 'x') reached = true;
      stack.push(e.source.node);
    }
  }
  if (!reached) return 'The prediction is not computed from the Data set’s x: wire x into the first layer.';
  return {
    feeds: { x: data, y: data },
    data: { source: 'graph' },
    frozen: [],
    optimizer: { name: 'adam', lr: 0.03, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 },
    schedule: { name: 'constant' },
    batchSize: 10,
    epochs: 100,
    seed: 0,
  };
}
