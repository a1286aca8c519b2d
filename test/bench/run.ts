/**
 * `npm run bench`: bundles the benchmark with esbuild into a temporary folder outside the repo, then runs it in a
 * fresh Node with `--expose-gc`.
 *
 * Why a bundle: tfjs-core registers its gradients as side effects (`dist/register_all_gradients`), which only take
 * effect when tfjs-core, the cpu backend and that file are one module graph; plain imports under tsx give a tfjs
 * without gradients. Arguments are passed through (`npm run bench -- --quick`, `--only=matmul,mlp`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** `import('…/digits.csv?raw')` as Vite reads it: the file's text (the built-in data sets load this way). */
const rawText: Plugin = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: resolve(a.resolveDir, a.path.slice(0, -'?raw'.length)), namespace: 'raw-text' }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text' }));
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'sorix-bench-'));
const outFile = join(outDir, 'bench.cjs');
let code: number;
try {
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // tfjs's "main" entries are its prebuilt Node bundles, which load their own copy of tfjs-core; the ES module
    // entries share one tfjs-core with the gradient registrations.
    mainFields: ['module', 'main'],
    logLevel: 'warning',
    plugins: [rawText],
    // src/data/builtin.ts reads a file next to import.meta.url only where `?raw` imports fail; here they do not.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  const run = spawnSync(process.execPath, ['--expose-gc', outFile, ...process.argv.slice(2)], { stdio: 'inherit' });
  code = run.status ?? 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
process.exit(code);
