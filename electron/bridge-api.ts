import type { AutosaveEntry, DocumentState, HostFile, MenuCommand, SaveRequest, SaveResult, Unsubscribe } from '../src/platform/host';

/**
 * What the preload exposes to the renderer as `window.sorixHost` (host.ts's HOST_GLOBAL): one function per IPC
 * message and the host's kind, nothing else (never `ipcRenderer`). The preload declares its object `satisfies SorixBridge`; src/platform/electron-host.ts builds the
 * renderer's `Host` from it, so a change on either side that breaks the contract fails type-checking.
 */
export interface SorixBridge {
  /** A constant, so the exposed object is a complete `Host` the renderer can use as it is. */
  readonly kind: 'electron';
  openFile(): Promise<HostFile | null>;
  saveFile(request: SaveRequest): Promise<SaveResult | null>;
  saveFileAs(request: SaveRequest): Promise<SaveResult | null>;
  exportPng(dataUrl: string, suggestedName: string): Promise<boolean>;
  autosaveWrite(entry: AutosaveEntry): Promise<void>;
  autosaveList(): Promise<AutosaveEntry[]>;
  autosaveClear(id: string): Promise<void>;
  confirm(message: string): Promise<boolean>;
  setDocumentState(state: DocumentState): void;
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  onOpenFile(listener: (file: HostFile) => void): Unsubscribe;
}
