import { hasControlCharacters } from './ipc-schemas';

export const APP_NAME = 'Sorix Studio';

/**
 * The window title for a document: `• seed.sorix.json — Sorix Studio` while unsaved (the same form the browser host
 * uses for its tab). macOS also shows the unsaved state in the close button (`setDocumentEdited`).
 */
export function windowTitle(state: { title: string; dirty: boolean }): string {
  const name = [...state.title].filter((ch) => !hasControlCharacters(ch)).join('').trim() || 'Untitled';
  return `${state.dirty ? '• ' : ''}${name} — ${APP_NAME}`;
}
