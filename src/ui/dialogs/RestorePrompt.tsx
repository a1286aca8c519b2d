import { useEffect, useState } from 'react';
import type { AutosaveEntry } from '../../platform/host';
import { useEditorApi } from '../../store/context';
import { openText } from '../file-actions';
import { useHost } from '../host-context';

/**
 * After a reload, a crash or a closed tab: offers back the work that was autosaved and never saved, and says from when
 * (the host leaves out what other open tabs or windows are working on).
 */
export function RestorePrompt() {
  const host = useHost();
  const store = useEditorApi();
  const [entries, setEntries] = useState<AutosaveEntry[]>([]);
  useEffect(() => {
    let live = true;
    // This tab's own slot is offered too: it holds what was unsaved when the page was reloaded.
    void host.autosaveList().then((list) => { if (live) setEntries(list); });
    return () => { live = false; };
  }, [host]);
  const entry = entries[0];
  if (!entry) return null;
  const drop = (): void => { void host.autosaveClear(entry.id); setEntries(entries.slice(1)); };
  const restore = (): void => {
    // The restored work is unsaved: it stays marked dirty, and this session's autosave takes it over.
    openText(store, { name: entry.title, text: entry.text, ...(entry.path ? { path: entry.path } : {}) }, { dirty: true });
    drop();
  };
  return (
    <div className="restore" role="alertdialog" aria-label="Restore unsaved work" data-testid="restore">
      <p style={{ margin: '0 0 8px' }}>Unsaved work from <strong>{new Date(entry.savedAt).toLocaleString()}</strong> ({entry.title}) was kept.{entries.length > 1 ? ` ${entries.length - 1} more after this.` : ''}</p>
      <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
        <button onClick={drop} data-testid="restore-discard">Discard</button>
        <button className="primary" onClick={restore} data-testid="restore-accept">Restore</button>
      </div>
    </div>
  );
}
