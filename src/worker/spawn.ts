import { createWorkerRunner, type EvalRunner } from '../runtime/eval-runner';

/** The browser's evaluation runner: a module worker Vite bundles from `eval-worker.ts`. */
export function createBrowserRunner(): EvalRunner | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return createWorkerRunner(() => new Worker(new URL('./eval-worker.ts', import.meta.url), { type: 'module', name: 'sorix-evaluator' }));
}
