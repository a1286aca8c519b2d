import { autosaveSlotId } from './autosave-slot';
import type { AutosaveEntry, DocumentState, Host, HostFile, MenuCommand, SaveRequest, SaveResult, Unsubscribe } from './host';

const AUTOSAVE_PREFIX = 'sorix-studio:autosave:';
/** Each page holds a Web Lock named this plus each slot it writes, until it is closed or reloaded. */
const SLOT_LOCK_PREFIX = 'sorix-studio:slot:';
/** Autosaves of closed tabs older than this are deleted when the list is read (the next start). */
export const AUTOSAVE_KEEP_DAYS = 30;
const APP_NAME = 'Sorix Studio';

/** Reads a file the user picks through a hidden `<input type=file>`. Resolves null when they cancel. */
function pickFile(): Promise<HostFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.sorix.json,application/json';
    input.style.display = 'none';
    input.setAttribute('data-testid', 'file-picker');
    let settled = false;
    const done = (v: HostFile | null): void => {
      if (settled) return;
      settled = true;
      input.remove();
      resolve(v);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      file.text().then((text) => done({ name: file.name, text }), () => done(null));
    });
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

function download(href: string, name: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

function downloadText(text: string, name: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  download(url, name);
  // Revoke later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The host for a plain browser tab (Chromebooks): file picker, downloads, localStorage, beforeunload.
 *
 * Autosave slots: every tab writes its own slot (its id is kept per tab, see `autosaveId`). While a tab is open it
 * holds a Web Lock per slot it wrote, so `autosaveList` leaves out the slots of other open tabs (their work is not
 * lost: it is open) and offers those of closed tabs, and this tab's own from before a reload. Without Web Locks
 * (a page served over plain http from another machine) every slot is offered.
 */
export class BrowserHost implements Host {
  readonly kind = 'browser' as const;
  private dirty = false;
  private readonly storage: Storage;
  private readonly locks: LockManager | undefined;
  private readonly now: () => number;
  /** Slots this page holds the lock of. */
  private readonly held = new Set<string>();

  constructor(storage: Storage = window.localStorage, opts: { locks?: LockManager | null; now?: () => number } = {}) {
    this.storage = storage;
    this.locks = opts.locks === null ? undefined : (opts.locks ?? (typeof navigator !== 'undefined' ? navigator.locks : undefined));
    this.now = opts.now ?? Date.now;
    // This tab's own slot is held from the start, so that other tabs do not offer it while this one is open.
    this.holdSlot(autosaveSlotId());
    window.addEventListener('beforeunload', (e) => {
      if (!this.dirty) return;
      e.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      e.returnValue = '';
    });
  }

  openFile(): Promise<HostFile | null> {
    return pickFile();
  }
  async saveFile(request: SaveRequest): Promise<SaveResult | null> {
    downloadText(request.text, request.suggestedName);
    return { name: request.suggestedName };
  }
  async saveFileAs(request: SaveRequest): Promise<SaveResult | null> {
    return this.saveFile(request);
  }
  async exportPng(dataUrl: string, suggestedName: string): Promise<boolean> {
    download(dataUrl, suggestedName);
    return true;
  }
  async exportText(text: string, suggestedName: string): Promise<boolean> {
    downloadText(text, suggestedName, 'text/plain');
    return true;
  }
  async autosaveWrite(entry: AutosaveEntry): Promise<void> {
    this.holdSlot(entry.id);
    try {
      this.storage.setItem(AUTOSAVE_PREFIX + entry.id, JSON.stringify(entry));
    } catch {
      // Storage full or disabled: autosave is a safety net, never a reason to interrupt the user.
    }
  }
  async autosaveList(): Promise<AutosaveEntry[]> {
    const open = await this.slotsOfOtherTabs();
    const oldest = this.now() - AUTOSAVE_KEEP_DAYS * 24 * 3600 * 1000;
    const out: AutosaveEntry[] = [];
    const stale: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(AUTOSAVE_PREFIX)) continue;
      let v: AutosaveEntry | null = null;
      try {
        v = JSON.parse(this.storage.getItem(key) ?? 'null') as AutosaveEntry | null;
      } catch {
        // A damaged entry is skipped; it is not ours to delete.
      }
      if (!v || typeof v.text !== 'string' || typeof v.savedAt !== 'string' || typeof v.id !== 'string' || open.has(v.id)) continue;
      if (Date.parse(v.savedAt) < oldest) stale.push(key);
      else out.push(v);
    }
    for (const key of stale) this.storage.removeItem(key);
    return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
  /** Holds this slot's lock until the page goes away, so other tabs see it is open. */
  private holdSlot(id: string): void {
    if (!this.locks || this.held.has(id)) return;
    this.held.add(id);
    this.locks.request(SLOT_LOCK_PREFIX + id, () => new Promise<void>(() => undefined)).catch(() => undefined);
  }
  /** Slots whose lock another open page holds. */
  private async slotsOfOtherTabs(): Promise<Set<string>> {
    if (!this.locks) return new Set();
    try {
      const { held = [] } = await this.locks.query();
      return new Set(held.map((l) => l.name?.startsWith(SLOT_LOCK_PREFIX) ? l.name.slice(SLOT_LOCK_PREFIX.length) : '').filter((id) => id && !this.held.has(id)));
    } catch {
      return new Set();
    }
  }
  async autosaveClear(id: string): Promise<void> {
    this.storage.removeItem(AUTOSAVE_PREFIX + id);
  }
  onMenuCommand(_listener: (command: MenuCommand) => void): Unsubscribe {
    // A browser tab has no native menus; the toolbar calls the same actions directly.
    return () => undefined;
  }
  onOpenFile(_listener: (file: HostFile) => void): Unsubscribe {
    return () => undefined;
  }
  setDocumentState(state: DocumentState): void {
    this.dirty = state.dirty;
    document.title = `${state.dirty ? '• ' : ''}${state.title} — ${APP_NAME}`;
  }
  async confirm(message: string): Promise<boolean> {
    return window.confirm(message);
  }
}
