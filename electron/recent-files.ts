import path from 'node:path';
import { z } from 'zod';
import { fileExists, readJsonFile, writeJsonFile } from './json-store';

/** How many files File › Open Recent shows. */
export const RECENT_LIMIT = 10;

const RecentFile = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)).max(100) });

/** Same file? Windows and macOS file systems usually ignore case. */
export function samePath(a: string, b: string, platform: NodeJS.Platform = process.platform): boolean {
  const na = path.resolve(a);
  const nb = path.resolve(b);
  return platform === 'win32' || platform === 'darwin' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}

/** `file` moved to the front of `list`, without duplicates, at most `limit` long. Pure. */
export function withRecent(list: readonly string[], file: string, limit = RECENT_LIMIT, platform: NodeJS.Platform = process.platform): string[] {
  const abs = path.resolve(file);
  return [abs, ...list.filter((p) => !samePath(p, abs, platform))].slice(0, limit);
}

/** The files of `list` that still exist, in order. */
export async function pruneMissing(list: readonly string[], exists: (file: string) => Promise<boolean> = fileExists): Promise<string[]> {
  const keep = await Promise.all(list.map((p) => exists(p)));
  return list.filter((_, i) => keep[i]);
}

/**
 * The recent files list, persisted as JSON in the app's data folder. Every read prunes files that no longer exist
 * (and saves the pruned list), so the menu never offers a file that cannot be opened.
 */
export class RecentFiles {
  private files: string[] = [];
  private readonly storePath: string;
  private readonly limit: number;
  private readonly exists: (file: string) => Promise<boolean>;

  constructor(storePath: string, options: { limit?: number; exists?: (file: string) => Promise<boolean> } = {}) {
    this.storePath = storePath;
    this.limit = options.limit ?? RECENT_LIMIT;
    this.exists = options.exists ?? fileExists;
  }

  /** Loads the stored list and prunes it. */
  async load(): Promise<string[]> {
    const stored = await readJsonFile(this.storePath, RecentFile, { version: 1, files: [] });
    this.files = stored.files.slice(0, this.limit);
    return this.refresh();
  }

  /** Prunes missing files, persists if anything changed, and returns the list. */
  async refresh(): Promise<string[]> {
    const pruned = await pruneMissing(this.files, this.exists);
    if (pruned.length !== this.files.length) {
      this.files = pruned;
      await this.persist();
    }
    return this.list();
  }

  /** Puts `file` at the top (after an open or a save) and persists. */
  async add(file: string): Promise<string[]> {
    this.files = withRecent(this.files, file, this.limit);
    await this.persist();
    return this.list();
  }

  /** Empties the list (File › Open Recent › Clear Menu). */
  async clear(): Promise<void> {
    this.files = [];
    await this.persist();
  }

  list(): string[] {
    return [...this.files];
  }

  private persist(): Promise<void> {
    return writeJsonFile(this.storePath, { version: 1, files: this.files });
  }
}
