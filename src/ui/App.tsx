import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './styles.css';
import type { Host } from '../platform/host';
import { EditorContext } from '../store/context';
import type { EditorStore } from '../store/editor-store';
import { useAppearance, useAutosave, useHostSync, useKeyboard } from './app-hooks';
import { Canvas } from './canvas/Canvas';
import { ChartsPanel } from './charts/ChartsPanel';
import { Dialogs } from './dialogs/Dialogs';
import { RestorePrompt } from './dialogs/RestorePrompt';
import { HostContext } from './host-context';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { StatusBar } from './toolbar/StatusBar';
import { Toolbar } from './toolbar/Toolbar';

/** The window, given its store and host. */
export function App({ store, host }: { store: EditorStore; host: Host }) {
  return (
    <EditorContext.Provider value={store}>
      <HostContext.Provider value={host}>
        <ReactFlowProvider>
          <Window />
        </ReactFlowProvider>
      </HostContext.Provider>
    </EditorContext.Provider>
  );
}

function Window() {
  useKeyboard();
  useHostSync();
  useAutosave();
  useAppearance();
  return (
    <div className="app">
      <Toolbar />
      <Palette />
      <main style={{ display: 'contents' }} aria-label="Graph canvas"><Canvas /></main>
      <aside className="side" aria-label="Details">
        <Inspector />
        <ChartsPanel />
      </aside>
      <StatusBar />
      <Dialogs />
      <RestorePrompt />
    </div>
  );
}
