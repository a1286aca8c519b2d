import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { AutosaveEntry } from '../src/platform/host';
import { writeFileAtomic } from './atomic-write';
import { AutosaveEntrySchema, AutosaveId } from './ipc-schemas';

/** What the store found on disk: the readable entries (newest first) and the files it could not read. */
export interface AutosaveListing {
  entries: AutosaveEntry[];
  unreadable: string[];
}

const SUFFIX = '.autosave.json';

/**
 * Unsaved documents kept in the app's data folder, one file per document id, each written atomically. They outlive a
 * crash or a killed process; the next start finds them with `list()`. Times come from main's clock, not the
 * renderer's, so "from when" is trustworthy.
 */
export class AutosaveStore {
  private readonly dir: string;
  private readonly now: () => Date;
  /** Writes of one id run one after another; only the newest waiting write of an id is carried out. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly latest = new Map<string, object>();

  constructor(dir: string, now: () => Date = () => new Date()) {
    this.dir = dir;
    this.now = now;
  }

  fileFor(id: string): string {
    return path.join(this.dir, `${AutosaveId.parse(id)}${SUFFIX}`);
  }

  /**
   * Stores `entry`, stamped with the current time. Writes of the same id never overlap and never land out of order;
   * a write that a newer one overtook while waiting is skipped (its promise resolves without writing).
   */
  async write(entry: AutosaveEntry): Promise<void> {
    const stamped = { ...AutosaveEntrySchema.parse(entry), savedAt: this.now().toISOString() };
    return this.enqueue(stamped.id, async () => {
      await fsp.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.fileFor(stamped.id), JSON.stringify(stamped));
    });
  }

  private enqueue(id: string, task: () => Promise<void>): Promise<void> {
    const token = {};
    this.latest.set(id, token);
    const previous = this.chains.get(id) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(() => (this.latest.get(id) === token ? task() : undefined));
    this.chains.set(id, next);
    const forget = (): void => {
      if (this.chains.get(id) === next) {
        this.chains.delete(id);
        this.latest.delete(id);
      }
    };
    next.then(forget, forget);
    return next;
  }

  /** Every stored entry, newest first; damaged files are reported, not deleted (they may still help by hand). */
  async list(): Promise<AutosaveListing> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    const entries: AutosaveEntry[] = [];
    const unreadable: string[] = [];
    for (const name of names.filter((n) => n.endsWith(SUFFIX))) {
      const file = path.join(this.dir, name);
      try {
        const parsed = AutosaveEntrySchema.safeParse(JSON.parse(await fsp.readFile(file, 'utf8')));
        if (parsed.success && `${parsed.data.id}${SUFFIX}` === name) entries.push(parsed.data);
        else unreadable.push(file);
      } catch {
        unreadable.push(file);
      }
    }
    entries.sort((a, b) => Date.parse(b.savedAt) - Date.parse(a.savedAt));
    return { entries, unreadable };
  }

  /** Forgets one entry; queued behind a write of it in progress, and cancels a waiting one, so none can bring it back. */
  async clear(id: string): Promise<void> {
    const file = this.fileFor(id);
    return this.enqueue(id, () => fsp.rm(file, { force: true }));
  }
}

/**
 * Which window may see and change which autosave. At start, entries left by an earlier session (a crash, a killed
 * process) are offered one per window, so each is offered back exactly once; during the session, an id belongs to
 * the window that first wrote it. A window never sees, overwrites or clears another window's documents.
 */
export class AutosaveOwnership {
  private readonly owner = new Map<string, number>();
  /** Ids written in this session (as opposed to only offered from an earlier one). */
  private readonly written = new Set<string>();

  /** Offers entry `id`, left from an earlier session, to `windowKey`. */
  offer(id: string, windowKey: number): void {
    this.owner.set(id, windowKey);
  }

  /** Whether `windowKey` may write `id` (its own, or one nobody holds yet, which it then owns). */
  claimForWrite(id: string, windowKey: number): boolean {
    const current = this.owner.get(id);
    if (current !== undefined && current !== windowKey) return false;
    this.owner.set(id, windowKey);
    this.written.add(id);
    return true;
  }

  /** Who holds `id` as seen from `windowKey`: this window, another one, or nobody (never written, or cleared). */
  holder(id: string, windowKey: number): 'this' | 'other' | 'nobody' {
    const current = this.owner.get(id);
    return current === undefined ? 'nobody' : current === windowKey ? 'this' : 'other';
  }

  owns(id: string, windowKey: number): boolean {
    return this.owner.get(id) === windowKey;
  }

  idsOf(windowKey: number): string[] {
    return [...this.owner].filter(([, w]) => w === windowKey).map(([id]) => id);
  }

  /** Forgets `id` after the renderer cleared it. */
  release(id: string): void {
    this.owner.delete(id);
    this.written.delete(id);
  }

  /**
   * Forgets a window that closed normally. Returns what it wrote this session (to delete: the user saved or chose
   * not to) and what it was only offered (to keep: the user never answered, so it is offered again next start).
   */
  releaseWindow(windowKey: number): { written: string[]; offered: string[] } {
    const ids = this.idsOf(windowKey);
    const written = ids.filter((id) => this.written.has(id));
    const offered = ids.filter((id) => !this.written.has(id));
    ids.forEach((id) => this.release(id));
    return { written, offered };
  }
}

/** "from when" for the restore prompt: `28 Nov 2026, 16:20` in the user's locale. */
export function describeSavedAt(savedAt: string, locale?: string): string {
  return new Date(savedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
