import path from 'node:path';
import { samePath } from './recent-files';

/**
 * The files each window may write to without asking: only those the user chose (in a dialog, on the command line,
 * by double-click, from Open Recent) or that main itself stored for it (an autosave's original path). The renderer
 * echoes a path back on Save; main writes there only if it is granted here, and otherwise asks with a dialog.
 * Reading never takes a path from the renderer at all.
 */
export class FileGrants {
  private readonly byWindow = new Map<number, string[]>();
  private readonly platform: NodeJS.Platform;

  constructor(platform: NodeJS.Platform = process.platform) {
    this.platform = platform;
  }

  grant(windowKey: number, file: string): void {
    const list = this.byWindow.get(windowKey) ?? [];
    if (!list.some((p) => samePath(p, file, this.platform))) list.push(path.resolve(file));
    this.byWindow.set(windowKey, list);
  }

  /** The granted path that `file` names, or null if the user never chose it for this window. */
  lookup(windowKey: number, file: string): string | null {
    if (!path.isAbsolute(file)) return null;
    return this.byWindow.get(windowKey)?.find((p) => samePath(p, file, this.platform)) ?? null;
  }

  forgetWindow(windowKey: number): void {
    this.byWindow.delete(windowKey);
  }
}
