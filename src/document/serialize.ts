import { encodeNonFinite, orderParams, registry as defaultRegistry, type KindRegistry, type Params } from '../kinds';
import { APP_NAME, APP_VERSION } from './app-info';
import { touch } from './commands';
import { CURRENT_VERSION, FORMAT, type GraphFile } from './schema';
import type { GraphDocument, TrainingSetup } from './types';

/** The document as a file object (the current version), with every key in a fixed order. */
export function toFileObject(doc: GraphDocument, reg: KindRegistry = defaultRegistry): GraphFile {
  const kinds: Record<string, number> = {};
  for (const id of [...new Set(doc.nodes.map((n) => n.kind))].sort()) {
    const k = reg.get(id);
    if (k) kinds[id] = k.version;
  }
  return {
    format: FORMAT,
    version: CURRENT_VERSION,
    app: { name: APP_NAME, version: APP_VERSION },
    title: doc.title,
    description: doc.description,
    created: doc.created,
    modified: doc.modified,
    kinds,
    graph: {
      nodes: doc.nodes.map((n) => {
        const kind = reg.get(n.kind);
        return {
          id: n.id,
          kind: n.kind,
          ...(n.name !== undefined ? { name: n.name } : {}),
          position: { x: n.position.x, y: n.position.y },
          params: encodeParams(kind ? orderParams(kind, n.params) : { ...n.params }),
        } as GraphFile['graph']['nodes'][number];
      }),
      edges: doc.edges.map((e) => ({
        id: e.id,
        source: { node: e.source.node, port: e.source.port },
        target: { node: e.target.node, port: e.target.port },
      })),
      objective: doc.objective ? { node: doc.objective.node, port: doc.objective.port } : null,
      view: { x: doc.view.x, y: doc.view.y, zoom: doc.view.zoom },
    },
    ...(doc.training ? { training: trainingObject(doc.training) } : {}),
  };
}

/** The training set-up with its keys in a fixed order (the document holds it with every default filled in). */
function trainingObject(t: TrainingSetup): TrainingSetup {
  return {
    feeds: { x: t.feeds.x, y: t.feeds.y },
    data: t.data.source === 'graph' ? { source: 'graph' } : { source: 'recipe', recipe: { ...t.data.recipe } },
    frozen: t.frozen.map((f) => (f.param !== undefined ? { node: f.node, param: f.param } : { node: f.node })),
    optimizer: { ...t.optimizer },
    schedule: { ...t.schedule },
    batchSize: t.batchSize,
    epochs: t.epochs,
    seed: t.seed,
  };
}

/** Params as a file holds them: NaN and ±Infinity become "NaN", "Infinity", "-Infinity" (JSON has no such numbers). */
function encodeParams(params: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(params)) {
    if (typeof v === 'number') out[name] = encodeNonFinite(v);
    else if (Array.isArray(v)) out[name] = v.every(Number.isFinite) ? v : v.map(encodeNonFinite);
    else out[name] = v;
  }
  return out;
}

/**
 * The document as file text, exactly as the document holds it (deterministic: `modified` is written as it is; a save
 * goes through `saveDocument`, which stamps it). Two-space indentation, keys in a fixed order, lists of numbers wrapped at about 100
 * characters per line (so a changed weight changes one line), a final newline. Files diff well.
 */
export function serializeDocument(doc: GraphDocument, reg: KindRegistry = defaultRegistry): string {
  return `${printJson(toFileObject(doc, reg), '')}\n`;
}

/** What `saveDocument` returns: the document as saved (modified stamped) and its file text. */
export interface SavedDocument {
  /** The document with `modified` set to the time of this save: keep it as the saved (clean) document. */
  readonly document: GraphDocument;
  readonly text: string;
}

/**
 * Saving: stamps `modified` with the time of the save — the current time, or `now` (ISO 8601) when given, which tests
 * pass to stay deterministic — and serialises. `created` is kept. Use this (not `serializeDocument`) for every save,
 * so that a file's `modified` is when it was saved.
 */
export function saveDocument(doc: GraphDocument, opts: { now?: string; registry?: KindRegistry } = {}): SavedDocument {
  const document = touch(doc, opts.now ?? new Date().toISOString());
  return { document, text: serializeDocument(document, opts.registry) };
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

function printJson(v: unknown, indent: string): string {
  if (isPrimitive(v)) return JSON.stringify(v) ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (v.every(isPrimitive)) {
      const items = v.map((x) => JSON.stringify(x) ?? 'null');
      const oneLine = `[${items.join(', ')}]`;
      if (oneLine.length + indent.length <= 100) return oneLine;
      const lines: string[] = [];
      let line = '';
      for (const it of items) {
        if (line && line.length + it.length + 2 + inner.length > 100) { lines.push(line); line = ''; }
        line += line ? ` ${it},` : `${it},`;
      }
      lines.push(line.slice(0, -1));
      return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
    }
    return `[\n${v.map((x) => inner + printJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  // Small flat objects (a position, an edge end) stay on one line.
  if (entries.every(([, x]) => isPrimitive(x))) {
    const oneLine = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${JSON.stringify(x)}`).join(', ')} }`;
    if (oneLine.length <= 60) return oneLine;
  }
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${printJson(x, inner)}`).join(',\n')}\n${indent}}`;
}
