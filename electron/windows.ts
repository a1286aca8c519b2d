import path from 'node:path';
import { BrowserWindow, app, dialog, screen } from 'electron';
import type { DocumentState, HostFile, MenuCommand } from '../src/platform/host';
import type { AutosaveOwnership, AutosaveStore } from './autosave-store';
import type { FileGrants } from './file-grants';
import { Channels } from './ipc-channels';
import { APP_ENTRY } from './security-policy';
import { MIN_SIZE, loadWindowState, placeWindow, saveWindowState } from './window-state';
import type { WindowState } from './window-state';
import { APP_NAME, windowTitle } from './window-title';

/** One document window and what main knows about its document. */
export interface DocWindow {
  win: BrowserWindow;
  /** The window's WebContents id, kept because it cannot be read after the window is destroyed. */
  key: number;
  state: DocumentState;
  /** The user answered "Don't Save", or the document was saved: the next close goes through. */
  closeConfirmed: boolean;
  /** The user chose "Save" in the close prompt: close once the renderer reports the document clean. */
  closeAfterSave: boolean;
  /** A close prompt is showing. */
  asking: boolean;
  /** Keep this window's autosaves when it closes (its page crashed: they are the only copy of the work). */
  keepAutosaves: boolean;
  /** Messages for the renderer held until the page has loaded (the preload then holds them until React listens). */
  outbox: { channel: string; value: unknown }[] | null;
}

export interface WindowDeps {
  preload: string;
  icon: string | undefined;
  windowStateFile: string;
  grants: FileGrants;
  autosave: AutosaveStore;
  ownership: AutosaveOwnership;
  /** The set of open documents changed (main records it, to offer reopening them after a crash). */
  sessionChanged: () => Promise<void>;
  /** Whether the app is quitting (a window closed after a prompt continues the quit). */
  isQuitting: () => boolean;
  cancelQuit: () => void;
}

/** The document windows: creating them safely, titles, the close prompt, window state. */
export class DocumentWindows {
  private readonly byKey = new Map<number, DocWindow>();
  private readonly deps: WindowDeps;
  private savedState: WindowState | null = null;
  private lastFocused: DocWindow | null = null;
  private readonly pending = new Set<Promise<void>>();

  constructor(deps: WindowDeps) {
    this.deps = deps;
  }

  async loadState(): Promise<void> {
    this.savedState = await loadWindowState(this.deps.windowStateFile);
  }

  /** Ids of our windows' WebContents: the only senders main listens to. */
  ids(): ReadonlySet<number> {
    return new Set(this.byKey.keys());
  }

  get(key: number): DocWindow | undefined {
    return this.byKey.get(key);
  }

  all(): DocWindow[] {
    return [...this.byKey.values()];
  }

  /** The focused window, or the one focused last, or any. */
  current(): DocWindow | null {
    const focused = BrowserWindow.getFocusedWindow();
    const found = this.all().find((w) => w.win === focused);
    if (found) return found;
    if (this.lastFocused && !this.lastFocused.win.isDestroyed()) return this.lastFocused;
    return this.all()[0] ?? null;
  }

  create(): DocWindow {
    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    const placed = placeWindow(this.savedState, workAreas);
    // Cascade windows opened while others are open so that they do not hide each other exactly.
    const offset = 28 * this.byKey.size;
    const win = new BrowserWindow({
      ...placed.bounds,
      x: placed.bounds.x + offset,
      y: placed.bounds.y + offset,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      show: false,
      title: APP_NAME,
      backgroundColor: '#16181d',
      ...(this.deps.icon ? { icon: this.deps.icon } : {}),
      webPreferences: {
        // electronegativity PRELOAD_JS_CHECK (review required): the preload runs sandboxed and isolated, and exposes
        // one function per message (see preload.ts); main checks sender and arguments of every one (ipc.ts).
        preload: this.deps.preload, // eng-disable PRELOAD_JS_CHECK
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        // Middle-click must not open links in new windows.
        disableBlinkFeatures: 'Auxclick',
      },
    });
    const rec: DocWindow = {
      win,
      key: win.webContents.id,
      state: { title: 'Untitled', dirty: false },
      closeConfirmed: false,
      closeAfterSave: false,
      asking: false,
      keepAutosaves: false,
      outbox: [],
    };
    this.byKey.set(rec.key, rec);
    if (placed.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('focus', () => {
      this.lastFocused = rec;
    });
    win.webContents.on('did-finish-load', () => {
      const pending = rec.outbox ?? [];
      rec.outbox = null;
      pending.forEach((m) => win.webContents.send(m.channel, m.value));
    });
    win.webContents.on('did-start-loading', () => {
      // A reload: hold messages again until the new page is there.
      rec.outbox ??= [];
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit') return;
      // The page is gone but its autosaves are on disk; reloading lets the renderer offer them back.
      void dialog
        .showMessageBox(win, {
          type: 'error',
          message: 'This window stopped working.',
          detail: `(${details.reason}) Reload it to get back your autosaved work.`,
          buttons: ['Reload', 'Close Window'],
          defaultId: 0,
          cancelId: 1,
        })
        .then(({ response }) => {
          if (win.isDestroyed()) return;
          if (response === 0) win.webContents.reload();
          else {
            rec.closeConfirmed = true;
            rec.keepAutosaves = true;
            win.close();
          }
        });
    });
    // Remember size and position as they change too, not only on close: a crash must not lose them.
    let stateTimer: ReturnType<typeof setTimeout> | undefined;
    const rememberSoon = (): void => {
      clearTimeout(stateTimer);
      stateTimer = setTimeout(() => !win.isDestroyed() && this.rememberState(win), 1000);
    };
    win.on('resize', rememberSoon);
    win.on('move', rememberSoon);
    win.on('maximize', rememberSoon);
    win.on('unmaximize', rememberSoon);
    win.on('close', (event) => this.onClose(rec, event));
    win.on('closed', () => clearTimeout(stateTimer));
    win.on('closed', () => this.onClosed(rec));
    void win.loadURL(APP_ENTRY);
    return rec;
  }

  /** Sends a message now, or once the page has loaded. */
  send(rec: DocWindow, channel: string, value: unknown): void {
    if (rec.win.isDestroyed()) return;
    if (rec.outbox) rec.outbox.push({ channel, value });
    else rec.win.webContents.send(channel, value);
  }

  sendCommand(rec: DocWindow, command: MenuCommand): void {
    this.send(rec, Channels.menuCommand, command);
  }

  sendFile(rec: DocWindow, file: HostFile): void {
    this.send(rec, Channels.fileOpened, file);
  }

  /** Title, unsaved marker and (macOS) the represented file follow the renderer's document state. */
  setState(rec: DocWindow, state: DocumentState): void {
    rec.state = state;
    const { win } = rec;
    win.setTitle(windowTitle(state));
    if (process.platform === 'darwin') {
      win.setDocumentEdited(state.dirty);
      const granted = state.path ? this.deps.grants.lookup(rec.key, state.path) : null;
      win.setRepresentedFilename(granted ?? '');
    }
    void this.deps.sessionChanged().catch(() => undefined);
    if (rec.closeAfterSave && !state.dirty) {
      rec.closeAfterSave = false;
      rec.closeConfirmed = true;
      win.close();
    }
  }

  /** A save asked for by the close prompt did not happen (cancelled or failed): keep the window, stop quitting. */
  saveAbandoned(rec: DocWindow): void {
    if (!rec.closeAfterSave) return;
    rec.closeAfterSave = false;
    this.deps.cancelQuit();
  }

  private onClose(rec: DocWindow, event: Electron.Event): void {
    if (rec.state.dirty && !rec.closeConfirmed) {
      event.preventDefault();
      void this.askBeforeClose(rec);
      return;
    }
    this.rememberState(rec.win);
  }

  private rememberState(win: BrowserWindow): void {
    this.savedState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void saveWindowState(this.deps.windowStateFile, this.savedState).catch(() => undefined);
  }

  private async askBeforeClose(rec: DocWindow): Promise<void> {
    if (rec.asking) return;
    rec.asking = true;
    rec.win.focus();
    const { response } = await dialog.showMessageBox(rec.win, {
      type: 'warning',
      message: `Do you want to save the changes you made to “${rec.state.title}”?`,
      detail: "Your changes will be lost if you don't save them.",
      buttons: ['Save', "Don't Save", 'Cancel'],
      defaultId: 0,
      cancelId: 2,
      noLink: true,
    });
    rec.asking = false;
    if (rec.win.isDestroyed()) return;
    if (response === 0) {
      rec.closeAfterSave = true;
      this.sendCommand(rec, 'file:save');
    } else if (response === 1) {
      rec.closeConfirmed = true;
      rec.win.close();
    } else {
      this.deps.cancelQuit();
    }
  }

  private onClosed(rec: DocWindow): void {
    this.byKey.delete(rec.key);
    if (this.lastFocused === rec) this.lastFocused = null;
    this.deps.grants.forgetWindow(rec.key);
    // Closed normally: what it autosaved is either saved or declined. What it was only offered stays for next time.
    const { written } = this.deps.ownership.releaseWindow(rec.key);
    if (rec.keepAutosaves) written.length = 0;
    const clearing = Promise.all([
      ...written.map((id) => this.deps.autosave.clear(id).catch(() => undefined)),
      this.deps.sessionChanged().catch(() => undefined),
    ]).then(() => undefined);
    this.pending.add(clearing);
    void clearing.finally(() => this.pending.delete(clearing));
    // Electron abandons a quit when a window refuses to close; after the prompt, carry on with it.
    if (this.deps.isQuitting()) app.quit();
  }

  /** The files open in the windows, as the user chose them (only granted paths). */
  openFiles(): string[] {
    return this.all().flatMap((w) => {
      const granted = w.state.path ? this.deps.grants.lookup(w.key, w.state.path) : null;
      return granted ? [granted] : [];
    });
  }

  /** Waits for autosave and session clean-up of closed windows (main holds the quit until then). */
  async settle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  hasPendingWork(): boolean {
    return this.pending.size > 0;
  }
}

/** The app icon for Linux windows (macOS and Windows take it from the bundle). */
export function windowIcon(appPath: string): string | undefined {
  return process.platform === 'linux' ? path.join(appPath, 'assets', 'icons', '512x512.png') : undefined;
}
