import type { AutosaveEntry, DocumentState, Host, HostFile, MenuCommand, SaveRequest, SaveResult, Unsubscribe } from './host';

const AUTOSAVE_PREFIX = 'sorix-studio:autosave:';
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

function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  download(url, name);
  // Revoke later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The host for a plain browser tab (Chromebooks): file picker, downloads, localStorage, beforeunload. */
export class BrowserHost implements Host {
  readonly kind = 'browser' as const;
  private dirty = false;
  private readonly storage: Storage;

  constructor(storage: Storage = window.localStorage) {
    this.storage = storage;
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
  async autosaveWrite(entry: AutosaveEntry): Promise<void> {
    try {
      this.storage.setItem(AUTOSAVE_PREFIX + entry.id, JSON.stringify(entry));
    } catch {
      // Storage full or disabled: autosave is a safety net, never a reason to interrupt the user.
    }
  }
  async autosaveList(): Promise<AutosaveEntry[]> {
    const out: AutosaveEntry[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (!key?.startsWith(AUTOSAVE_PREFIX)) continue;
      try {
        const v = JSON.parse(this.storage.getItem(key) ?? 'null') as AutosaveEntry | null;
        if (v && typeof v.text === 'string' && typeof v.savedAt === 'string') out.push(v);
      } catch {
        // A damaged entry is skipped; it is not ours to delete.
      }
    }
    return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
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
