import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionStore, filesToReopen } from '../../electron/session-store';
import { tempDir } from './helpers';

describe('session: the files open at a crash', () => {
  it('persists the open files, newest list last, and reads them back', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'session.json');
    const store = new SessionStore(file);
    expect(await store.load()).toEqual([]);
    await Promise.all([store.update(['/a']), store.update(['/a', '/b']), store.update(['/b'])]);
    expect(await new SessionStore(file).load()).toEqual(['/b']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, open: ['/b'] });
    await store.update([]);
    expect(await new SessionStore(file).load()).toEqual([]);
    await writeFile(file, 'not json');
    expect(await new SessionStore(file).load()).toEqual([]);
  });

  it('offers to reopen the files that do not come back as an autosave, once each', () => {
    expect(filesToReopen(['/d/a.sorix.json', '/d/b.sorix.json', '/d/a.sorix.json', '/d/c.sorix.json'], [{ path: '/d/b.sorix.json' }, {}], 'linux')).toEqual([
      '/d/a.sorix.json',
      '/d/c.sorix.json',
    ]);
    expect(filesToReopen(['/D/A.sorix.json'], [{ path: '/d/a.sorix.json' }], 'darwin')).toEqual([]);
  });
});
