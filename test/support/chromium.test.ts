import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseChromium, NO_CHROMIUM_HELP, thisMachine, type ChromiumWorld } from './chromium';

const PW = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

/** A machine whose files are `files`; installing Playwright's Chromium adds it when `canDownload`. */
function world(opts: { env?: Record<string, string | undefined>; platform?: NodeJS.Platform; files?: string[]; canDownload?: boolean }) {
  const files = new Set(opts.files ?? []);
  let installs = 0;
  const w: ChromiumWorld & { installs: () => number } = {
    env: opts.env ?? { PATH: '/usr/local/bin:/usr/bin' },
    platform: opts.platform ?? 'linux',
    exists: (f) => files.has(f),
    playwrightChromium: () => PW,
    installPlaywrightChromium: () => { installs++; if (opts.canDownload) files.add(PW); return opts.canDownload ?? false; },
    installs: () => installs,
  };
  return w;
}

describe('chooseChromium', () => {
  it('takes SORIX_CHROMIUM first, and names it when the file is missing', () => {
    expect(chooseChromium(world({ env: { SORIX_CHROMIUM: '/opt/c/chrome', PATH: '/usr/bin' }, files: ['/opt/c/chrome', '/usr/bin/chromium'] })))
      .toEqual({ source: 'SORIX_CHROMIUM', path: '/opt/c/chrome' });
    expect(() => chooseChromium(world({ env: { SORIX_CHROMIUM: '/opt/none' }, files: ['/usr/bin/chromium'] }))).toThrow(/SORIX_CHROMIUM is \/opt\/none, but there is no such file/);
  });

  it('searches the PATH in order of the names, then the macOS apps', () => {
    expect(chooseChromium(world({ files: ['/usr/bin/google-chrome', '/usr/bin/chromium-browser'] }))).toEqual({ source: 'PATH', path: '/usr/bin/chromium-browser' });
    expect(chooseChromium(world({ files: ['/usr/bin/chromium', '/usr/local/bin/chromium'] }))).toEqual({ source: 'PATH', path: '/usr/local/bin/chromium' });
    expect(chooseChromium(world({ platform: 'win32', env: { Path: 'C:\\Chrome;C:\\Windows' }, files: ['C:\\Chrome\\chrome.exe'] })))
      .toEqual({ source: 'PATH', path: 'C:\\Chrome\\chrome.exe' });
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(chooseChromium(world({ platform: 'darwin', files: [mac] }))).toEqual({ source: 'macOS app', path: mac });
    // The macOS paths mean nothing elsewhere.
    expect(chooseChromium(world({ platform: 'linux', files: [mac, PW] }))).toEqual({ source: 'Playwright', path: undefined });
  });

  it('falls back to Playwright\'s own Chromium, installing it on first use only', () => {
    const installed = world({ files: [PW] });
    expect(chooseChromium(installed)).toEqual({ source: 'Playwright', path: undefined });
    expect(installed.installs()).toBe(0);
    const online = world({ canDownload: true });
    expect(chooseChromium(online)).toEqual({ source: 'Playwright', path: undefined });
    expect(online.installs()).toBe(1);
  });

  it('an empty SORIX_CHROMIUM skips the search and asks for Playwright\'s own', () => {
    expect(chooseChromium(world({ env: { SORIX_CHROMIUM: '', PATH: '/usr/bin' }, files: ['/usr/bin/chromium', PW] }))).toEqual({ source: 'Playwright', path: undefined });
  });

  it('says what to do when nothing is found and the install cannot download', () => {
    const offline = world({ canDownload: false });
    expect(() => chooseChromium(offline)).toThrow(NO_CHROMIUM_HELP);
    expect(offline.installs()).toBe(1);
    expect(NO_CHROMIUM_HELP).toMatch(/SORIX_CHROMIUM=/);
    expect(NO_CHROMIUM_HELP).toMatch(/apt-get install chromium/);
  });
});

describe('thisMachine', () => {
  let dir = '';
  afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('finds an executable on a real PATH', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sorix-chromium-'));
    const exe = path.join(dir, 'chromium-browser');
    writeFileSync(exe, '#!/bin/sh\n', { mode: 0o755 });
    const real = thisMachine(() => path.join(dir, 'not-installed'));
    const choice = chooseChromium({ ...real, env: { PATH: dir } });
    expect(choice).toEqual({ source: 'PATH', path: exe });
  });
});
