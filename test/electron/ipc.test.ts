import { describe, expect, it } from 'vitest';
import { IpcRejected, checkSender, guarded, isAppUrl, parseArgs } from '../../electron/ipc-guard';
import { Channels } from '../../electron/ipc-channels';
import { ArgSchemas } from '../../electron/ipc-schemas';
import { APP_ORIGIN } from '../../electron/security-policy';

const policy = { windowIds: new Set([3, 4]), appOrigin: APP_ORIGIN };
const good = { webContentsId: 3, frameUrl: 'app://sorix/index.html', isMainFrame: true };
const save = { text: '{}', suggestedName: 'Untitled.sorix.json' };
const entry = { id: 'a1', title: 'T', savedAt: '2026-11-28T16:20:00.000Z', text: '{}' };

describe('IPC sender checks', () => {
  it('accepts the top frame of our window showing our app', () => {
    expect(() => checkSender(good, policy)).not.toThrow();
  });

  it.each([
    ['a WebContents that is not one of our windows', { ...good, webContentsId: 99 }],
    ['a subframe', { ...good, isMainFrame: false }],
    ['a frame that is gone', { ...good, frameUrl: null }],
    ['a page on the web', { ...good, frameUrl: 'https://evil.example/index.html' }],
    ['a local file', { ...good, frameUrl: 'file:///tmp/index.html' }],
    ['another app:// host', { ...good, frameUrl: 'app://other/index.html' }],
    ['a look-alike host', { ...good, frameUrl: 'app://sorix.evil/index.html' }],
  ])('refuses %s', (_name, sender) => {
    expect(() => checkSender(sender, policy)).toThrow(IpcRejected);
  });

  it('isAppUrl compares scheme and host, not prefixes', () => {
    expect(isAppUrl('app://sorix/a/b.html?x#y', APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://sorixx/', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('not a url', APP_ORIGIN)).toBe(false);
  });
});

describe('IPC argument validation', () => {
  it('accepts well-formed arguments on every channel', () => {
    expect(parseArgs(Channels.fileOpen, [])).toEqual([]);
    expect(parseArgs(Channels.fileSave, [{ ...save, path: '/home/u/a.sorix.json' }])).toEqual([{ ...save, path: '/home/u/a.sorix.json' }]);
    expect(parseArgs(Channels.fileSaveAs, [save])).toEqual([save]);
    expect(parseArgs(Channels.fileExportPng, ['data:image/png;base64,iVBORw0KGgo=', 'graph.png'])).toHaveLength(2);
    expect(parseArgs(Channels.fileExportText, ['import torch\n', 'graph.py'])).toEqual(['import torch\n', 'graph.py']);
    expect(parseArgs(Channels.autosaveWrite, [entry])).toEqual([entry]);
    expect(parseArgs(Channels.autosaveList, [])).toEqual([]);
    expect(parseArgs(Channels.autosaveClear, ['a1'])).toEqual(['a1']);
    expect(parseArgs(Channels.dialogConfirm, ['Discard changes?'])).toEqual(['Discard changes?']);
    expect(parseArgs(Channels.documentSetState, [{ title: 'a', dirty: true }])).toEqual([{ title: 'a', dirty: true }]);
  });

  it.each([
    ['extra arguments', Channels.fileOpen, ['/etc/passwd']],
    ['missing arguments', Channels.fileSave, []],
    ['a wrong type', Channels.fileSave, [{ ...save, text: 42 }]],
    ['unknown fields (a path to read)', Channels.fileSave, [{ ...save, readFrom: '/etc/passwd' }]],
    ['a suggested name with folders', Channels.fileSaveAs, [{ ...save, suggestedName: '../../.bashrc' }]],
    ['a suggested name with a backslash', Channels.fileSaveAs, [{ ...save, suggestedName: '..\\x.json' }]],
    ['a suggested name with a control character', Channels.fileSaveAs, [{ ...save, suggestedName: 'a\nb.json' }]],
    ['a path with NUL', Channels.fileSave, [{ ...save, path: '/tmp/a\u0000.json' }]],
    ['a PNG that is not a data URL', Channels.fileExportPng, ['https://evil.example/x.png', 'x.png']],
    ['an SVG data URL', Channels.fileExportPng, ['data:image/svg+xml;base64,PHN2Zz4=', 'x.png']],
    ['an exported script named as anything but .py', Channels.fileExportText, ['x', '.bashrc']],
    ['an exported script name with folders', Channels.fileExportText, ['x', '../../x.py']],
    ['an autosave id with a slash', Channels.autosaveClear, ['../recent-files']],
    ['an autosave id that is too long', Channels.autosaveClear, ['a'.repeat(65)]],
    ['an autosave time that is not ISO', Channels.autosaveWrite, [{ ...entry, savedAt: 'yesterday' }]],
    ['a dirty flag that is a string', Channels.documentSetState, [{ title: 'a', dirty: 'yes' }]],
    ['an empty question', Channels.dialogConfirm, ['']],
    ['a document over the size limit', Channels.fileSave, [{ ...save, text: 'x'.repeat(32 * 1024 * 1024 + 1) }]],
  ] as const)('refuses %s', (_name, channel, args) => {
    expect(() => parseArgs(channel, args)).toThrow(IpcRejected);
  });

  it('every inbound channel is named domain:verb and has a schema', () => {
    for (const channel of Object.values(Channels)) expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    expect(Object.keys(ArgSchemas).sort()).toEqual(
      Object.values(Channels)
        .filter((c) => c !== Channels.menuCommand && c !== Channels.fileOpened)
        .sort(),
    );
  });

  it('guarded runs the handler only for a good sender with good arguments', () => {
    const calls: unknown[] = [];
    const handler = guarded(Channels.autosaveClear, () => policy, (sender, id) => {
      calls.push([sender.webContentsId, id]);
      return 'done';
    });
    expect(handler(good, ['a1'])).toBe('done');
    expect(() => handler({ ...good, webContentsId: 5 }, ['a1'])).toThrow(/not one of our windows/);
    expect(() => handler(good, ['a/1'])).toThrow(/bad arguments/);
    expect(calls).toEqual([[3, 'a1']]);
  });
});
