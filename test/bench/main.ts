/**
 * The benchmark behind `npm run bench` (run through `run.ts`, which bundles this file). Not a test: it prints a
 * Markdown table and the issue's speed targets, and asserts nothing about time. Every implementation's results are
 * checked against the others before it is timed.
 *
 *   npm run bench                        the full run (about 2 minutes)
 *   npm run bench -- --quick             shorter budgets, for iterating
 *   npm run bench -- --only=matmul,mlp   only the groups named (elementwise, matmul256, matmul512, mlp, heap, compiled,
 *                                        playground, digits, trainheap)
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { elementwiseCases } from './elementwise';
import { compiledCases, compiledTable } from './compiled';
import { checksum, cpuClock, fmtTime, fullBudget, measure, quickBudget, table, type Case, type Row } from './harness';
import { matmul256Cases, matmul512Cases } from './matmul';
import { mlpCases, type HeapResult } from './mlp';
import { playgroundCases, playgroundTable } from './playground';
import { digitsCase, trainingHeap, type HeapRun } from './train-run';
import { initTfjs } from './tfjs';

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim();
    const flags = /^flags\s*:\s*(.+)$/m.exec(info)?.[1] ?? '';
    const simd = flags.includes('avx512f') ? ', AVX-512' : flags.includes('avx2') ? ', AVX2' : '';
    if (model) return `${model}${simd}`;
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** The 1-minute load average: other work on the machine inflates medians (the ratios suffer less). */
function load(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  } catch {
    return 'n/a';
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(2)} MB`;
}

function heapLine(h: HeapResult): string {
  const cell = (name: 'ours' | 'hand' | 'tfjs'): string => {
    const c = h.cells[name];
    if (!c) return '–';
    const d = c.after - c.before;
    return `${mb(c.before)} → ${mb(c.after)} (${d >= 0 ? '+' : '−'}${(Math.abs(d) / 1024).toFixed(0)} kB)${c.extra ? `; ${c.extra}` : ''}`;
  };
  return `| ${h.name} | ${cell('ours')} | ${cell('hand')} | ${cell('tfjs')} | – | – |`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const wanted = (group: string): boolean => !only || only.some((o) => group.startsWith(o));
  const budget = quick ? quickBudget : fullBudget;
  const started = performance.now();

  await initTfjs();
  console.log(`Sorix Studio engine benchmark — ${new Date().toISOString()}`);
  console.log(`Node ${process.version} (V8 ${process.versions.v8}), ${cpuModel()}, ${cpus().length} cores, load average ${load()} at the start${quick ? ' — quick run' : ''}`);
  console.log('Median time per call (±: half the 10th–90th percentile range, relative), throughput; ours and the hand-written loops in float64, tfjs in float32.\n');

  const groups: [string, () => Case[]][] = [
    ['elementwise', elementwiseCases],
    ['matmul256', matmul256Cases],
    ['matmul512', matmul512Cases],
  ];
  const rows: Row[] = [];
  for (const [group, make] of groups) {
    if (!wanted(group)) continue;
    for (const c of make()) {
      rows.push(measure(c, budget));
      process.stderr.write(`  measured ${c.name}\n`);
    }
  }
  let heap: HeapResult | null = null;
  if (wanted('mlp') || wanted('heap')) {
    const { cases, heap: runHeap } = mlpCases();
    if (wanted('mlp')) {
      for (const c of cases) {
        rows.push(measure(c, budget));
        process.stderr.write(`  measured ${c.name}\n`);
      }
    }
    if (wanted('heap')) heap = runHeap();
  }

  if (rows.length > 0 || heap) console.log(table(rows) + (heap ? `\n${heapLine(heap)}` : ''));

  // A document compiled by src/train against the same network written with engine ops (issue 8).
  const compiledRows: Row[] = [];
  if (wanted('compiled')) {
    for (const c of compiledCases()) {
      compiledRows.push(measure(c, budget));
      process.stderr.write(`  measured compiled ${c.name}\n`);
    }
    console.log(`\nThe compiled program (src/train) against the engine driven by hand:\n${compiledTable(compiledRows)}`);
  }

  // Training as the app trains (issue 8, "Speed and memory"): the Trainer on documents, against TF Playground's design.
  const playgroundRows: Row[] = [];
  if (wanted('playground')) {
    for (const c of playgroundCases()) {
      playgroundRows.push(measure(c, budget, cpuClock));
      process.stderr.write(`  measured ${c.name}\n`);
    }
    console.log(`\nTraining on TF Playground's setting (circle, 250 training points, tanh, batch 10, SGD), median CPU time of this process per epoch:\n${playgroundTable(playgroundRows)}`);
  }
  let digits: Row | null = null;
  if (wanted('digits')) {
    const c = await digitsCase();
    digits = measure(c, budget, cpuClock);
    const wall = measure(c, budget);
    const s = digits.stats.ours!, w = wall.stats.ours!;
    console.log(`\nThe 8×8 digits, Trainer: ${c.name}: CPU time ${fmtTime(s.median)} (p10 ${fmtTime(s.p10)}, p90 ${fmtTime(s.p90)}, ${s.samples} epochs timed); wall clock ${fmtTime(w.median)} (p10 ${fmtTime(w.p10)})`);
  }
  let trainHeap: HeapRun | null = null;
  if (wanted('trainheap')) {
    trainHeap = trainingHeap();
    const h = trainHeap;
    const max = Math.max(...h.samples);
    console.log(`\nHeap over ${h.steps.toLocaleString('en')} Trainer steps (circle 2-4-2-1, batch 10; ${h.epochs} epochs, ${h.seconds.toFixed(1)} s), V8 heap + ArrayBuffers after two gc() every ${h.every.toLocaleString('en')} steps:`);
    console.log(`start ${mb(h.samples[0]!)}, end ${mb(h.samples[h.samples.length - 1]!)}, max ${mb(max)}; samples (MB): ${h.samples.map((b) => (b / 1048576).toFixed(2)).join(' ')}`);
  }

  // The issue's targets, read off the same run.
  const find = (prefix: string): Row | undefined => rows.find((r) => r.c.name.startsWith(prefix));
  const lines: string[] = [];
  const sig = find('sigmoid forward+backward');
  if (sig?.stats.ours && sig.stats.hand) {
    const r = sig.stats.ours.median / sig.stats.hand.median;
    lines.push(`sigmoid forward+backward: ${r.toFixed(2)}× the hand-written loop (target ≤ 1.30×) — ${r <= 1.3 ? 'met' : 'MISSED'}`);
  }
  const mm = find('matmul 512 forward');
  if (mm?.stats.ours) {
    const g = mm.c.work / mm.stats.ours.median / 1e6;
    lines.push(`matmul 512 forward: ${g.toFixed(2)} GFLOP/s (target ≥ 3) — ${g >= 3 ? 'met' : 'MISSED'}`);
  }
  const mlp = find('MLP 2-16-16-1, 1000 points, batch 10');
  if (mlp?.stats.ours && mlp.stats.hand) {
    const r = mlp.stats.ours.median / mlp.stats.hand.median;
    lines.push(`MLP batch 10: ${r.toFixed(2)}× the hand-written loop (target ≤ 2.00×) — ${r <= 2 ? 'met' : 'MISSED'}`);
  }
  if (heap?.cells.ours) {
    const d = heap.cells.ours.after - heap.cells.ours.before;
    // A leak of one small tensor per step would show as ≥ 10,000 × ~200 B = 2 MB; allow GC noise well under that.
    lines.push(`heap over 10,000 steps: ${d >= 0 ? '+' : '−'}${(Math.abs(d) / 1024).toFixed(0)} kB — ${d < 256 * 1024 ? 'no growth' : 'GROWS'}`);
  }
  const comp = compiledRows.find((r) => r.c.name.includes('batch 10'));
  if (comp?.stats.ours && comp.stats.hand) {
    const r = comp.stats.ours.median / comp.stats.hand.median;
    lines.push(`compiled program, MLP batch 10: ${r.toFixed(2)}× the engine driven by hand (target: not slower, ≤ 1.05× for noise) — ${r <= 1.05 ? 'met' : 'MISSED'}`);
  }
  if (lines.length) console.log(`\nTargets (issue 2, "Speed"):\n${lines.map((l) => `- ${l}`).join('\n')}`);
  const train: string[] = [];
  for (const r of playgroundRows) {
    const o = r.stats.ours!, h = r.stats.hand!, p = r.stats.playground!;
    const x = p.median / o.median, y = o.median / h.median;
    train.push(`${r.c.name.split(',')[0]}: Trainer ${x.toFixed(2)}× the Playground's throughput (target ≥ 3×) — ${x >= 3 ? 'met' : 'MISSED'}; ${y.toFixed(2)}× the time of the engine by hand (target: not slower, ≤ 1.05× for noise) — ${y <= 1.05 ? 'met' : 'MISSED'}`);
  }
  if (digits) {
    const m = digits.stats.ours!.median;
    train.push(`digits, one epoch at batch 32: ${fmtTime(m)} (target ≤ 100 ms) — ${m <= 100 ? 'met' : 'MISSED'}`);
  }
  if (trainHeap) {
    const s = trainHeap.samples, d = s[s.length - 1]! - s[0]!, up = Math.max(...s) - s[0]!;
    // The run keeps one EpochMetrics record per epoch (the loss curves, about 150–200 B each): growth of that order per
    // epoch is the run's result; a leak of one small tensor per step would add 100,000 × ≥ 100 B = 10 MB.
    const perEpoch = up / trainHeap.epochs;
    train.push(`heap over ${trainHeap.steps.toLocaleString('en')} steps: ${d >= 0 ? '+' : '−'}${(Math.abs(d) / 1024).toFixed(0)} kB end − start, max +${(up / 1024).toFixed(0)} kB = ${perEpoch.toFixed(0)} B per epoch (${trainHeap.epochs} epoch records kept for the curves) — ${perEpoch <= 512 ? 'flat but for the curves' : 'GROWS'}`);
  }
  if (train.length) console.log(`\nTargets (issue 8, "Speed and memory"):\n${train.map((l) => `- ${l}`).join('\n')}`);
  console.log(`\nWhole run: ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${load()} at the end (checksum ${checksum().toPrecision(6)})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
