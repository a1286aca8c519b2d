/** The graph document: types, pure commands, connection checks, the file format, and evaluation. */
export * from './types';
export {
  CommandError, createDocument, newNodeId, addNode, removeNodes, connect, disconnect, updateParams, moveNodes, renameNode,
  setObjective, setMeta, setView, touch, duplicateNodes,
} from './commands';
export { canConnect, connectChecker, refusalLookup, refusedTargets } from './connect';
export { topologicalOrder, inferDocumentShapes, effectiveObjective, describeNode, incomingEdges } from './graph';
export type { ShapeInfo } from './graph';
export { parseDocument } from './parse';
export type { ParseOptions } from './parse';
export { serializeDocument, saveDocument, toFileObject } from './serialize';
export type { SavedDocument } from './serialize';
export { FORMAT, CURRENT_VERSION, GraphFileSchema, fileJsonSchema } from './schema';
export { LIMITS } from './limits';
export { Evaluator, evaluateDocument } from './evaluate';
export type { EvalProgress } from './evaluate';
export { tensorStats } from './stats';
export { castWarnings, paramWarnings, FLOAT32_MIN_SUBNORMAL } from './warnings';
export { APP_NAME, APP_VERSION, FILE_EXTENSION } from './app-info';
