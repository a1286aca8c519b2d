import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = join(root, 'src/cli/sorix-studio.mjs');
const planted = join(root, 'test/cli/planted-cli.mjs');
const examples = join(root, 'assets/examples');
const tmp = mkdtempSync(join(tmpdir(), 'sorix-gradcheck-'));

/** Runs a command as a user does: a new Node process on a launcher. */
function run(script: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The seed example with its Sigmoid replaced by `kind`. */
function seedWith(name: string, kind: string): string {
  const file = JSON.parse(readFileSync(join(examples, 'seed.sorix.json'), 'utf8'));
  file.graph.nodes[0].params.values = [-1.5, 0.5, 2];
  file.graph.nodes[1].kind = kind;
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(file));
  return path;
}

interface Entry { id: string; input: string; maxRelError: number; ok: boolean; checked: number }

describe('sorix-studio gradcheck', () => {
  it('passes on every shipped example with a largest relative error of at most 1e-6 (--json, several files)', () => {
    const files = readdirSync(examples).filter((f) => f.endsWith('.sorix.json')).map((f) => join(examples, f));
    const r = run(launcher, 'gradcheck', ...files, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const reports = JSON.parse(r.out) as { file: string; ok: boolean; nodes: Entry[]; graph: { ok: boolean; leaves: Entry[] } }[];
    expect(reports.map((x) => x.file)).toEqual(files);
    for (const rep of reports) {
      expect(rep.ok, rep.file).toBe(true);
      expect(rep.nodes.length, rep.file).toBeGreaterThan(0);
      expect(rep.graph.leaves.length, rep.file).toBeGreaterThan(0);
      for (const e of [...rep.nodes, ...rep.graph.leaves]) {
        expect(Object.keys(e).slice(0, 4)).toEqual(['id', 'input', 'maxRelError', 'ok']);
        expect(e.maxRelError, `${rep.file} ${e.id} ${e.input}`).toBeLessThanOrEqual(1e-6);
        expect(e.ok).toBe(true);
      }
    }
  });

  it('prints a table per input and the definition of the relative error', () => {
    const r = run(launcher, 'gradcheck', join(examples, 'seed.sorix.json'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/gradient check passed: largest relative error \d\.\de-\d+ \(passes at most 1\.0e-6\)/);
    expect(r.out).toMatch(/ {2}sigmoid x +ok +max rel error \d\.\de-\d+ +3\/3/);
    expect(r.out).toMatch(/the whole graph \(∂sum\.out in float64 with respect to every leaf\):\n {2}x out +ok/);
    expect(r.out).toContain('relative error = |analytic − numeric| / max(|analytic| + |numeric|, 1e-8)');
  });

  it('fails, with status 3, a graph with a planted wrong gradient (a test-only kind); the same graph with a right kind passes', () => {
    const bad = run(planted, 'gradcheck', seedWith('planted.sorix.json', 'plantedSquare'), '--json');
    expect(bad.code).toBe(3);
    const rep = JSON.parse(bad.out) as { ok: boolean; nodes: Entry[]; graph: { ok: boolean; leaves: Entry[] } };
    expect(rep.ok).toBe(false);
    const node = rep.nodes.find((e) => e.id === 'sigmoid')!;
    expect(node.ok).toBe(false);
    expect(node.maxRelError).toBeCloseTo(1 / 3, 6);
    expect(rep.nodes.find((e) => e.id === 'sum')!.ok).toBe(true);
    expect(rep.graph.ok).toBe(false);
    const text = run(planted, 'gradcheck', seedWith('planted.sorix.json', 'plantedSquare'));
    expect(text.code).toBe(3);
    expect(text.out).toMatch(/gradient check FAILED/);
    expect(text.out).toMatch(/sigmoid x +FAIL +max rel error 3\.3e-1 +3\/3 +\(element \d: analytic [-\d.e]+, numeric [-\d.e]+\)/);
    // The planted launcher is the real command otherwise: a right kind passes through it.
    expect(run(planted, 'gradcheck', seedWith('square-ok.sorix.json', 'tanh')).code).toBe(0);
    // And the app's own command does not know the planted kind: the file is invalid there.
    const app = run(launcher, 'gradcheck', seedWith('planted.sorix.json', 'plantedSquare'));
    expect(app.code).toBe(1);
    expect(app.err).toMatch(/unknown node kind 'plantedSquare'/);
  });

  it('exits 2 for wrong usage and 3 when a node cannot compute', () => {
    expect(run(launcher, 'gradcheck').code).toBe(2);
    expect(run(launcher, 'gradcheck', 'x.json', '--fast').err).toMatch(/unknown option --fast/);
    const file = JSON.parse(readFileSync(join(examples, 'seed.sorix.json'), 'utf8'));
    file.graph.edges.pop();
    const cut = join(tmp, 'cut.sorix.json');
    writeFileSync(cut, JSON.stringify(file));
    const r = run(launcher, 'gradcheck', cut);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/sum +FAIL +Sum 'sum': input 'x' has no value \(it is not connected\)/);
  });
});
