import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AutosaveOwnership, AutosaveStore, describeSavedAt } from '../../electron/autosave-store';
import { tempDir } from './helpers';

/** A clock that moves on one minute per reading, from a fixed start. */
function minuteClock(startIso: string): () => Date {
  let t = Date.parse(startIso);
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

const entry = (id: string, text: string, extra: { path?: string } = {}) => ({ id, title: `${id}.sorix.json`, savedAt: '2000-01-01T00:00:00.000Z', text, ...extra });

describe('autosave store', () => {
  it('writes entries stamped by its own clock and lists them newest first, as a restart would find them', async () => {
    const dir = path.join(await tempDir(), 'autosave');
    const store = new AutosaveStore(dir, minuteClock('2026-11-28T16:20:00.000Z'));
    await store.write(entry('doc-a', '{"a":1}', { path: '/home/u/a.sorix.json' }));
    await store.write(entry('doc-b', '{"b":1}'));
    await store.write(entry('doc-a', '{"a":2}', { path: '/home/u/a.sorix.json' }));

    // A new store on the same folder: what the next start (after a crash) sees.
    const { entries, unreadable } = await new AutosaveStore(dir).list();
    expect(unreadable).toEqual([]);
    expect(entries).toEqual([
      { id: 'doc-a', title: 'doc-a.sorix.json', path: '/home/u/a.sorix.json', savedAt: '2026-11-28T16:22:00.000Z', text: '{"a":2}' },
      { id: 'doc-b', title: 'doc-b.sorix.json', savedAt: '2026-11-28T16:21:00.000Z', text: '{"b":1}' },
    ]);
    expect(describeSavedAt(entries[0]!.savedAt, 'en-GB')).toMatch(/28 Nov 2026/);
  });

  it('clear removes one entry and nothing else', async () => {
    const dir = await tempDir();
    const store = new AutosaveStore(dir);
    await store.write(entry('one', '1'));
    await store.write(entry('two', '2'));
    await store.clear('one');
    expect((await store.list()).entries.map((e) => e.id)).toEqual(['two']);
    await store.clear('never-written');
  });

  it('rapid writes of one id land in order: the last text wins', async () => {
    const dir = await tempDir();
    const store = new AutosaveStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.write(entry('busy', `{"n":${i}}`))));
    const { entries } = await store.list();
    expect(entries.map((e) => e.text)).toEqual(['{"n":19}']);
    expect((await readdir(dir)).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('a clear queued behind writes is not undone by them', async () => {
    const dir = await tempDir();
    const store = new AutosaveStore(dir);
    const writes = [store.write(entry('x', '1')), store.write(entry('x', '2'))];
    await store.clear('x');
    await Promise.all(writes);
    expect((await store.list()).entries).toEqual([]);
  });

  it('reports damaged or misnamed files instead of failing, and leaves them in place', async () => {
    const dir = await tempDir();
    const store = new AutosaveStore(dir);
    await store.write(entry('good', '{}'));
    await writeFile(path.join(dir, 'broken.autosave.json'), '{"id":"broken",');
    await writeFile(path.join(dir, 'other.autosave.json'), JSON.stringify({ ...entry('good', '{}'), savedAt: '2026-11-28T16:20:00Z' }));
    const { entries, unreadable } = await store.list();
    expect(entries.map((e) => e.id)).toEqual(['good']);
    expect(unreadable.map((f) => path.basename(f)).sort()).toEqual(['broken.autosave.json', 'other.autosave.json']);
    expect(await readFile(path.join(dir, 'broken.autosave.json'), 'utf8')).toBe('{"id":"broken",');
  });

  it('refuses ids that could name files outside its folder', async () => {
    const store = new AutosaveStore(await tempDir());
    await expect(store.write(entry('../escape', '{}'))).rejects.toThrow();
    expect(() => store.fileFor('a/b')).toThrow();
    expect(() => store.fileFor('')).toThrow();
  });
});

describe('autosave ownership across windows', () => {
  it('offers each leftover to one window; windows cannot touch each other’s entries', () => {
    const o = new AutosaveOwnership();
    o.offer('left-1', 1);
    o.offer('left-2', 2);
    expect(o.idsOf(1)).toEqual(['left-1']);
    expect(o.claimForWrite('left-2', 1)).toBe(false);
    expect(o.claimForWrite('fresh', 1)).toBe(true);
    expect(o.claimForWrite('fresh', 2)).toBe(false);
    expect(o.owns('fresh', 1)).toBe(true);
    expect(o.owns('fresh', 2)).toBe(false);
    expect([o.holder('fresh', 1), o.holder('fresh', 2), o.holder('unknown', 1)]).toEqual(['this', 'other', 'nobody']);
  });

  it('a window that closes gives back what it wrote (to delete) and what it was only offered (to keep)', () => {
    const o = new AutosaveOwnership();
    o.offer('left', 7);
    o.claimForWrite('mine', 7);
    expect(o.releaseWindow(7)).toEqual({ written: ['mine'], offered: ['left'] });
    expect(o.idsOf(7)).toEqual([]);
    // A restored leftover that the window autosaves again becomes its own.
    o.offer('restored', 8);
    o.claimForWrite('restored', 8);
    expect(o.releaseWindow(8)).toEqual({ written: ['restored'], offered: [] });
  });
});
