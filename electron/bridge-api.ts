import type { AutosaveEntry, DocumentState, HostFile, MenuCommand, SaveRequest, SaveResult, Unsubscribe } from '../src/platform/host';

/**
 * What the preload exposes to the renderer as `window.sorixHost`: one function per IPC message, nothing else (never
 * `ipcRenderer`). The preload declares its object `satisfies SorixBridge`; src/platform/electron-host.ts builds the
 * renderer's `Host` from it, so a change on either side that breaks the contract fails type-checking.
 */
export interface SorixBridge {
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

/** The global name under which the preload exposes the bridge (the renderer looks for it to pick its host). */
export const BRIDGE_GLOBAL = 'sorixHost';
