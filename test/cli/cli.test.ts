import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = join(root, 'src/cli/sorix-studio.mjs');
const example = (f: string): string => join(root, 'assets/examples', f);
const tmp = mkdtempSync(join(tmpdir(), 'sorix-cli-'));

/** Runs the command as a user does: a new Node process on the launcher named by package.json's bin. */
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function graphFile(name: string, mutate: (f: any) => void): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  const file = JSON.parse(readFileSync(example('seed.sorix.json'), 'utf8'));
  mutate(file);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

describe('the sorix-studio command', () => {
  it('is the package’s bin', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.bin['sorix-studio']).toBe('src/cli/sorix-studio.mjs');
  });

  it('prints help, and refuses wrong usage with status 2', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/sorix-studio eval <file>\.\.\. \[--json\]/);
    expect(run().code).toBe(2);
    const bad = run('fit', 'x.json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command 'fit'/);
    expect(run('eval').err).toMatch(/no file given/);
  });

  it('eval prints every node’s value and gradient as NumPy prints them (the seed page’s numbers)', () => {
    const r = run('eval', example('seed.sorix.json'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('objective: sum.out = 1.5');
    expect(r.out).toMatch(/sigmoid \(Sigmoid\)\n {4}out: shape \(3,\) float32\n {6}value: \[3\.8e-44 5\.0e-01 1\.0e\+00\]/);
    expect(r.out).toMatch(/x \(Tensor\)\n {4}out: shape \(3,\) float32\n {6}value: \[-100\. {4}0\. {2}100\.\]\n {6}grad: {2}\[3\.8e-44 2\.5e-01 0\.0e\+00\]/);
  });

  it('eval --json gives values and gradients as nested lists', () => {
    const r = run('eval', example('xor.sorix.json'), '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.objective.node).toBe('loss');
    const hidden = report.nodes.find((n: { id: string }) => n.id === 'hidden');
    expect(hidden.outputs.out.shape).toEqual([4, 4]);
    expect(hidden.params.W.grad).toHaveLength(2);
    const x = run('eval', example('seed.sorix.json'), '--json');
    const seed = JSON.parse(x.out);
    expect(seed.nodes[0].outputs.out.grad).toEqual([Math.fround(Math.exp(-100) / (1 + Math.exp(-100))), 0.25, 0]);
  });

  it('writes NaN and Infinity as strings in JSON, and exits 3 when a node fails', () => {
    const nan = graphFile('nan.sorix.json', (f) => { f.graph.nodes[0].params.values = [-1, 0, 1]; f.graph.nodes[1].kind = 'log'; });
    const r = run('eval', nan, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).nodes[1].outputs.out.value).toEqual(['NaN', '-Infinity', 0]);
    expect(JSON.parse(r.out).nodes[1].outputs.out.stats).toMatchObject({ nan: 1, negInf: 1, count: 3 });
    const broken = graphFile('broken.sorix.json', (f) => { f.graph.edges.pop(); });
    const b = run('eval', broken);
    expect(b.code).toBe(3);
    expect(b.out).toContain("error: Sum 'sum': input 'x' is not connected");
  });

  it('eval prints the warning of a value float32 cannot hold (text and --json)', () => {
    const big = graphFile('big.sorix.json', (f) => { f.graph.nodes[0].params.values = [1e40, -1e40, 0]; });
    const t = run('eval', big);
    expect(t.code).toBe(0);
    expect(t.out).toContain('    warning: values 0 and 1 (1e40, -1e40) overflow float32 and become ±inf; use float64');
    const j = JSON.parse(run('eval', big, '--json').out);
    expect(j.nodes[0].warnings).toEqual(['values 0 and 1 (1e40, -1e40) overflow float32 and become ±inf; use float64']);
    expect(j.nodes[0].outputs.out.value).toEqual(['Infinity', '-Infinity', 0]);
    expect(j.nodes[1].warnings).toBeUndefined();
  });

  it('validate prints every problem with its path and exits 1; several files at once', () => {
    const bad = graphFile('bad.sorix.json', (f) => { f.version = 2; f.graph.nodes[1].kind = 'swish'; f.graph.nodes[0].params.shape = [-3]; });
    const r = run('validate', example('seed.sorix.json'), bad, join(tmp, 'missing.sorix.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('seed.sorix.json: valid (3 nodes, 2 edges)');
    expect(r.err).toContain('bad.sorix.json: not a valid graph file (2 problems):');
    expect(r.err).toContain("  $.graph.nodes[1].kind: unknown node kind 'swish'");
    expect(r.err).toContain('  $.graph.nodes[0].params.shape: Shape dimensions must be whole numbers ≥ 0, not number -3');
    expect(r.err).toContain('missing.sorix.json: no such file');
    const asJson = run('validate', '--json', example('seed.sorix.json'), bad);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.out)).toEqual([
      { file: example('seed.sorix.json'), valid: true, nodes: 3, edges: 2 },
      { file: bad, valid: false, problems: [
        { path: '$.graph.nodes[0].params.shape', message: 'Shape dimensions must be whole numbers ≥ 0, not number -3' },
        { path: '$.graph.nodes[1].kind', message: "unknown node kind 'swish' (this version of Sorix Studio does not know it)" },
      ] },
    ]);
    const notJson = join(tmp, 'notes.txt');
    writeFileSync(notJson, 'hello');
    expect(run('validate', notJson).err).toMatch(/not valid JSON/);
  });

  it('train --json trains the XOR example to 100 % accuracy and prints one JSON object', () => {
    const r = run('train', example('xor.sorix.json'), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['epochs', 'final', 'steps', 'seconds', 'status']);
    expect(report.epochs).toHaveLength(200);
    expect(Object.keys(report.epochs[0])).toEqual(['epoch', 'trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']);
    expect(report.final).toEqual(report.epochs[199]);
    expect(report.final.trainAccuracy).toBe(1);
    expect(report.final.testLoss).toBeNull();
    expect(report.steps).toBe(200);
    expect(report.seconds).toBeGreaterThan(0);
  });

  it.each(['circle.sorix.json', 'spiral.sorix.json', 'iris.sorix.json'])('train --json trains the example %s from its Data set node to the test accuracy its description states', (file) => {
    const doc = JSON.parse(readFileSync(example(file), 'utf8')) as { description: string; training: { epochs: number } };
    const claim = /at least (\d+) % test accuracy within (\d+) epochs/.exec(doc.description);
    expect(claim, 'the description states the accuracy and the epochs').not.toBeNull();
    expect(Number(claim![2])).toBe(doc.training.epochs);
    const r = run('train', example(file), '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.status).toBe('done');
    expect(report.epochs).toHaveLength(doc.training.epochs);
    expect(report.final.testAccuracy).toBeGreaterThanOrEqual(Number(claim![1]) / 100);
    expect(report.final.testLoss).toBeLessThan(report.epochs[0].testLoss);
  });

  it('train prints each epoch, takes --epochs and --seed, and --out writes the trained graph, which evaluates to the final loss', () => {
    const out = join(tmp, 'trained.sorix.json');
    const r = run('train', example('xor.sorix.json'), '--epochs', '60', '--seed', '5', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('training 4 parameter tensors with sgd (lr 0.5), 60 epochs of 1 batch of 4, seed 5');
    expect(r.out.match(/^epoch +\d+\/60 {2}train loss [\d.e-]+ {2}train acc [\d.]+ % {2}lr 0\.5 {2}\d+ steps\/s$/gm)).toHaveLength(60);
    expect(r.out).toMatch(/^epoch 60\/60 {2}train loss .* {2}train acc 100\.0 %/m);
    expect(r.out).toContain(`wrote the trained graph to ${out}`);
    const trained = JSON.parse(readFileSync(out, 'utf8'));
    const original = JSON.parse(readFileSync(example('xor.sorix.json'), 'utf8'));
    expect(trained.graph.nodes[2].params.W).not.toEqual(original.graph.nodes[2].params.W);
    expect(trained.training).toEqual(original.training);
    const json = JSON.parse(run('train', example('xor.sorix.json'), '--epochs', '60', '--seed', '5', '--json').out);
    const ev = JSON.parse(run('eval', out, '--json').out);
    expect(Math.fround(ev.objective.value)).toBe(Math.fround(json.final.trainLoss));
  });

  it('train refuses with the exit codes of eval: 2 for usage, 1 for an invalid file, 3 for a graph that cannot train', () => {
    expect(run('train').code).toBe(2);
    expect(run('train', example('xor.sorix.json'), '--epochs', '0').err).toMatch(/--epochs must be a whole number from 1/);
    expect(run('train', example('xor.sorix.json'), '--bogus').code).toBe(2);
    expect(run('train', join(tmp, 'missing.sorix.json')).code).toBe(1);
    const none = run('train', example('seed.sorix.json'));
    expect(none.code).toBe(3);
    expect(none.err).toMatch(/cannot train: this document has no training set-up/);
  });

  it('train exits 3 and names the step and the first non-finite node when the loss overflows', () => {
    const hot = graphFile('hot.sorix.json', (f) => {
      f.graph.nodes = [
        { id: 'x', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [0, 1, 2, 3], shape: [4, 1], dtype: 'float64', requiresGrad: false } },
        { id: 't', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [-1, 1, 3, 5], shape: [4, 1], dtype: 'float64', requiresGrad: false } },
        { id: 'fit', kind: 'linear', position: { x: 0, y: 0 }, params: { inFeatures: 1, outFeatures: 1, W: [0.5], b: [0] } },
        { id: 'mse', kind: 'mseLoss', position: { x: 0, y: 0 }, params: {} },
      ];
      f.graph.edges = [
        { id: 'e1', source: { node: 'x', port: 'out' }, target: { node: 'fit', port: 'x' } },
        { id: 'e2', source: { node: 'fit', port: 'out' }, target: { node: 'mse', port: 'prediction' } },
        { id: 'e3', source: { node: 't', port: 'out' }, target: { node: 'mse', port: 'target' } },
      ];
      f.graph.objective = null;
      f.training = { feeds: { x: 'x', y: 't' }, optimizer: { name: 'sgd', lr: 1000 }, batchSize: 2, epochs: 50 };
    });
    const r = run('train', hot, '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out).status).toBe('diverged');
    expect(r.err).toMatch(/training stopped: step \d+ \(epoch \d+, batch [12]\): the loss is (NaN|Infinity); Linear 'fit' (W|b) holds non-finite values after the previous update/);
  });

  it('export --to pytorch prints a script, or writes it with -o; usage 2, invalid file 1, a graph it cannot export 3', () => {
    const printed = run('export', example('seed.sorix.json'), '--to', 'pytorch');
    expect(printed.err).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^class Model\(nn\.Module\):$/m);
    expect(printed.out).toContain('sigmoid = torch.sigmoid(x)');
    const out = join(tmp, 'seed.py');
    const written = run('export', example('seed.sorix.json'), '--to', 'pytorch', '-o', out);
    expect(written.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(printed.out);
    expect(run('export', example('seed.sorix.json')).err).toMatch(/say which format with --to \(pytorch\)/);
    expect(run('export', example('seed.sorix.json'), '--to', 'keras').code).toBe(2);
    expect(run('export', '--to', 'pytorch').err).toMatch(/no file given/);
    const missing = run('export', join(tmp, 'nope.sorix.json'), '--to', 'pytorch');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no such file/);
    const loose = graphFile('loose.sorix.json', (f) => {
      f.graph.nodes.push({ id: 'dangling', kind: 'add', position: { x: 0, y: 0 }, params: {} });
    });
    const refused = run('export', loose, '--to', 'pytorch');
    expect(refused.code).toBe(3);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/cannot export: Add 'dangling'.*input 'a' is not connected/);
  });

  it('runs through npx in the project, as a user would after npm ci', () => {
    const r = spawnSync('npx', ['--no-install', 'sorix-studio', '--version'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});
