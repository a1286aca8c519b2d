/**
 * The host interface: everything the renderer needs from the world around it. The same renderer runs in Electron
 * (the shell implements this over its preload, one function per message) and in a plain browser (browser-host.ts);
 * the tests use memory-host.ts. The renderer never touches files, windows or menus except through this.
 *
 * Stability: this file is the contract with `electron/`. Add optional members rather than changing existing ones.
 */

/** A file's text as the user picked or dropped it. `path` is set only by hosts that have real paths (desktop). */
export interface HostFile {
  /** The file's base name, e.g. `seed.sorix.json`. */
  name: string;
  /** Absolute path on disk (desktop only); browsers have none. */
  path?: string;
  /** The file's contents, decoded as UTF-8. */
  text: string;
}

/** What a save wrote: the name (and path, on the desktop) to show from now on. */
export interface SaveResult {
  name: string;
  path?: string;
}

/** A request to save text. */
export interface SaveRequest {
  /** The document serialised, ready to write as is. */
  text: string;
  /** Name offered in a dialog or used for a download, e.g. `Untitled.sorix.json`. */
  suggestedName: string;
  /** Where the document was opened from or last saved to; `save` writes there without asking when set. */
  path?: string;
}

/** One autosaved document, kept until it is saved, discarded or replaced. */
export interface AutosaveEntry {
  /** Stable per open document (one per window on the desktop; one per tab in the browser). */
  id: string;
  /** The document's title or file name, to show in the restore prompt. */
  title: string;
  /** Where it was opened from, if anywhere. */
  path?: string;
  /** ISO 8601 time of the autosave, shown as "from when". */
  savedAt: string;
  /** The serialised document. */
  text: string;
}

/** Commands that menus (native on the desktop) send to the renderer. Ids follow `domain:verb`. */
export const MENU_COMMANDS = [
  'file:new',
  'file:open',
  'file:save',
  'file:saveAs',
  'file:exportJson',
  'file:exportPng',
  'file:exportPytorch',
  'edit:undo',
  'edit:redo',
  'edit:cut',
  'edit:copy',
  'edit:paste',
  'edit:duplicate',
  'edit:selectAll',
  'edit:delete',
  'view:zoomIn',
  'view:zoomOut',
  'view:fitView',
  'view:toggleMinimap',
  'view:toggleTheme',
  'view:togglePresentation',
  'view:toggleTraining',
  'view:autoLayout',
  'help:shortcuts',
  'help:about',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** What the renderer tells the host about the open document, after every change of name or dirty state. */
export interface DocumentState {
  /** Shown in the window title, e.g. `seed.sorix.json`. */
  title: string;
  /** Unsaved changes exist: the host marks the title and confirms before closing. */
  dirty: boolean;
  path?: string;
}

/** Unsubscribes a listener. */
export type Unsubscribe = () => void;

export interface Host {
  /** Which host this is; the UI uses it only for wording ("Download" vs "Save"). */
  readonly kind: 'electron' | 'browser' | 'memory';

  /** Asks the user for a graph file and returns its text, or null if they cancelled. */
  openFile(): Promise<HostFile | null>;
  /** Saves to `request.path` when set (desktop), else asks where (desktop) or downloads (browser). Null if cancelled. */
  saveFile(request: SaveRequest): Promise<SaveResult | null>;
  /** Always asks where to save (desktop) or downloads (browser). Null if cancelled. */
  saveFileAs(request: SaveRequest): Promise<SaveResult | null>;
  /** Saves a PNG picture of the canvas; `dataUrl` is `data:image/png;base64,…`. False if cancelled. */
  exportPng(dataUrl: string, suggestedName: string): Promise<boolean>;
  /**
   * Saves an exported script (`suggestedName` ends in its extension, e.g. `.py`): asks where (desktop) or downloads
   * (browser). It is not a graph document: it is written as it is, never validated or opened. False if cancelled.
   */
  exportText(text: string, suggestedName: string): Promise<boolean>;

  /** Keeps unsaved work so a crash or reload can offer it back. Called a few seconds after each change. */
  autosaveWrite(entry: AutosaveEntry): Promise<void>;
  /** Every autosaved document left from earlier sessions (and this one), newest first. */
  autosaveList(): Promise<AutosaveEntry[]>;
  /** Forgets one autosave (after a save, a discard, or a restore that was taken). */
  autosaveClear(id: string): Promise<void>;

  /** Subscribes to menu commands (native menus on the desktop; none in the browser). */
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  /** Subscribes to files the system asks to open (command line, double-click, drop on the dock icon). */
  onOpenFile(listener: (file: HostFile) => void): Unsubscribe;

  /** Tells the host the document's name and dirty state (window title, close confirmation). */
  setDocumentState(state: DocumentState): void;
  /** Asks the user a yes/no question (unsaved changes before New or Open). */
  confirm(message: string): Promise<boolean>;
}

/**
 * What the desktop preload exposes to the renderer as `window.sorixHost` (HOST_GLOBAL): one function per IPC message
 * and the host's kind, nothing else (never `ipcRenderer`). It is the renderer's `Host` itself, used as it is; the
 * preload declares its object `satisfies SorixBridge`, so it fails type-checking the moment it offers one function
 * more or fewer than this interface.
 */
export type SorixBridge = Host & {
  /** A constant, so the exposed object is a complete `Host`. */
  readonly kind: 'electron';
};

/**
 * The name under which the desktop preload exposes its Host (`contextBridge.exposeInMainWorld('sorixHost', host)`).
 * When it is absent the renderer runs on the browser host.
 */
export const HOST_GLOBAL = 'sorixHost';
