import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BUILTINS, loadBuiltin, type BuiltinName } from './data';
import { detectHost } from './platform';
import { createWorkerTrainClient } from './runtime/train-client';
import { createEditorStore } from './store/editor-store';
import { App } from './ui/App';
import { createBrowserRunner } from './worker/spawn';
import { openText } from './ui/file-actions';

function start(): void {
  // Heavy evaluations run in a Web Worker; the normal case stays synchronous. Training runs in its own worker.
  const trainClient = typeof Worker === 'undefined' ? undefined : (onReply: Parameters<typeof createWorkerTrainClient>[1]) => createWorkerTrainClient(
    () => new Worker(new URL('./worker/train-worker.ts', import.meta.url), { type: 'module', name: 'sorix-trainer' }),
    onReply,
    (message) => onReply({ type: 'failed', session: -1, message }),
  );
  // A run's news reaches the store at most once per frame, however fast the worker trains.
  const store = createEditorStore(undefined, { runner: createBrowserRunner(), ...(trainClient ? { trainClient } : {}), trainFrame: (flush) => { requestAnimationFrame(flush); } });
  const host = detectHost();
  // For the speed script and the end-to-end tests: the store, and opening a file's text as Open does.
  (window as unknown as { __sorix?: unknown }).__sorix = { store, openText: (name: string, text: string) => openText(store, { name, text }) };

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App store={store} host={host} />
    </StrictMode>,
  );
}

// The built-in data sets (a few hundred KB, bundled) are read before the first render, so a Data set node showing
// Iris or the digits has its numbers at once; the app starts anyway if one cannot be read (the node then says so).
void Promise.allSettled((Object.keys(BUILTINS) as BuiltinName[]).map((name) => loadBuiltin(name))).then(start);
