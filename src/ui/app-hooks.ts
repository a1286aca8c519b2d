import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useEditor, useEditorApi } from '../store/context';
import { selectDirty } from '../store/editor-store';
import { serializeDocument } from '../document';
import { withViewport } from './canvas/view';
import { autosaveId, openText, UNSAVED_QUESTION } from './file-actions';
import { useHost } from './host-context';
import { commandForKey } from './shortcuts';
import { useCommand } from './use-command';

const AUTOSAVE_DELAY_MS = 1500;

function inTextField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Keyboard shortcuts for the whole window. */
export function useKeyboard(): void {
  const run = useCommand();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const cmd = commandForKey(e, inTextField(e.target));
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);
}

/** Keeps the host told about the document (title, dirty) and listens to its menus and system file opens. */
export function useHostSync(): void {
  const host = useHost();
  const store = useEditorApi();
  const run = useCommand();
  const fileName = useEditor((s) => s.fileName);
  const path = useEditor((s) => s.path);
  const dirty = useEditor(selectDirty);
  useEffect(() => host.setDocumentState({ title: fileName, dirty, ...(path ? { path } : {}) }), [host, fileName, dirty, path]);
  useEffect(() => host.onMenuCommand(run), [host, run]);
  useEffect(() => host.onOpenFile((file) => {
    const go = !selectDirty(store.getState()) ? Promise.resolve(true) : host.confirm(UNSAVED_QUESTION);
    void go.then((ok) => { if (ok) openText(store, file); });
  }), [host, store]);
}

/**
 * A moment after each change, unsaved work goes to the host's autosave; saved work is cleared from it. A change still
 * waiting for its moment is written at once when the page is hidden or left (reload, tab closed, app switched), so
 * an edit made just before a reload is offered back after it.
 */
export function useAutosave(): void {
  const host = useHost();
  const store = useEditorApi();
  const flow = useReactFlow();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const write = (): void => {
      timer = undefined;
      const now = store.getState();
      if (!selectDirty(now)) { void host.autosaveClear(autosaveId()); return; }
      void host.autosaveWrite({ id: autosaveId(), title: now.fileName, savedAt: new Date().toISOString(), text: serializeDocument(withViewport(now.doc, flow.getViewport())), ...(now.path ? { path: now.path } : {}) });
    };
    const flush = (): void => {
      if (timer === undefined) return;
      clearTimeout(timer);
      write();
    };
    const onVisibility = (): void => { if (document.visibilityState === 'hidden') flush(); };
    const unsub = store.subscribe((s, prev) => {
      if (s.doc === prev.doc && s.savedDoc === prev.savedDoc) return;
      clearTimeout(timer);
      timer = setTimeout(write, AUTOSAVE_DELAY_MS);
    });
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(timer);
      unsub();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [host, store, flow]);
}

/** Theme and presentation mode as attributes on <html>, where the CSS variables read them. */
export function useAppearance(): void {
  const theme = useEditor((s) => s.theme);
  const presentation = useEditor((s) => s.presentation);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.presentation = String(presentation);
  }, [theme, presentation]);
}
