import { z } from 'zod';
import { NON_FINITE_STRINGS } from '../kinds/params';
import { ID_PATTERN, LIMITS } from './limits';

// Under a strict Content-Security-Policy zod must not compile validators with `new Function`.
z.config({ jitless: true });

/** The `format` field every Sorix Studio graph file carries. */
export const FORMAT = 'sorix-studio-graph';
/** The file-format version this code writes (and the newest it reads). */
export const CURRENT_VERSION = 2;

const id = z.string().min(1).max(LIMITS.maxId).regex(ID_PATTERN, 'must start with a letter or _ and hold only letters, digits, _, - and .');
const coordinate = z.number().min(-LIMITS.maxCoordinate).max(LIMITS.maxCoordinate);
const isoDate = z.iso.datetime({ offset: true });

/** NaN and ±Infinity in a list of values: JSON has no such numbers, so a file writes them as these strings. */
export const NonFiniteSchema = z.enum(NON_FINITE_STRINGS).describe('NaN or ±Infinity, which JSON cannot write as numbers.');

/**
 * A param value: a number, true/false, text, null, or a flat list of numbers (tensor values, a shape, axes). Tensor
 * values may hold "NaN", "Infinity" and "-Infinity"; the kind's param spec decides where they are allowed.
 */
export const ParamValueSchema = z.union([
  z.number(),
  z.boolean(),
  z.string().max(LIMITS.maxString),
  z.null(),
  z.array(z.union([z.number(), NonFiniteSchema])).max(1_000_000),
]);

export const PortRefSchema = z.strictObject({
  node: id.describe('The id of a node.'),
  port: id.describe('The id of one of its ports (an output for an edge source, an input for a target).'),
});

export const NodeSchema = z.strictObject({
  id: id.describe('Unique among the nodes.'),
  kind: z.string().min(1).max(LIMITS.maxId).describe('A node kind id, e.g. "sigmoid" (see the list in file-format.md).'),
  name: z.string().max(LIMITS.maxName).optional().describe('A name shown on the node.'),
  position: z.strictObject({ x: coordinate, y: coordinate }).describe('Canvas position.'),
  params: z.record(z.string().min(1).max(LIMITS.maxId), ParamValueSchema).describe('The kind’s parameters; missing ones take their defaults.'),
});

export const EdgeSchema = z.strictObject({
  id: id.describe('Unique among the edges.'),
  source: PortRefSchema.describe('An output port.'),
  target: PortRefSchema.describe('An input port; each input takes at most one edge.'),
});

export const ViewSchema = z.strictObject({ x: coordinate, y: coordinate, zoom: z.number().gt(0).max(100) });

const rate = z.number().min(0).max(1e6);
const fraction = z.number().min(0).max(1);
const eps = z.number().min(0).max(1);
const weightDecay = z.number().min(0).max(1e6).default(0).describe('L2 penalty (AdamW: decoupled weight decay).');
const betas = z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.999]).describe('[β1, β2]: decay of the first and second moment averages.');

/** The optimisers a file may name, each with its own settings (a new one is one more entry here and in src/train). */
export const OptimizerSchema = z.discriminatedUnion('name', [
  z.strictObject({
    name: z.literal('sgd'), lr: rate.default(0.1),
    momentum: fraction.default(0).describe('Momentum μ (0: plain SGD).'),
    nesterov: z.boolean().default(false).describe('Nesterov momentum (needs momentum > 0).'),
    weightDecay,
  }).describe('Stochastic gradient descent, PyTorch’s update (dampening 0).'),
  z.strictObject({
    name: z.literal('rmsprop'), lr: rate.default(0.01),
    alpha: fraction.default(0.99).describe('Smoothing constant of the squared-gradient average.'),
    eps: eps.default(1e-8), weightDecay,
  }).describe('RMSprop (non-centred, without momentum).'),
  z.strictObject({ name: z.literal('adam'), lr: rate.default(0.001), betas, eps: eps.default(1e-8), weightDecay }).describe('Adam (weight decay as an L2 term in the gradient).'),
  z.strictObject({ name: z.literal('adamw'), lr: rate.default(0.001), betas, eps: eps.default(1e-8), weightDecay: z.number().min(0).max(1e6).default(0.01).describe('Decoupled weight decay.') }).describe('AdamW (decoupled weight decay).'),
]);

/** The learning rate over the epochs (stepped once per epoch). */
export const ScheduleSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('constant') }).describe('The optimiser’s lr throughout.'),
  z.strictObject({ name: z.literal('step'), stepSize: z.int().min(1).max(1_000_000), gamma: z.number().gt(0).max(1e6).default(0.1) }).describe('lr · γ^⌊epoch / stepSize⌋.'),
  z.strictObject({ name: z.literal('exponential'), gamma: z.number().gt(0).max(1e6) }).describe('lr · γ^epoch.'),
  z.strictObject({ name: z.literal('cosine'), tMax: z.number().gt(0).max(1e9), etaMin: z.number().min(0).max(1e6).default(0) }).describe('ηmin + (lr − ηmin)(1 + cos(π·epoch/tMax))/2.'),
]);

/** Where the examples come from. */
export const DataSourceSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('graph') }).describe('The fed Tensor nodes’ own values are the data set (one example per row); there is no test split.'),
  z.strictObject({
    source: z.literal('recipe'),
    recipe: z.record(z.string().min(1).max(LIMITS.maxId), z.union([z.number(), z.string().max(1000), z.boolean()])).describe('A generated or bundled data set (circle, xor, spiral, iris, …) with its settings, as the data module reads it.'),
  }).describe('A data set made from a recipe, split into train and test.'),
]);

/**
 * How the document trains (format version 2): the loss is the graph's objective. Everything but `feeds` has a
 * default, so a hand-written file can be short; the app writes every field.
 */
export const TrainingSchema = z.strictObject({
  feeds: z.strictObject({
    x: id.describe('The Tensor node the examples’ inputs are fed into (shape (N, …features)).'),
    y: id.describe('The Tensor node the examples’ targets are fed into (shape (N, …)).'),
  }).describe('Which Tensor nodes the data feeds. Their first axis is the batch; their own values are what the editor shows.'),
  data: DataSourceSchema.default({ source: 'graph' }),
  frozen: z.array(z.strictObject({ node: id, param: id.optional().describe('One param (W, b, values); absent: all of the node’s.') })).max(LIMITS.maxNodes).default([])
    .describe('Parameters that do not train. Every other Linear W and b, and every Tensor with requiresGrad that is not fed, trains.'),
  optimizer: OptimizerSchema.default({ name: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 }),
  schedule: ScheduleSchema.default({ name: 'constant' }),
  batchSize: z.int().min(1).max(1_000_000).default(32).describe('Examples per optimiser step (the last batch of an epoch may be smaller).'),
  epochs: z.int().min(1).max(1_000_000).default(100),
  seed: z.int().min(0).max(4294967295).default(0).describe('Seeds the shuffling of every epoch: the same seed gives the same numbers, bit for bit.'),
}).describe('The training set-up: data feeds, trained parameters, optimiser, learning-rate schedule, batch size, epochs and seed.');

export type TrainingSetup = z.output<typeof TrainingSchema>;
export type OptimizerConfig = z.output<typeof OptimizerSchema>;
export type ScheduleConfig = z.output<typeof ScheduleSchema>;

/** The file format, version 2 (what `serializeDocument` writes and `parseDocument` reads after migrating). */
export const GraphFileSchema = z.strictObject({
  $schema: z.string().max(1000).optional().describe('Optional: a JSON Schema reference for editors.'),
  format: z.literal(FORMAT),
  version: z.literal(CURRENT_VERSION),
  app: z.strictObject({ name: z.string().max(100), version: z.string().max(50) }).optional().describe('The app that wrote the file.'),
  title: z.string().max(LIMITS.maxTitle).optional(),
  description: z.string().max(LIMITS.maxDescription).optional(),
  created: isoDate.optional(),
  modified: isoDate.optional(),
  kinds: z.record(z.string().min(1).max(LIMITS.maxId), z.int().min(1).max(1_000_000)).optional()
    .describe('The version of each node kind used, so that parameters written by an older kind can be migrated.'),
  graph: z.strictObject({
    nodes: z.array(NodeSchema).max(LIMITS.maxNodes),
    edges: z.array(EdgeSchema).max(LIMITS.maxEdges),
    objective: PortRefSchema.nullable().optional().describe('The scalar output the backward pass starts from; null or absent: the single loss node, if there is one.'),
    view: ViewSchema.optional(),
  }),
  training: TrainingSchema.optional().describe('Since version 2: how the graph trains. Absent: the document does not train.'),
}).describe('A Sorix Studio graph file (.sorix.json).');

export type GraphFile = z.infer<typeof GraphFileSchema>;

/** The JSON Schema of the file format, generated from the zod schema (docs/sorix-graph.schema.json must equal it). */
export function fileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(GraphFileSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: `https://sorix.studio/schemas/sorix-graph-${CURRENT_VERSION}.schema.json`, title: `Sorix Studio graph file, version ${CURRENT_VERSION}` };
}
