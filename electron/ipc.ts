import path from 'node:path';
import { app, dialog, ipcMain } from 'electron';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import type { HostFile, SaveRequest, SaveResult } from '../src/platform/host';
import { writeFileAtomic } from './atomic-write';
import { displayName, withDocumentExtension } from './argv';
import type { AutosaveOwnership, AutosaveStore } from './autosave-store';
import { decodePngDataUrl, formatProblems, readDocumentFile, writeDocumentFile } from './document-files';
import type { DocumentProblem, ValidateDocument } from './document-files';
import type { FileGrants } from './file-grants';
import { Channels } from './ipc-channels';
import { IpcRejected, guarded } from './ipc-guard';
import type { SenderInfo } from './ipc-guard';
import type { ArgsOf, InboundChannel } from './ipc-schemas';
import type { RecentFiles } from './recent-files';
import { APP_ORIGIN } from './security-policy';
import type { DocWindow, DocumentWindows } from './windows';

export interface IpcDeps {
  windows: DocumentWindows;
  grants: FileGrants;
  recent: RecentFiles;
  autosave: AutosaveStore;
  ownership: AutosaveOwnership;
  validate: ValidateDocument;
  /** After the recent files list changed (main rebuilds the menu). */
  recentChanged: () => void;
}

const DOCUMENT_FILTERS = [
  { name: 'Sorix graph', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** What main knows about an IPC sender, from Electron's event. */
function senderInfo(event: IpcMainInvokeEvent | IpcMainEvent): SenderInfo {
  const frame = event.senderFrame;
  return { webContentsId: event.sender.id, frameUrl: frame ? frame.url : null, isMainFrame: frame !== null && frame.parent === null };
}

/** Shows every problem of a file that could not be opened or saved (at most 40 lines, then a count). */
export async function showProblems(rec: DocWindow | null, message: string, problems: readonly DocumentProblem[]): Promise<void> {
  const shown = problems.slice(0, 40);
  const more = problems.length - shown.length;
  const detail = formatProblems(shown) + (more > 0 ? `\n… and ${more} more` : '');
  const options = { type: 'error' as const, message, detail, buttons: ['OK'] };
  if (rec && !rec.win.isDestroyed()) await dialog.showMessageBox(rec.win, options);
  else await dialog.showMessageBox(options);
}

/**
 * Reads and validates a file the user chose (dialog, command line, double-click, Open Recent). A file that does not
 * validate shows all its problems (over `parent`) and gives null, leaving what is open untouched.
 */
export async function readChosenFile(deps: IpcDeps, parent: DocWindow | null, file: string): Promise<HostFile | null> {
  const outcome = await readDocumentFile(file, deps.validate);
  if (!outcome.ok) {
    await showProblems(parent, `“${displayName(file)}” could not be opened.`, outcome.problems);
    return null;
  }
  return outcome.file;
}

/** A file the user chose is now open in `rec`: it may save there, and it heads the recent files. */
export async function acceptChosenFile(deps: IpcDeps, rec: DocWindow, file: string): Promise<void> {
  deps.grants.grant(rec.key, file);
  await deps.recent.add(file).catch(() => undefined);
  if (process.platform === 'darwin' || process.platform === 'win32') app.addRecentDocument(file);
  deps.recentChanged();
}

/** Writes a document where the user chose; null (after telling them) if it is not valid or cannot be written. */
async function writeChosen(deps: IpcDeps, rec: DocWindow, file: string, text: string): Promise<SaveResult | null> {
  try {
    const outcome = await writeDocumentFile(file, text, deps.validate);
    if (!outcome.ok) {
      await showProblems(rec, `“${displayName(file)}” was not saved: the document is not valid.`, outcome.problems);
      return null;
    }
  } catch (error) {
    await showProblems(rec, `“${displayName(file)}” could not be saved.`, [{ path: file, message: (error as Error).message }]);
    return null;
  }
  await acceptChosenFile(deps, rec, file);
  return { name: displayName(file), path: file };
}

async function saveAs(deps: IpcDeps, rec: DocWindow, request: SaveRequest): Promise<SaveResult | null> {
  const granted = request.path ? deps.grants.lookup(rec.key, request.path) : null;
  const folder = granted ? path.dirname(granted) : app.getPath('documents');
  const { canceled, filePath } = await dialog.showSaveDialog(rec.win, {
    defaultPath: path.join(folder, withDocumentExtension(request.suggestedName)),
    filters: DOCUMENT_FILTERS,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (canceled || !filePath) return null;
  // A name typed without an extension gets the app's, so a double-click opens it here again.
  const target = withDocumentExtension(filePath);
  return writeChosen(deps, rec, target, request.text);
}

/** Registers every IPC handler: each checks the sender (our window, our app's top frame) and validates arguments. */
export function registerIpc(deps: IpcDeps): void {
  const policy = () => ({ windowIds: deps.windows.ids(), appOrigin: APP_ORIGIN });

  function handle<C extends InboundChannel, R>(channel: C, fn: (rec: DocWindow, ...args: ArgsOf<C>) => Promise<R>): void {
    const run = guarded(channel, policy, (sender, ...args: ArgsOf<C>) => {
      const rec = deps.windows.get(sender.webContentsId);
      if (!rec) throw new IpcRejected('window is gone');
      return fn(rec, ...args);
    });
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      try {
        return await run(senderInfo(event), args);
      } catch (error) {
        if (error instanceof IpcRejected) console.warn(`[ipc] refused ${channel}: ${error.message}`);
        throw error;
      }
    });
  }

  handle(Channels.fileOpen, async (rec) => {
    const { canceled, filePaths } = await dialog.showOpenDialog(rec.win, { properties: ['openFile'], filters: DOCUMENT_FILTERS });
    const file = filePaths[0];
    if (canceled || !file) return null;
    const opened = await readChosenFile(deps, rec, file);
    if (opened) await acceptChosenFile(deps, rec, file);
    return opened;
  });

  handle(Channels.fileSave, async (rec, request) => {
    const granted = request.path ? deps.grants.lookup(rec.key, request.path) : null;
    const result = granted ? await writeChosen(deps, rec, granted, request.text) : await saveAs(deps, rec, request);
    if (!result) deps.windows.saveAbandoned(rec);
    return result;
  });

  handle(Channels.fileSaveAs, async (rec, request) => {
    const result = await saveAs(deps, rec, request);
    if (!result) deps.windows.saveAbandoned(rec);
    return result;
  });

  handle(Channels.fileExportPng, async (rec, dataUrl, suggestedName) => {
    const bytes = decodePngDataUrl(dataUrl);
    if (!bytes) throw new IpcRejected('not a PNG');
    const name = /\.png$/i.test(suggestedName) ? suggestedName : `${suggestedName}.png`;
    const { canceled, filePath } = await dialog.showSaveDialog(rec.win, {
      defaultPath: path.join(app.getPath('pictures'), name),
      filters: [{ name: 'PNG image', extensions: ['png'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (canceled || !filePath) return false;
    try {
      await writeFileAtomic(/\.png$/i.test(filePath) ? filePath : `${filePath}.png`, bytes);
    } catch (error) {
      await showProblems(rec, 'The picture could not be saved.', [{ path: filePath, message: (error as Error).message }]);
      return false;
    }
    return true;
  });

  handle(Channels.fileExportText, async (rec, text, suggestedName) => {
    const { canceled, filePath } = await dialog.showSaveDialog(rec.win, {
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'Python script', extensions: ['py'] }, { name: 'All files', extensions: ['*'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (canceled || !filePath) return false;
    try {
      await writeFileAtomic(filePath, text);
    } catch (error) {
      await showProblems(rec, 'The script could not be saved.', [{ path: filePath, message: (error as Error).message }]);
      return false;
    }
    return true;
  });

  handle(Channels.autosaveWrite, async (rec, entry) => {
    if (!deps.ownership.claimForWrite(entry.id, rec.key)) throw new IpcRejected(`autosave ${entry.id} belongs to another window`);
    // Keep the original path only if the user chose it for this window; it is granted back on restore.
    const granted = entry.path ? deps.grants.lookup(rec.key, entry.path) : null;
    const { path: _dropped, ...rest } = entry;
    await deps.autosave.write(granted ? { ...rest, path: granted } : rest);
  });

  handle(Channels.autosaveList, async (rec) => {
    const mine = new Set(deps.ownership.idsOf(rec.key));
    const { entries } = await deps.autosave.list();
    const visible = entries.filter((e) => mine.has(e.id));
    // Paths in autosaves were granted when main stored them; restoring grants them again to this window.
    visible.forEach((e) => e.path && deps.grants.grant(rec.key, e.path));
    return visible;
  });

  handle(Channels.autosaveClear, async (rec, id) => {
    const holder = deps.ownership.holder(id, rec.key);
    if (holder === 'other') throw new IpcRejected(`autosave ${id} is not this window's`);
    // Nobody's: never written (the renderer clears after every save, autosaved or not), so nothing to delete.
    if (holder === 'nobody') return;
    await deps.autosave.clear(id);
    deps.ownership.release(id);
  });

  handle(Channels.dialogConfirm, async (rec, message) => {
    const { response } = await dialog.showMessageBox(rec.win, {
      type: 'question',
      message,
      buttons: ['OK', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    return response === 0;
  });

  const setState = guarded(Channels.documentSetState, policy, (sender, state) => {
    const rec = deps.windows.get(sender.webContentsId);
    if (rec) deps.windows.setState(rec, state);
  });
  ipcMain.on(Channels.documentSetState, (event, ...args: unknown[]) => {
    try {
      setState(senderInfo(event), args);
    } catch (error) {
      console.warn(`[ipc] refused ${Channels.documentSetState}: ${(error as Error).message}`);
    }
  });
}
