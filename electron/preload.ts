/**
 * The preload: runs sandboxed, with context isolation, and exposes exactly one function per IPC message as
 * `window.sorixHost`. It never exposes `ipcRenderer`, never forwards Electron's event objects (they carry the
 * sender), and checks what main sends before handing it on. Main validates everything again on its side.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { HOST_GLOBAL, isMenuCommand } from '../src/platform/host';
import type { AutosaveEntry, DocumentState, HostFile, MenuCommand, SaveRequest, SorixBridge } from '../src/platform/host';
import { Channels } from './ipc-channels';

function isHostFile(value: unknown): value is HostFile {
  const v = value as Partial<HostFile> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.text === 'string' && (v.path === undefined || typeof v.path === 'string');
}

/**
 * Subscribes to one main → renderer channel, passing on only values that pass `accept`. Messages that arrive before
 * the renderer has subscribed (main sends a double-clicked file as soon as the page has loaded, React subscribes a
 * little later) are kept and handed to the first listener.
 */
function channelFeed<T>(channel: string, accept: (value: unknown) => value is T): (listener: (value: T) => void) => () => void {
  const listeners = new Set<(value: T) => void>();
  const early: T[] = [];
  ipcRenderer.on(channel, (_event: IpcRendererEvent, value: unknown) => {
    if (!accept(value)) return;
    if (listeners.size === 0) early.push(value);
    listeners.forEach((l) => l(value));
  });
  return (listener) => {
    listeners.add(listener);
    early.splice(0).forEach((v) => listener(v));
    return () => {
      listeners.delete(listener);
    };
  };
}

const menuCommands = channelFeed<MenuCommand>(Channels.menuCommand, isMenuCommand);
const openedFiles = channelFeed<HostFile>(Channels.fileOpened, isHostFile);

const bridge = {
  kind: 'electron',
  openFile: () => ipcRenderer.invoke(Channels.fileOpen),
  saveFile: (request: SaveRequest) => ipcRenderer.invoke(Channels.fileSave, request),
  saveFileAs: (request: SaveRequest) => ipcRenderer.invoke(Channels.fileSaveAs, request),
  exportPng: (dataUrl: string, suggestedName: string) => ipcRenderer.invoke(Channels.fileExportPng, dataUrl, suggestedName),
  exportText: (text: string, suggestedName: string) => ipcRenderer.invoke(Channels.fileExportText, text, suggestedName),
  autosaveWrite: (entry: AutosaveEntry) => ipcRenderer.invoke(Channels.autosaveWrite, entry),
  autosaveList: () => ipcRenderer.invoke(Channels.autosaveList),
  autosaveClear: (id: string) => ipcRenderer.invoke(Channels.autosaveClear, id),
  confirm: (message: string) => ipcRenderer.invoke(Channels.dialogConfirm, message),
  setDocumentState: (state: DocumentState) => ipcRenderer.send(Channels.documentSetState, state),
  onMenuCommand: (listener: (command: MenuCommand) => void) => menuCommands(listener),
  onOpenFile: (listener: (file: HostFile) => void) => openedFiles(listener),
} satisfies SorixBridge;

contextBridge.exposeInMainWorld(HOST_GLOBAL, bridge);
