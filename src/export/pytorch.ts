import type { DType } from '../engine';
import {
  APP_NAME, APP_VERSION, describeNode, effectiveObjective, evaluateDocument, incomingEdges, type EvaluationResult, type GraphDocument, type GraphNode, type PortResult,
} from '../document';
import { registry as defaultRegistry, type KindDef, type KindRegistry, type Params, type Shape } from '../kinds';

/**
 * PyTorch export: a document as a readable Python script that needs only torch. The script builds an `nn.Module`
 * holding the graph's tensors and current weights, computes every node as the app does, calls `backward()` on the
 * objective and, run with `--json`, prints as its last line every node's value and gradient:
 * `{"nodes": {id: {port: {"shape", "value", "grad"}}}, "params": {id: {"W": …, "b": …}}, "objective": …}`, flat values
 * with NaN and ±Infinity as the strings the CLI's `eval --json` writes, so the two compare directly.
 *
 * One emitter per kind, in PYTORCH below (a test checks that every registered kind has one); a kind without one is
 * refused, naming the node.
 */

/** Why a document cannot be exported: a message naming the node (`node` is its id), or the whole graph. */
export class ExportError extends Error {
  constructor(message: string, readonly node?: string) {
    super(message);
    this.name = 'ExportError';
  }
}

/** What an emitter gets for one node. */
export interface PyContext {
  readonly node: GraphNode;
  readonly kind: KindDef;
  readonly params: Params;
  /** The Python expression of an input port, converted to `dtype` when given and different. */
  input(port: string, dtype?: DType): string;
  inputShape(port: string): Shape;
  inputDType(port: string): DType;
  /** What the app computed at an output port (its value, shape and dtype). */
  output(port: string): PortResult;
  /** The dtype of the node's (first) output: binary ops and losses convert their inputs to it. */
  readonly dtype: DType;
  /** The module attribute for this node's constant (suffixed for a second one): `self.<name>`. */
  attr(suffix?: string): string;
}

/** An emitter's answer: lines for `__init__` (sources and layers), the expression of each output, notes. */
export interface PyNode {
  readonly init?: readonly string[];
  /** One expression per output port (a string for a single output). */
  readonly forward: string | Readonly<Record<string, string>>;
  /** Comment lines shown above the node's code. */
  readonly notes?: readonly string[];
}

export type PyEmitter = (c: PyContext) => PyNode;

const TORCH_DTYPE: Record<DType, string> = { float32: 'torch.float32', float64: 'torch.float64' };

/** A number as a Python literal; NaN and ±Infinity as the script's NAN and INF. */
export function pyNumber(v: number): string {
  if (Number.isNaN(v)) return 'NAN';
  if (v === Infinity) return 'INF';
  if (v === -Infinity) return '-INF';
  if (Object.is(v, -0)) return '-0.0';
  return String(v);
}

/** The shortest decimal that reads back as the same float32 (weights print as in the file, not as 0.100000001…). */
function shortFloat32(v: number): number {
  if (!Number.isFinite(v)) return v;
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(f.toPrecision(p));
    if (Math.fround(s) === f) return s;
  }
  return f;
}

/** Values as a Python list, wrapped to lines of about 100 characters under `indent`. */
function pyList(values: ArrayLike<number>, dtype: DType, indent: string): string {
  const items = Array.from(values, (v) => pyNumber(dtype === 'float32' ? shortFloat32(v) : v));
  if (items.join(', ').length < 80) return `[${items.join(', ')}]`;
  const lines: string[] = [];
  let line = '';
  for (const it of items) {
    if (line.length + it.length > 96) { lines.push(line); line = ''; }
    line += `${it}, `;
  }
  if (line) lines.push(line);
  return `[\n${lines.map((l) => `${indent}    ${l.trimEnd()}`).join('\n')}\n${indent}]`;
}

const pyShape = (s: Shape): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);

/** `torch.tensor(values, dtype).reshape(shape)`, a 0-d tensor for a shape of (). */
function tensorLiteral(values: ArrayLike<number>, shape: Shape, dtype: DType, indent: string): string {
  if (shape.length === 0) return `torch.tensor(${pyNumber(values[0]!)}, dtype=${TORCH_DTYPE[dtype]})`;
  const t = `torch.tensor(${pyList(values, dtype, indent)}, dtype=${TORCH_DTYPE[dtype]})`;
  return shape.length === 1 ? t : `${t}.reshape${pyShape(shape)}`;
}

/** A constant held by the module: a Parameter when it requires grad (it gets a .grad), else a buffer. */
function holdConstant(c: PyContext, value: string, requiresGrad: boolean, suffix?: string): { init: string[]; forward: string } {
  const attr = c.attr(suffix);
  const name = attr.slice('self.'.length);
  return {
    init: [requiresGrad ? `${attr} = nn.Parameter(${value})` : `self.register_buffer(${JSON.stringify(name)}, ${value})`],
    forward: attr,
  };
}

/** A source node whose values are those the app computed (typed in, drawn, or read). */
const valuesSource = (requiresGrad: (p: Params) => boolean, note?: string): PyEmitter => (c) => {
  const o = c.output('out');
  return { ...holdConstant(c, tensorLiteral(o.value.data, o.shape, o.dtype, '        '), requiresGrad(c.params)), ...(note ? { notes: [note] } : {}) };
};

const rg = (p: Params): boolean => p.requiresGrad === true;

/** `a op b` with both sides in the result's dtype (PyTorch lets a 0-d float64 tensor follow a float32 one). */
const binary = (op: string): PyEmitter => (c) => ({ forward: `${c.input('a', c.dtype)} ${op} ${c.input('b', c.dtype)}` });
const unary = (fn: string): PyEmitter => (c) => ({ forward: `${fn}(${c.input('x')})` });

/** The axis list PyTorch needs for a reduction over every axis with keepdim. */
function reduce(method: string): PyEmitter {
  return (c) => {
    const axis = c.params.axis as number | null, keep = c.params.keepdims === true;
    const x = c.input('x');
    if (axis === null) {
      const nd = c.inputShape('x').length;
      return { forward: keep && nd > 0 ? `${x}.${method}(dim=${pyShape(Array.from({ length: nd }, (_, i) => i))}, keepdim=True)` : `${x}.${method}()` };
    }
    return { forward: `${x}.${method}(dim=${axis}${keep ? ', keepdim=True' : ''})` };
  };
}

/** Prediction and target in the loss's dtype, then `F.<fn>`. */
const pointwiseLoss = (fn: string): PyEmitter => (c) => ({ forward: `F.${fn}(${c.input('prediction', c.dtype)}, ${c.input('target', c.dtype)})` });

/** Every kind's PyTorch form, by kind id. */
/** A data node's outputs as the canvas shows them (its first training rows), written out as constants. */
function dataConstants(c: PyContext, what: string): PyNode {
    const x = c.output('x'), y = c.output('y');
    const hx = holdConstant(c, tensorLiteral(x.value.data, x.shape, x.dtype, '        '), false, 'x');
    const hy = holdConstant(c, tensorLiteral(y.value.data, y.shape, y.dtype, '        '), false, 'y');
    return {
      init: [...hx.init, ...hy.init],
      forward: { x: hx.forward, y: hy.forward },
      notes: [
        `${what} as the canvas shows it: the first ${x.shape[0]} rows of its training split, written`,
        'out as constants (the full set and its test split are not in this script).',
      ],
    };
  }

export const PYTORCH: Readonly<Record<string, PyEmitter>> = {
  tensor: valuesSource(rg),
  scalar: valuesSource(rg),
  randomTensor: valuesSource(rg, 'Drawn by Sorix Studio’s seeded generator: its values are written out, since PyTorch’s generator draws other numbers.'),
  linspace: (c) => {
    const p = c.params;
    const t = `torch.linspace(${pyNumber(p.start as number)}, ${pyNumber(p.stop as number)}, ${p.steps as number}, dtype=torch.float64)`;
    return { ...holdConstant(c, c.dtype === 'float32' ? `${t}.float()` : t, rg(p)), notes: ['Computed in float64 (then rounded to the node’s dtype), as Sorix Studio does.'] };
  },
  range: (c) => {
    const p = c.params;
    const t = `torch.arange(${pyNumber(p.start as number)}, ${pyNumber(p.stop as number)}, ${pyNumber(p.step as number)}, dtype=torch.float64)`;
    return { ...holdConstant(c, c.dtype === 'float32' ? `${t}.float()` : t, rg(p)), notes: ['Computed in float64 (then rounded to the node’s dtype), as Sorix Studio does.'] };
  },
  dataset: (c) => dataConstants(c, `The data set '${String(c.params.set)}'`),
  csvData: (c) => dataConstants(c, `The CSV data '${String(c.params.file)}'`),
  add: binary('+'),
  sub: binary('-'),
  mul: binary('*'),
  div: binary('/'),
  matmul: (c) => ({ forward: `torch.matmul(${c.input('a', c.dtype)}, ${c.input('b', c.dtype)})` }),
  exp: unary('torch.exp'),
  log: unary('torch.log'),
  sigmoid: unary('torch.sigmoid'),
  tanh: unary('torch.tanh'),
  relu: unary('torch.relu'),
  leakyRelu: (c) => ({ forward: `F.leaky_relu(${c.input('x')}, negative_slope=${pyNumber(c.params.slope as number)})` }),
  pow: (c) => ({ forward: `torch.pow(${c.input('x')}, ${pyNumber(c.params.exponent as number)})` }),
  softmax: (c) => ({ forward: `torch.softmax(${c.input('x')}, dim=${c.params.axis as number})` }),
  logSoftmax: (c) => ({ forward: `torch.log_softmax(${c.input('x')}, dim=${c.params.axis as number})` }),
  sum: reduce('sum'),
  mean: reduce('mean'),
  reshape: (c) => ({ forward: `${c.input('x')}.reshape(${(c.params.shape as readonly number[]).join(', ') || '()'})` }),
  transpose: (c) => {
    const nd = c.inputShape('x').length;
    const axes = c.params.axes as readonly number[];
    const perm = axes.length === 0 ? Array.from({ length: nd }, (_, i) => nd - 1 - i) : axes.map((a) => (a < 0 ? a + nd : a));
    return { forward: `${c.input('x')}.permute(${perm.join(', ') || '()'})` };
  },
  linear: (c) => {
    const p = c.params;
    const i = p.inFeatures as number, o = p.outFeatures as number, bias = p.bias === true;
    const attr = c.attr();
    // Sorix Studio's W is (in, out), row by row; PyTorch's weight is (out, in): W transposed.
    const W = p.W as readonly number[];
    const weight = Array.from({ length: i * o }, (_, k) => W[(k % i) * o + Math.floor(k / i)]!);
    const init = [
      `${attr} = nn.Linear(${i}, ${o}${bias ? '' : ', bias=False'})`,
      'with torch.no_grad():',
      `    # PyTorch keeps the weight as (out, in) = (${o}, ${i}): Sorix Studio's W (${i}, ${o}), transposed.`,
      `    ${attr}.weight.copy_(${tensorLiteral(weight, [o, i], 'float32', '            ')})`,
      ...(bias ? [`    ${attr}.bias.copy_(${tensorLiteral(p.b as readonly number[], [o], 'float32', '            ')})`] : []),
    ];
    // A float64 input: the product is float64, as in Sorix Studio (the weights stay float32 parameters).
    const forward = c.inputDType('x') === 'float64'
      ? `F.linear(${c.input('x')}, ${attr}.weight.double()${bias ? `, ${attr}.bias.double()` : ''})`
      : `${attr}(${c.input('x')})`;
    return { init, forward, notes: [`x W + b with W of shape (${i}, ${o})${bias ? '' : ', no bias'}.`] };
  },
  mseLoss: pointwiseLoss('mse_loss'),
  bceLoss: pointwiseLoss('binary_cross_entropy'),
  bceWithLogitsLoss: pointwiseLoss('binary_cross_entropy_with_logits'),
  crossEntropyLoss: (c) => {
    const z = c.inputShape('prediction'), t = c.inputShape('target');
    const C = z[z.length - 1]!;
    const logits = z.length === 2 ? c.input('prediction') : `${c.input('prediction')}.reshape(-1, ${C})`;
    const isSoft = t.length === z.length && t[t.length - 1] === C;
    const target = isSoft
      ? `${c.input('target', c.dtype)}${t.length === 2 ? '' : `.reshape(-1, ${C})`}.detach()`
      : `${c.input('target')}.reshape(-1).long()`;
    return {
      forward: `F.cross_entropy(${logits}, ${target})`,
      notes: [isSoft ? 'Targets are probability (or one-hot) rows; as in Sorix Studio they get no gradient.' : 'Targets are class indices (whole numbers from 0 to C−1).'],
    };
  },
};

const KEYWORDS = new Set(('False None True and as assert async await break class continue def del elif else except finally for from global if '
  + 'import in is lambda nonlocal not or pass raise return try while with yield match case type').split(' '));
/** Names the script itself uses, and every attribute of nn.Module (a node called "train" must not replace the method). */
const RESERVED = new Set([
  'self', 'torch', 'nn', 'F', 'math', 'json', 'sys', 'NAN', 'INF', 'Model', 'main', 'out', 'model', 'objective',
  'T_destination', 'add_module', 'apply', 'bfloat16', 'buffers', 'children', 'cpu', 'cuda', 'double', 'dump_patches', 'eval', 'extra_repr', 'float',
  'forward', 'get_buffer', 'get_extra_state', 'get_parameter', 'get_submodule', 'half', 'ipu', 'load_state_dict', 'modules', 'named_buffers',
  'named_children', 'named_modules', 'named_parameters', 'parameters', 'register_backward_hook', 'register_buffer', 'register_forward_hook',
  'register_forward_pre_hook', 'register_full_backward_hook', 'register_load_state_dict_post_hook', 'register_module', 'register_parameter',
  'requires_grad_', 'set_extra_state', 'share_memory', 'state_dict', 'to', 'to_empty', 'train', 'training', 'xpu', 'zero_grad', 'compile', 'mtia',
]);

/** Gives each node (and port) a Python identifier: the id where it is one, else a cleaned, unique form. */
class Names {
  private used = new Set<string>();
  take(wanted: string): string {
    let base = wanted.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z]/.test(base) || KEYWORDS.has(base) || RESERVED.has(base)) base = `n_${base}`;
    let name = base;
    for (let k = 2; this.used.has(name); k++) name = `${base}_${k}`;
    this.used.add(name);
    return name;
  }
}

/** A comment line: no line breaks from names or titles. */
const comment = (text: string): string => `# ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`.trimEnd();

const PRELUDE = `import json
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

NAN = float("nan")
INF = float("inf")
`;

const REPORT = `def flat(t):
    """A tensor's values, flat (row by row), NaN and ±Infinity as strings as \`sorix-studio eval --json\` writes them."""
    values = t.detach().double().reshape(-1).tolist()
    return [v if math.isfinite(v) else ("NaN" if v != v else "Infinity" if v > 0 else "-Infinity") for v in values]


def port(value, grad):
    return {"shape": list(value.shape), "value": flat(value), "grad": None if grad is None else flat(grad)}
`;

/** Options: the registry (tests pass their own) and an evaluation already made for this document. */
export interface ExportOptions {
  readonly registry?: KindRegistry;
  readonly evaluation?: EvaluationResult;
}

/**
 * The document as a PyTorch script. Throws ExportError for a graph that cannot be exported: a node that does not
 * compute in the app (its message), or a kind with no PyTorch form.
 */
export function exportPytorch(doc: GraphDocument, opts: ExportOptions = {}): string {
  const reg = opts.registry ?? defaultRegistry;
  for (const n of doc.nodes) {
    const kind = reg.get(n.kind);
    if (kind && !Object.prototype.hasOwnProperty.call(PYTORCH, kind.id)) {
      throw new ExportError(`${describeNode(n, kind)}: the ${kind.label} kind has no PyTorch form yet, so this graph cannot be exported`, n.id);
    }
  }
  const ev = opts.evaluation ?? evaluateDocument(doc, reg);
  for (const id of [...ev.order, ...doc.nodes.map((n) => n.id)]) {
    const r = ev.nodes.get(id);
    if (!r || r.status === 'ok') continue;
    const node = doc.nodes.find((n) => n.id === id)!;
    const why = r.status === 'error' ? r.error!.message : `${describeNode(node, reg.get(node.kind))} is blocked by ${r.blockedBy!.map((b) => `'${b}'`).join(', ')}, which failed`;
    throw new ExportError(`cannot export: ${why}`, id);
  }

  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(doc);
  const names = new Names();
  const attrNames = new Names();
  const vars = new Map<string, string>(); // `${node}\0${port}` → local variable
  const init: string[] = [];
  const forward: string[] = [];
  const linears: { id: string; attr: string; bias: boolean }[] = [];

  for (const id of ev.order) {
    const node = byId.get(id)!;
    const kind = reg.get(node.kind)!;
    const result = ev.nodes.get(id)!;
    const label = describeNode(node, kind);
    const attrs = new Map<string, string>();
    const ctx: PyContext = {
      node, kind, params: node.params,
      input: (port, dtype) => {
        const e = incoming.get(id)!.get(port)!;
        const v = vars.get(`${e.source.node}\u0000${e.source.port}`)!;
        const from = ev.nodes.get(e.source.node)!.outputs[e.source.port]!.dtype;
        return dtype && dtype !== from ? `${v}.to(${TORCH_DTYPE[dtype]})` : v;
      },
      inputShape: (port) => { const e = incoming.get(id)!.get(port)!; return ev.nodes.get(e.source.node)!.outputs[e.source.port]!.shape; },
      inputDType: (port) => { const e = incoming.get(id)!.get(port)!; return ev.nodes.get(e.source.node)!.outputs[e.source.port]!.dtype; },
      output: (port) => result.outputs[port]!,
      dtype: result.outputs[kind.outputs[0]!.id]!.dtype,
      attr: (suffix = '') => {
        let a = attrs.get(suffix);
        if (a === undefined) { a = attrNames.take(suffix ? `${id}_${suffix}` : id); attrs.set(suffix, a); }
        return `self.${a}`;
      },
    };
    const emitted = PYTORCH[kind.id]!(ctx);
    const shapes = kind.outputs.map((p) => `${kind.outputs.length > 1 ? `${p.id} ` : ''}${pyShape(result.outputs[p.id]!.shape)} ${result.outputs[p.id]!.dtype}`).join(', ');
    const head = [comment(`${label}: ${shapes}`), ...(emitted.notes ?? []).map(comment)];
    if (emitted.init && emitted.init.length > 0) init.push('', ...head, ...emitted.init);
    const exprs = typeof emitted.forward === 'string' ? { [kind.outputs[0]!.id]: emitted.forward } : emitted.forward;
    forward.push('', ...head);
    for (const p of kind.outputs) {
      const v = names.take(kind.outputs.length > 1 ? `${id}_${p.id}` : id);
      vars.set(`${id}\u0000${p.id}`, v);
      forward.push(`${v} = ${exprs[p.id]!}`);
    }
    if (kind.id === 'linear') linears.push({ id, attr: ctx.attr(), bias: node.params.bias === true });
  }

  const ind = (lines: readonly string[], pad: string): string => lines.map((l) => (l ? `${pad}${l}` : '')).join('\n');
  const outDict = ev.order.map((id) => {
    const kind = reg.get(byId.get(id)!.kind)!;
    return `            ${JSON.stringify(id)}: {${kind.outputs.map((p) => `${JSON.stringify(p.id)}: ${vars.get(`${id}\u0000${p.id}`)!}`).join(', ')}},`;
  });
  const ref = effectiveObjective(doc, reg);
  const paramReport = linears.map(({ id, attr, bias }) => {
    const m = attr.replace(/^self\./, 'model.');
    const n = byId.get(id)!;
    const b = bias
      ? `port(${m}.bias.reshape(1, -1), None if ${m}.bias.grad is None else ${m}.bias.grad.reshape(1, -1))`
      : `port(torch.tensor(${pyList(n.params.b as readonly number[], 'float32', '                    ')}, dtype=torch.float32).reshape(1, -1), None)`;
    return [
      `                ${JSON.stringify(id)}: {`,
      `                    # Reported as Sorix Studio's W (in, out) and b (1, out).`,
      `                    "W": port(${m}.weight.t(), None if ${m}.weight.grad is None else ${m}.weight.grad.t()),`,
      `                    "b": ${b},`,
      '                },',
    ].join('\n');
  });

  const header = [
    '#!/usr/bin/env python3',
    comment(`${doc.title || 'Untitled graph'}: exported from ${APP_NAME} ${APP_VERSION} as a PyTorch script.`),
    ...(doc.description ? wrap(doc.description, 110).map(comment) : []),
    '#',
    '# Needs only PyTorch. Run:',
    '#   python3 THIS.py          computes the graph, calls backward() on the objective and prints the objective',
    '#   python3 THIS.py --json   prints, as its last line, every node\'s value and gradient as JSON:',
    '#     {"nodes": {"<node id>": {"<port>": {"shape": [...], "value": [flat...], "grad": [flat...] or null}}},',
    '#      "params": {"<Linear id>": {"W": ..., "b": ...}}, "objective": {"node", "port", "value"} or null}',
    '#   the numbers `sorix-studio eval --json` prints for the same file.',
    '# Tensors are float32 unless a node says float64, as in Sorix Studio.',
    ...(doc.training ? [
      '#',
      comment(`The document has a training set-up (${doc.training.optimizer.name}, lr ${doc.training.optimizer.lr}, ${doc.training.epochs} epochs, batches of ${doc.training.batchSize}, seed ${doc.training.seed}).`),
      '# This script does not train yet: it computes one forward and backward pass with the current weights. Train',
      '# the model further with any torch.optim optimiser on Model().parameters().',
    ] : []),
    '',
  ];

  const objectiveCode = ref
    ? [
      `    objective = out[${JSON.stringify(ref.node)}][${JSON.stringify(ref.port)}]`,
      '    # Backward starts from a single number, and only when something it depends on requires grad.',
      '    if objective.numel() == 1 and objective.requires_grad:',
      '        objective.backward()',
      '    report_objective = None if objective.numel() != 1 else {',
      `        "node": ${JSON.stringify(ref.node)}, "port": ${JSON.stringify(ref.port)}, "value": flat(objective)[0],`,
      '    }',
    ]
    : ['    # The graph names no objective (and has not exactly one loss): there is no backward pass.', '    report_objective = None'];

  return [
    ...header,
    PRELUDE,
    '',
    'class Model(nn.Module):',
    `    """${pyDocString(doc.title || 'The graph')}: its tensors and weights, and every node's computation."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ind(init, '        '),
    '',
    '    def forward(self):',
    '        """Computes every node, in an order where inputs come first; returns each node\'s outputs by port."""',
    ind(forward, '        '),
    '        return {',
    ...outDict,
    '        }',
    '',
    '',
    REPORT,
    '',
    'def main():',
    '    model = Model()',
    '    out = model()',
    '    # Keep the gradient of every intermediate result too, so that each node\'s gradient can be shown.',
    '    for ports in out.values():',
    '        for t in ports.values():',
    '            if t.requires_grad and not t.is_leaf:',
    '                t.retain_grad()',
    ...objectiveCode,
    '    if "--json" in sys.argv[1:]:',
    '        report = {',
    '            "nodes": {node: {p: port(t, t.grad) for p, t in ports.items()} for node, ports in out.items()},',
    '            "params": {',
    ...paramReport,
    '            },',
    '            "objective": report_objective,',
    '        }',
    '        print(json.dumps(report))',
    '    elif report_objective is not None:',
    '        print(f"objective {report_objective[\'node\']}.{report_objective[\'port\']} = {report_objective[\'value\']}")',
    '    else:',
    '        print("no objective: nothing to call backward() on")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n');
}

/** Text for a one-line docstring: no line breaks, quotes or backslashes that would end or escape it. */
const pyDocString = (s: string): string => s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\\/g, '\\\\').replace(/"/g, '\\"');

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + word.length + 1 > width) { lines.push(line); line = ''; }
      line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
