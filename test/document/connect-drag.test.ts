import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/engine';
import {
  addNode, createDocument, describeNode, inferDocumentShapes, parseDocument, refusedTargets, type GraphDocument, type PortRef,
} from '../../src/document';
import { reaches } from '../../src/document/graph';
import { registry } from '../../src/kinds';

const fmt = (s: readonly number[]): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(',')})`);

/**
 * The answer for one port worked out the slow, obvious way (as the editor did before): add the trial edge to a copy
 * of the document and infer the whole document's shapes before and after.
 */
function slowRefusal(doc: GraphDocument, source: PortRef, target: PortRef): string | null {
  const s = doc.nodes.find((n) => n.id === source.node)!, t = doc.nodes.find((n) => n.id === target.node)!;
  const sk = registry.require(s.kind), tk = registry.require(t.kind);
  if (s.id === t.id) return `cannot connect ${describeNode(s, sk)} to itself`;
  if (reaches(doc, t.id, s.id)) return `this would make a cycle: ${describeNode(s, sk)} already depends on ${describeNode(t, tk)}`;
  const before = inferDocumentShapes(doc, registry);
  const shape = before.get(s.id)?.outputs[source.port];
  const trial = { ...doc, edges: [...doc.edges.filter((e) => !(e.target.node === t.id && e.target.port === target.port)), { id: 'trial', source, target }] };
  const after = inferDocumentShapes(trial, registry).get(t.id);
  if (after?.error && shape && !before.get(t.id)?.error) return `${describeNode(t, tk)} cannot take ${fmt(shape)} on input '${target.port}': ${after.error.message}`;
  return null;
}

function slowRefusals(doc: GraphDocument, source: PortRef): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of doc.nodes) for (const p of registry.require(n.kind).inputs) {
    const r = slowRefusal(doc, source, { node: n.id, port: p.id });
    if (r !== null) out[`${n.id}:${p.id}`] = r;
  }
  return out;
}

const example = (f: string): GraphDocument => {
  const r = parseDocument(readFileSync(new URL(`../../assets/examples/${f}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(f);
  return r.document;
};

describe('the ports a dragged wire is offered (refusedTargets)', () => {
  it('gives the same ports and reasons as a trial inference of the whole document, for every output of the examples', () => {
    let refusals = 0;
    for (const f of ['seed.sorix.json', 'xor.sorix.json', 'logistic-regression.sorix.json', 'sigmoid-curve.sorix.json']) {
      const doc = example(f);
      for (const n of doc.nodes) for (const p of registry.require(n.kind).outputs) {
        const got = refusedTargets(doc, { node: n.id, port: p.id });
        expect(got, `${f} ${n.id}.${p.id}`).toEqual(slowRefusals(doc, { node: n.id, port: p.id }));
        refusals += Object.keys(got).length;
      }
    }
    expect(refusals).toBeGreaterThan(20);
  });

  it('agrees on random graphs of mixed kinds and shapes (cycles, shape clashes, wired and free inputs)', () => {
    const g = new Generator(7);
    const rnd = (k: number): number => Math.floor(g.random() * k);
    const kinds = ['add', 'mul', 'matmul', 'sigmoid', 'sum', 'linear', 'transpose', 'mseLoss'];
    const shapes = [[2, 3], [3, 2], [3], [1, 3], [2, 1], [3, 3]];
    const reasons = new Set<string>();
    for (let round = 0; round < 40; round++) {
      let doc = createDocument({ now: '2026-01-01T00:00:00.000Z' });
      for (let i = 0; i < 4; i++) {
        const shape = shapes[rnd(shapes.length)]!;
        doc = addNode(doc, { id: `t${i}`, kind: 'tensor', position: { x: 0, y: 0 }, params: { values: Array(shape.reduce((a, b) => a * b, 1)).fill(1), shape } });
      }
      for (let i = 0; i < 10; i++) doc = addNode(doc, { id: `k${i}`, kind: kinds[rnd(kinds.length)]!, position: { x: 0, y: 0 } });
      // Edges only forward in document order: a graph as a file holds it (acyclic), some of them shape clashes.
      const edges = [];
      for (let i = 4; i < doc.nodes.length; i++) {
        for (const p of registry.require(doc.nodes[i]!.kind).inputs) {
          if (rnd(4) === 0) continue;
          edges.push({ id: `e${edges.length}`, source: { node: doc.nodes[rnd(i)]!.id, port: 'out' }, target: { node: doc.nodes[i]!.id, port: p.id } });
        }
      }
      doc = { ...doc, edges };
      for (const n of doc.nodes) {
        const src = { node: n.id, port: registry.require(n.kind).outputs[0]!.id };
        const got = refusedTargets(doc, src);
        expect(got, `round ${round} from ${n.id}`).toEqual(slowRefusals(doc, src));
        for (const m of Object.values(got)) reasons.add(m.startsWith('this would make a cycle') ? 'cycle' : m.startsWith('cannot connect') ? 'self' : 'shape');
      }
    }
    expect([...reasons].sort()).toEqual(['cycle', 'self', 'shape']);
  });
});
