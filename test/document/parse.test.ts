import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, LIMITS, evaluateDocument, parseDocument, serializeDocument, type ParseResult, type Problem } from '../../src/document';
import { KindRegistry, registry, type KindDef } from '../../src/kinds';

const fixtures = new URL('./fixtures/', import.meta.url);
const fixture = (p: string): string => readFileSync(new URL(p, fixtures), 'utf8');
const seedText = fixture('v2/seed.sorix.json');
const seed = (): Record<string, unknown> => JSON.parse(seedText) as Record<string, unknown>;

function problems(r: ParseResult): Problem[] {
  if (r.ok) throw new Error('expected problems, got a document');
  return [...r.problems];
}
const edit = (f: (file: any) => void): string => { // eslint-disable-line @typescript-eslint/no-explicit-any
  const file = seed();
  f(file);
  return JSON.stringify(file);
};

describe('frozen files, one folder per format version', () => {
  it.each(readdirSync(new URL('v2/', fixtures)))('v2/%s reads, and writes back byte for byte', (name) => {
    const text = fixture(`v2/${name}`);
    const r = parseDocument(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.migratedFrom).toBeNull();
    expect(r.warnings).toEqual([]);
    expect(serializeDocument(r.document)).toBe(text);
  });

  it.each(readdirSync(new URL('v1/', fixtures)))('v1/%s opens unchanged through step 1→2: the same document as its v2 copy, saved as v2 with only the version moved', (name) => {
    const r = parseDocument(fixture(`v1/${name}`));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.migratedFrom).toBe(1);
    expect(r.warnings.map((w) => w.message)).toEqual(['migrated from format version 1 to 2: adds the optional training set-up (this file has none, so nothing else changes)']);
    expect(r.document.training).toBeUndefined();
    const v2 = parseDocument(fixture(`v2/${name}`));
    if (!v2.ok) throw new Error(JSON.stringify(v2.problems));
    expect(r.document).toEqual(v2.document);
    expect(serializeDocument(r.document)).toBe(fixture(`v1/${name}`).replace('"version": 1,', '"version": 2,'));
  });

  it('v0/seed migrates through step 0→1 to the same graph as the v1 seed, and computes the seed’s numbers', () => {
    const r = parseDocument(fixture('v0/seed.sorix.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const v1 = parseDocument(seedText);
    if (!v1.ok) throw new Error('v1 seed');
    expect(r.migratedFrom).toBe(0);
    expect(r.warnings[0]!.message).toMatch(/migrated from format version 0 to 1/);
    expect(r.document.nodes).toEqual(v1.document.nodes.map(({ name: _n, ...n }) => n)); // v0 had no node names
    expect(r.document.edges).toEqual(v1.document.edges);
    expect(r.document.objective).toEqual({ node: 'sum', port: 'out' });
    const ev = evaluateDocument(r.document);
    expect(ev.nodes.get('sigmoid')!.outputs.out!.value.format()).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(ev.nodes.get('x')!.outputs.out!.grad!.toString()).toBe('tensor([3.8e-44, 2.5e-01, 0.0e+00])');
    // Saving writes the current version.
    expect(JSON.parse(serializeDocument(r.document)).version).toBe(CURRENT_VERSION);
  });

  it('a broken v0 file reports every problem at once, saying it was migrated', () => {
    const ps = problems(parseDocument(fixture('v0/broken.sorix.json')));
    expect(ps.map((p) => p.path).sort()).toEqual(['$.graph.edges[0].target.node', '$.graph.nodes[0].params.values', '$.graph.nodes[1].kind']);
    expect(ps.find((p) => p.path.endsWith('kind'))!.message).toMatch(/unknown node kind 'softplus'/);
    expect(ps.every((p) => /after migrating from format version 0/.test(p.message))).toBe(true);
  });
});

describe('parseDocument', () => {
  it('refuses a newer version with a message saying so', () => {
    const ps = problems(parseDocument(edit((f) => { f.version = 7; })));
    expect(ps).toEqual([{ path: '$.version', message: expect.stringMatching(/newer Sorix Studio \(file format version 7\).*up to version 2.*Update/) }]);
  });

  it('names what is not a graph file', () => {
    expect(problems(parseDocument('')).map((p) => p.message)).toEqual(['the file is empty']);
    expect(problems(parseDocument('{"nodes": [')).map((p) => p.message)[0]).toMatch(/not valid JSON \(it looks truncated\)/);
    expect(problems(parseDocument('hello')).map((p) => p.message)[0]).toMatch(/not valid JSON/);
    expect(problems(parseDocument('[1, 2]'))[0]!.message).toMatch(/JSON object, not a list/);
    expect(problems(parseDocument('{"format": "png"}'))[0]).toEqual({ path: '$.format', message: expect.stringMatching(/not a Sorix Studio graph file/) });
    expect(problems(parseDocument(edit((f) => { f.version = '1'; })))[0]!.path).toBe('$.version');
    expect(problems(parseDocument(edit((f) => { f.version = 1.5; })))[0]!.path).toBe('$.version');
  });

  it('returns all problems at once, each with its JSON path', () => {
    const ps = problems(parseDocument(edit((f) => {
      f.title = 5;
      f.graph.nodes[0].params.values = [1, 'two', 3];
      f.graph.nodes[1].kind = 'swish';
      f.graph.nodes[1].position.x = 'left';
      f.graph.edges[1].target.port = 'y';
      f.graph.extra = true;
    })));
    const byPath = Object.fromEntries(ps.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      '$.graph', '$.graph.edges[1].target.port', '$.graph.nodes[0].params.values[1]', '$.graph.nodes[1].kind', '$.graph.nodes[1].position.x', '$.title',
    ].sort());
    expect(byPath['$.title']).toBe('must be a string, not number 5');
    expect(byPath['$.graph']).toBe("has unknown key 'extra'");
    expect(byPath['$.graph.nodes[1].kind']).toMatch(/unknown node kind 'swish'/);
    expect(byPath['$.graph.nodes[1].position.x']).toMatch(/must be a number, not the string "left"/);
    expect(byPath['$.graph.nodes[0].params.values[1]']).toBe('must be a number or one of "NaN", "Infinity", "-Infinity" (lists hold numbers only), not the string "two"');
    expect(byPath['$.graph.edges[1].target.port']).toBe("Sum node 'sum' has no input 'y' (it has 'x')");
  });

  it('reports nodes or edges that are not lists (found by the fuzzer)', () => {
    expect(problems(parseDocument(edit((f) => { f.graph.nodes = { a: 1 }; })))).toEqual([{ path: '$.graph.nodes', message: 'must be a list, not an object' }]);
    expect(problems(parseDocument(edit((f) => { delete f.graph.edges; })))).toEqual([{ path: '$.graph.edges', message: 'is missing (expected a list)' }]);
  });

  it('checks param values against the kind’s spec, filling missing params with defaults', () => {
    const ps = problems(parseDocument(edit((f) => {
      f.graph.nodes[0].params.shape = [2, 2];
      f.graph.nodes[0].params.dtype = 'int8';
      f.graph.nodes[2].params.keepdims = 'yes';
      f.graph.nodes[2].params.scale = 2;
    })));
    expect(ps.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      "$.graph.nodes[0].params.dtype: dtype must be one of 'float32', 'float64', not \"int8\"",
      "$.graph.nodes[2].params.keepdims: Keep dims must be true or false, not \"yes\"",
      "$.graph.nodes[2].params.scale: Sum has no parameter 'scale' (it has 'axis', 'keepdims')",
    ]);
    const ok = parseDocument(edit((f) => { delete f.graph.nodes[2].params.keepdims; delete f.graph.nodes[0].params.dtype; }));
    if (!ok.ok) throw new Error(JSON.stringify(ok.problems));
    expect(ok.document.nodes[2]!.params).toEqual({ axis: null, keepdims: false });
    expect(ok.document.nodes[0]!.params.dtype).toBe('float32');
  });

  it('a Linear written without W draws it from its seed, and refuses a W of the wrong size', () => {
    const text = readFileSync(new URL('v2/xor.sorix.json', fixtures), 'utf8');
    const file = JSON.parse(text);
    const hidden = file.graph.nodes.find((n: { id: string }) => n.id === 'hidden');
    const W = hidden.params.W;
    delete hidden.params.W; delete hidden.params.b;
    const r = parseDocument(JSON.stringify(file));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.document.nodes.find((n) => n.id === 'hidden')!.params.W).toEqual(W);
    hidden.params.W = [1, 2, 3];
    hidden.params.b = [0, 0, 0, 0];
    expect(problems(parseDocument(JSON.stringify(file)))).toEqual([{ path: '$.graph.nodes[2].params.W', message: 'W has 3 values but shape (2,4) needs 8' }]);
  });

  it('finds edges to missing nodes and ports, duplicate ids, a second edge into an input, self loops and cycles', () => {
    const ps = problems(parseDocument(edit((f) => {
      f.graph.nodes.push({ ...f.graph.nodes[1], position: { x: 1, y: 1 } });
      f.graph.edges.push({ id: 'e1', source: { node: 'x', port: 'out' }, target: { node: 'sum', port: 'x' } });
      f.graph.edges.push({ id: 'e3', source: { node: 'ghost', port: 'out' }, target: { node: 'sum', port: 'x' } });
      f.graph.edges.push({ id: 'e4', source: { node: 'x', port: 'value' }, target: { node: 'sigmoid', port: 'x' } });
      f.graph.edges.push({ id: 'e5', source: { node: 'x', port: 'out' }, target: { node: 'sum', port: 'x' } });
      f.graph.objective = { node: 'sum', port: 'x' };
    })));
    const msgs = ps.map((p) => `${p.path}: ${p.message}`);
    expect(msgs).toEqual([
      "$.graph.nodes[3].id: node id 'sigmoid' is already used by node 1",
      "$.graph.edges[2].id: edge id 'e1' is already used by edge 0",
      "$.graph.edges[3].source.node: there is no node 'ghost'",
      "$.graph.edges[4].source.port: Tensor node 'x' has no output 'value' (it has 'out')",
      "$.graph.edges[5].target: input 'x' of node 'sum' already has an edge ('e2'); an input takes one edge",
      "$.graph.objective.port: Sum node 'sum' has no output 'x' (it has 'out')",
    ]);
    const self = problems(parseDocument(edit((f) => { f.graph.edges.push({ id: 'loop', source: { node: 'sigmoid', port: 'out' }, target: { node: 'sigmoid', port: 'x' } }); })));
    expect(self.map((p) => p.message)).toContain("edge 'loop' connects node 'sigmoid' to itself");
    const cycle = problems(parseDocument(edit((f) => {
      f.graph.nodes.push({ id: 'a', kind: 'add', position: { x: 0, y: 0 }, params: {} });
      f.graph.nodes.push({ id: 'b', kind: 'exp', position: { x: 0, y: 0 }, params: {} });
      f.graph.edges.push({ id: 'c1', source: { node: 'a', port: 'out' }, target: { node: 'b', port: 'x' } });
      f.graph.edges.push({ id: 'c2', source: { node: 'b', port: 'out' }, target: { node: 'a', port: 'a' } });
    })));
    expect(cycle).toEqual([{ path: '$.graph.edges', message: expect.stringMatching(/cycle through nodes 'a', 'b'/) }]);
  });

  it('says a file cut anywhere looks truncated: after a value, a key, a list item, an opening brace, inside a string', () => {
    const text = seedText.trimEnd();
    const cuts = [text.indexOf('"format": "sorix-studio-graph"') + '"format": "sorix-studio-graph"'.length, text.indexOf('"title"') + 7,
      text.indexOf('"values": [') + '"values": [-100'.length, text.indexOf('{', 1) + 1, text.indexOf('"values": [') + '"values": [-100,'.length, 1, 20];
    for (const cut of [...cuts, ...Array.from({ length: 60 }, (_, i) => Math.floor((text.length * (i + 0.5)) / 60))]) {
      const ps = problems(parseDocument(text.slice(0, cut)));
      expect(ps, `cut at ${cut}: ${JSON.stringify(text.slice(cut - 20, cut))}`).toEqual([{ path: '$', message: `the file is not valid JSON (it looks truncated): it stops after ${text.slice(0, cut).trimEnd().length} characters, in the middle of the JSON` }]);
    }
    // An error before the end is not a truncation: V8's message with its position.
    expect(problems(parseDocument(`{#${text.slice(2)}`))[0]!.message).toMatch(/^the file is not valid JSON: .*position 1/);
  });

  it('counts tensor values, not the lists of a shape: exactly 4,000,000 values in four tensors are allowed', () => {
    const tensors = (per: number[]) => edit((f) => {
      f.graph.edges = []; f.graph.objective = null;
      f.graph.nodes = per.map((n, i) => ({ id: `t${i}`, kind: 'tensor', position: { x: 0, y: 0 }, params: { values: Array(n).fill(0), shape: [n] } }));
    });
    const r = parseDocument(tensors([1_000_000, 1_000_000, 1_000_000, 1_000_000]));
    expect(r.ok && r.document.nodes.length).toBe(4);
    expect(problems(parseDocument(tensors([1_000_000, 1_000_000, 1_000_000, 999_999, 2])))).toEqual([{ path: '$.graph.nodes', message: 'the nodes hold 4000001 tensor values together; at most 4000000' }]);
  });

  it('checks the total from the sizes before drawing the weights of a Linear without W', () => {
    // At the node limit, 10,000 Linear layers of 4096 × 244 without W: 10^10 weights to draw if reading drew them
    // first (hours). Refused from the sizes as written, with the count the weights would have had.
    const nodes = Array.from({ length: LIMITS.maxNodes }, (_, i) => ({ id: `l${i}`, kind: 'linear', position: { x: 0, y: 0 }, params: { inFeatures: 4096, outFeatures: 244 } }));
    const r = parseDocument(JSON.stringify({ format: 'sorix-studio-graph', version: 2, graph: { nodes, edges: [] } }));
    expect(problems(r)).toEqual([{ path: '$.graph.nodes', message: expect.stringMatching(/^the nodes hold \d+ tensor values together; at most 4000000$/) }]);
    // The count stops once it is over the limit: 5 layers of 4096·244 + 244 values are more than 4,000,000.
    expect(problems(r)[0]!.message).toContain(`hold ${5 * (4096 * 244 + 244)} tensor values`);
    // Without W but within the total, the weights are drawn as before.
    const small = nodes.slice(0, 3).map((n) => ({ ...n, params: { inFeatures: 40, outFeatures: 30 } }));
    const one = parseDocument(JSON.stringify({ format: 'sorix-studio-graph', version: 1, graph: { nodes: small, edges: [] } }));
    expect(one.ok && (one.document.nodes[2]!.params.W as number[]).length).toBe(40 * 30);
  });

  it('survives hostile input within its limits', () => {
    const cases: [string, string, RegExp][] = [
      ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nested 100000 levels deep/],
      ['__proto__ keys', edit((f) => { f.graph.nodes[0].params = JSON.parse('{"__proto__": {"polluted": true}}'); }), /key '__proto__' is not allowed/],
      ['constructor keys', seedText.replace('"title"', '"constructor": {"prototype": 1}, "title"'), /key 'constructor' is not allowed/],
      ['1e999', seedText.replace('"x": 440', '"x": 1e999'), /too large to represent/],
      ['"nan" among values', edit((f) => { f.graph.nodes[0].params.values = [-100, 'nan', 100]; }), /not the string "nan"/],
      ['"NaN" for a param', edit((f) => { f.graph.nodes[1].params.slope = 'NaN'; f.graph.nodes[1].kind = 'leakyRelu'; }), /Slope α must be a finite number, not "NaN"/],
      ['a huge string', edit((f) => { f.description = 'x'.repeat(5_000_000); }), /5000000 characters/],
      ['a huge file', ' '.repeat(LIMITS.maxFileChars + 1), /too large/],
      ['a million nodes', `{"format":"sorix-studio-graph","version":1,"graph":{"nodes":[${Array(1_000_000).fill('{}').join(',')}],"edges":[]}}`, /1000000 nodes; at most 10000/],
      ['a BOM and nothing', '\ufeff', /the file is empty/],
    ];
    for (const [what, text, expected] of cases) {
      const r = parseDocument(text);
      expect(r.ok, what).toBe(false);
      // One problem: each is refused by its limit before the nodes are read (a million nodes, each missing its id
      // and kind, would otherwise give the first 200 of their problems).
      expect(problems(r), what).toHaveLength(1);
      expect(problems(r).map((p) => p.message).join(' | '), what).toMatch(expected);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('migrates a kind’s params written by an older version of that kind, and refuses a newer one', () => {
    // A kind at version 2 whose version 1 called the slope 'alpha'.
    const base = registry.require('leakyRelu');
    const v2: KindDef = { ...base, version: 2, migrations: [{ from: 1, migrate: ({ alpha, ...rest }) => ({ ...rest, slope: alpha }) }] };
    const reg = new KindRegistry([...registry.all().filter((k) => k.id !== 'leakyRelu'), v2]);
    const file = (version: number, params: object) => edit((f) => {
      f.kinds = { ...f.kinds, leakyRelu: version };
      f.graph.nodes.push({ id: 'lr', kind: 'leakyRelu', position: { x: 0, y: 0 }, params });
    });
    const r = parseDocument(file(1, { alpha: 0.2 }), { registry: reg });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.document.nodes.find((n) => n.id === 'lr')!.params).toEqual({ slope: 0.2 });
    expect(problems(parseDocument(file(3, { slope: 0.2 }), { registry: reg }))[0]!.message).toMatch(/kind version 3; this version knows 2/);
  });
});

describe('NaN and ±Infinity as values ("NaN", "Infinity", "-Infinity" in the file)', () => {
  const text = fixture('v2/non-finite.sorix.json');
  const stableSigmoid = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

  it('the frozen file reads the strings as numbers, and evaluates as float32 sigmoid does', () => {
    const r = parseDocument(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const x = r.document.nodes.find((n) => n.id === 'x')!;
    expect(x.params.values).toEqual([1000, -1000, NaN, Infinity, -Infinity, 0]);
    expect(r.document.nodes.find((n) => n.id === 'c')!.params.value).toBe(-Infinity);
    const ev = evaluateDocument(r.document);
    const input = [1000, -1000, NaN, Infinity, -Infinity, 0];
    const y = Array.from(ev.nodes.get('sigmoid')!.outputs.out!.value.data);
    expect(y).toEqual(input.map((v) => Math.fround(stableSigmoid(v))));
    expect(y.slice(0, 6)).toEqual([1, 0, NaN, 1, 0, 0.5]);
    // NaN propagates: through the Sum into the objective, and into its own gradient (s(1−s) of NaN).
    expect(ev.objective!.value).toBeNaN();
    const g = Array.from(ev.nodes.get('x')!.outputs.out!.grad!.data);
    expect(g).toEqual(input.map((v) => { const s = stableSigmoid(v); return Math.fround(s * (1 - s)); }));
    const st = ev.nodes.get('x')!.outputs.out!.stats;
    expect([st.nan, st.posInf, st.negInf, st.min, st.max]).toEqual([1, 1, 1, -1000, 1000]);
    expect(ev.nodes.get('c')!.outputs.out!.value.data[0]).toBe(-Infinity);
  });

  it('writes them back as the same strings, in the same key order', () => {
    const r = parseDocument(text);
    if (!r.ok) throw new Error('non-finite fixture');
    const out = serializeDocument(r.document);
    expect(out).toBe(text);
    expect(out).toContain('"values": [1000, -1000, "NaN", "Infinity", "-Infinity", 0]');
    expect(out).toContain('"value": "-Infinity"');
  });

  it('refuses any other string among values, with its JSON path', () => {
    for (const bad of ['nan', 'inf', '-inf', '+Infinity', 'NaN ', '1', '']) {
      const ps = problems(parseDocument(text.replace('"-Infinity", 0]', `"-Infinity", ${JSON.stringify(bad)}]`)));
      expect(ps).toHaveLength(1);
      expect(ps[0]!.path).toBe('$.graph.nodes[0].params.values[5]');
      expect(ps[0]!.message).toMatch(/must be a number or one of "NaN", "Infinity", "-Infinity"/);
    }
    const ps = problems(parseDocument(text.replace('"value": "-Infinity"', '"value": "-inf"')));
    expect(ps.map((p) => p.path)).toEqual(['$.graph.nodes[3].params.value']);
    expect(ps[0]!.message).toMatch(/must be a number, not "-inf"/);
  });

  it('refuses them where a limit, a count, a shape or an axis is meant', () => {
    const withNode = (params: Record<string, unknown>, kind: string): string => edit((f) => {
      f.graph.nodes.push({ id: 'extra', kind, position: { x: 0, y: 0 }, params });
    });
    const cases: [string, Record<string, unknown>, string][] = [
      ['linspace', { start: '-Infinity' }, 'start'],
      ['linspace', { steps: 'Infinity' }, 'steps'],
      ['randomTensor', { std: 'NaN' }, 'std'],
      ['leakyRelu', { slope: 'NaN' }, 'slope'],
      ['sum', { axis: 'NaN' }, 'axis'],
    ];
    for (const [kind, params, name] of cases) {
      const ps = problems(parseDocument(withNode(params, kind)));
      expect(ps.map((p) => p.path), `${kind}.${name}`).toEqual([`$.graph.nodes[3].params.${name}`]);
    }
    const ps = problems(parseDocument(withNode({ values: [1, 2], shape: [2, 'Infinity'] }, 'tensor')));
    expect(ps.map((p) => p.path)).toEqual(['$.graph.nodes[3].params.shape']);
  });
});
