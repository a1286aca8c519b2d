import type { AutosaveEntry, DocumentState, Host, HostFile, MenuCommand, SaveRequest, SaveResult, Unsubscribe } from './host';

/**
 * A host that keeps everything in memory, for tests: files to be "picked" are queued, saves are recorded, and menu
 * commands and system file opens can be sent in.
 */
export class MemoryHost implements Host {
  readonly kind = 'memory' as const;
  /** Files the next openFile() calls return, in order; empty means the user cancels. */
  readonly pickQueue: HostFile[] = [];
  /** Every save and export, in order. */
  readonly saved: { request: SaveRequest; as: boolean }[] = [];
  readonly pngs: string[] = [];
  readonly texts: { text: string; suggestedName: string }[] = [];
  readonly autosaves = new Map<string, AutosaveEntry>();
  /** Each state the renderer reported. */
  readonly states: DocumentState[] = [];
  /** The answer confirm() gives; the questions asked are kept. */
  confirmAnswer = true;
  readonly questions: string[] = [];
  private readonly menuListeners = new Set<(c: MenuCommand) => void>();
  private readonly openListeners = new Set<(f: HostFile) => void>();

  async openFile(): Promise<HostFile | null> {
    return this.pickQueue.shift() ?? null;
  }
  async saveFile(request: SaveRequest): Promise<SaveResult | null> {
    this.saved.push({ request, as: false });
    return { name: request.suggestedName, ...(request.path ? { path: request.path } : {}) };
  }
  async saveFileAs(request: SaveRequest): Promise<SaveResult | null> {
    this.saved.push({ request, as: true });
    return { name: request.suggestedName };
  }
  async exportPng(dataUrl: string): Promise<boolean> {
    this.pngs.push(dataUrl);
    return true;
  }
  async exportText(text: string, suggestedName: string): Promise<boolean> {
    this.texts.push({ text, suggestedName });
    return true;
  }
  async autosaveWrite(entry: AutosaveEntry): Promise<void> {
    this.autosaves.set(entry.id, entry);
  }
  async autosaveList(): Promise<AutosaveEntry[]> {
    return [...this.autosaves.values()].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }
  async autosaveClear(id: string): Promise<void> {
    this.autosaves.delete(id);
  }
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe {
    this.menuListeners.add(listener);
    return () => this.menuListeners.delete(listener);
  }
  onOpenFile(listener: (file: HostFile) => void): Unsubscribe {
    this.openListeners.add(listener);
    return () => this.openListeners.delete(listener);
  }
  setDocumentState(state: DocumentState): void {
    this.states.push(state);
  }
  async confirm(message: string): Promise<boolean> {
    this.questions.push(message);
    return this.confirmAnswer;
  }

  /** Test helper: a menu command arrives. */
  sendMenuCommand(command: MenuCommand): void {
    for (const l of this.menuListeners) l(command);
  }
  /** Test helper: the system asks to open a file. */
  sendOpenFile(file: HostFile): void {
    for (const l of this.openListeners) l(file);
  }
}
