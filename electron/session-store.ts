import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-store';
import { samePath } from './recent-files';

const SessionFile = z.object({ version: z.literal(1), open: z.array(z.string().min(1).max(4096)).max(1000) });

/**
 * The files open right now, kept on disk while the app runs. Windows closing normally take their file off the list,
 * so after a normal quit it is empty; after a crash or a killed process it still names what was open, and the next
 * start offers to reopen those files (unsaved work comes back separately, from the autosaves).
 */
export class SessionStore {
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();
  private pending: string[] | null = null;

  constructor(file: string) {
    this.file = file;
  }

  async load(): Promise<string[]> {
    return (await readJsonFile(this.file, SessionFile, { version: 1, open: [] })).open;
  }

  /** Records the open files; writes are serialised and only the newest waiting list is written. */
  update(open: readonly string[]): Promise<void> {
    const first = this.pending === null;
    this.pending = [...open];
    if (!first) return this.writing;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        const list = this.pending ?? [];
        this.pending = null;
        await writeJsonFile(this.file, { version: 1, open: list });
      });
    return this.writing;
  }
}

/**
 * Which files of a session that ended abnormally to offer to reopen: those not already coming back as an autosave
 * (a window that had unsaved changes is restored from its autosave, which knows its path), each once, in order.
 */
export function filesToReopen(
  session: readonly string[],
  autosaves: readonly { path?: string | undefined }[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  const out: string[] = [];
  for (const file of session) {
    if (autosaves.some((a) => a.path && samePath(a.path, file, platform))) continue;
    if (out.some((f) => samePath(f, file, platform))) continue;
    out.push(file);
  }
  return out;
}
