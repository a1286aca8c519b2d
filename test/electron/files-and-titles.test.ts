import { readFileSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayName, filesFromArgv, withDocumentExtension } from '../../electron/argv';
import { decodePngDataUrl, formatProblems, readDocumentFile, writeDocumentFile } from '../../electron/document-files';
import { validateDocumentText } from '../../electron/document-validation';
import { FileGrants } from '../../electron/file-grants';
import { windowTitle } from '../../electron/window-title';
import { tempDir } from './helpers';

/** A real document: the seed example the app ships (also a fixture of the document layer). */
const VALID = readFileSync(path.resolve('assets/examples/seed.sorix.json'), 'utf8');

describe('reading and writing documents', () => {
  it('reads a valid file with its name and path', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'seed.sorix.json');
    await writeFile(file, `\uFEFF${VALID}`);
    expect(await readDocumentFile(file, validateDocumentText)).toEqual({ ok: true, file: { name: 'seed.sorix.json', path: file, text: VALID } });
  });

  it('reports every problem of a file that does not validate (from the document layer), and of one that cannot be read', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bad.sorix.json');
    await writeFile(file, '{"nodes": [1,');
    const bad = await readDocumentFile(file, validateDocumentText);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]?.path).toBe('$');
    // Two things wrong at once in a real document: both are reported, each with its JSON path.
    const doc = JSON.parse(VALID) as { graph: { nodes: { kind: string; position: unknown }[] } };
    doc.graph.nodes[0]!.kind = 'noSuchKind';
    doc.graph.nodes[1]!.position = 'top left';
    await writeFile(file, JSON.stringify(doc));
    const two = await readDocumentFile(file, validateDocumentText);
    expect(two.ok).toBe(false);
    if (!two.ok) {
      const paths = two.problems.map((p) => p.path);
      expect(paths.some((p) => p.startsWith('$.graph.nodes[0]'))).toBe(true);
      expect(paths.some((p) => p.startsWith('$.graph.nodes[1].position'))).toBe(true);
    }
    const missing = await readDocumentFile(path.join(dir, 'missing.json'), validateDocumentText);
    expect(missing).toEqual({ ok: false, problems: [{ path: '$', message: 'cannot be read (ENOENT)' }] });
    expect(await readDocumentFile(dir, validateDocumentText)).toEqual({ ok: false, problems: [{ path: '$', message: 'is not a file' }] });
  });

  it('never writes content that does not validate: the old file stays as it was', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'keep.sorix.json');
    await writeFile(file, VALID);
    const outcome = await writeDocumentFile(file, VALID.slice(0, VALID.length / 2), validateDocumentText);
    expect(outcome.ok).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(VALID);
    expect(await readdir(dir)).toEqual(['keep.sorix.json']);
    const fresh = path.join(dir, 'fresh.sorix.json');
    expect((await writeDocumentFile(fresh, '[]', validateDocumentText)).ok).toBe(false);
    expect(await readdir(dir)).toEqual(['keep.sorix.json']);
  });

  it('writes valid content', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'new.sorix.json');
    expect(await writeDocumentFile(file, VALID, validateDocumentText)).toEqual({ ok: true });
    expect(await readFile(file, 'utf8')).toBe(VALID);
  });

  it('formats problems one per line with their JSON path', () => {
    expect(formatProblems([{ path: '$.graph.nodes[2].kind', message: 'unknown kind "foo"' }, { path: '$.version', message: 'too new' }])).toBe(
      '$.graph.nodes[2].kind: unknown kind "foo"\n$.version: too new',
    );
  });

  it('decodes PNG data URLs and refuses anything that is not a PNG', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect([...(decodePngDataUrl(`data:image/png;base64,${png.toString('base64')}`) ?? [])]).toEqual([...png]);
    expect(decodePngDataUrl(`data:image/png;base64,${Buffer.from('<svg/>').toString('base64')}`)).toBeNull();
    expect(decodePngDataUrl('data:image/jpeg;base64,AAAA')).toBeNull();
  });
});

describe('file grants: the renderer writes only where the user chose', () => {
  it('knows per window which files the user chose', () => {
    const grants = new FileGrants('linux');
    grants.grant(1, '/home/u/a.sorix.json');
    expect(grants.lookup(1, '/home/u/a.sorix.json')).toBe('/home/u/a.sorix.json');
    expect(grants.lookup(1, '/home/u/../u/a.sorix.json')).toBe('/home/u/a.sorix.json');
    expect(grants.lookup(2, '/home/u/a.sorix.json')).toBeNull();
    expect(grants.lookup(1, '/home/u/.bashrc')).toBeNull();
    expect(grants.lookup(1, 'a.sorix.json')).toBeNull();
    grants.forgetWindow(1);
    expect(grants.lookup(1, '/home/u/a.sorix.json')).toBeNull();
  });

  it('ignores case where the file system does', () => {
    const grants = new FileGrants('darwin');
    grants.grant(1, '/Users/u/A.sorix.json');
    expect(grants.lookup(1, '/users/u/a.sorix.json')).toBe('/Users/u/A.sorix.json');
  });
});

describe('command line', () => {
  it('takes .json files after the app folder in development and after the executable when packaged', () => {
    const cwd = '/home/u/work';
    expect(filesFromArgv(['/usr/bin/electron', '.', 'a.sorix.json', '--inspect', '/tmp/b.json', 'notes.txt'], cwd, false)).toEqual([
      '/home/u/work/a.sorix.json',
      '/tmp/b.json',
    ]);
    expect(filesFromArgv(['/opt/Sorix Studio/sorix-studio', '--no-sandbox', '../c.sorix.json'], cwd, true)).toEqual(['/home/u/c.sorix.json']);
    expect(filesFromArgv(['/opt/s', '--', '-odd-.json'], cwd, true)).toEqual(['/home/u/work/-odd-.json']);
  });

  it('names documents', () => {
    expect(displayName('/a/b/seed.sorix.json')).toBe('seed.sorix.json');
    expect(withDocumentExtension('Untitled')).toBe('Untitled.sorix.json');
    expect(withDocumentExtension('x.sorix.json')).toBe('x.sorix.json');
  });
});

describe('window title', () => {
  it('shows the file name, an unsaved marker, and the app', () => {
    expect(windowTitle({ title: 'seed.sorix.json', dirty: false })).toBe('seed.sorix.json — Sorix Studio');
    expect(windowTitle({ title: 'seed.sorix.json', dirty: true })).toBe('• seed.sorix.json — Sorix Studio');
    expect(windowTitle({ title: '\u0007 ', dirty: false })).toBe('Untitled — Sorix Studio');
  });
});
