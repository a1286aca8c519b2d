import type { SorixBridge } from '../../electron/bridge-api';
import type { AutosaveEntry, DocumentState, Host, HostFile, MenuCommand, SaveRequest, SaveResult, Unsubscribe } from './host';
import { HOST_GLOBAL } from './host';

/**
 * The renderer's host on the desktop: each call goes to the preload's bridge (`window.sorixHost`), one IPC message
 * each. Building a `Host` from a `SorixBridge` is what checks, at compile time, that the preload offers everything
 * the renderer needs with the same types.
 */
export class ElectronHost implements Host {
  readonly kind = 'electron' as const;
  private readonly bridge: SorixBridge;

  constructor(bridge: SorixBridge) {
    this.bridge = bridge;
  }

  openFile(): Promise<HostFile | null> {
    return this.bridge.openFile();
  }
  saveFile(request: SaveRequest): Promise<SaveResult | null> {
    return this.bridge.saveFile(request);
  }
  saveFileAs(request: SaveRequest): Promise<SaveResult | null> {
    return this.bridge.saveFileAs(request);
  }
  exportPng(dataUrl: string, suggestedName: string): Promise<boolean> {
    return this.bridge.exportPng(dataUrl, suggestedName);
  }
  autosaveWrite(entry: AutosaveEntry): Promise<void> {
    return this.bridge.autosaveWrite(entry);
  }
  autosaveList(): Promise<AutosaveEntry[]> {
    return this.bridge.autosaveList();
  }
  autosaveClear(id: string): Promise<void> {
    return this.bridge.autosaveClear(id);
  }
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe {
    return this.bridge.onMenuCommand(listener);
  }
  onOpenFile(listener: (file: HostFile) => void): Unsubscribe {
    return this.bridge.onOpenFile(listener);
  }
  setDocumentState(state: DocumentState): void {
    this.bridge.setDocumentState(state);
  }
  confirm(message: string): Promise<boolean> {
    return this.bridge.confirm(message);
  }
}

/** The desktop host if this renderer runs under the Sorix preload, else null (then the browser host applies). */
export function electronHostFromWindow(win: Window = window): ElectronHost | null {
  const bridge = (win as unknown as Record<string, SorixBridge | undefined>)[HOST_GLOBAL];
  return bridge ? new ElectronHost(bridge) : null;
}
