/**
 * The main process, kept thin: it wires Electron's objects to the modules beside it, where the decisions are made
 * (and tested without Electron): atomic saving, recent files, window state, autosave and recovery, IPC validation,
 * the menu as data, the security policy.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, session } from 'electron';
import { filesFromArgv } from './argv';
import { AutosaveOwnership, AutosaveStore } from './autosave-store';
import { validateDocumentText } from './document-validation';
import { FileGrants } from './file-grants';
import { hardenAllWebContents, hardenSession, registerAppScheme, serveRenderer } from './hardening';
import { acceptChosenFile, readChosenFile, registerIpc } from './ipc';
import type { IpcDeps } from './ipc';
import { buildMenu, isShellCommand, toElectronTemplate } from './menu';
import type { AnyCommand, Platform } from './menu';
import { RecentFiles, pruneMissing } from './recent-files';
import { SessionStore, filesToReopen } from './session-store';
import { DocumentWindows, windowIcon } from './windows';

registerAppScheme();
hardenAllWebContents();

const platform: Platform = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux';
const userData = app.getPath('userData');
const grants = new FileGrants();
const recent = new RecentFiles(path.join(userData, 'recent-files.json'));
const autosave = new AutosaveStore(path.join(userData, 'autosave'));
const ownership = new AutosaveOwnership();
const openSession = new SessionStore(path.join(userData, 'session.json'));
let quitting = false;
/** Files the system asked to open before the app was ready (macOS sends `open-file` very early). */
const earlyFiles: string[] = [];
let ready = false;

const windows = new DocumentWindows({
  preload: path.join(__dirname, 'preload.cjs'),
  icon: windowIcon(app.getAppPath()),
  windowStateFile: path.join(userData, 'window-state.json'),
  grants,
  autosave,
  ownership,
  sessionChanged: (): Promise<void> => openSession.update(windows.openFiles()),
  isQuitting: () => quitting,
  cancelQuit: () => {
    quitting = false;
  },
});

const deps: IpcDeps = { windows, grants, recent, autosave, ownership, validate: validateDocumentText, recentChanged: () => setMenu() };

function setMenu(): void {
  const spec = buildMenu(platform, { recentFiles: recent.list(), devTools: !app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronTemplate(spec, (command, arg) => void runCommand(command, arg))));
}

/**
 * Opens a file the user chose: in the current window if it holds an untouched, unnamed document (and is not
 * offering back autosaved work), else in a new one.
 */
async function openFile(file: string): Promise<void> {
  const current = windows.current();
  const opened = await readChosenFile(deps, current, file);
  if (!opened) return;
  const untouched = current && !current.state.dirty && !current.state.path && ownership.idsOf(current.key).length === 0;
  const target = current && untouched ? current : windows.create();
  await acceptChosenFile(deps, target, file);
  windows.sendFile(target, opened);
  target.win.focus();
}

async function runCommand(command: AnyCommand, arg?: string): Promise<void> {
  if (isShellCommand(command)) {
    switch (command) {
      case 'file:openRecent':
        if (arg) await openFile(arg);
        return;
      case 'file:clearRecent':
        await recent.clear();
        if (platform !== 'linux') app.clearRecentDocuments();
        setMenu();
        return;
      case 'window:close':
        windows.current()?.win.close();
        return;
      case 'app:quit':
        app.quit();
        return;
      case 'window:toggleDevTools':
        windows.current()?.win.webContents.toggleDevTools();
        return;
    }
  }
  windows.sendCommand(windows.current() ?? windows.create(), command);
}

async function start(): Promise<void> {
  app.setAppUserModelId('studio.sorix.app');
  hardenSession(session.defaultSession);
  serveRenderer(path.join(app.getAppPath(), 'dist', 'renderer'));
  registerIpc(deps);
  await Promise.all([windows.loadState(), recent.load().catch(() => [])]);
  setMenu();

  // Work left by a session that crashed or was killed: one window per document, whose renderer offers it back
  // ("restore the autosave from 28 Nov 2026, 16:20?") the way it does in the browser.
  const previous = await openSession.load();
  const { entries, unreadable } = await autosave.list();
  unreadable.forEach((file) => console.warn(`[autosave] cannot read ${file}; left in place`));
  for (const entry of entries) ownership.offer(entry.id, windows.create().key);
  // Files that were open without unsaved changes: offer to reopen them (their content is on disk, unchanged).
  const reopen = await pruneMissing(filesToReopen(previous, entries));
  if (reopen.length > 0) {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      message: 'Sorix Studio did not close properly. Reopen the files that were open?',
      detail: reopen.map((f) => path.basename(f)).join('\n'),
      buttons: ['Reopen', "Don't Reopen"],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    if (response === 0) for (const file of reopen) await openFile(file);
  }

  ready = true;
  const files = [...filesFromArgv(process.argv, process.cwd(), app.isPackaged), ...earlyFiles.splice(0)];
  for (const file of files) await openFile(file);
  if (windows.all().length === 0) windows.create();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance runs: it receives our command line through `second-instance` and opens the files there.
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const files = filesFromArgv(argv, workingDirectory, app.isPackaged);
    if (files.length === 0) {
      const current = windows.current();
      if (current) {
        if (current.win.isMinimized()) current.win.restore();
        current.win.focus();
      } else windows.create();
    }
    files.forEach((file) => void openFile(file));
  });

  // macOS: double-click in Finder, drop on the Dock icon.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    if (ready) void openFile(file);
    else earlyFiles.push(file);
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('will-quit', (event) => {
    if (!windows.hasPendingWork()) return;
    event.preventDefault();
    void windows.settle().then(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin' || quitting) app.quit();
  });

  app.on('activate', () => {
    if (ready && BrowserWindow.getAllWindows().length === 0) windows.create();
  });

  void app.whenReady().then(start);
}
