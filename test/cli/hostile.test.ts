import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/document';
import { PARAM_LIMITS } from '../../src/kinds';

/**
 * The hostile files of issue 12, each a few hundred bytes to a few KB, run through the real command in a Node process
 * whose heap is capped at a few hundred MB and that is killed after a timeout: each must end with a clear message or
 * its streamed output and an exit code — never an out-of-memory crash, a stack trace or a hang. Timeouts are generous
 * (a loaded 2-core machine); what is asserted is the outcome, not the time.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const launcher = join(root, 'src/cli/sorix-studio.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'sorix-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** The heap a run may use, in MB. */
const HEAP_MB = 384;

interface Run { code: number | null; signal: NodeJS.Signals | null; err: string; out: string; outChars: number; timedOut: boolean }

/**
 * Runs `sorix-studio ...args` with a capped heap. Output is counted as it streams; only its first and last `keep`
 * characters are kept, so a large report does not fill this process.
 */
function run(timeoutMs: number, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, launcher, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = 4096;
    let head = '', tail = '', outChars = 0, err = '', timedOut = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      outChars += d.length;
      if (head.length < keep) head += d.slice(0, keep - head.length);
      tail = (tail + d).slice(-keep);
    });
    child.stderr.on('data', (d: string) => { if (err.length < 100_000) err += d; });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, err, out: outChars <= keep ? head : `${head}\n…\n${tail}`, outChars, timedOut });
    });
  });
}

type Node = { id: string; kind: string; params?: Record<string, unknown> };
type Edge = [string, string, string, string];

/** A version-2 file of these nodes and edges (`[fromNode, fromPort, toNode, toPort]`). */
function file(name: string, nodes: Node[], edges: Edge[] = [], objective: { node: string; port: string } | null = null): string {
  const text = JSON.stringify({
    format: 'sorix-studio-graph', version: 2, app: { name: 'Sorix Studio', version: '0.1.0' }, title: name,
    graph: {
      nodes: nodes.map((n, i) => ({ id: n.id, kind: n.kind, position: { x: i * 10, y: 0 }, params: n.params ?? {} })),
      edges: edges.map(([a, ap, b, bp], i) => ({ id: `e${i}`, source: { node: a, port: ap }, target: { node: b, port: bp } })),
      objective,
    },
  });
  const path = join(tmp, `${name}.sorix.json`);
  writeFileSync(path, text);
  return path;
}

/** Whether the run ended on its own, without V8 running out of memory or a JavaScript stack trace. */
function endedCleanly(r: Run): void {
  expect(r.timedOut, `timed out; stderr: ${r.err.slice(0, 500)}`).toBe(false);
  expect(r.signal).toBeNull();
  expect(r.err).not.toMatch(/heap out of memory|Invalid string length|RangeError|\n\s+at /);
}

const few = 20_000;

describe('hostile files through the sorix-studio command (capped heap, timeout)', () => {
  it('eval --json streams a node of exactly the per-node limit (4096,1) + (1,4096): 16,777,216 values', { timeout: 120_000 }, async () => {
    const path = file('broadcast', [
      { id: 'a', kind: 'tensor', params: { values: Array.from({ length: 4096 }, () => 0), shape: [4096, 1] } },
      { id: 'b', kind: 'tensor', params: { values: Array.from({ length: 4096 }, () => 0), shape: [1, 4096] } },
      { id: 'sum', kind: 'add' },
    ], [['a', 'out', 'sum', 'a'], ['b', 'out', 'sum', 'b']]);
    expect(4096 * 4096).toBe(LIMITS.maxComputedElements);
    const r = await run(100_000, 'eval', path, '--json');
    endedCleanly(r);
    expect(r.code).toBe(0);
    // Every one of the 16,777,216 values was written (each at least "0" and a line break), and the report is closed.
    expect(r.outChars).toBeGreaterThan(2 * LIMITS.maxComputedElements);
    expect(r.out.trimEnd().endsWith('}')).toBe(true);
    expect(r.out).toContain('"shape": [\n');
  });

  for (const shape of [[1_000_000, 1_000_000, 0], [1_000_000, 0, 1_000_000]]) {
    it(`a Tensor with no values and shape ${JSON.stringify(shape)} is refused by validate and eval, naming the path and the bound`, async () => {
      const path = file(`empty-${shape.join('-')}`, [{ id: 'x', kind: 'tensor', params: { values: [], shape } }]);
      for (const cmd of [['validate', path], ['eval', path, '--json'], ['eval', path]]) {
        const r = await run(few, ...cmd);
        endedCleanly(r);
        expect(r.code, cmd.join(' ')).toBe(1);
        const text = r.out + r.err;
        expect(text).toContain('$.graph.nodes[0].params.shape');
        expect(text).toContain(`multiply to ${1e12} with each 0 counted as 1; at most ${PARAM_LIMITS.maxTensorElements}`);
      }
    });
  }

  it('a Random Tensor with a shape of no values but 10^12 places is refused the same way', async () => {
    const path = file('random-empty', [{ id: 'r', kind: 'randomTensor', params: { shape: [0, 1_000_000, 1_000_000] } }]);
    const r = await run(few, 'eval', path, '--json');
    endedCleanly(r);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('$.graph.nodes[0].params.shape');
  });

  it('24 Adds each broadcasting two tensors to 16 Mi values: evaluation stops at the whole-graph budget, naming the node', { timeout: 60_000 }, async () => {
    const nodes: Node[] = [
      { id: 'a', kind: 'randomTensor', params: { shape: [4096, 1] } },
      { id: 'b', kind: 'randomTensor', params: { shape: [1, 4096] } },
    ];
    const edges: Edge[] = [];
    for (let i = 0; i < 24; i++) {
      nodes.push({ id: `add${i}`, kind: 'add' });
      edges.push(['a', 'out', `add${i}`, 'a'], ['b', 'out', `add${i}`, 'b']);
    }
    const path = file('budget', nodes, edges);
    expect((await run(few, 'validate', path)).code).toBe(0);
    const r = await run(50_000, 'eval', path);
    endedCleanly(r);
    expect(r.code).toBe(3);
    // 48 Mi values hold two outputs of 16 Mi and the two sources: the third Add is the first one refused.
    expect(r.out).toMatch(/add2[^\n]*\n[^]*more than the 50,331,648 one evaluation may hold/);
    expect(LIMITS.maxGraphElements).toBe(50_331_648);
  });

  it('60 Linear layers of 4096 → 244 without W are refused from their sizes before any weight is drawn', async () => {
    const nodes: Node[] = Array.from({ length: 60 }, (_, i) => ({ id: `l${i}`, kind: 'linear', params: { inFeatures: 4096, outFeatures: 244 } }));
    const path = file('linears', nodes);
    for (const cmd of ['validate', 'eval']) {
      const r = await run(few, cmd, path);
      endedCleanly(r);
      expect(r.code).toBe(1);
      expect(r.out + r.err).toMatch(new RegExp(`\\$\\.graph\\.nodes.*tensor values together; at most ${LIMITS.maxTotalTensorElements}`));
    }
  });

  it('exactly 4,000,000 values in four tensors are accepted; one more is refused with the count', { timeout: 60_000 }, async () => {
    const quarter = LIMITS.maxTotalTensorElements / 4;
    const tensor = (id: string, n: number): Node => ({ id, kind: 'tensor', params: { values: Array.from({ length: n }, () => 0), shape: [n] } });
    const tensors = (extra: number): Node[] => [...Array.from({ length: 4 }, (_, i) => tensor(`t${i}`, quarter)), ...(extra ? [tensor('more', extra)] : [])];
    const ok = await run(50_000, 'validate', file('exact', tensors(0)));
    endedCleanly(ok);
    expect(ok.code).toBe(0);
    const over = await run(50_000, 'validate', file('over', tensors(1)));
    endedCleanly(over);
    expect(over.code).toBe(1);
    expect(over.out + over.err).toContain(`hold ${LIMITS.maxTotalTensorElements + 1} tensor values together`);
  });

  it('a file cut after a value, a key, a list item or an opening brace is reported as truncated', async () => {
    const whole = JSON.stringify({ format: 'sorix-studio-graph', version: 2, graph: { nodes: [{ id: 'x', kind: 'tensor', params: { values: [1, 2] } }], edges: [] } });
    const cuts = [whole.indexOf('2') + 1, whole.indexOf('"format"') + 8, whole.indexOf('[1,') + 3, whole.indexOf('{"id"') + 1];
    for (const at of cuts) {
      const path = join(tmp, `cut${at}.sorix.json`);
      writeFileSync(path, whole.slice(0, at));
      const r = await run(few, 'validate', path);
      endedCleanly(r);
      expect(r.code, whole.slice(0, at)).toBe(1);
      expect(r.out + r.err).toContain('looks truncated');
    }
  });
});
