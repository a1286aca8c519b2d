/**
 * The built main process (dist-electron/main.cjs, bundled here by esbuild as `npm run build:electron` does) run
 * under Node against a stand-in for Electron's API (fake-electron.ts). The real Electron binary cannot run on these
 * machines: this checks main's wiring — security settings, every IPC handler's sender and argument checks, saving
 * through the dialog with validation, the close prompt, and recovery of autosaved work after a crash — not Chromium.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels } from '../../electron/ipc-channels';
import { CONTENT_SECURITY_POLICY } from '../../electron/security-policy';
import { createFakeElectron, fakeEvent } from './fake-electron';
import type { FakeElectron } from './fake-electron';
import { tempDir } from './helpers';

const SEED = readFileSync(path.resolve('assets/examples/seed.sorix.json'), 'utf8');
let outDir = '';

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'sorix-main-build-'));
  await build({
    entryPoints: ['electron/main.ts', 'electron/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron', '*.csv?raw'],
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    logLevel: 'warning',
  });
}, 60_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/** Loads a fresh copy of main.cjs with `fake` as its `electron`, and lets the app become ready. */
async function startMain(fake: FakeElectron): Promise<void> {
  const mod = Module as unknown as { _load: Loader };
  const original = mod._load;
  mod._load = (request, parent, isMain) => (request === 'electron' ? fake.electron : original(request, parent, isMain));
  try {
    const req = createRequire(import.meta.url);
    const file = path.join(outDir, 'main.cjs');
    delete req.cache[file];
    req(file);
  } finally {
    mod._load = original;
  }
  fake.ready();
  await until(() => fake.windows.length > 0);
}

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup() {
  const root = await tempDir();
  const appPath = path.join(root, 'app');
  await mkdir(path.join(appPath, 'dist', 'renderer'), { recursive: true });
  await writeFile(path.join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  const dirs = { userData: path.join(root, 'userData'), appPath, documents: path.join(root, 'docs') };
  await mkdir(dirs.documents, { recursive: true });
  return dirs;
}

describe('main process wiring (built main.cjs, stand-in Electron API)', () => {
  it('registers the app scheme before ready, and opens a window with every security setting', async () => {
    const fake = createFakeElectron(await setup());
    await startMain(fake);
    expect(fake.record.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const win = fake.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    const preload = (win.options.webPreferences as { preload: string }).preload;
    expect(existsSync(preload)).toBe(true);
    expect(win.webContents.url).toBe('app://sorix/index.html');
    // Every inbound channel has exactly one handler.
    expect(fake.handlerNames()).toEqual(Object.values(Channels).filter((c) => c !== Channels.menuCommand && c !== Channels.fileOpened).sort());
  });

  it('denies every permission, blocks navigation and new windows, sends only http(s) links out', async () => {
    const fake = createFakeElectron(await setup());
    await startMain(fake);
    const answers: boolean[] = [];
    for (const p of ['media', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) fake.record.permissionRequest?.(null, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false, false]);
    expect(fake.record.permissionCheck?.()).toBe(false);
    expect(fake.record.devicePermission?.()).toBe(false);

    const contents = fake.windows[0]!.webContents;
    for (const url of ['https://example.com/docs', 'file:///etc/passwd', 'app://sorix/other.html', 'javascript:alert(1)']) {
      const e = fakeEvent();
      contents.emit('will-navigate', e, url);
      expect(e.defaultPrevented).toBe(true);
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://example.com/docs', 'https://example.com/docs']);
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach);
    expect(attach.defaultPrevented).toBe(true);

    const headers = await new Promise<Record<string, string[]>>((resolve) => fake.record.headersReceived?.({ responseHeaders: { a: ['b'] } }, (r) => resolve(r.responseHeaders)));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', async () => {
    const fake = createFakeElectron(await setup());
    await startMain(fake);
    const serve = fake.record.protocolHandlers.get('app')!;
    const page = await serve({ url: 'app://sorix/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await serve({ url: 'app://sorix/../../userData/recent-files.json', method: 'GET' })).status).toBe(404);
    expect((await serve({ url: 'app://sorix/index.html', method: 'POST' })).status).toBe(404);
  });

  it('IPC: refuses strangers, subframes and bad arguments; saves only valid documents where the user chose', async () => {
    const dirs = await setup();
    const fake = createFakeElectron(dirs);
    await startMain(fake);
    const win = fake.windows[0]!;
    const ours = fake.eventFrom(win);
    const request = { text: SEED, suggestedName: 'seed' };

    await expect(fake.invoke(Channels.fileSave, fake.eventFrom({ webContents: { id: 999 } }), request)).rejects.toThrow(/not one of our windows/);
    await expect(fake.invoke(Channels.fileSave, fake.eventFrom(win, 'app://sorix/index.html', false), request)).rejects.toThrow(/subframe/);
    await expect(fake.invoke(Channels.fileSave, fake.eventFrom(win, 'https://evil.example/'), request)).rejects.toThrow(/not the app/);
    await expect(fake.invoke(Channels.fileSave, ours, { ...request, extra: 1 })).rejects.toThrow(/bad arguments/);

    // A path the user never chose is not written to: main asks with the save dialog instead.
    const chosen = path.join(dirs.documents, 'mine');
    fake.answers.push({ filePath: chosen });
    const result = await fake.invoke(Channels.fileSave, ours, { ...request, path: path.join(dirs.userData, 'recent-files.json') });
    expect(fake.dialogs.at(-1)?.kind).toBe('save');
    expect(result).toEqual({ name: 'mine.sorix.json', path: `${chosen}.sorix.json` });
    expect(await readFile(`${chosen}.sorix.json`, 'utf8')).toBe(SEED);

    // Now it was chosen: Save writes there without asking; invalid content is refused with every problem shown.
    const dialogsBefore = fake.dialogs.length;
    expect(await fake.invoke(Channels.fileSave, ours, { ...request, path: `${chosen}.sorix.json` })).toEqual(result);
    expect(fake.dialogs.length).toBe(dialogsBefore);
    expect(await fake.invoke(Channels.fileSave, ours, { ...request, text: '{"format":"sorix-studio-graph"', path: `${chosen}.sorix.json` })).toBeNull();
    expect(fake.dialogs.at(-1)).toMatchObject({ kind: 'message', options: { type: 'error' } });
    expect(await readFile(`${chosen}.sorix.json`, 'utf8')).toBe(SEED);

    // Open: the file the user picks is validated; a broken one shows its problems and gives null.
    const broken = path.join(dirs.documents, 'broken.sorix.json');
    await writeFile(broken, SEED.replace('"kind": "tensor"', '"kind": "noSuchKind"'));
    fake.answers.push({ filePaths: [broken] });
    expect(await fake.invoke(Channels.fileOpen, ours)).toBeNull();
    expect(String(fake.dialogs.at(-1)?.options.detail)).toMatch(/^\$\.graph\.nodes\[0\]/);
    fake.answers.push({ filePaths: [`${chosen}.sorix.json`] });
    expect(await fake.invoke(Channels.fileOpen, ours)).toEqual({ name: 'mine.sorix.json', path: `${chosen}.sorix.json`, text: SEED });
    expect(JSON.parse(await readFile(path.join(dirs.userData, 'recent-files.json'), 'utf8')).files).toEqual([`${chosen}.sorix.json`]);
  });

  it('title follows the document state; closing with unsaved changes asks, and "Don\'t Save" closes', async () => {
    const fake = createFakeElectron(await setup());
    await startMain(fake);
    const win = fake.windows[0]!;
    fake.emitTo(Channels.documentSetState, fake.eventFrom(win), { title: 'seed.sorix.json', dirty: true });
    expect(win.title).toBe('• seed.sorix.json — Sorix Studio');
    // A stranger cannot change it.
    fake.emitTo(Channels.documentSetState, fake.eventFrom({ webContents: { id: 999 } }), { title: 'pwned', dirty: false });
    expect(win.title).toBe('• seed.sorix.json — Sorix Studio');

    fake.answers.push({ response: 2 }); // Cancel
    win.close();
    await until(() => fake.dialogs.length === 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(win.destroyed).toBe(false);
    expect(fake.dialogs[0]?.options).toMatchObject({ buttons: ['Save', "Don't Save", 'Cancel'] });

    fake.answers.push({ response: 0 }); // Save: the renderer is asked to save; the window closes once it is clean
    win.close();
    await until(() => fake.sent.some((m) => m.channel === Channels.menuCommand && m.value === 'file:save'));
    expect(win.destroyed).toBe(false);
    fake.emitTo(Channels.documentSetState, fake.eventFrom(win), { title: 'seed.sorix.json', dirty: false });
    expect(win.destroyed).toBe(true);
    // Main holds the quit until the closed window's clean-up is on disk.
    const session = path.join(fake.electron.app.getPath('userData'), 'session.json');
    await until(() => existsSync(session) && JSON.parse(readFileSync(session, 'utf8')).open.length === 0);
  });

  it('after a crash, the next start opens a window per autosaved document and offers it there with its time', async () => {
    const dirs = await setup();
    const first = createFakeElectron(dirs);
    await startMain(first);
    const win = first.windows[0]!;
    const entry = { id: 'doc-1', title: 'Untitled', savedAt: '2000-01-01T00:00:00.000Z', text: SEED };
    await first.invoke(Channels.autosaveWrite, first.eventFrom(win), entry);
    await first.invoke(Channels.autosaveWrite, first.eventFrom(win), { ...entry, id: 'doc-2', title: 'Second' });
    // Another window may not touch them.
    // (The process is now "killed": nothing more runs in this instance.)
    const files = await readdir(path.join(dirs.userData, 'autosave'));
    expect(files.sort()).toEqual(['doc-1.autosave.json', 'doc-2.autosave.json']);

    const second = createFakeElectron(dirs);
    await startMain(second);
    await until(() => second.windows.length === 2);
    const lists = await Promise.all(second.windows.map((w) => second.invoke(Channels.autosaveList, second.eventFrom(w)) as Promise<{ id: string; savedAt: string }[]>));
    expect(lists.map((l) => l.map((e) => e.id)).flat().sort()).toEqual(['doc-1', 'doc-2']);
    expect(lists.every((l) => l.length === 1)).toBe(true);
    // The time is main's own, not the renderer's.
    expect(lists[0]![0]!.savedAt).not.toBe('2000-01-01T00:00:00.000Z');
    // Each window can clear its own entry, not the other's.
    const [w1, w2] = second.windows as [(typeof second.windows)[0], (typeof second.windows)[0]];
    const id1 = lists[0]![0]!.id;
    await expect(second.invoke(Channels.autosaveClear, second.eventFrom(w2), id1)).rejects.toThrow(/not this window/);
    await second.invoke(Channels.autosaveClear, second.eventFrom(w1), id1);
    expect(await readdir(path.join(dirs.userData, 'autosave'))).toHaveLength(1);
    // Clearing an id that was never written (the renderer does so after every save) is a harmless no-op.
    await second.invoke(Channels.autosaveClear, second.eventFrom(w1), 's-never-written');
    expect(await readdir(path.join(dirs.userData, 'autosave'))).toHaveLength(1);
  });

  it('a file from a second instance (double-click, command line) opens in the untouched window; menus reach the renderer', async () => {
    const dirs = await setup();
    const fake = createFakeElectron(dirs);
    await startMain(fake);
    const win = fake.windows[0]!;
    const file = path.join(dirs.documents, 'seed.sorix.json');
    await writeFile(file, SEED);
    fake.electron.app.emit('second-instance', fakeEvent(), ['/opt/sorix', '.', '--some-switch', 'seed.sorix.json'], dirs.documents);
    await until(() => fake.sent.some((m) => m.channel === Channels.fileOpened));
    expect(fake.sent.find((m) => m.channel === Channels.fileOpened)).toEqual({ windowId: win.webContents.id, channel: Channels.fileOpened, value: { name: 'seed.sorix.json', path: file, text: SEED } });
    expect(fake.windows).toHaveLength(1);

    // The document is now named: the next file opens in a new window; macOS's open-file goes the same way.
    fake.emitTo(Channels.documentSetState, fake.eventFrom(win), { title: 'seed.sorix.json', dirty: false, path: file });
    const e = fakeEvent();
    fake.electron.app.emit('open-file', e, file);
    expect(e.defaultPrevented).toBe(true);
    await until(() => fake.windows.length === 2);

    // The menu is Electron's template made from the data; a click sends the command to the focused window.
    win.focus();
    const template = fake.record.menu as { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    const fileMenu = template.find((m) => m.label?.replace('&', '') === 'File');
    fileMenu?.submenu?.find((i) => i.label === 'Save')?.click?.();
    await until(() => fake.sent.some((m) => m.channel === Channels.menuCommand));
    expect(fake.sent.filter((m) => m.channel === Channels.menuCommand)).toEqual([{ windowId: win.webContents.id, channel: Channels.menuCommand, value: 'file:save' }]);
    // Open Recent lists the file that was opened.
    const recent = fileMenu?.submenu?.find((i) => i.label === 'Open Recent') as { submenu?: { label?: string }[] } | undefined;
    expect(recent?.submenu?.[0]?.label).toBe('seed.sorix.json');
  });

  it('after a crash, files that were open without unsaved changes are offered for reopening; after a normal close, not', async () => {
    const dirs = await setup();
    const file = path.join(dirs.documents, 'seed.sorix.json');
    await writeFile(file, SEED);
    const first = createFakeElectron(dirs);
    await startMain(first);
    const win = first.windows[0]!;
    first.electron.app.emit('second-instance', fakeEvent(), ['/opt/sorix', '.', file], dirs.documents);
    await until(() => first.sent.some((m) => m.channel === Channels.fileOpened));
    first.emitTo(Channels.documentSetState, first.eventFrom(win), { title: 'seed.sorix.json', dirty: false, path: file });
    await until(() => existsSync(path.join(dirs.userData, 'session.json')) && readFileSync(path.join(dirs.userData, 'session.json'), 'utf8').includes('seed'));
    // Killed here.

    const second = createFakeElectron(dirs);
    second.answers.push({ response: 0 }); // Reopen
    await startMain(second);
    await until(() => second.sent.some((m) => m.channel === Channels.fileOpened));
    expect(second.dialogs[0]?.options).toMatchObject({ message: expect.stringMatching(/did not close properly/), detail: 'seed.sorix.json' });
    expect(second.sent.find((m) => m.channel === Channels.fileOpened)?.value).toEqual({ name: 'seed.sorix.json', path: file, text: SEED });

    // A normal close empties the list: the next start asks nothing.
    const w = second.windows[0]!;
    second.emitTo(Channels.documentSetState, second.eventFrom(w), { title: 'seed.sorix.json', dirty: false, path: file });
    w.close();
    await until(() => JSON.parse(readFileSync(path.join(dirs.userData, 'session.json'), 'utf8')).open.length === 0);
    const third = createFakeElectron(dirs);
    await startMain(third);
    await new Promise((r) => setTimeout(r, 50));
    expect(third.dialogs).toEqual([]);
  });

  it('remembers the window size and position soon after they change, and opens the next window there', async () => {
    const dirs = await setup();
    const fake = createFakeElectron(dirs);
    await startMain(fake);
    fake.windows[0]!.emit('resize');
    const file = path.join(dirs.userData, 'window-state.json');
    await until(() => existsSync(file), 3000);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    const next = createFakeElectron(dirs);
    await startMain(next);
    expect(next.windows[0]!.options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700 });
  });
});
