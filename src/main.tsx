import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { detectHost } from './platform';
import { createEditorStore } from './store/editor-store';
import { App } from './ui/App';

const store = createEditorStore();
const host = detectHost();
// For the speed script and the end-to-end tests: read-only access to the store from the page.
(window as unknown as { __sorix?: unknown }).__sorix = { store };

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} host={host} />
  </StrictMode>,
);
