import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the Chromium the end-to-end tests drive, in this order:
 * 1. `SORIX_CHROMIUM` when set to a path (CI sets it); set but empty means "Playwright's own browser";
 * 2. a Chromium or Chrome on the PATH (`chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable`,
 *    `chrome`), then the usual macOS application paths;
 * 3. Playwright's own Chromium, installed on first use with `npx playwright install chromium`.
 * playwright.config.ts calls `findChromium()`; the steps take their world as arguments so a test can give them one.
 */

/** Where the browser comes from; `path` undefined means Playwright's own (Playwright then knows the path). */
export type ChromiumChoice = { readonly source: 'SORIX_CHROMIUM' | 'PATH' | 'macOS app' | 'Playwright'; readonly path: string | undefined };

export interface ChromiumWorld {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** Whether an executable file exists at this path. */
  readonly exists: (file: string) => boolean;
  /** Where Playwright's own Chromium is, or would be once installed. */
  readonly playwrightChromium: () => string;
  /** Runs `npx playwright install chromium`; true when it succeeded. */
  readonly installPlaywrightChromium: () => boolean;
}

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const MAC_APPS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** What to do when no browser is found: every way out, in one message. */
export const NO_CHROMIUM_HELP = [
  'No Chromium for the end-to-end tests: none was found, and `npx playwright install chromium` could not install Playwright\'s own.',
  'Do one of these, then run the tests again:',
  '  - install Chromium or Google Chrome (Debian/Ubuntu: sudo apt-get install chromium; macOS: install Google Chrome);',
  '  - point SORIX_CHROMIUM at a Chromium or Chrome executable, e.g. SORIX_CHROMIUM=/usr/bin/chromium npm test;',
  '  - on a machine that can download, run npx playwright install chromium.',
].join('\n');

/** The executables on the PATH of `world`, in the order of `PATH_NAMES` (Windows adds `.exe`). */
function onPath(world: ChromiumWorld): string | undefined {
  const dirs = (world.env.PATH ?? world.env.Path ?? '').split(world.platform === 'win32' ? ';' : ':').filter(Boolean);
  const join = world.platform === 'win32' ? path.win32.join : path.posix.join;
  for (const name of PATH_NAMES) {
    for (const dir of dirs) {
      const file = join(dir, world.platform === 'win32' ? `${name}.exe` : name);
      if (world.exists(file)) return file;
    }
  }
  return undefined;
}

/** Picks the browser, installing Playwright's own when nothing else is there; throws `NO_CHROMIUM_HELP` otherwise. */
export function chooseChromium(world: ChromiumWorld): ChromiumChoice {
  const pinned = world.env.SORIX_CHROMIUM;
  if (pinned) {
    if (!world.exists(pinned)) throw new Error(`SORIX_CHROMIUM is ${pinned}, but there is no such file: point it at a Chromium or Chrome executable, or unset it to search for one.`);
    return { source: 'SORIX_CHROMIUM', path: pinned };
  }
  if (pinned === undefined) {
    const found = onPath(world);
    if (found) return { source: 'PATH', path: found };
    if (world.platform === 'darwin') {
      const app = MAC_APPS.find((p) => world.exists(p));
      if (app) return { source: 'macOS app', path: app };
    }
  }
  if (world.exists(world.playwrightChromium())) return { source: 'Playwright', path: undefined };
  if (world.installPlaywrightChromium() && world.exists(world.playwrightChromium())) return { source: 'Playwright', path: undefined };
  throw new Error(NO_CHROMIUM_HELP);
}

/** This machine, as `chooseChromium` sees it. */
export function thisMachine(playwrightChromium: () => string): ChromiumWorld {
  return {
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    playwrightChromium,
    installPlaywrightChromium: () => {
      console.log('e2e: no Chromium found; installing Playwright\'s own (npx playwright install chromium)…');
      const r = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
      return r.status === 0;
    },
  };
}
