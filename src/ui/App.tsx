import { useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './styles.css';
import type { Host } from '../platform/host';
import { EditorContext, useEditor } from '../store/context';
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
import { TrainPanel } from './train/TrainPanel';

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
  // The palette folds to a narrow strip in presentation mode (the graph gets the room) and opens on demand; the
  // user's choice holds until the mode changes again.
  const presentation = useEditor((s) => s.presentation);
  const sideTab = useEditor((s) => s.sideTab);
  const setUi = useEditor((s) => s.setUi);
  const [paletteChoice, setPaletteChoice] = useState<{ presentation: boolean; open: boolean } | null>(null);
  const paletteOpen = paletteChoice?.presentation === presentation ? paletteChoice.open : !presentation;
  return (
    <div className={paletteOpen ? 'app' : 'app palette-folded'}>
      <Toolbar />
      <Palette open={paletteOpen} onToggle={() => setPaletteChoice({ presentation, open: !paletteOpen })} />
      <main style={{ display: 'contents' }} aria-label="Graph canvas"><Canvas /></main>
      <aside className="side" aria-label={sideTab === 'train' ? 'Training' : 'Details'}>
        <div className="side-tabs" role="tablist" aria-label="Side panel">
          <button role="tab" type="button" aria-selected={sideTab === 'details'} data-testid="tab-details" onClick={() => setUi({ sideTab: 'details' })}>Details</button>
          <button role="tab" type="button" aria-selected={sideTab === 'train'} data-testid="tab-train" onClick={() => setUi({ sideTab: 'train' })}>Training</button>
        </div>
        {sideTab === 'train' ? <TrainPanel /> : (
          <>
            <Inspector />
            <ChartsPanel />
          </>
        )}
      </aside>
      <StatusBar />
      <Dialogs />
      <RestorePrompt />
    </div>
  );
}
