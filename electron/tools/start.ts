/**
 * `npm start`: builds the app and opens it in Electron. Where the Electron binary could not be installed (its
 * download was skipped or failed, so `require('electron')` throws), it says so in one line and serves the same app in
 * the browser instead: it builds the renderer, serves it on 127.0.0.1, prints the address and opens the default
 * browser where there is one. The decisions are plain functions of their inputs (tested in test/electron/start.test.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type StartPlan = { readonly mode: 'electron'; readonly binary: string } | { readonly mode: 'browser'; readonly reason: string };

/**
 * Electron if its binary is there, else the browser. `loadElectron` is `require('electron')`: the path of the
 * binary, or a throw ("Electron failed to install correctly…") when the install skipped or lost the download.
 */
export function planStart(loadElectron: () => unknown, exists: (file: string) => boolean): StartPlan {
  let binary: unknown;
  try {
    binary = loadElectron();
  } catch (err) {
    return { mode: 'browser', reason: firstLine(err instanceof Error ? err.message : String(err)) };
  }
  if (typeof binary !== 'string' || !exists(binary)) return { mode: 'browser', reason: `the Electron binary ${String(binary)} is missing` };
  return { mode: 'electron', binary };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/[.\s]+$/, '');
}

/** The one line printed when the app opens in the browser instead. */
export function browserNotice(reason: string): string {
  return `Electron is not installed on this machine (${reason}); serving Sorix Studio in the browser instead.`;
}

/**
 * How to open `url` in the default browser, or null where there is none to open (a Linux machine without a
 * display, e.g. over SSH or in a container): then only the address is printed.
 */
export function openerFor(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, url: string): { command: string; args: string[] } | null {
  if (env.BROWSER === 'none') return null;
  if (platform === 'darwin') return { command: 'open', args: [url] };
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: [url] };
}

/** Opens the URL without ever failing: a missing opener or one that exits badly leaves just the printed address. */
function openBrowser(url: string): void {
  const opener = openerFor(process.platform, process.env, url);
  if (!opener) return;
  try {
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the address is already printed.
  }
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  process.chdir(root);
  const require = createRequire(import.meta.url);
  const plan = planStart(() => require('electron'), existsSync);
  if (plan.mode === 'electron') {
    run('npx', ['vite', 'build']);
    run('npm', ['run', 'build:electron']);
    const child = spawn(plan.binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(browserNotice(plan.reason));
  const vite = await import('vite');
  await vite.build({ logLevel: 'warn' });
  const server = await vite.preview({ preview: { host: '127.0.0.1', port: 4791, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4791/';
  console.log(`Sorix Studio: ${url}  (Ctrl+C stops the server)`);
  openBrowser(url);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
