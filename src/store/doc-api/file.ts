import { getKind } from './kinds';
import type { GraphDoc, GraphEdge, GraphNode, ParseResult, Problem } from './types';

export const FORMAT = 'sorix-studio-graph';
export const VERSION = 1;
const MAX_TEXT = 20_000_000;
const MAX_NODES = 10_000;

/** Writes a document with a stable key order, so files diff well. */
export function serialize(doc: GraphDoc): string {
  const node = (n: GraphNode) => ({ id: n.id, kind: n.kind, ...(n.name ? { name: n.name } : {}), position: { x: round(n.position.x), y: round(n.position.y) }, params: sortKeys(n.params) });
  const edge = (e: GraphEdge) => ({ id: e.id, source: { node: e.source.node, port: e.source.port }, target: { node: e.target.node, port: e.target.port } });
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    app: { name: 'Sorix Studio', version: '0.1.0' },
    title: doc.title,
    graph: { nodes: doc.nodes.map(node), edges: doc.edges.map(edge), ...(doc.objective ? { objective: doc.objective } : {}) },
  }, null, 2) + '\n';
}

const round = (x: number): number => Math.round(x * 100) / 100;
function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a file: every problem at once with its JSON path, or the document. */
export function parse(text: string): ParseResult {
  if (text.length > MAX_TEXT) return { ok: false, problems: [{ path: '$', message: `The file is ${text.length} characters long; the limit is ${MAX_TEXT}.` }] };
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) {
    return { ok: false, problems: [{ path: '$', message: `Not JSON: ${(err as Error).message}` }] };
  }
  const p: Problem[] = [];
  if (!isObj(raw)) return { ok: false, problems: [{ path: '$', message: 'Expected an object.' }] };
  if (raw.format !== FORMAT) p.push({ path: '$.format', message: `Expected "${FORMAT}", found ${JSON.stringify(raw.format)}.` });
  if (typeof raw.version !== 'number') p.push({ path: '$.version', message: 'Missing version number.' });
  else if (raw.version > VERSION) p.push({ path: '$.version', message: `This file is version ${raw.version}, newer than this app reads (${VERSION}). Update Sorix Studio to open it.` });
  const g = raw.graph;
  if (!isObj(g)) { p.push({ path: '$.graph', message: 'Missing graph object.' }); return { ok: false, problems: p }; }
  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  if (!Array.isArray(g.nodes)) p.push({ path: '$.graph.nodes', message: 'Expected an array of nodes.' });
  else if (g.nodes.length > MAX_NODES) p.push({ path: '$.graph.nodes', message: `${g.nodes.length} nodes; the limit is ${MAX_NODES}.` });
  else g.nodes.forEach((n: unknown, i) => {
    const at = `$.graph.nodes[${i}]`;
    if (!isObj(n)) { p.push({ path: at, message: 'Expected a node object.' }); return; }
    if (typeof n.id !== 'string' || !n.id) { p.push({ path: `${at}.id`, message: 'Missing id.' }); return; }
    if (ids.has(n.id)) p.push({ path: `${at}.id`, message: `Duplicate node id "${n.id}".` });
    ids.add(n.id);
    const kind = typeof n.kind === 'string' ? getKind(n.kind) : undefined;
    if (!kind) p.push({ path: `${at}.kind`, message: `Unknown kind ${JSON.stringify(n.kind)}.` });
    const pos = n.position;
    if (!isObj(pos) || !Number.isFinite(pos.x) || !Number.isFinite(pos.y)) p.push({ path: `${at}.position`, message: 'Expected {x, y} with finite numbers.' });
    const params = isObj(n.params) ? n.params : {};
    if (kind) for (const spec of kind.params) if (!(spec.name in params)) p.push({ path: `${at}.params.${spec.name}`, message: `Missing parameter "${spec.name}".` });
    nodes.push({ id: n.id, kind: String(n.kind), ...(typeof n.name === 'string' && n.name ? { name: n.name } : {}),
      position: isObj(pos) ? { x: Number(pos.x), y: Number(pos.y) } : { x: 0, y: 0 }, params: { ...params } });
  });
  const edges: GraphEdge[] = [];
  if (!Array.isArray(g.edges)) p.push({ path: '$.graph.edges', message: 'Expected an array of edges.' });
  else g.edges.forEach((e: unknown, i) => {
    const at = `$.graph.edges[${i}]`;
    if (!isObj(e) || !isObj(e.source) || !isObj(e.target)) { p.push({ path: at, message: 'Expected {id, source: {node, port}, target: {node, port}}.' }); return; }
    for (const end of ['source', 'target'] as const) {
      const node = (e[end] as Record<string, unknown>).node;
      if (typeof node !== 'string' || !ids.has(node)) p.push({ path: `${at}.${end}.node`, message: `No node with id ${JSON.stringify(node)}.` });
    }
    edges.push({ id: String(e.id ?? `e${i + 1}`), source: { node: String(e.source.node), port: String(e.source.port) }, target: { node: String(e.target.node), port: String(e.target.port) } });
  });
  if (g.objective !== undefined && (typeof g.objective !== 'string' || !ids.has(g.objective))) p.push({ path: '$.graph.objective', message: `No node with id ${JSON.stringify(g.objective)}.` });
  if (p.length) return { ok: false, problems: p };
  return { ok: true, doc: { title: typeof raw.title === 'string' ? raw.title : 'Untitled', nodes, edges, ...(typeof g.objective === 'string' ? { objective: g.objective } : {}) } };
}
