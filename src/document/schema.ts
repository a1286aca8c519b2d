import { z } from 'zod';
import { NON_FINITE_STRINGS } from '../kinds/params';
import { ID_PATTERN, LIMITS } from './limits';

// Under a strict Content-Security-Policy zod must not compile validators with `new Function`.
z.config({ jitless: true });

/** The `format` field every Sorix Studio graph file carries. */
export const FORMAT = 'sorix-studio-graph';
/** The file-format version this code writes (and the newest it reads). */
export const CURRENT_VERSION = 1;

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

/** The file format, version 1 (what `serializeDocument` writes and `parseDocument` reads after migrating). */
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
}).describe('A Sorix Studio graph file (.sorix.json).');

export type GraphFile = z.infer<typeof GraphFileSchema>;

/** The JSON Schema of the file format, generated from the zod schema (docs/sorix-graph.schema.json must equal it). */
export function fileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(GraphFileSchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://sorix.studio/schemas/sorix-graph-1.schema.json', title: 'Sorix Studio graph file, version 1' };
}
