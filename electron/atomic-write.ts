import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Points where a test (or a crash) can interrupt a save; production code passes none. */
export interface AtomicWriteHooks {
  /** Runs after the temporary file is written and flushed, before it is renamed over the target. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

const TEMP_SUFFIX = '.sorix-tmp';

/** The name of a temporary file for `target`: hidden, in the same folder (so rename is atomic), unique per write. */
function tempPathFor(target: string): string {
  const dir = path.dirname(target);
  return path.join(dir, `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/** True for a temporary file this module made for `baseName` (left behind only by a crash). */
export function isTempFor(baseName: string, entry: string): boolean {
  return entry.startsWith(`.${baseName}.`) && entry.endsWith(TEMP_SUFFIX);
}

/**
 * Replaces `target` with `data` so that at every moment the file on disk is either the old content or the new one:
 * write a temporary file in the same folder, fsync it, rename it over the target, fsync the folder.
 * A crash before the rename leaves the old file untouched (and a stray temporary file, removed by the next save).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  // Write through a symlink to the file it points at, rather than replacing the link with a plain file.
  const real = await fsp.realpath(target).catch(() => path.resolve(target));
  const mode = await fsp.stat(real).then((s) => s.mode & 0o777, () => 0o644);
  await removeStaleTemps(real);
  const temp = tempPathFor(real);
  const handle = await fsp.open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.(temp);
    await fsp.rename(temp, real);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(real));
}

/**
 * Removes temporary files that an interrupted save of `target` left behind. Files of this process are kept: they
 * belong to a write in progress (this process never leaves its own behind, it removes them when a write fails).
 */
export async function removeStaleTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  const ours = `.${base}.${process.pid}-`;
  const entries = await fsp.readdir(dir).catch(() => [] as string[]);
  const stale = entries.filter((e) => isTempFor(base, e) && !e.startsWith(ours));
  await Promise.all(stale.map((e) => fsp.rm(path.join(dir, e), { force: true })));
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync; there the rename is as durable as NTFS makes it. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems (network mounts) refuse fsync on folders; the data itself is already flushed.
  } finally {
    await handle.close();
  }
}
