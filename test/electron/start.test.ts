import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserNotice, openerFor, planStart } from '../../electron/tools/start';

describe('npm start: Electron or the browser', () => {
  it('opens Electron when require("electron") gives a binary that exists', () => {
    expect(planStart(() => '/app/node_modules/electron/dist/electron', (f) => f === '/app/node_modules/electron/dist/electron'))
      .toEqual({ mode: 'electron', binary: '/app/node_modules/electron/dist/electron' });
  });

  it('falls back to the browser, with the reason on one line, when Electron failed to install', () => {
    const plan = planStart(() => { throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again'); }, () => true);
    expect(plan).toEqual({ mode: 'browser', reason: 'Electron failed to install correctly, please delete node_modules/electron and try installing again' });
    const line = browserNotice(plan.mode === 'browser' ? plan.reason : '');
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/^Electron is not installed on this machine \(Electron failed to install correctly.*\); serving Sorix Studio in the browser instead\.$/);
    // A multi-line error still makes one line.
    expect(planStart(() => { throw new Error('Cannot find module \'electron\'\nRequire stack:\n- x'); }, () => true)).toEqual({ mode: 'browser', reason: 'Cannot find module \'electron\'' });
  });

  it('falls back when the binary the package names is gone (a download that was lost)', () => {
    expect(planStart(() => '/gone/electron', () => false)).toEqual({ mode: 'browser', reason: 'the Electron binary /gone/electron is missing' });
  });

  it('decides for this machine from its real electron package', () => {
    const require = createRequire(import.meta.url);
    const downloaded = existsSync(path.join(path.dirname(require.resolve('electron/package.json')), 'path.txt'));
    const plan = planStart(() => require('electron'), existsSync);
    // This repository's machines install with ELECTRON_SKIP_BINARY_DOWNLOAD=1: no path.txt, so the browser.
    expect(plan.mode).toBe(downloaded ? 'electron' : 'browser');
  });
});

describe('opening the default browser', () => {
  const url = 'http://127.0.0.1:4791/';
  it('uses the system opener of each platform', () => {
    expect(openerFor('darwin', {}, url)).toEqual({ command: 'open', args: [url] });
    expect(openerFor('win32', {}, url)).toEqual({ command: 'cmd', args: ['/c', 'start', '""', url] });
    expect(openerFor('linux', { DISPLAY: ':0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(openerFor('linux', { WAYLAND_DISPLAY: 'wayland-0' }, url)).toEqual({ command: 'xdg-open', args: [url] });
  });
  it('opens nothing where there is no display, or when BROWSER=none', () => {
    expect(openerFor('linux', {}, url)).toBeNull();
    expect(openerFor('darwin', { BROWSER: 'none' }, url)).toBeNull();
  });
});
