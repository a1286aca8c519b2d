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
    const bad = run('train', 'x.json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown command 'train'/);
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

  it('runs through npx in the project, as a user would after npm ci', () => {
    const r = spawnSync('npx', ['--no-install', 'sorix-studio', '--version'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });
});
