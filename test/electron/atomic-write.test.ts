import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile, chmod, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTempFor, removeStaleTemps, writeFileAtomic } from '../../electron/atomic-write';
import { tempDir } from './helpers';

const OLD = '{"format":"sorix","version":1,"old":true}';

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'graph.sorix.json');
    await writeFile(file, OLD);
    await writeFileAtomic(file, 'new content');
    expect(await readFile(file, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['graph.sorix.json']);
  });

  it('creates a file that did not exist', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'fresh.sorix.json');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
  });

  it('keeps the old file intact when the save fails just before the rename', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'graph.sorix.json');
    await writeFile(file, OLD);
    let tempSeen = '';
    await expect(
      writeFileAtomic(file, 'half-written new content', {
        beforeRename: async (temp) => {
          tempSeen = temp;
          // The new content is complete on disk, in the temporary file beside the target...
          expect(await readFile(temp, 'utf8')).toBe('half-written new content');
          throw new Error('simulated failure');
        },
      }),
    ).rejects.toThrow('simulated failure');
    // ...but the target still holds the old content, and the temporary file is gone.
    expect(await readFile(file, 'utf8')).toBe(OLD);
    expect(path.dirname(tempSeen)).toBe(dir);
    expect(await readdir(dir)).toEqual(['graph.sorix.json']);
  });

  it('survives the process being killed mid-save: the old file stays, the next save cleans up', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'graph.sorix.json');
    await writeFile(file, OLD);
    // A real process that starts a save and is killed (SIGKILL) after the temporary file is written, before rename.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(path.resolve('electron/atomic-write.ts'))};
      await writeFileAtomic(process.argv[1], 'x'.repeat(1 << 20), {
        // A pending promise alone does not keep Node alive: the interval does, until the kill.
        beforeRename: () => new Promise(() => { setInterval(() => {}, 1000); process.stdout.write('temp written\\n'); }),
      });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('temp written') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(await readFile(file, 'utf8')).toBe(OLD);
    const leftovers = (await readdir(dir)).filter((e) => isTempFor('graph.sorix.json', e));
    expect(leftovers).toHaveLength(1);

    await writeFileAtomic(file, 'after the crash');
    expect(await readFile(file, 'utf8')).toBe('after the crash');
    expect(await readdir(dir)).toEqual(['graph.sorix.json']);
  }, 30_000);

  it('keeps the file mode and writes through a symlink to its target', async () => {
    const dir = await tempDir();
    const real = path.join(dir, 'real.sorix.json');
    const link = path.join(dir, 'link.sorix.json');
    await writeFile(real, OLD);
    await chmod(real, 0o600);
    await symlink(real, link);
    await writeFileAtomic(link, 'through the link');
    expect(await readFile(real, 'utf8')).toBe('through the link');
    expect((await stat(real)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['link.sorix.json', 'real.sorix.json']);
  });

  it('fails without touching anything when the folder does not exist', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(path.join(dir, 'missing', 'a.json'), 'x')).rejects.toThrow(/ENOENT/);
  });

  it("removeStaleTemps removes another process's leftovers but not this process's", async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'g.json');
    const stale = path.join(dir, `.g.json.999999-abc.sorix-tmp`);
    const ours = path.join(dir, `.g.json.${process.pid}-def.sorix-tmp`);
    const unrelated = path.join(dir, '.other.json.1-x.sorix-tmp');
    await Promise.all([stale, ours, unrelated].map((f) => writeFile(f, '')));
    await removeStaleTemps(file);
    expect((await readdir(dir)).sort()).toEqual([path.basename(ours), path.basename(unrelated)].sort());
  });
});
