import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Generator } from '../../src/engine';
import {
  addNode, connect, createDocument, evaluateDocument, parseDocument, removeNodes, setObjective, type EvaluationResult, type GraphDocument, type PortResult,
} from '../../src/document';
import { ALL_KINDS, KindRegistry, registry } from '../../src/kinds';
import { ExportError, PYTORCH, exportPytorch } from '../../src/export/pytorch';
import { BUILTINS, builtinIfLoaded, provideBuiltin, type BuiltinName } from '../../src/data';
import { csvDataKind } from '../../src/kinds/csv-data';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'sorix-pytorch-'));
const at = { x: 0, y: 0 };

/** A Python that imports torch: $SORIX_PYTHON when set, else python3 on the PATH, else Debian's /usr/bin/python3. */
function findTorchPython(): string | null {
  for (const py of process.env.SORIX_PYTHON ? [process.env.SORIX_PYTHON] : ['python3', '/usr/bin/python3']) {
    const r = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0) return py;
  }
  return null;
}
const python = findTorchPython();
// In CI the tests run (and fail) without torch: .ci/run installs it.
const skip = python === null && !process.env.CI;
if (skip) console.log('PyTorch parity tests skipped: no python3 with torch here (apt-get install python3-torch, or set SORIX_PYTHON)');

/**
 * Runs scripts as `python3 SCRIPT --json` would, in one interpreter (importing torch takes seconds on these
 * machines): each runs as __main__ with argv [SCRIPT, --json]; returns each script's last printed line, parsed.
 */
function runScripts(paths: readonly string[]): unknown[] {
  const runner = [
    'import contextlib, io, json, runpy, sys',
    'for path in sys.argv[1:]:',
    '    sys.argv = [path, "--json"]',
    '    buf = io.StringIO()',
    '    with contextlib.redirect_stdout(buf):',
    '        runpy.run_path(path, run_name="__main__")',
    '    print(buf.getvalue().strip().splitlines()[-1], flush=True)',
  ].join('\n');
  const r = spawnSync(python ?? 'python3', ['-c', runner, ...paths], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
}

type Num = number | string;
interface PyPort { shape: number[]; value: Num[]; grad: Num[] | null }
interface PyReport { nodes: Record<string, Record<string, PyPort>>; params: Record<string, Record<string, PyPort>>; objective: { node: string; port: string; value: Num } | null }

const decode = (v: Num): number => (v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : (v as number));

/** Float32 tolerance: relative 1e-4 (a few float32 ulps through a chain of ops), absolute 1e-5 near 0. */
function close(got: number, want: number): boolean {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got);
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want;
  return Math.abs(got - want) <= 1e-5 + 1e-4 * Math.abs(want);
}

function comparePort(where: string, py: PyPort | undefined, app: PortResult): void {
  expect(py, `${where} is in the script's report`).toBeDefined();
  expect(py!.shape, `${where} shape`).toEqual([...app.shape]);
  const mismatch = (label: string, got: readonly Num[], want: ArrayLike<number>): void => {
    expect(got.length, `${where} ${label} length`).toBe(want.length);
    const bad = got.findIndex((v, i) => !close(decode(v), want[i]!));
    expect(bad, bad < 0 ? '' : `${where} ${label}[${bad}]: PyTorch ${String(got[bad])}, app ${want[bad]}`).toBe(-1);
  };
  mismatch('value', py!.value, app.value.data);
  expect(py!.grad === null, `${where} has a gradient in PyTorch exactly when it has one in the app`).toBe(app.grad === null);
  if (py!.grad && app.grad) mismatch('grad', py!.grad, app.grad.data);
}

/** Every port and Linear param the app computed, against the script's report. */
function compare(name: string, doc: GraphDocument, ev: EvaluationResult, report: PyReport): number {
  let ports = 0;
  for (const n of doc.nodes) {
    const r = ev.nodes.get(n.id)!;
    for (const [p, o] of Object.entries(r.outputs)) { comparePort(`${name}: ${n.id}.${p}`, report.nodes[n.id]?.[p], o); ports++; }
    for (const [p, o] of Object.entries(r.params)) { comparePort(`${name}: ${n.id} param ${p}`, report.params[n.id]?.[p], o); ports++; }
  }
  if (ev.objective) expect(close(decode(report.objective!.value), ev.objective.value), `${name}: objective`).toBe(true);
  return ports;
}

function loadBuiltins(doc: GraphDocument): void {
  for (const n of doc.nodes) {
    const set = n.params.set as string;
    if (n.kind === 'dataset' && set in BUILTINS && !builtinIfLoaded(set as BuiltinName)) {
      provideBuiltin(set as BuiltinName, readFileSync(join(root, 'assets/datasets', `${set}.csv`), 'utf8'));
    }
  }
}

function exampleDocs(): { name: string; doc: GraphDocument }[] {
  const dir = join(root, 'assets/examples');
  return readdirSync(dir).filter((f) => f.endsWith('.sorix.json')).sort().map((f) => {
    const parsed = parseDocument(readFileSync(join(dir, f), 'utf8'));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.problems[0]!.message}`);
    loadBuiltins(parsed.document);
    return { name: f, doc: parsed.document };
  });
}

/**
 * A random graph over every kind: sources of several shapes and dtypes (some requiring grad), then random unary,
 * binary, reducing, reshaping and Linear nodes wired to earlier outputs, then losses; nodes the app refuses to
 * connect or that do not compute are dropped. The objective is a loss or a Sum of the last node.
 */
function randomGraph(g: Generator, trial: number): GraphDocument {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(g.random() * xs.length)]!;
  const vals = (n: number): number[] => Array.from({ length: n }, () => Math.round((g.random() * 4 - 2) * 1000) / 1000);
  const dtype = (): string => (g.random() < 0.3 ? 'float64' : 'float32');
  let d = createDocument({ title: `random graph ${trial}`, now: '2026-12-05T12:00:00.000Z' });
  const add = (id: string, kind: string, params: Record<string, unknown> = {}): void => {
    d = addNode(d, { id, kind, position: at, params: params as never });
  };
  add('a', 'tensor', { values: vals(6), shape: [2, 3], dtype: dtype(), requiresGrad: true });
  add('b', 'tensor', { values: vals(3), shape: [3], dtype: dtype(), requiresGrad: g.random() < 0.6 });
  add('s', 'scalar', { value: pick([0.5, -1.5, 2]), dtype: dtype(), requiresGrad: g.random() < 0.5 });
  add('r', 'randomTensor', { shape: [3, 2], seed: trial, dtype: dtype(), requiresGrad: g.random() < 0.5 });
  add('lin', 'linspace', { start: -1, stop: 1, steps: 3, dtype: dtype(), requiresGrad: g.random() < 0.5 });
  add('rng', 'range', { start: 0, stop: 1.5, step: 0.5, dtype: dtype() });
  add('data', 'dataset', { set: pick(['xor', 'circle', 'spiral']), n: 40, rows: 2, targets: pick(['index', 'oneHot']), seed: trial, dtype: dtype() });
  add('csv', 'csvData', { ...csvDataKind.examples.samples[0]!.params, rows: 2, targets: pick(['index', 'oneHot']), seed: trial, dtype: dtype() });
  add('fc', 'linear', { inFeatures: 3, outFeatures: pick([2, 3]), seed: trial, bias: g.random() < 0.8 });
  d = connect(d, { node: 'a', port: 'out' }, { node: 'fc', port: 'x' });
  const outs = (): { node: string; port: string }[] => d.nodes.flatMap((n) => registry.get(n.kind)!.outputs.map((p) => ({ node: n.id, port: p.id })));
  const unary: [string, Record<string, unknown>][] = [
    ['sigmoid', {}], ['tanh', {}], ['exp', {}], ['log', {}], ['relu', {}], ['leakyRelu', { slope: 0.1 }], ['pow', { exponent: pick([2, 3, -1, 0.5]) }],
    ['softmax', { axis: pick([-1, 0]) }], ['logSoftmax', { axis: -1 }], ['sum', { axis: pick([null, 0, -1]), keepdims: g.random() < 0.5 }],
    ['mean', { axis: pick([null, 0, -1]), keepdims: g.random() < 0.5 }], ['reshape', { shape: [-1] }], ['transpose', { axes: [] }],
    ['linear', { inFeatures: 3, outFeatures: 2, seed: trial + 100 }],
  ];
  const binary = ['add', 'sub', 'mul', 'div', 'matmul'];
  for (let i = 0; i < 14; i++) {
    const before = d;
    try {
      if (g.random() < 0.55) {
        const [kind, params] = pick(unary);
        add(`u${i}`, kind, params);
        d = connect(d, pick(outs().filter((o) => o.node !== `u${i}`)), { node: `u${i}`, port: 'x' });
      } else {
        add(`b${i}`, pick(binary));
        const earlier = outs().filter((o) => o.node !== `b${i}`);
        d = connect(connect(d, pick(earlier), { node: `b${i}`, port: 'a' }), pick(earlier), { node: `b${i}`, port: 'b' });
      }
    } catch {
      d = before; // a connection the app refuses (shapes)
    }
  }
  // Losses on what is there: MSE of the Linear against any node, cross-entropy against the data's targets, the BCEs.
  add('p', 'sigmoid');
  d = connect(d, { node: 'fc', port: 'out' }, { node: 'p', port: 'x' });
  const tries: [string, string, { node: string; port: string }, { node: string; port: string }][] = [
    ['mse', 'mseLoss', { node: 'fc', port: 'out' }, { node: pick(d.nodes.map((n) => n.id)), port: 'out' }],
    ['ce', 'crossEntropyLoss', { node: 'fc', port: 'out' }, { node: 'data', port: 'y' }],
    ['bcel', 'bceWithLogitsLoss', { node: 'fc', port: 'out' }, { node: 'p', port: 'out' }],
    ['bce', 'bceLoss', { node: 'p', port: 'out' }, { node: pick(['p', 'fc']), port: 'out' }],
  ];
  for (let i = tries.length - 1; i > 0; i--) { const j = Math.floor(g.random() * (i + 1)); [tries[i], tries[j]] = [tries[j]!, tries[i]!]; }
  for (const [id, kind, p, t] of tries) {
    const before = d;
    try {
      add(id, kind);
      d = connect(connect(d, p, { node: id, port: 'prediction' }), t, { node: id, port: 'target' });
    } catch {
      d = before;
    }
  }
  // Drop what does not compute (a BCE on values outside [0, 1], a class index out of range), then add the objective.
  for (;;) {
    const ev = evaluateDocument(d);
    const failed = d.nodes.filter((n) => ev.nodes.get(n.id)!.status === 'error').map((n) => n.id);
    if (failed.length === 0) break;
    d = removeNodes(d, failed);
  }
  const last = d.nodes[d.nodes.length - 1]!;
  if (registry.get(last.kind)!.isLoss) return setObjective(d, { node: last.id, port: 'loss' });
  add('total', 'sum');
  d = connect(d, { node: last.id, port: registry.get(last.kind)!.outputs[0]!.id }, { node: 'total', port: 'x' });
  return setObjective(d, { node: 'total', port: 'out' });
}

describe('PyTorch export', () => {
  it('has a PyTorch form for every kind', () => {
    expect(ALL_KINDS.map((k) => k.id).filter((id) => !(id in PYTORCH))).toEqual([]);
  });

  it('refuses a kind with no PyTorch form, and a node that does not compute, naming the node', () => {
    const relu = ALL_KINDS.find((k) => k.id === 'relu')!;
    const reg = new KindRegistry([...ALL_KINDS, { ...relu, id: 'noTorch', label: 'No torch', paletteOrder: 999 }]);
    let d = addNode(createDocument(), { id: 'x', kind: 'tensor', position: at }, reg);
    d = addNode(d, { id: 'odd', kind: 'noTorch', position: at }, reg);
    d = connect(d, { node: 'x', port: 'out' }, { node: 'odd', port: 'x' }, reg);
    expect(() => exportPytorch(d, { registry: reg })).toThrow(ExportError);
    expect(() => exportPytorch(d, { registry: reg })).toThrow(/'odd'.*No torch kind has no PyTorch form/);
    const loose = addNode(createDocument(), { id: 'lonely-add', kind: 'add', position: at });
    try {
      exportPytorch(loose);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExportError);
      expect((e as ExportError).node).toBe('lonely-add');
      expect((e as Error).message).toMatch(/input 'a' is not connected/);
    }
  });

  it('writes node ids that are not Python identifiers, NaN and ±Inf constants, and float64 as Python can read them', () => {
    let d = createDocument({ title: 'odd """ names \\', now: '2026-12-05T12:00:00.000Z' });
    d = addNode(d, { id: 'my-input.1', kind: 'tensor', position: at, params: { values: [NaN, Infinity, -Infinity, 1.5], shape: [2, 2], dtype: 'float64', requiresGrad: true } });
    d = addNode(d, { id: 'class', kind: 'tanh', position: at });
    d = addNode(d, { id: '_2x', kind: 'sum', position: at });
    d = connect(connect(d, { node: 'my-input.1', port: 'out' }, { node: 'class', port: 'x' }), { node: 'class', port: 'out' }, { node: '_2x', port: 'x' });
    // A tensor named like the Data set's x attribute: the two get different attributes and variables.
    d = addNode(d, { id: 'data_x', kind: 'tensor', position: at });
    d = addNode(d, { id: 'data', kind: 'dataset', position: at, params: { n: 20, rows: 2 } });
    d = setObjective(d, { node: '_2x', port: 'out' });
    const script = exportPytorch(d);
    expect(script).toContain('self.register_buffer("data_x_2", ');
    expect(script).toContain('torch.tensor([NAN, INF, -INF, 1.5], dtype=torch.float64).reshape(2, 2)');
    expect(script).toMatch(/^ {8}n_class = torch\.tanh\(my_input_1\)$/m);
    expect(script).toMatch(/^ {8}n__2x = n_class\.sum\(\)$/m);
    expect(script).toContain('"my-input.1": {"out": my_input_1}');
    if (python) {
      const file = join(tmp, 'odd.py');
      writeFileSync(file, script);
      const [report] = runScripts([file]) as PyReport[];
      expect(compare('odd names', d, evaluateDocument(d), report!)).toBe(6);
      expect(report!.nodes['my-input.1']!.out!.value).toEqual(['NaN', 'Infinity', '-Infinity', 1.5]);
    }
  });

  it.skipIf(skip)('runs as `python3 OUT.py --json` after `sorix-studio export --to pytorch -o OUT.py`', () => {
    const out = join(tmp, 'xor.py');
    const cli = spawnSync(process.execPath, [join(root, 'src/cli/sorix-studio.mjs'), 'export', join(root, 'assets/examples/xor.sorix.json'), '--to', 'pytorch', '-o', out], { encoding: 'utf8', timeout: 60_000 });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const r = spawnSync(python!, [out, '--json'], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as PyReport;
    // The CLI's own eval --json, port by port.
    const ev = spawnSync(process.execPath, [join(root, 'src/cli/sorix-studio.mjs'), 'eval', join(root, 'assets/examples/xor.sorix.json'), '--json'], { encoding: 'utf8', timeout: 60_000 });
    const app = JSON.parse(ev.stdout) as { nodes: { id: string; outputs: Record<string, { shape: number[]; value: unknown; grad: unknown }> }[] };
    let checked = 0;
    for (const n of app.nodes) {
      for (const [p, o] of Object.entries(n.outputs)) {
        const py = report.nodes[n.id]![p]!;
        expect(py.shape).toEqual(o.shape);
        const want = [o.value].flat(Infinity) as Num[];
        py.value.forEach((v, i) => expect(close(decode(v), decode(want[i]!)), `${n.id}.${p}[${i}]`).toBe(true));
        expect(py.grad === null).toBe(o.grad === null);
        checked++;
      }
    }
    expect(checked).toBe(7);
  }, 600_000);

  it.skipIf(skip)('computes every example’s values and gradients as the app does (float32 tolerance)', () => {
    const docs = exampleDocs();
    const paths = docs.map(({ name, doc }) => {
      const p = join(tmp, name.replace(/\.sorix\.json$/, '.py').replace(/-/g, '_'));
      writeFileSync(p, exportPytorch(doc));
      return p;
    });
    const reports = runScripts(paths) as PyReport[];
    let ports = 0;
    docs.forEach(({ name, doc }, i) => { ports += compare(name, doc, evaluateDocument(doc), reports[i]!); });
    expect(docs.length).toBeGreaterThanOrEqual(7);
    expect(ports).toBeGreaterThan(40);
  }, 600_000);

  it.skipIf(skip)('computes 30 random graphs over every kind as the app does', () => {
    const g = new Generator(1013);
    const docs = Array.from({ length: 30 }, (_, t) => randomGraph(g, t));
    const kinds = new Set(docs.flatMap((d) => d.nodes.map((n) => n.kind)));
    expect([...ALL_KINDS.map((k) => k.id)].filter((k) => !kinds.has(k))).toEqual([]);
    const paths = docs.map((doc, t) => {
      const p = join(tmp, `random_${t}.py`);
      writeFileSync(p, exportPytorch(doc));
      return p;
    });
    const reports = runScripts(paths) as PyReport[];
    let ports = 0;
    let grads = 0;
    docs.forEach((doc, t) => {
      const ev = evaluateDocument(doc);
      ports += compare(`random graph ${t}`, doc, ev, reports[t]!);
      grads += [...ev.nodes.values()].flatMap((r) => [...Object.values(r.outputs), ...Object.values(r.params)]).filter((o) => o.grad !== null).length;
    });
    expect(ports).toBeGreaterThan(300);
    expect(grads).toBeGreaterThan(150);
  }, 600_000);
});
