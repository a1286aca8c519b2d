import { defaultParams, orderParams, registry as defaultRegistry, validateParams, type KindRegistry, type ParamValue } from '../kinds';
import { canConnect } from './connect';
import { ID_PATTERN, LIMITS } from './limits';
import type { GraphDocument, GraphEdge, GraphNode, PortRef, Position, ViewState } from './types';

/** A command that cannot apply (an unknown node, an invalid param, a refused connection), with a plain message. */
export class CommandError extends Error {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[] = []) {
    super(issues.length > 0 ? `${message}: ${issues.join('; ')}` : message);
    this.name = 'CommandError';
    this.issues = issues;
  }
}

/**
 * An empty document, created now: `created` and `modified` are the current time (ISO 8601), or `now` when given
 * (tests pass it to stay deterministic).
 */
export function createDocument(opts: { title?: string; description?: string; now?: string } = {}): GraphDocument {
  const now = opts.now ?? new Date().toISOString();
  return {
    title: opts.title ?? 'Untitled graph',
    description: opts.description ?? '',
    created: now,
    modified: now,
    nodes: [],
    edges: [],
    objective: null,
    view: { x: 0, y: 0, zoom: 1 },
  };
}

function nodeIndex(doc: GraphDocument, id: string): number {
  const i = doc.nodes.findIndex((n) => n.id === id);
  if (i < 0) throw new CommandError(`there is no node '${id}'`);
  return i;
}

function checkPosition(p: Position): Position {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y) || Math.abs(p.x) > LIMITS.maxCoordinate || Math.abs(p.y) > LIMITS.maxCoordinate) {
    throw new CommandError(`position (${p.x}, ${p.y}) is not a finite point within ±${LIMITS.maxCoordinate}`);
  }
  return { x: p.x, y: p.y };
}

/** A fresh node id for a kind: `sigmoid1`, `sigmoid2`, … */
export function newNodeId(doc: GraphDocument, kind: string): string {
  const taken = new Set(doc.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${kind}${i}`)) return `${kind}${i}`;
}

function newEdgeId(doc: GraphDocument, taken = new Set(doc.edges.map((e) => e.id))): string {
  for (let i = 1; ; i++) if (!taken.has(`e${i}`)) return `e${i}`;
}

/** Params of `kind` with `given` laid over the defaults, checked; throws a CommandError listing the problems. */
function checkedParams(reg: KindRegistry, kindId: string, params: Readonly<Record<string, ParamValue>>, label: string): Record<string, ParamValue> {
  const kind = reg.require(kindId);
  const issues = validateParams(kind, params);
  if (issues.length > 0) throw new CommandError(`invalid parameters for ${label}`, issues.map((i) => i.message));
  return orderParams(kind, params);
}

/** Adds a node of `kind` (params default to the kind's defaults; `id` defaults to `newNodeId`). */
export function addNode(
  doc: GraphDocument,
  spec: { kind: string; position: Position; params?: Readonly<Record<string, ParamValue>>; name?: string; id?: string },
  reg: KindRegistry = defaultRegistry,
): GraphDocument {
  const kind = reg.get(spec.kind);
  if (!kind) throw new CommandError(`unknown node kind '${spec.kind}'`);
  if (doc.nodes.length >= LIMITS.maxNodes) throw new CommandError(`a document holds at most ${LIMITS.maxNodes} nodes`);
  const id = spec.id ?? newNodeId(doc, kind.id);
  if (!ID_PATTERN.test(id) || id.length > LIMITS.maxId) throw new CommandError(`'${id}' is not a valid node id`);
  if (doc.nodes.some((n) => n.id === id)) throw new CommandError(`a node '${id}' already exists`);
  let params: Record<string, ParamValue> = { ...defaultParams(kind), ...spec.params };
  if (spec.params && kind.adjustParams) params = kind.adjustParams(params, Object.keys(spec.params));
  const node: GraphNode = {
    id,
    kind: kind.id,
    position: checkPosition(spec.position),
    params: checkedParams(reg, kind.id, params, `${kind.label} '${id}'`),
    ...(spec.name !== undefined ? { name: checkName(spec.name) } : {}),
  };
  return { ...doc, nodes: [...doc.nodes, node] };
}

function checkName(name: string): string {
  if (name.length > LIMITS.maxName) throw new CommandError(`a name has at most ${LIMITS.maxName} characters`);
  return name;
}

/**
 * Removes nodes with their edges (and the objective, if it was one of them). Unknown ids are ignored. The training
 * set-up forgets frozen entries of removed nodes; removing a fed node removes the set-up (it cannot train without its
 * data; undo brings both back), so the document always stays valid.
 */
export function removeNodes(doc: GraphDocument, ids: readonly string[]): GraphDocument {
  const gone = new Set(ids);
  if (!doc.nodes.some((n) => gone.has(n.id))) return doc;
  const { training, ...rest } = doc;
  const keep = training && !gone.has(training.feeds.x) && !gone.has(training.feeds.y)
    ? { training: { ...training, frozen: training.frozen.filter((f) => !gone.has(f.node)) } }
    : {};
  return {
    ...rest,
    nodes: doc.nodes.filter((n) => !gone.has(n.id)),
    edges: doc.edges.filter((e) => !gone.has(e.source.node) && !gone.has(e.target.node)),
    objective: doc.objective && gone.has(doc.objective.node) ? null : doc.objective,
    ...keep,
  };
}

/**
 * Connects an output port to an input port, replacing any edge already into that input. Throws a CommandError with
 * `canConnect`'s message when the connection is refused.
 */
export function connect(doc: GraphDocument, source: PortRef, target: PortRef, reg: KindRegistry = defaultRegistry): GraphDocument {
  const check = canConnect(doc, source, target, reg);
  if (!check.ok) throw new CommandError(check.message);
  const kept = doc.edges.filter((e) => !(e.target.node === target.node && e.target.port === target.port));
  if (kept.length >= LIMITS.maxEdges) throw new CommandError(`a document holds at most ${LIMITS.maxEdges} edges`);
  const edge: GraphEdge = { id: newEdgeId(doc), source: { node: source.node, port: source.port }, target: { node: target.node, port: target.port } };
  return { ...doc, edges: [...kept, edge] };
}

/** Removes edges by id. Unknown ids are ignored. */
export function disconnect(doc: GraphDocument, edgeIds: readonly string[]): GraphDocument {
  const gone = new Set(edgeIds);
  if (!doc.edges.some((e) => gone.has(e.id))) return doc;
  return { ...doc, edges: doc.edges.filter((e) => !gone.has(e.id)) };
}

/**
 * Sets some params of a node. The kind may adjust others to stay consistent (Linear draws a new W when its sizes
 * change); the result is validated and a CommandError lists every problem.
 */
export function updateParams(doc: GraphDocument, nodeId: string, patch: Readonly<Record<string, ParamValue>>, reg: KindRegistry = defaultRegistry): GraphDocument {
  const i = nodeIndex(doc, nodeId);
  const node = doc.nodes[i]!;
  const kind = reg.require(node.kind);
  let params: Record<string, ParamValue> = { ...node.params, ...patch };
  if (kind.adjustParams) params = kind.adjustParams(params, Object.keys(patch));
  const next: GraphNode = { ...node, params: checkedParams(reg, node.kind, params, `${kind.label} '${node.name ?? node.id}'`) };
  const nodes = [...doc.nodes];
  nodes[i] = next;
  return { ...doc, nodes };
}

/** Moves nodes (one undo step for a whole drag). Unknown ids are ignored. */
export function moveNodes(doc: GraphDocument, moves: readonly { id: string; position: Position }[]): GraphDocument {
  const to = new Map(moves.map((m) => [m.id, checkPosition(m.position)]));
  if (!doc.nodes.some((n) => to.has(n.id))) return doc;
  return { ...doc, nodes: doc.nodes.map((n) => (to.has(n.id) ? { ...n, position: to.get(n.id)! } : n)) };
}

/** Names a node; an empty or undefined name removes it (the kind's label is shown). */
export function renameNode(doc: GraphDocument, nodeId: string, name: string | undefined): GraphDocument {
  const i = nodeIndex(doc, nodeId);
  const { name: _old, ...rest } = doc.nodes[i]!;
  const nodes = [...doc.nodes];
  nodes[i] = name ? { ...rest, name: checkName(name) } : rest;
  return { ...doc, nodes };
}

/** Marks an output port as the objective the backward pass starts from, or clears it (null). */
export function setObjective(doc: GraphDocument, ref: PortRef | null, reg: KindRegistry = defaultRegistry): GraphDocument {
  if (ref) {
    const node = doc.nodes[nodeIndex(doc, ref.node)]!;
    const kind = reg.require(node.kind);
    if (!kind.outputs.some((p) => p.id === ref.port)) throw new CommandError(`${kind.label} '${node.name ?? node.id}' has no output '${ref.port}'`);
  }
  return { ...doc, objective: ref ? { node: ref.node, port: ref.port } : null };
}

/** Sets the title and/or description. */
export function setMeta(doc: GraphDocument, meta: { title?: string; description?: string }): GraphDocument {
  if (meta.title !== undefined && meta.title.length > LIMITS.maxTitle) throw new CommandError(`a title has at most ${LIMITS.maxTitle} characters`);
  if (meta.description !== undefined && meta.description.length > LIMITS.maxDescription) throw new CommandError(`a description has at most ${LIMITS.maxDescription} characters`);
  return { ...doc, ...(meta.title !== undefined ? { title: meta.title } : {}), ...(meta.description !== undefined ? { description: meta.description } : {}) };
}

/** Stores the viewport (not an undo step: the store decides). */
export function setView(doc: GraphDocument, view: ViewState): GraphDocument {
  checkPosition(view);
  if (!(view.zoom > 0 && view.zoom <= 100)) throw new CommandError(`zoom ${view.zoom} must be in (0, 100]`);
  return { ...doc, view: { x: view.x, y: view.y, zoom: view.zoom } };
}

/** Stamps the modification date (`saveDocument` does this on every save). */
export function touch(doc: GraphDocument, now: string): GraphDocument {
  return { ...doc, modified: now };
}

/** Copies nodes (and the edges between them), shifted by `offset`; the copies get fresh ids. */
export function duplicateNodes(doc: GraphDocument, ids: readonly string[], offset: Position = { x: 40, y: 40 }): GraphDocument {
  const chosen = new Set(ids);
  const idMap = new Map<string, string>();
  let next = doc;
  for (const n of doc.nodes) {
    if (!chosen.has(n.id)) continue;
    const id = newNodeId(next, n.kind);
    idMap.set(n.id, id);
    next = { ...next, nodes: [...next.nodes, { ...n, id, position: checkPosition({ x: n.position.x + offset.x, y: n.position.y + offset.y }) }] };
  }
  const taken = new Set(next.edges.map((e) => e.id));
  const copies: GraphEdge[] = [];
  for (const e of doc.edges) {
    const s = idMap.get(e.source.node), t = idMap.get(e.target.node);
    if (s && t) {
      const id = newEdgeId(next, taken);
      taken.add(id);
      copies.push({ id, source: { node: s, port: e.source.port }, target: { node: t, port: e.target.port } });
    }
  }
  return { ...next, edges: [...next.edges, ...copies] };
}
