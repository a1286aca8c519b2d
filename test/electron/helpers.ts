import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sorix-shell-'));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  // Retries: a main process under test may still be finishing a write when the test ends.
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 10, retryDelay: 20 })));
});
