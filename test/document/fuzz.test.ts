import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/engine';
import { evaluateDocument, parseDocument, serializeDocument } from '../../src/document';

/**
 * A seeded fuzzer: mutates the frozen example files (delete, replace, duplicate and rename fields, wrong types, huge
 * and non-finite values, hostile keys, broken references, truncated and corrupted text) and checks that every result
 * is either a valid document — which then evaluates and saves/opens unchanged — or a list of problems with paths;
 * never an exception, never a hang.
 */
const fixtures = new URL('./fixtures/', import.meta.url);
const seeds = ['v1', 'v0'].flatMap((v) => readdirSync(new URL(`${v}/`, fixtures)).map((f) => readFileSync(new URL(`${v}/${f}`, fixtures), 'utf8')));

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const g = new Generator(20261128);
const rnd = (n: number): number => Math.floor(g.random() * n);
const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

const HOSTILE: (() => Json)[] = [
  () => null, () => true, () => 0, () => -1, () => 1.5, () => 1e308, () => -1e308, () => 2 ** 53 + 1, () => 'NaN', () => 'Infinity',
  () => '', () => 'x'.repeat(rnd(2) ? 50 : 30_000), () => [], () => ({}), () => [1, 2, 3], () => ['a'], () => [[1]],
  () => ({ node: 'x', port: 'out' }), () => 'sigmoid', () => 'out', () => -0, () => 1e-320, () => 4294967296,
  () => { let v: Json = 1; for (let i = 0; i < 40; i++) v = [v]; return v; },
  () => Array.from({ length: 2000 }, (_, i) => i),
];

/** What a value in a list may become: the three strings a file writes NaN and ±Infinity as, and near misses. */
const VALUE_STRINGS = ['NaN', 'Infinity', '-Infinity', 'NaN', 'Infinity', '-Infinity', 'nan', 'inf', '-inf', 'Infinity ', '+Infinity', '1e999', ''];

/** Every container and key in a JSON value, as parent/key pairs. */
function slots(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length) {
    const v = stack.pop()!;
    if (Array.isArray(v)) v.forEach((c, i) => { out.push({ parent: v, key: i }); stack.push(c); });
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) { out.push({ parent: v, key: k }); stack.push(v[k]!); }
  }
  return out;
}

function mutate(file: Json): string {
  const rounds = 1 + rnd(3);
  for (let r = 0; r < rounds; r++) {
    const all = slots(file);
    if (all.length === 0) break;
    const { parent, key } = pick(all);
    const op = rnd(9);
    if (Array.isArray(parent)) {
      const i = key as number;
      if (op < 2) parent.splice(i, 1);
      else if (op < 4) parent.splice(i, 0, JSON.parse(JSON.stringify(parent[i]!)) as Json); // duplicate (ids collide)
      else if (op < 5) parent.push(JSON.parse(JSON.stringify(pick(parent))) as Json);
      else if (op < 7 && typeof parent[i] === 'number') parent[i] = pick(VALUE_STRINGS);
      else parent[i] = pick(HOSTILE)();
    } else {
      const k = key as string;
      if (op < 2) delete parent[k];
      else if (op < 3) { parent[pick(['__proto__', 'constructor', 'extra', 'ID', `${k}_`])] = parent[k]!; delete parent[k]; }
      else if (op < 4 && typeof parent[k] === 'string') parent[k] = pick(['x', 'sigmoid', 'sum', 'nope', 'out', 'loss', 'X', 'linear', 'prediction']);
      else if (op < 5 && typeof parent[k] === 'number') parent[k] = pick([0, -1, 1e6, 7, 2.5, 1e300]);
      else parent[k] = pick(HOSTILE)();
    }
  }
  let text = JSON.stringify(file);
  if (rnd(10) === 0) text = text.replace(/1e\+?300|"Infinity"/, '1e999').replace(/"NaN"/, 'NaN');
  return text;
}

function corrupt(text: string): string {
  switch (rnd(4)) {
    case 0: return text.slice(0, rnd(text.length)); // truncated
    case 1: { const i = rnd(text.length); return text.slice(0, i) + pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', 'é']) + text.slice(i + 1); }
    case 2: { const i = rnd(text.length); return text.slice(0, i) + text.slice(i, i + rnd(200)).repeat(rnd(50)) + text.slice(i); }
    default: return text.replace(/"version": \d/, `"version": ${pick([0, 1, 2, -1, 1.5, '"1"', 'null'])}`);
  }
}

const hasNonFinite = (doc: { nodes: readonly { params: Readonly<Record<string, unknown>> }[] }): boolean =>
  doc.nodes.some((n) => Object.values(n.params).some((v) => (Array.isArray(v) ? v.some((x) => !Number.isFinite(x)) : typeof v === 'number' && !Number.isFinite(v))));

function check(text: string, stats: { ok: number; refused: number; nonFinite?: number }): void {
  // No wall-time bound here (a loaded machine makes any figure flaky): a hang fails the test by its timeout, and the
  // files that cost time or memory are tried below in a child process with bounded memory.
  const r = parseDocument(text);
  if (r.ok) {
    stats.ok++;
    if (hasNonFinite(r.document)) stats.nonFinite = (stats.nonFinite ?? 0) + 1;
    const ev = evaluateDocument(r.document);
    expect(ev.nodes.size).toBe(r.document.nodes.length);
    const again = parseDocument(serializeDocument(r.document));
    expect(again.ok && again.document).toEqual(r.document);
  } else {
    stats.refused++;
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) {
      expect(p.path).toMatch(/^\$/);
      expect(typeof p.message).toBe('string');
      expect(p.message.length).toBeGreaterThan(0);
      // The catch-all for our own bugs must never fire.
      expect(p.message, text.slice(0, 300)).not.toMatch(/^could not read the file/);
    }
  }
}

describe('the fuzzer', () => {
  it('1500 structurally mutated documents: each a valid document or a structured error', () => {
    const stats = { ok: 0, refused: 0, nonFinite: 0 };
    for (let i = 0; i < 1500; i++) check(mutate(JSON.parse(pick(seeds)) as Json), stats);
    expect(stats.ok + stats.refused).toBe(1500);
    // Values mutated into "NaN"/"Infinity"/"-Infinity" read, evaluate and save/open unchanged.
    expect(stats.nonFinite).toBeGreaterThan(20);
    expect(stats.ok).toBeGreaterThan(50); // some mutations are harmless (a moved node, a renamed title)
    expect(stats.refused).toBeGreaterThan(700);
  });

  it('500 corrupted texts (truncated, a wrong character, repeated chunks, odd versions)', () => {
    const stats = { ok: 0, refused: 0 };
    for (let i = 0; i < 500; i++) check(corrupt(pick(seeds)), stats);
    expect(stats.ok + stats.refused).toBe(500);
    expect(stats.refused).toBeGreaterThan(300);
  });
});

describe('evaluation under odd inputs', () => {
  it('1000 single-kind graphs with extreme values, empty and 0-d shapes, mixed dtypes: every failure is a named error, never an internal one', async () => {
    const { addNode, createDocument, setObjective } = await import('../../src/document');
    const { registry, defaultParams } = await import('../../src/kinds');
    const shapes = [[], [0], [1], [3], [2, 3], [3, 2], [1, 3], [2, 1, 3], [0, 3], [4, 4]];
    const special = [0, -0, 1, -1, 100, -100, 1000, -1000, 1e30, -1e30, 1e-40, 0.5, 88.8, 89];
    const kinds = registry.all().filter((k) => k.inputs.length > 0);
    let evaluated = 0, failedNamed = 0;
    for (let t = 0; t < 1000; t++) {
      const kind = pick(kinds);
      let d = createDocument();
      for (const p of kind.inputs) {
        const shape = pick(shapes);
        const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (g.random() < 0.5 ? pick(special) : Math.round((g.random() * 6 - 3) * 10) / 10));
        d = addNode(d, { id: `in_${p.id}`, kind: 'tensor', position: { x: 0, y: 0 }, params: { values, shape, dtype: pick(['float32', 'float64']), requiresGrad: g.random() < 0.8 } });
      }
      const params = { ...defaultParams(kind), ...('axis' in kind.params && g.random() < 0.5 ? { axis: pick([0, 1, -1, 2, null]) } : {}) };
      if (kind.id === 'linear') Object.assign(params, { inFeatures: pick([1, 2, 3]) });
      try { d = addNode(d, { id: 'k', kind: kind.id, position: { x: 0, y: 0 }, params }); } catch { continue; }
      d = addNode(d, { id: 's', kind: 'sum', position: { x: 0, y: 0 } });
      // Edges set directly: canConnect would refuse some of these, but a file can hold them.
      d = { ...d, edges: [
        ...kind.inputs.map((p, i) => ({ id: `e${i}`, source: { node: `in_${p.id}`, port: 'out' }, target: { node: 'k', port: p.id } })),
        { id: 'es', source: { node: 'k', port: kind.outputs[0]!.id }, target: { node: 's', port: 'x' } },
      ] };
      const ev = evaluateDocument(setObjective(d, { node: 's', port: 'out' }));
      evaluated++;
      const k = ev.nodes.get('k')!;
      if (k.status === 'error') { failedNamed++; expect(k.error!.message).toMatch(new RegExp(`^${kind.label.replace(/[()]/g, '.')} 'k'`)); }
      expect(k.error?.message ?? '', kind.id).not.toMatch(/internal error/);
      expect(ev.objectiveMessage ?? '', kind.id).not.toMatch(/backward pass failed/);
    }
    expect(evaluated).toBeGreaterThan(900);
    expect(failedNamed).toBeGreaterThan(100); // many of these shapes do not fit: each gets its message
  });
});
