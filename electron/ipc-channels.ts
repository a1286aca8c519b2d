/**
 * Every IPC channel between the renderer and main, named `domain:verb`. The preload imports only this file (no
 * validation library), main imports it together with the schemas in ipc-schemas.ts.
 */
export const Channels = {
  /** invoke → HostFile | null: shows the open dialog, reads and validates the file the user picked. */
  fileOpen: 'file:open',
  /** invoke(SaveRequest) → SaveResult | null: writes to a path the user chose earlier, else asks. */
  fileSave: 'file:save',
  /** invoke(SaveRequest) → SaveResult | null: always asks where. */
  fileSaveAs: 'file:saveAs',
  /** invoke(dataUrl, suggestedName) → boolean: asks where and writes the PNG. */
  fileExportPng: 'file:exportPng',
  /** invoke(text, suggestedName) → boolean: asks where and writes an exported script (a .py file). */
  fileExportText: 'file:exportText',
  /** invoke(AutosaveEntry) → void. */
  autosaveWrite: 'autosave:write',
  /** invoke → AutosaveEntry[]: this window's autosaves (its own and those it was given to offer back). */
  autosaveList: 'autosave:list',
  /** invoke(id) → void. */
  autosaveClear: 'autosave:clear',
  /** invoke(message) → boolean: a native yes/no question. */
  dialogConfirm: 'dialog:confirm',
  /** send(DocumentState): window title, unsaved marker, close confirmation. */
  documentSetState: 'document:setState',
  /** main → renderer (MenuCommand). */
  menuCommand: 'menu:command',
  /** main → renderer (HostFile): a file the system asked to open (command line, double-click, Open Recent). */
  fileOpened: 'file:opened',
} as const;

export type Channel = (typeof Channels)[keyof typeof Channels];
