import type { z } from 'zod';
import { allowsNonFinite, decodeNonFinite, defaultParams, NON_FINITE_STRINGS, orderParams, registry as defaultRegistry, validateParams, type KindDef, type KindRegistry, type ParamValue } from '../kinds';
import { createDocument } from './commands';
import { topologicalOrder } from './graph';
import { isRecord, jsonPath, nestingDepth, own, scanJson } from './json-safety';
import { LIMITS } from './limits';
import { checkTraining } from './training';
import { FORMAT_MIGRATIONS } from './migrations';
import { CURRENT_VERSION, EdgeSchema, FORMAT, GraphFileSchema, NodeSchema, PortRefSchema } from './schema';
import type { GraphDocument, GraphEdge, GraphNode, ParseResult, PortRef, Problem } from './types';

/** Options for `parseDocument`. */
export interface ParseOptions {
  /** The kinds to read against (the app's registry by default). */
  readonly registry?: KindRegistry;
  /**
   * The time (ISO 8601) a file without dates is taken to be created and modified at: the current time by default
   * (the earliest time known for it). Tests pass it to stay deterministic.
   */
  readonly now?: string;
}

const fail = (problems: Problem[]): ParseResult => ({ ok: false, problems: problems.slice(0, LIMITS.maxProblems) });

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 30 ? `a string of ${v.length} characters` : `the string ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const EXPECTED: Record<string, string> = { number: 'a number', int: 'a whole number', object: 'an object', array: 'a list', string: 'a string', boolean: 'true or false', null: 'null' };
const expectedName = (e: string): string => EXPECTED[e] ?? e;

/** Zod's issues as plain problems with JSON paths under `prefix`. */
function zodProblems(error: z.ZodError, prefix: readonly PropertyKey[]): Problem[] {
  return error.issues.map((i) => {
    const path = jsonPath([...prefix, ...i.path]);
    switch (i.code) {
      case 'invalid_type':
        return { path, message: i.input === undefined ? `is missing (expected ${expectedName(i.expected)})` : `must be ${expectedName(i.expected)}, not ${describeValue(i.input)}` };
      case 'unrecognized_keys':
        return { path, message: `has unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k.slice(0, 40)}'`).join(', ')}` };
      case 'invalid_union': {
        if (Array.isArray(i.input)) {
          const bad = i.input.findIndex((v) => typeof v !== 'number' && !(NON_FINITE_STRINGS as readonly unknown[]).includes(v));
          if (bad >= 0) return { path: jsonPath([...prefix, ...i.path, bad]), message: `must be a number or one of "NaN", "Infinity", "-Infinity" (lists hold numbers only), not ${describeValue(i.input[bad])}` };
        }
        return { path, message: `must be a number, true/false, text, null or a list of numbers, not ${describeValue(i.input)}` };
      }
      default:
        return { path, message: i.message.replace(/^Invalid input: /, '') };
    }
  });
}

/**
 * Reads a graph file: checks it is JSON within the limits, refuses a newer version, migrates an older one step by
 * step, validates everything (structure, ids, kinds and their params, edges, cycles, the objective) and returns the
 * document, or every problem found, each with a JSON path and a plain message. Never throws.
 */
export function parseDocument(text: string, opts: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(text, opts.registry ?? defaultRegistry, opts.now);
  } catch (err) {
    // A bug of ours must not take the app down with it: report it as a problem.
    return fail([{ path: '$', message: `could not read the file: ${(err as Error)?.message ?? String(err)}` }]);
  }
}

function parseUnsafe(text: string, reg: KindRegistry, now: string | undefined): ParseResult {
  if (typeof text !== 'string') return fail([{ path: '$', message: 'the file is not text' }]);
  if (text.length > LIMITS.maxFileChars) return fail([{ path: '$', message: `the file is too large (${text.length} characters; at most ${LIMITS.maxFileChars})` }]);
  if (text.trim() === '') return fail([{ path: '$', message: 'the file is empty' }]);
  const depth = nestingDepth(text);
  if (depth > LIMITS.maxDepth) return fail([{ path: '$', message: `the file is nested ${depth} levels deep; a graph file needs at most ${LIMITS.maxDepth}` }]);
  let raw: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    const msg = (err as Error).message;
    // V8 names the position of the error: at the end of the text (trailing blanks aside), the text stopped mid-JSON.
    const at = /at position (\d+)/.exec(msg);
    const end = body.trimEnd().length;
    if (/end of (JSON )?input/i.test(msg) || (at && Number(at[1]) >= end)) {
      return fail([{ path: '$', message: `the file is not valid JSON (it looks truncated): it stops after ${end} characters, in the middle of the JSON` }]);
    }
    return fail([{ path: '$', message: `the file is not valid JSON: ${msg}` }]);
  }
  // Count before walking: a file of a million nodes is refused at once.
  const counted = tooMany(raw);
  if (counted) return fail([counted]);
  const unsafe = scanJson(raw);
  if (unsafe.length > 0) return fail(unsafe);
  if (!isRecord(raw)) return fail([{ path: '$', message: `a graph file is a JSON object, not ${describeValue(raw)}` }]);

  const format = own(raw, 'format');
  if (format !== FORMAT) {
    return fail([{ path: '$.format', message: format === undefined ? `is missing: this is not a Sorix Studio graph file (expected "format": "${FORMAT}")` : `is ${describeValue(format)}: this is not a Sorix Studio graph file (expected "${FORMAT}")` }]);
  }
  const version = own(raw, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail([{ path: '$.version', message: `must be a whole number ≥ 0 (the format version), not ${describeValue(version)}` }]);
  }
  if (version > CURRENT_VERSION) {
    return fail([{ path: '$.version', message: `this file was written by a newer Sorix Studio (file format version ${version}); this version reads up to version ${CURRENT_VERSION}. Update Sorix Studio to open it.` }]);
  }
  const warnings: Problem[] = [];
  let file: Record<string, unknown> = raw;
  for (let v = version; v < CURRENT_VERSION; v++) {
    const step = FORMAT_MIGRATIONS[v]!;
    file = step.migrate(file);
    warnings.push({ path: '$.version', message: `migrated from format version ${v} to ${v + 1}: ${step.describe}` });
  }
  const result = validateFile(file, reg, now);
  if (!result.ok) {
    if (version < CURRENT_VERSION) return fail(result.problems.map((p) => ({ ...p, message: `${p.message} (after migrating from format version ${version})` })));
    return result;
  }
  return { ok: true, document: result.document, migratedFrom: version < CURRENT_VERSION ? version : null, warnings: [...warnings, ...result.warnings] };
}

/** Validates a file object of the current version: every problem at once. */
function validateFile(file: Record<string, unknown>, reg: KindRegistry, now: string | undefined): ParseResult {
  const problems: Problem[] = [];
  const graphRaw = own(file, 'graph');
  const rawNodes = isRecord(graphRaw) ? own(graphRaw, 'nodes') : undefined;
  const rawEdges = isRecord(graphRaw) ? own(graphRaw, 'edges') : undefined;
  if (Array.isArray(rawNodes) && rawNodes.length > LIMITS.maxNodes) return fail([{ path: '$.graph.nodes', message: `holds ${rawNodes.length} nodes; at most ${LIMITS.maxNodes}` }]);
  if (Array.isArray(rawEdges) && rawEdges.length > LIMITS.maxEdges) return fail([{ path: '$.graph.edges', message: `holds ${rawEdges.length} edges; at most ${LIMITS.maxEdges}` }]);

  // The envelope, with nodes and edges checked one by one below so that every problem is found in one pass.
  const envelope = GraphFileSchema.safeParse(
    {
      ...file,
      graph: isRecord(graphRaw)
        ? { ...graphRaw, nodes: Array.isArray(rawNodes) ? [] : rawNodes, edges: Array.isArray(rawEdges) ? [] : rawEdges }
        : graphRaw,
    },
    { reportInput: true },
  );
  if (!envelope.success) problems.push(...zodProblems(envelope.error, []));
  if (!Array.isArray(rawNodes) || !Array.isArray(rawEdges)) return fail(problems);

  const kindVersions = envelope.success ? envelope.data.kinds ?? {} : {};
  // The total from the lists and shapes as written, before any node is read: reading fills a Linear without W by
  // drawing its weights, which for a hostile file would take minutes before the total refused it.
  const declared = declaredTensorElements(rawNodes, reg);
  if (declared > LIMITS.maxTotalTensorElements) return fail([tooManyValues(declared)]);
  const nodes: GraphNode[] = [];
  const nodeAt = new Map<string, number>();
  const rawIds = new Set<string>();
  let tensorElements = 0;
  rawNodes.forEach((rn, i) => {
    if (isRecord(rn) && typeof own(rn, 'id') === 'string') rawIds.add(own(rn, 'id') as string);
    const r = NodeSchema.safeParse(rn, { reportInput: true });
    if (!r.success) {
      problems.push(...zodProblems(r.error, ['graph', 'nodes', i]));
      const k = isRecord(rn) ? own(rn, 'kind') : undefined;
      if (typeof k === 'string' && k.length <= LIMITS.maxId && !reg.has(k)) problems.push({ path: jsonPath(['graph', 'nodes', i, 'kind']), message: unknownKind(k) });
      return;
    }
    const n = r.data;
    const at = (...p: PropertyKey[]): string => jsonPath(['graph', 'nodes', i, ...p]);
    if (nodeAt.has(n.id)) { problems.push({ path: at('id'), message: `node id '${n.id}' is already used by node ${nodeAt.get(n.id)}` }); return; }
    nodeAt.set(n.id, i);
    const kind = reg.get(n.kind);
    if (!kind) { problems.push({ path: at('kind'), message: unknownKind(n.kind) }); return; }
    const params = readParams(kind, n.params, kindVersions[n.kind] ?? kind.version, at, problems);
    if (!params) return;
    tensorElements += tensorValues(kind, params);
    nodes.push({ id: n.id, kind: n.kind, position: n.position, params, ...(n.name !== undefined ? { name: n.name } : {}) });
  });
  if (tensorElements > LIMITS.maxTotalTensorElements) problems.push(tooManyValues(tensorElements));

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges: GraphEdge[] = [];
  const edgeAt = new Map<string, number>();
  const inputTaken = new Map<string, string>();
  rawEdges.forEach((re, i) => {
    const r = EdgeSchema.safeParse(re, { reportInput: true });
    if (!r.success) { problems.push(...zodProblems(r.error, ['graph', 'edges', i])); return; }
    const e = r.data;
    const at = (...p: PropertyKey[]): string => jsonPath(['graph', 'edges', i, ...p]);
    if (edgeAt.has(e.id)) { problems.push({ path: at('id'), message: `edge id '${e.id}' is already used by edge ${edgeAt.get(e.id)}` }); return; }
    edgeAt.set(e.id, i);
    let ok = checkEnd(e.source, 'outputs', byId, rawIds, reg, at('source'), problems);
    ok = checkEnd(e.target, 'inputs', byId, rawIds, reg, at('target'), problems) && ok;
    if (!ok) return;
    if (e.source.node === e.target.node) { problems.push({ path: at(), message: `edge '${e.id}' connects node '${e.source.node}' to itself` }); return; }
    const key = `${e.target.node}\u0000${e.target.port}`;
    if (inputTaken.has(key)) { problems.push({ path: at('target'), message: `input '${e.target.port}' of node '${e.target.node}' already has an edge ('${inputTaken.get(key)}'); an input takes one edge` }); return; }
    inputTaken.set(key, e.id);
    edges.push(e);
  });

  let objective: PortRef | null = null;
  const graph = isRecord(graphRaw) ? graphRaw : {};
  const rawObjective = own(graph, 'objective');
  if (rawObjective !== undefined && rawObjective !== null) {
    const r = PortRefSchema.safeParse(rawObjective);
    if (r.success && checkEnd(r.data, 'outputs', byId, rawIds, reg, '$.graph.objective', problems)) objective = r.data;
  }

  // The training set-up (version 2) refers to nodes: checked once they are known.
  if (envelope.success && envelope.data.training) checkTraining(envelope.data.training, byId, problems);

  if (problems.length === 0) {
    const { cyclic } = topologicalOrder({ ...createDocument({ now: '' }), nodes, edges });
    if (cyclic.length > 0) {
      problems.push({ path: '$.graph.edges', message: `the edges form a cycle through node${cyclic.length > 1 ? 's' : ''} ${cyclic.slice(0, 10).map((c) => `'${c}'`).join(', ')}${cyclic.length > 10 ? ', …' : ''}: a graph must flow one way` });
    }
  }
  if (problems.length > 0 || !envelope.success) return fail(problems);

  const env = envelope.data;
  const blank = createDocument(now !== undefined ? { now } : {});
  // A file without dates: created when first known (modified, if written), never the epoch.
  const created = env.created ?? env.modified ?? blank.created;
  const document: GraphDocument = {
    title: env.title ?? blank.title,
    description: env.description ?? '',
    created,
    modified: env.modified ?? created,
    nodes,
    edges,
    objective,
    view: env.graph.view ?? blank.view,
    ...(env.training ? { training: env.training } : {}),
  };
  return { ok: true, document, migratedFrom: null, warnings: [] };
}

/** Refuses node and edge lists beyond the limits (in the current layout, and in version 0's top-level lists). */
function tooMany(raw: unknown): Problem | null {
  if (!isRecord(raw)) return null;
  const graph = own(raw, 'graph');
  for (const [where, holder] of [['$.graph', isRecord(graph) ? graph : null], ['$', raw]] as const) {
    if (!holder) continue;
    for (const [key, max] of [['nodes', LIMITS.maxNodes], ['edges', LIMITS.maxEdges]] as const) {
      const list = own(holder, key);
      if (Array.isArray(list) && list.length > max) return { path: `${where}.${key}`, message: `holds ${list.length} ${key}; at most ${max}` };
    }
  }
  return null;
}

const tooManyValues = (n: number): Problem => ({ path: '$.graph.nodes', message: `the nodes hold ${n} tensor values together; at most ${LIMITS.maxTotalTensorElements}` });

/** Values in a node's tensor params (a shape or a list of axes is not tensor values). */
function tensorValues(kind: KindDef, params: Readonly<Record<string, unknown>>): number {
  let n = 0;
  for (const [name, spec] of Object.entries(kind.params)) {
    const v = own(params, name);
    if (spec.type === 'tensor' && Array.isArray(v)) n += v.length;
  }
  return n;
}

/**
 * The tensor values the nodes will hold, from the file as written: each tensor param's list, or for one left out
 * whose shape follows other params (Linear's W), the size of that shape. Nodes that are not well formed count 0
 * (their problems are found when they are read).
 */
function declaredTensorElements(rawNodes: readonly unknown[], reg: KindRegistry): number {
  let total = 0;
  for (const rn of rawNodes) {
    if (!isRecord(rn)) continue;
    const kindId = own(rn, 'kind');
    const kind = typeof kindId === 'string' ? reg.get(kindId) : undefined;
    const params = own(rn, 'params') ?? {};
    if (!kind || !isRecord(params)) continue;
    total += tensorValues(kind, params);
    for (const [name, spec] of Object.entries(kind.params)) {
      if (spec.type !== 'tensor' || !spec.shapeOf || own(params, name) !== undefined) continue;
      const merged: Record<string, ParamValue> = {};
      for (const [p, ps] of Object.entries(kind.params)) merged[p] = own(params, p) !== undefined ? (own(params, p) as ParamValue) : ps.default;
      let size = 1;
      try {
        for (const d of spec.shapeOf(merged)) size *= d;
      } catch {
        continue;
      }
      if (Number.isFinite(size) && size > 0) total += size;
    }
    if (total > LIMITS.maxTotalTensorElements) break;
  }
  return total;
}

const unknownKind = (k: string): string => `unknown node kind '${k}' (this version of Sorix Studio does not know it)`;

/** Checks that an edge end names an existing node and one of its ports of the right side. */
function checkEnd(ref: PortRef, side: 'inputs' | 'outputs', byId: Map<string, GraphNode>, rawIds: Set<string>, reg: KindRegistry, path: string, problems: Problem[]): boolean {
  const node = byId.get(ref.node);
  if (!node) {
    // A node that exists but is itself invalid has its own problem already.
    if (!rawIds.has(ref.node)) problems.push({ path: `${path}.node`, message: `there is no node '${ref.node}'` });
    return false;
  }
  const kind = reg.get(node.kind)!;
  if (!kind[side].some((p) => p.id === ref.port)) {
    const list = kind[side].map((p) => `'${p.id}'`).join(', ') || 'none';
    problems.push({ path: `${path}.port`, message: `${kind.label} node '${node.id}' has no ${side === 'inputs' ? 'input' : 'output'} '${ref.port}' (it has ${list})` });
    return false;
  }
  return true;
}

/** Migrates a node's params from the kind version they were written with, fills defaults, validates. */
function readParams(
  kind: KindDef,
  given: Readonly<Record<string, unknown>>,
  written: number,
  at: (...p: PropertyKey[]) => string,
  problems: Problem[],
): Record<string, ParamValue> | null {
  if (written > kind.version) {
    problems.push({ path: at('kind'), message: `kind '${kind.id}' was written by a newer Sorix Studio (kind version ${written}; this version knows ${kind.version}). Update Sorix Studio to open it.` });
    return null;
  }
  let params: Record<string, unknown> = { ...given };
  for (let v = written; v < kind.version; v++) {
    const step = kind.migrations?.[v - 1];
    if (!step) { problems.push({ path: at('params'), message: `no migration for kind '${kind.id}' from version ${v}` }); return null; }
    try {
      params = step.migrate(params);
    } catch (err) {
      problems.push({ path: at('params'), message: `could not migrate the parameters of kind '${kind.id}' from version ${v}: ${(err as Error).message}` });
      return null;
    }
  }
  params = decodeParams(kind, params);
  const present = Object.keys(params);
  const missing = Object.keys(kind.params).filter((p) => !Object.prototype.hasOwnProperty.call(params, p));
  if (missing.length > 0) {
    const defaults = defaultParams(kind);
    for (const m of missing) params[m] = defaults[m];
    if (kind.adjustParams) {
      const issuesBefore = validateParams(kind, params).filter((i) => i.param && present.includes(i.param));
      if (issuesBefore.length === 0) params = kind.adjustParams(params as Record<string, ParamValue>, present);
    }
  }
  const issues = validateParams(kind, params);
  for (const i of issues) problems.push({ path: i.param !== undefined ? at('params', i.param) : at('params'), message: i.message });
  return issues.length > 0 ? null : orderParams(kind, params as Record<string, ParamValue>);
}

/** NaN and ±Infinity, written as "NaN", "Infinity", "-Infinity", read back as numbers where the spec takes values. */
function decodeParams(kind: KindDef, params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const [name, spec] of Object.entries(kind.params)) {
    if (!allowsNonFinite(spec) || !Object.prototype.hasOwnProperty.call(out, name)) continue;
    const v = out[name];
    // Other strings are left as they are: validation refuses them with their path.
    if (Array.isArray(v)) out[name] = v.some((x) => typeof x === 'string') ? v.map(decodeNonFinite) : v;
    else if (spec.type === 'number') out[name] = decodeNonFinite(v);
  }
  return out;
}
