import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectHost } from './platform';
import { createEditorStore } from './store/editor-store';
import { App } from './ui/App';
import { createBrowserRunner } from './worker/spawn';
import { openText } from './ui/file-actions';

// Heavy evaluations run in a Web Worker; the normal case stays synchronous.
const store = createEditorStore(undefined, { runner: createBrowserRunner() });
const host = detectHost();
// For the speed script and the end-to-end tests: the store, and opening a file's text as Open does.
(window as unknown as { __sorix?: unknown }).__sorix = { store, openText: (name: string, text: string) => openText(store, { name, text }) };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} host={host} />
  </StrictMode>,
);
