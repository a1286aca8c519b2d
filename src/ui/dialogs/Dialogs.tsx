import { useEditor, useEditorApi } from '../../store/context';
import { NAVIGATION_NOTES, SHORTCUTS } from '../shortcuts';
import { Dialog } from './Dialog';

/** Whichever dialog the UI slice asks for: shortcuts, about, or the problems of a file that did not open. */
export function Dialogs() {
  const dialog = useEditor((s) => s.dialog);
  const problems = useEditor((s) => s.problems);
  const api = useEditorApi();
  const close = () => api.getState().setUi({ dialog: null, problems: null });
  if (problems) {
    return (
      <Dialog title={`“${problems.fileName}” could not be opened`} onClose={close} testId="problems">
        <p>The graph that was open is unchanged. {problems.problems.length} problem{problems.problems.length > 1 ? 's' : ''}:</p>
        <ul className="problems">
          {problems.problems.map((p, i) => <li key={i}><code>{p.path}</code> {p.message}</li>)}
        </ul>
      </Dialog>
    );
  }
  if (dialog === 'help') {
    return (
      <Dialog title="Keyboard shortcuts" onClose={close} testId="help">
        <table>
          <thead><tr><th>Keys</th><th>Does</th></tr></thead>
          <tbody>{SHORTCUTS.map((s) => <tr key={s.keys}><td><kbd>{s.keys}</kbd></td><td>{s.label}</td></tr>)}</tbody>
        </table>
        <ul>{NAVIGATION_NOTES.map((n) => <li key={n}>{n}</li>)}</ul>
        <p className="muted">On a Mac, Cmd works wherever Ctrl is listed.</p>
      </Dialog>
    );
  }
  if (dialog === 'about') {
    return (
      <Dialog title="About Sorix Studio" onClose={close} testId="about">
        <p>See and build neural networks by hand: every value and every gradient, computed live by an embedded autograd engine that prints numbers as NumPy does.</p>
      </Dialog>
    );
  }
  return null;
}
