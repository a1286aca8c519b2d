import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fmtShape, type Tensor } from '../engine';
import {
  APP_VERSION, LIMITS, evaluateDocument, fileJsonSchema, parseDocument, saveDocument, type EvaluationResult, type GraphDocument, type PortResult, type Problem, type TensorStats,
} from '../document';
import { BUILTINS, builtinIfLoaded, provideBuiltin, type BuiltinName } from '../data';
import { registry, type KindRegistry } from '../kinds';
import { CompileError, Trainer, TrainSetupError, type EpochMetrics } from '../train';
import { GRADCHECK_DEFAULTS, checkDocument, runToEnd, type GradCheckReport, type InputCheck } from '../train/gradcheck';
import { ExportError, exportPytorch } from '../export/pytorch';

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: a teacher's script can tell a broken file from a graph whose nodes fail. */
export const EXIT = { ok: 0, invalidFile: 1, usage: 2, nodesFailed: 3 } as const;

const HELP = `Sorix Studio ${APP_VERSION}: evaluate and check graph files (.sorix.json) from the command line.

Usage:
  sorix-studio eval <file>... [--json]      evaluate each graph: every node's value and gradient, NumPy-printed
  sorix-studio validate <file>... [--json]  check each file and print every problem with its JSON path
  sorix-studio train <file> [--epochs N] [--seed S] [--json] [--out TRAINED.sorix.json]
                                            train the graph as its training set-up says, printing each epoch's
                                            loss (and accuracy); --out writes the trained graph
  sorix-studio gradcheck <file>... [--json] check every node's backward pass and the whole graph's against
                                            central finite differences in float64: the largest relative error
                                            |analytic − numeric| / max(|analytic| + |numeric|, 1e-8) per input, which
                                            passes at most 1e-6; inputs over ${GRADCHECK_DEFAULTS.maxElements} elements are checked on a seeded sample
  sorix-studio export <file> --to pytorch [-o OUT.py]
                                            write the graph as a PyTorch script (to OUT.py, or printed):
                                            an nn.Module with the graph's tensors and weights, backward()
                                            on the objective; \`python3 OUT.py --json\` prints eval --json's numbers
  sorix-studio schema                       print the JSON Schema of the file format (docs/sorix-graph.schema.json)
  sorix-studio --help | --version

Options:
  --json    print JSON instead: one object for one file, a list for several. An invalid file gives
            { "file", "valid": false, "problems": [{ "path", "message" }] }. NaN and ±Infinity are written
            as the strings "NaN", "Infinity" and "-Infinity". train --json prints one object:
            { "epochs": [{ "epoch", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy" }, …], "final",
            "steps", "seconds", "status" } (accuracies for classifiers only; testLoss null without test data).
            gradcheck --json prints { "file", "ok", "nodes": [{ "id", "input", "maxRelError", "ok", "checked",
            "size", "sampled", "kinks" }, …], "graph": { "objective", "ok", "leaves": [same entries] }, … }.

Exit status:
  0  every file is valid (eval: and every node computed)
  1  a file could not be read or is not a valid graph (the problems are printed)
  2  wrong usage
  3  eval: the files are valid but some node failed or was blocked (the messages are printed);
     train: the file is valid but cannot train, or the run stopped (e.g. the loss overflowed)
     gradcheck: a check failed (a gradient disagrees, or a node cannot compute)
     export: the graph cannot be exported (a node that does not compute, or a kind with no such form; named)
`;

function readText(file: string): { text: string } | { error: string } {
  try {
    const size = statSync(file).size;
    if (size > LIMITS.maxFileChars * 4) return { error: `the file is too large (${size} bytes)` };
    return { text: readFileSync(file, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : (e as Error).message };
  }
}

/** Checks one file's text: the document, or every problem. */
function load(text: string, reg: KindRegistry = registry): { doc: GraphDocument } | { problems: readonly Problem[] } {
  const parsed = parseDocument(text, { registry: reg });
  if (parsed.ok) provideBuiltinData(parsed.document);
  return parsed.ok ? { doc: parsed.document } : { problems: parsed.problems };
}

/**
 * Reads the built-in data sets a document's Data set nodes use from assets/datasets (the app bundles them; the
 * command line reads them from disk, synchronously, once). A file that cannot be read leaves the node to say so.
 */
function provideBuiltinData(doc: GraphDocument): void {
  for (const n of doc.nodes) {
    const set = n.params.set;
    if (n.kind !== 'dataset' || typeof set !== 'string' || !(set in BUILTINS) || builtinIfLoaded(set as BuiltinName)) continue;
    try {
      provideBuiltin(set as BuiltinName, readFileSync(new URL(`../../assets/datasets/${set}.csv`, import.meta.url), 'utf8'));
    } catch {
      // the node reports that its data is not loaded
    }
  }
}

function printProblems(file: string, problems: readonly Problem[], unreadable: boolean, io: CliIO): void {
  if (unreadable) { io.err(`${file}: ${problems[0]!.message}\n`); return; }
  io.err(`${file}: not a valid graph file (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n`);
  for (const p of problems) io.err(`  ${p.path}: ${p.message}\n`);
}

/** What the CLI reads files against: the app's kinds (tests add a kind with a planted wrong gradient). */
export interface CliOptions {
  readonly registry?: KindRegistry;
}

/** Runs the CLI on `argv` (without node and the script); returns the exit code. */
export function main(argv: readonly string[], io: CliIO = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }, opts: CliOptions = {}): number {
  const reg = opts.registry ?? registry;
  const args = [...argv];
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    (args.length === 0 ? io.err : io.out)(HELP);
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args.includes('--version')) { io.out(`${APP_VERSION}\n`); return EXIT.ok; }
  const [command, ...rest] = args;
  if (command === 'schema' && rest.length === 0) { io.out(`${JSON.stringify(fileJsonSchema(), null, 2)}\n`); return EXIT.ok; }
  if (command === 'train') return trainCommand(rest, io);
  if (command === 'export') return exportCommand(rest, io);
  const json = rest.includes('--json');
  const unknown = rest.filter((a) => a.startsWith('-') && a !== '--json');
  const files = rest.filter((a) => !a.startsWith('-'));
  const known = command === 'eval' || command === 'validate' || command === 'gradcheck';
  if (!known || unknown.length > 0 || files.length === 0) {
    const why = !known ? `unknown command '${command}'`
      : unknown.length > 0 ? `unknown option ${unknown.join(' ')}` : 'no file given';
    io.err(`sorix-studio: ${why}\n\n${HELP}`);
    return EXIT.usage;
  }
  let code: number = EXIT.ok;
  // JSON reports are written one by one as each file is done, each tensor straight from its data: the output of a
  // folder of files, or of one 16 Mi-value tensor, is far larger than a string may be (and than memory should hold).
  const w = new JsonWriter(io.out);
  const several = files.length > 1;
  let written = 0;
  const report = (r: unknown): void => {
    if (several) w.write(written === 0 ? '[\n  ' : ',\n  ');
    writeJson(w, r, several ? '  ' : '');
    written++;
  };
  for (const file of files) {
    const r = readText(file);
    // A file that cannot be read is one problem at `$`.
    const loaded = 'error' in r ? { problems: [{ path: '$', message: r.error }] } : load(r.text, reg);
    if ('problems' in loaded) {
      code = Math.max(code, EXIT.invalidFile);
      if (json) report({ file, valid: false, problems: loaded.problems });
      else printProblems(file, loaded.problems, 'error' in r, io);
      continue;
    }
    const doc = loaded.doc;
    if (command === 'validate') {
      if (json) report({ file, valid: true, nodes: doc.nodes.length, edges: doc.edges.length });
      else io.out(`${file}: valid (${doc.nodes.length} node${doc.nodes.length === 1 ? '' : 's'}, ${doc.edges.length} edge${doc.edges.length === 1 ? '' : 's'})\n`);
      continue;
    }
    const ev = evaluateDocument(doc, reg);
    if (command === 'gradcheck') {
      const g = runToEnd(checkDocument(doc, ev, { registry: reg }));
      if (!g.ok) code = Math.max(code, EXIT.nodesFailed);
      if (json) report(gradcheckJson(file, g));
      else io.out(gradcheckText(file, doc, g));
      continue;
    }
    const failed = [...ev.nodes.values()].some((n) => n.status !== 'ok');
    if (failed) code = Math.max(code, EXIT.nodesFailed);
    if (json) report(jsonReport(file, doc, ev));
    else io.out(textReport(file, doc, ev));
  }
  if (json) { w.write(several ? '\n]\n' : '\n'); w.flush(); }
  return code;
}

function indent(text: string, pad: string): string {
  return text.split('\n').join(`\n${pad}`);
}

function portText(label: string, r: PortResult): string {
  const pad = '      ';
  const lines = [`    ${label}: shape ${fmtShape(r.shape)} ${r.dtype}`, `      value: ${indent(r.value.format(), `${pad}       `)}`];
  lines.push(`      grad:  ${r.grad ? indent(r.grad.format(), `${pad}       `) : '—'}`);
  return lines.join('\n');
}

function textReport(file: string, doc: GraphDocument, ev: EvaluationResult): string {
  const lines = [`${basename(file)}: ${doc.title}`];
  const obj = ev.objective ? ev.nodes.get(ev.objective.node)?.outputs[ev.objective.port] : undefined;
  lines.push(ev.objective && obj ? `objective: ${ev.objective.node}.${ev.objective.port} = ${obj.value.format()}` : 'objective: none');
  if (ev.objectiveMessage) lines.push(ev.objectiveMessage);
  for (const id of [...ev.order, ...doc.nodes.map((n) => n.id).filter((i) => !ev.order.includes(i))]) {
    const node = doc.nodes.find((n) => n.id === id)!;
    const r = ev.nodes.get(id)!;
    const kind = registry.get(node.kind);
    lines.push('', `  ${id} (${kind?.label ?? node.kind}${node.name && node.name !== id ? ` '${node.name}'` : ''})`);
    if (r.status === 'error') lines.push(`    error: ${r.error!.message}`);
    else if (r.status === 'blocked') lines.push(`    blocked: depends on ${r.blockedBy!.map((b) => `'${b}'`).join(', ')}, which failed`);
    for (const w of r.warnings) lines.push(`    warning: ${w}`);
    for (const [port, o] of Object.entries(r.outputs)) lines.push(portText(port, o));
    for (const [name, o] of Object.entries(r.params)) lines.push(portText(`param ${name}`, o));
  }
  return `${lines.join('\n')}\n\n`;
}

/** A tensor in a report: written as nested lists straight from its data. */
class TensorJson {
  constructor(readonly t: Tensor) {}
}
const arr = (t: Tensor | null): unknown => (t ? new TensorJson(t) : null);
const statsJson = (s: TensorStats | null): unknown => s;

function jsonReport(file: string, doc: GraphDocument, ev: EvaluationResult): unknown {
  const port = (o: PortResult) => ({ shape: o.shape, dtype: o.dtype, value: arr(o.value), grad: arr(o.grad), stats: statsJson(o.stats), gradStats: statsJson(o.gradStats) });
  return {
    file,
    valid: true,
    title: doc.title,
    objective: ev.objective,
    objectiveMessage: ev.objectiveMessage,
    nodes: doc.nodes.map((n) => {
      const r = ev.nodes.get(n.id)!;
      return {
        id: n.id,
        kind: n.kind,
        ...(n.name !== undefined ? { name: n.name } : {}),
        status: r.status,
        ...(r.error ? { error: r.error.message } : {}),
        ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}),
        ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
        outputs: Object.fromEntries(Object.entries(r.outputs).map(([p, o]) => [p, port(o)])),
        ...(Object.keys(r.params).length > 0 ? { params: Object.fromEntries(Object.entries(r.params).map(([p, o]) => [p, port(o)])) } : {}),
      };
    }),
  };
}

/** Collects output in pieces of about 64 K characters. */
class JsonWriter {
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly out: (text: string) => void) {}
  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size >= 65_536) this.flush();
  }
  flush(): void {
    if (this.size > 0 || this.buf.length > 0) this.out(this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
}

/** JSON has no NaN or Infinity: write them as strings rather than as a silent null. */
function num(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
  return JSON.stringify(v);
}

/** The same as a JSON.stringify replacer, for the small objects written in one piece. */
function finite(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? JSON.parse(num(v)) as string : v;
}

/** Writes `v` exactly as `JSON.stringify(v, null, 2)` would (non-finite numbers as strings), in pieces. */
function writeJson(w: JsonWriter, v: unknown, indent: string): void {
  if (v instanceof TensorJson) { writeTensor(w, v.t, 0, 0, indent); return; }
  if (typeof v === 'number') { w.write(num(v)); return; }
  if (v === null || typeof v !== 'object') { w.write(JSON.stringify(v) ?? 'null'); return; }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) { w.write('[]'); return; }
    w.write('[');
    v.forEach((x, i) => {
      w.write(`${i > 0 ? ',' : ''}\n${inner}`);
      writeJson(w, x === undefined || typeof x === 'function' ? null : x, inner);
    });
    w.write(`\n${indent}]`);
    return;
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== 'function');
  if (entries.length === 0) { w.write('{}'); return; }
  w.write('{');
  entries.forEach(([k, x], i) => {
    w.write(`${i > 0 ? ',' : ''}\n${inner}${JSON.stringify(k)}: `);
    writeJson(w, x, inner);
  });
  w.write(`\n${indent}}`);
}

/** A tensor's values as nested lists (a number for a 0-d tensor), from `offset` in its data at axis `dim`. */
function writeTensor(w: JsonWriter, t: Tensor, dim: number, offset: number, indent: string): void {
  if (dim === t.shape.length) { w.write(num(t.data[offset]!)); return; }
  const n = t.shape[dim]!;
  if (n === 0) { w.write('[]'); return; }
  const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
  const inner = `${indent}  `;
  w.write('[');
  for (let i = 0; i < n; i++) {
    w.write(`${i > 0 ? ',' : ''}\n${inner}`);
    writeTensor(w, t, dim + 1, offset + i * stride, inner);
  }
  w.write(`\n${indent}]`);
}

/** One entry of a gradient check's JSON report. */
function checkJson(c: InputCheck): Record<string, unknown> {
  return {
    id: c.id, input: c.input, maxRelError: c.maxRelError, ok: c.ok, checked: c.checked, size: c.size, sampled: c.sampled, kinks: c.kinks,
    ...(c.worst ? { worst: c.worst } : {}), ...(c.skipped ? { skipped: c.skipped } : {}),
  };
}

function gradcheckJson(file: string, g: GradCheckReport): unknown {
  return {
    file,
    ok: g.ok,
    nodes: g.nodes.flatMap((n) => (n.error ? [{ id: n.id, input: null, maxRelError: null, ok: false, error: n.error }] : n.inputs.map(checkJson))),
    graph: {
      objective: g.graph.objective, ok: g.graph.ok, leaves: g.graph.leaves.map(checkJson),
      ...(g.graph.error ? { error: g.graph.error } : {}), ...(g.graph.skipped ? { skipped: g.graph.skipped } : {}),
    },
    tolerance: g.tolerance,
    maxElements: g.maxElements,
    relativeError: '|analytic - numeric| / max(|analytic| + |numeric|, 1e-8)',
  };
}

const e2 = (v: number): string => (Number.isFinite(v) ? v.toExponential(1) : String(v));

function checkLine(c: InputCheck, width: number): string {
  const name = `${c.id} ${c.input}`.padEnd(width);
  if (c.skipped) return `  ${name}  skipped: ${c.skipped}`;
  const sample = `${c.checked}${c.sampled ? ` of ${c.size} (sampled)` : `/${c.size}`}${c.kinks > 0 ? `, ${c.kinks} not differentiable here (kink)` : ''}`;
  return `  ${name}  ${c.ok ? 'ok  ' : 'FAIL'}  max rel error ${e2(c.maxRelError).padEnd(7)}  ${sample}${!c.ok && c.worst ? `  (element ${c.worst.index}: analytic ${c.worst.analytic}, numeric ${c.worst.numeric})` : ''}`;
}

function gradcheckText(file: string, doc: GraphDocument, g: GradCheckReport): string {
  const all = [...g.nodes.flatMap((n) => n.inputs), ...g.graph.leaves];
  const width = Math.max(8, ...all.map((c) => c.id.length + 1 + c.input.length));
  const worst = all.reduce((m, c) => Math.max(m, c.maxRelError), 0);
  const lines = [`${basename(file)}: ${doc.title}`, `gradient check ${g.ok ? 'passed' : 'FAILED'}: largest relative error ${e2(worst)} (passes at most ${e2(g.tolerance)})`, '', 'each node (its kind in float64, a fixed random upstream gradient):'];
  for (const n of g.nodes) {
    if (n.error) lines.push(`  ${n.id.padEnd(width)}  FAIL  ${n.error}`);
    for (const c of n.inputs) lines.push(checkLine(c, width));
  }
  const o = g.graph.objective;
  lines.push('', o ? `the whole graph (∂${o.node}.${o.port} in float64 with respect to every leaf):` : 'the whole graph:');
  if (g.graph.error) lines.push(`  FAIL  ${g.graph.error}`);
  if (g.graph.skipped) lines.push(`  not checked: ${g.graph.skipped}`);
  for (const c of g.graph.leaves) lines.push(checkLine(c, width));
  lines.push('', `relative error = |analytic − numeric| / max(|analytic| + |numeric|, 1e-8); at most ${g.maxElements} elements per input (a seeded sample beyond that)`);
  return `${lines.join('\n')}\n\n`;
}

/** `train FILE [--epochs N] [--seed S] [--json] [--out FILE]`: the options, or why they are wrong. */
function trainArgs(rest: readonly string[]): { file: string; epochs?: number; seed?: number; json: boolean; out?: string } | { error: string } {
  let file: string | undefined, out: string | undefined, epochs: number | undefined, seed: number | undefined, json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') { json = true; continue; }
    if (a === '--epochs' || a === '--seed' || a === '--out') {
      const v = rest[++i];
      if (v === undefined) return { error: `${a} needs a value` };
      if (a === '--out') { out = v; continue; }
      const n = Number(v);
      const max = a === '--epochs' ? 1_000_000 : 4294967295;
      if (!/^\d+$/.test(v) || n > max || (a === '--epochs' && n < 1)) return { error: `${a} must be a whole number${a === '--epochs' ? ' from 1' : ' from 0'} to ${max}, not '${v}'` };
      if (a === '--epochs') epochs = n; else seed = n;
      continue;
    }
    if (a.startsWith('-')) return { error: `unknown option ${a}` };
    if (file !== undefined) return { error: 'train takes one file' };
    file = a;
  }
  if (file === undefined) return { error: 'no file given' };
  return { file, json, ...(epochs !== undefined ? { epochs } : {}), ...(seed !== undefined ? { seed } : {}), ...(out !== undefined ? { out } : {}) };
}

/** An epoch's numbers as the JSON report gives them: accuracies only for classifiers. */
function epochJson(m: EpochMetrics): Record<string, unknown> {
  return {
    epoch: m.epoch, trainLoss: m.trainLoss, testLoss: m.testLoss,
    ...(m.trainAccuracy !== undefined ? { trainAccuracy: m.trainAccuracy, testAccuracy: m.testAccuracy ?? null } : {}),
  };
}

const pct = (v: number): string => `${(100 * v).toFixed(1)} %`;

function epochLine(m: EpochMetrics, epochs: number): string {
  const parts = [`epoch ${String(m.epoch).padStart(String(epochs).length)}/${epochs}`, `train loss ${m.trainLoss.toPrecision(6)}`];
  if (m.testLoss !== null) parts.push(`test loss ${m.testLoss.toPrecision(6)}`);
  if (m.trainAccuracy !== undefined) parts.push(`train acc ${pct(m.trainAccuracy)}`);
  if (m.testAccuracy !== undefined && m.testAccuracy !== null) parts.push(`test acc ${pct(m.testAccuracy)}`);
  parts.push(`lr ${m.lr}`, `${Math.round(m.stepsPerSecond)} steps/s`);
  return `${parts.join('  ')}\n`;
}

/** Trains one file with the training loop the app uses; prints each epoch (or one JSON object). */
function trainCommand(rest: readonly string[], io: CliIO): number {
  const opts = trainArgs(rest);
  if ('error' in opts) { io.err(`sorix-studio train: ${opts.error}\n\n${HELP}`); return EXIT.usage; }
  const r = readText(opts.file);
  const loaded = 'error' in r ? { problems: [{ path: '$', message: r.error }] } : load(r.text);
  if ('problems' in loaded) {
    if (opts.json) io.out(`${JSON.stringify({ file: opts.file, valid: false, problems: loaded.problems }, finite, 2)}\n`);
    else printProblems(opts.file, loaded.problems, 'error' in r, io);
    return EXIT.invalidFile;
  }
  const doc = loaded.doc;
  let trainer: Trainer;
  try {
    trainer = new Trainer(doc, {
      overrides: { ...(opts.epochs !== undefined ? { epochs: opts.epochs } : {}), ...(opts.seed !== undefined ? { seed: opts.seed } : {}) },
      snapshotEvery: 0,
      onEvent: (e) => { if (e.type === 'epoch' && !opts.json) io.out(epochLine(e.metrics, trainer.setup.epochs)); },
    });
  } catch (err) {
    if (!(err instanceof CompileError || err instanceof TrainSetupError)) throw err;
    io.err(`${opts.file}: cannot train: ${err.message}\n`);
    return EXIT.nodesFailed;
  }
  if (!opts.json) {
    const s = trainer.setup;
    io.out(`${basename(opts.file)}: ${doc.title}\ntraining ${trainer.program.parameters().length} parameter tensors with ${s.optimizer.name} (lr ${s.optimizer.lr}), ${s.epochs} epochs of ${trainer.batchesPerEpoch} batch${trainer.batchesPerEpoch === 1 ? '' : 'es'} of ${s.batchSize}, seed ${s.seed}\n`);
  }
  trainer.run();
  const result = trainer.result();
  const ok = result.status === 'done';
  if (opts.json) {
    io.out(`${JSON.stringify({
      epochs: result.epochs.map(epochJson), final: result.final ? epochJson(result.final) : null, steps: result.steps, seconds: result.seconds,
      status: result.status, ...(result.message ? { message: result.message } : {}),
    }, finite, 2)}\n`);
  } else {
    io.out(`${ok ? 'done' : result.status}: ${result.steps} steps in ${result.seconds.toFixed(2)} s\n`);
  }
  if (!ok) { io.err(`${opts.file}: training stopped: ${result.message}\n`); return EXIT.nodesFailed; }
  if (opts.out) {
    try {
      writeFileSync(opts.out, saveDocument(trainer.writeBack(doc)).text);
    } catch (err) {
      io.err(`${opts.out}: could not write the trained graph: ${(err as Error).message}\n`);
      return EXIT.invalidFile;
    }
    if (!opts.json) io.out(`wrote the trained graph to ${opts.out}\n`);
  }
  return EXIT.ok;
}

/** The formats \`export --to\` writes. */
const EXPORT_FORMATS = ['pytorch'] as const;

/** \`export FILE --to pytorch [-o OUT]\`: the options, or why they are wrong. */
function exportArgs(rest: readonly string[]): { file: string; to: string; out?: string } | { error: string } {
  let file: string | undefined, to: string | undefined, out: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--to' || a === '-o' || a === '--out') {
      const v = rest[++i];
      if (v === undefined) return { error: `${a} needs a value` };
      if (a === '--to') to = v; else out = v;
      continue;
    }
    if (a.startsWith('-')) return { error: `unknown option ${a}` };
    if (file !== undefined) return { error: 'export takes one file' };
    file = a;
  }
  if (file === undefined) return { error: 'no file given' };
  if (to === undefined) return { error: `say which format with --to (${EXPORT_FORMATS.join(', ')})` };
  if (!(EXPORT_FORMATS as readonly string[]).includes(to)) return { error: `cannot export to '${to}' (formats: ${EXPORT_FORMATS.join(', ')})` };
  return { file, to, ...(out !== undefined ? { out } : {}) };
}

/** Writes one file as a script; exit 3 names the node that cannot be exported. */
function exportCommand(rest: readonly string[], io: CliIO): number {
  const opts = exportArgs(rest);
  if ('error' in opts) { io.err(`sorix-studio export: ${opts.error}\n\n${HELP}`); return EXIT.usage; }
  const r = readText(opts.file);
  const loaded = 'error' in r ? { problems: [{ path: '$', message: r.error }] } : load(r.text);
  if ('problems' in loaded) { printProblems(opts.file, loaded.problems, 'error' in r, io); return EXIT.invalidFile; }
  let script: string;
  try {
    script = exportPytorch(loaded.doc);
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    io.err(`${opts.file}: ${err.message}\n`);
    return EXIT.nodesFailed;
  }
  if (opts.out === undefined) { io.out(script); return EXIT.ok; }
  try {
    writeFileSync(opts.out, script);
  } catch (err) {
    io.err(`${opts.out}: could not write the script: ${(err as Error).message}\n`);
    return EXIT.invalidFile;
  }
  io.out(`wrote ${opts.out}\n`);
  return EXIT.ok;
}
