/**
 * Timing for `npm run bench`: warm-up, interleaved rounds, medians with their spread, and a Markdown table.
 * Not a test: nothing here asserts on time.
 */

export type ImplName = 'ours' | 'hand' | 'tfjs' | 'playground';

export interface Impl {
  /** One call of the measured work. Returns a number that is folded into a checksum so nothing is optimised away. */
  run: () => number;
  /** Optional clean-up after each call (not timed), e.g. clearing accumulated gradients. */
  after?: () => void;
}

export interface Case {
  name: string;
  /** Units of work per call, and their name for the throughput ("M el/s", "GFLOP/s", "k ex/s"). */
  work: number;
  unit: 'el' | 'flop' | 'ex';
  impls: Partial<Record<ImplName, Impl>>;
}

export interface Stats {
  median: number;
  p10: number;
  p90: number;
  samples: number;
}

export interface Row {
  c: Case;
  stats: Partial<Record<ImplName, Stats>>;
}

export interface Budget {
  /** Time spent measuring each implementation of a case, split over the rounds (ms). */
  measureMs: number;
  /** Warm-up time per implementation before the first round (ms). */
  warmMs: number;
  minSamples: number;
  maxSamples: number;
  rounds: number;
}

export const fullBudget: Budget = { measureMs: 2400, warmMs: 500, minSamples: 10, maxSamples: 400, rounds: 5 };
export const quickBudget: Budget = { measureMs: 600, warmMs: 150, minSamples: 5, maxSamples: 100, rounds: 2 };

let sink = 0;
/** Keeps results alive; printed at the end so the JIT cannot drop the work. */
export function checksum(): number {
  return sink;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Wall-clock time (ms). */
export const wallClock = (): number => performance.now();
/**
 * This process's CPU time, user + system (ms, microsecond resolution): on a machine shared with other work, a
 * process waiting for a core is not charged for the wait, so medians drift much less than wall-clock ones.
 */
export const cpuClock = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

function once(impl: Impl, clock: () => number): number {
  const t0 = clock();
  sink += impl.run();
  const t = clock() - t0;
  impl.after?.();
  return t;
}

/**
 * Measures every implementation of a case: each is warmed up, then the implementations take turns for
 * `budget.rounds` rounds so that a slow drift of the machine touches all of them alike.
 */
export function measure(c: Case, budget: Budget, clock: () => number = wallClock): Row {
  const names = (Object.keys(c.impls) as ImplName[]).filter((n) => c.impls[n]);
  const samples: Record<string, number[]> = {};
  for (const n of names) {
    const impl = c.impls[n]!;
    const t0 = performance.now();
    let calls = 0;
    while (calls < 2 || (performance.now() - t0 < budget.warmMs && calls < budget.maxSamples)) {
      once(impl, clock);
      calls++;
    }
    samples[n] = [];
  }
  for (let r = 0; r < budget.rounds; r++) {
    for (const n of names) {
      const impl = c.impls[n]!;
      const s = samples[n]!;
      const per = Math.ceil(budget.minSamples / budget.rounds);
      const cap = Math.ceil(budget.maxSamples / budget.rounds);
      const t0 = performance.now();
      let k = 0;
      while (k < per || (performance.now() - t0 < budget.measureMs / budget.rounds && k < cap)) {
        s.push(once(impl, clock));
        k++;
      }
    }
  }
  const stats: Partial<Record<ImplName, Stats>> = {};
  for (const n of names) {
    const s = samples[n]!.slice().sort((a, b) => a - b);
    stats[n] = { median: quantile(s, 0.5), p10: quantile(s, 0.1), p90: quantile(s, 0.9), samples: s.length };
  }
  return { c, stats };
}

export function fmtTime(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

function fmtRate(c: Case, ms: number): string {
  const perS = (c.work / ms) * 1000;
  switch (c.unit) {
    case 'el': return `${(perS / 1e6).toFixed(0)} M el/s`;
    case 'flop': return `${(perS / 1e9).toFixed(2)} GFLOP/s`;
    case 'ex': return `${(perS / 1e3).toFixed(0)} k ex/s`;
  }
}

/** "14.2 ms ±3% · 74 M el/s": the median, half the p10–p90 range relative to it, and the throughput. */
function cell(c: Case, s: Stats | undefined): string {
  if (!s) return '–';
  const spread = ((s.p90 - s.p10) / 2 / s.median) * 100;
  return `${fmtTime(s.median)} ±${spread.toFixed(spread < 10 ? 1 : 0)}% · ${fmtRate(c, s.median)}`;
}

function ratio(a: Stats | undefined, b: Stats | undefined): string {
  return a && b ? `${(a.median / b.median).toFixed(2)}×` : '–';
}

export function table(rows: readonly Row[]): string {
  const head = ['case', 'ours (engine, f64)', 'hand-written loop (f64)', 'tfjs-core cpu (f32)', 'ours/hand', 'ours/tfjs'];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i >= 4 ? '---:' : '---')).join('|')}|`,
  ];
  for (const { c, stats } of rows) {
    lines.push(`| ${[c.name, cell(c, stats.ours), cell(c, stats.hand), cell(c, stats.tfjs), ratio(stats.ours, stats.hand), ratio(stats.ours, stats.tfjs)].join(' | ')} |`);
  }
  return lines.join('\n');
}
