/**
 * A stand-in for the parts of Electron's API that main uses, recording what main does with them. The Electron
 * binary cannot run on these machines; this lets the built main.cjs run under Node so its wiring (security settings,
 * handlers, the close prompt, recovery at start) is exercised. It is not Electron: rendering, real IPC and native
 * dialogs are not tested by it.
 */
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type DialogAnswer = { response?: number; canceled?: boolean; filePath?: string; filePaths?: string[] };

export function createFakeElectron(opts: { userData: string; appPath: string; documents: string }) {
  let nextId = 1;
  const sent: { windowId: number; channel: string; value: unknown }[] = [];
  const dialogs: { kind: string; options: Record<string, unknown> }[] = [];
  const answers: DialogAnswer[] = [];
  const opened: string[] = [];
  const windows: FakeWindow[] = [];
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalls: 0,
    getPath: (name: string) => (name === 'userData' ? opts.userData : opts.documents),
    getAppPath: () => opts.appPath,
    requestSingleInstanceLock: () => true,
    whenReady: () => readyPromise,
    setAppUserModelId: () => undefined,
    addRecentDocument: () => undefined,
    clearRecentDocuments: () => undefined,
    quit: () => {
      app.quitCalls++;
    },
  });

  class FakeWebContents extends EventEmitter {
    readonly id = nextId++;
    url = '';
    windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
    readonly mainFrame = { url: '', parent: null };
    send(channel: string, value: unknown): void {
      sent.push({ windowId: this.id, channel, value });
    }
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
      this.windowOpenHandler = h;
    }
    reload(): void {}
    toggleDevTools(): void {}
  }

  class FakeWindow extends EventEmitter {
    static focused: FakeWindow | null = null;
    static getFocusedWindow(): FakeWindow | null {
      return FakeWindow.focused;
    }
    static getAllWindows(): FakeWindow[] {
      return windows.filter((w) => !w.destroyed);
    }
    readonly webContents = new FakeWebContents();
    readonly options: Record<string, unknown>;
    destroyed = false;
    title = '';
    fullScreen = false;
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
      // The page "loads" on the next turn, as it would: main holds messages for it until then.
      setImmediate(() => this.webContents.emit('did-finish-load'));
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    close(): void {
      const e = fakeEvent();
      this.emit('close', e);
      if (e.defaultPrevented) return;
      this.destroyed = true;
      this.emit('closed');
    }
    show(): void {}
    focus(): void {
      FakeWindow.focused = this;
      this.emit('focus');
    }
    maximize(): void {}
    isMaximized(): boolean {
      return false;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    getNormalBounds() {
      return { x: 10, y: 20, width: 1000, height: 700 };
    }
    setTitle(t: string): void {
      this.title = t;
    }
    setDocumentEdited(): void {}
    setRepresentedFilename(): void {}
    setFullScreen(f: boolean): void {
      this.fullScreen = f;
    }
    isFullScreen(): boolean {
      return this.fullScreen;
    }
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const record = {
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (req: { url: string; method: string }) => Promise<Response>>(),
    permissionRequest: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | (() => boolean),
    devicePermission: null as null | (() => boolean),
    headersReceived: null as null | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    menu: null as unknown,
  };

  async function answer(kind: string, options: Record<string, unknown>): Promise<DialogAnswer> {
    dialogs.push({ kind, options });
    return answers.shift() ?? { response: 0, canceled: true };
  }

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => {
        record.menu = m;
      },
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => record.schemes.push(...s),
      handle: (scheme: string, h: (req: { url: string; method: string }) => Promise<Response>) => record.protocolHandlers.set(scheme, h),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof record.permissionRequest) => (record.permissionRequest = h),
        setPermissionCheckHandler: (h: typeof record.permissionCheck) => (record.permissionCheck = h),
        setDevicePermissionHandler: (h: typeof record.devicePermission) => (record.devicePermission = h),
        webRequest: { onHeadersReceived: (h: typeof record.headersReceived) => (record.headersReceived = h) },
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => listeners.set(channel, fn),
    },
    dialog: {
      showMessageBox: (_w: unknown, o?: Record<string, unknown>) => answer('message', (o ?? _w) as Record<string, unknown>),
      showOpenDialog: (_w: unknown, o: Record<string, unknown>) => answer('open', o).then((a) => ({ canceled: a.canceled ?? false, filePaths: a.filePaths ?? [] })),
      showSaveDialog: (_w: unknown, o: Record<string, unknown>) => answer('save', o).then((a) => ({ canceled: a.canceled ?? false, filePath: a.filePath ?? '' })),
    },
    shell: {
      openExternal: (url: string) => {
        opened.push(url);
        return Promise.resolve();
      },
    },
  };

  /** An IPC event as Electron would give it for `win` (or for a stranger). */
  function eventFrom(win: FakeWindow | { webContents: { id: number } }, frameUrl = 'app://sorix/index.html', top = true) {
    return { sender: win.webContents, senderFrame: { url: frameUrl, parent: top ? null : {} } };
  }

  return {
    electron,
    ready: () => readyResolve(),
    windows,
    sent,
    dialogs,
    answers,
    opened,
    record,
    invoke: (channel: string, event: unknown, ...args: unknown[]) => {
      const h = handlers.get(channel);
      if (!h) throw new Error(`no handler for ${channel}`);
      return Promise.resolve(h(event, ...args));
    },
    emitTo: (channel: string, event: unknown, ...args: unknown[]) => listeners.get(channel)?.(event, ...args),
    handlerNames: () => [...handlers.keys(), ...listeners.keys()].sort(),
    eventFrom,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
