import { useEditor, useEditorApi } from '../../store/context';
import { selectCanRedo, selectCanUndo, selectDirty } from '../../store/editor-store';
import { EXAMPLES } from '../examples';
import { openExample } from '../file-actions';
import { useHost } from '../host-context';
import { useCommand } from '../use-command';

/** File, edit and view commands; the document's name with a dirty marker. */
export function Toolbar() {
  const run = useCommand();
  const store = useEditorApi();
  const host = useHost();
  const fileName = useEditor((s) => s.fileName);
  const dirty = useEditor(selectDirty);
  const canUndo = useEditor(selectCanUndo);
  const canRedo = useEditor(selectCanRedo);
  const theme = useEditor((s) => s.theme);
  const presentation = useEditor((s) => s.presentation);
  const gradColors = useEditor((s) => s.gradColors);
  const minimap = useEditor((s) => s.minimap);
  const setUi = useEditor((s) => s.setUi);
  const sideTab = useEditor((s) => s.sideTab);
  const runStatus = useEditor((s) => s.run?.status ?? null);
  const saveTitle = host.kind === 'browser' ? 'Save: downloads the graph as a .sorix.json file (Ctrl+S)' : 'Save (Ctrl+S)';
  return (
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <span className="doc-title" data-testid="doc-title" title={dirty ? 'Unsaved changes' : 'Saved'}>
        {dirty && <span aria-label="unsaved changes" data-testid="dirty-marker">● </span>}{fileName}
      </span>
      <button onClick={() => run('file:new')} title="New graph (Ctrl+N)">New</button>
      <button onClick={() => run('file:open')} title="Open a file (Ctrl+O)" data-testid="open">Open…</button>
      <button onClick={() => run('file:save')} title={saveTitle} data-testid="save">Save</button>
      <select aria-label="Open an example" data-testid="examples" value=""
        onChange={(e) => { const ex = EXAMPLES.find((x) => x.file === e.target.value); if (ex) void openExample(store, host, ex); }}>
        <option value="">Examples…</option>
        {EXAMPLES.map((ex) => <option key={ex.file} value={ex.file}>{ex.title}</option>)}
      </select>
      <button onClick={() => run('file:exportPng')} title="Export a PNG picture of the graph">PNG</button>
      <button onClick={() => run('file:exportPytorch')} data-testid="export-pytorch"
        title="Export as a PyTorch script: an nn.Module with these tensors and weights that computes the same values and gradients">PyTorch</button>
      <span className="sep" />
      <button onClick={() => run('edit:undo')} disabled={!canUndo} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
      <button onClick={() => run('edit:redo')} disabled={!canRedo} title="Redo (Ctrl+Shift+Z, Ctrl+Y)" data-testid="redo">Redo</button>
      <span className="sep" />
      <button aria-pressed={sideTab === 'train'} onClick={() => run('view:toggleTraining')} data-testid="train-toggle"
        title="Train the model: play, pause, step through batches and epochs, watch the loss and the decision boundary (R)">
        {runStatus === 'running' ? '▶ Training' : 'Train'}</button>
      <span className="sep" />
      <button onClick={() => run('view:autoLayout')} title="Arrange left to right (L)">Arrange</button>
      <button onClick={() => run('view:fitView')} title="Fit the graph in view (F)">Fit</button>
      <button aria-pressed={gradColors} onClick={() => setUi({ gradColors: !gradColors })} title="Grad colours: colour wires by the size of their gradient" aria-label="Grad colours">∇ colours</button>
      <button aria-pressed={minimap && !presentation} onClick={() => run('view:toggleMinimap')} disabled={presentation}
        title={presentation ? 'Minimap: hidden in presentation mode' : 'Minimap (M)'}>Minimap</button>
      <span className="sep" />
      <button aria-pressed={theme === 'dark'} onClick={() => run('view:toggleTheme')} title="Dark theme (T)">Dark</button>
      <button aria-pressed={presentation} onClick={() => run('view:togglePresentation')} title="Presentation mode, for a projector: large graph and text, palette folded, no minimap (P)" aria-label="Presentation mode" data-testid="presentation">Present</button>
      <button onClick={() => run('help:shortcuts')} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">?</button>
    </header>
  );
}
