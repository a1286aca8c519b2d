import path from 'node:path';
import { FILE_EXTENSION } from '../src/document/app-info';

/**
 * The document files named on a command line: Electron passes `[exe, ...args]` when packaged and
 * `[exe, appFolder, ...args]` in development. Options (`--foo`), Chromium's switches and anything that is not a
 * `.json` file are skipped; relative paths are resolved against `cwd` (for a second instance, its own folder).
 */
export function filesFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  const args = argv.slice(packaged ? 1 : 2);
  const files: string[] = [];
  let afterDoubleDash = false;
  for (const arg of args) {
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith('.json')) continue;
    files.push(path.resolve(cwd, arg));
  }
  return files;
}

/** The file name shown for a path, e.g. `seed.sorix.json`. */
export function displayName(file: string): string {
  return path.basename(file);
}

/** A default file name for a document title: `Untitled` → `Untitled.sorix.json` (any `.json` name is kept). */
export function withDocumentExtension(name: string): string {
  return name.toLowerCase().endsWith('.json') ? name : `${name}${FILE_EXTENSION}`;
}
