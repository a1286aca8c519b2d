import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT, RecentFiles, pruneMissing, withRecent } from '../../electron/recent-files';
import { tempDir } from './helpers';

describe('recent files', () => {
  it('withRecent puts a file first, without duplicates, within the limit', () => {
    expect(withRecent(['/a', '/b', '/c'], '/b', 10, 'linux')).toEqual(['/b', '/a', '/c']);
    expect(withRecent(['/a', '/b'], '/c', 2, 'linux')).toEqual(['/c', '/a']);
    // Case-insensitive file systems: the same file in another case is not a second entry.
    expect(withRecent(['/Users/x/A.json'], '/Users/x/a.json', 10, 'darwin')).toEqual(['/Users/x/a.json']);
    expect(withRecent(['/home/x/A.json'], '/home/x/a.json', 10, 'linux')).toEqual(['/home/x/a.json', '/home/x/A.json']);
  });

  it('pruneMissing keeps only files that exist, in order (real files)', async () => {
    const dir = await tempDir();
    const [a, b, c] = ['a.sorix.json', 'b.sorix.json', 'c.sorix.json'].map((n) => path.join(dir, n)) as [string, string, string];
    await writeFile(a, '{}');
    await writeFile(c, '{}');
    expect(await pruneMissing([c, b, a, dir])).toEqual([c, a]);
  });

  it('persists, reloads, and prunes files deleted since', async () => {
    const dir = await tempDir();
    const store = path.join(dir, 'data', 'recent-files.json');
    const files = ['one', 'two', 'three'].map((n) => path.join(dir, `${n}.sorix.json`));
    await Promise.all(files.map((f) => writeFile(f, '{}')));

    const recent = new RecentFiles(store);
    expect(await recent.load()).toEqual([]);
    for (const f of files) await recent.add(f);
    expect(recent.list()).toEqual([...files].reverse());
    expect(JSON.parse(await readFile(store, 'utf8'))).toEqual({ version: 1, files: [...files].reverse() });

    await rm(files[1]!);
    const again = new RecentFiles(store);
    expect(await again.load()).toEqual([files[2], files[0]]);
    // The pruned list was written back.
    expect(JSON.parse(await readFile(store, 'utf8')).files).toEqual([files[2], files[0]]);

    await again.clear();
    expect(await new RecentFiles(store).load()).toEqual([]);
  });

  it(`keeps at most ${RECENT_LIMIT} files`, async () => {
    const dir = await tempDir();
    const recent = new RecentFiles(path.join(dir, 'r.json'), { exists: async () => true });
    for (let i = 0; i < RECENT_LIMIT + 5; i++) await recent.add(path.join(dir, `f${i}.json`));
    expect(recent.list()).toHaveLength(RECENT_LIMIT);
    expect(recent.list()[0]).toBe(path.join(dir, `f${RECENT_LIMIT + 4}.json`));
  });

  it('a damaged store starts an empty list instead of failing', async () => {
    const dir = await tempDir();
    const store = path.join(dir, 'recent-files.json');
    await writeFile(store, '{"version":1,"files":[42]');
    expect(await new RecentFiles(store).load()).toEqual([]);
    await writeFile(store, '{"version":2,"files":[]}');
    expect(await new RecentFiles(store).load()).toEqual([]);
  });
});
