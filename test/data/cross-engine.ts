/**
 * `npx tsx test/data/cross-engine.ts`: checks that seeded data sets are bit-identical in Node and in Chromium (set
 * SORIX_CHROMIUM to its path; default /usr/bin/chromium). Bundles a probe with esbuild into a temporary folder, runs
 * it in both, and compares fingerprints of every generator's train/test arrays and of a shuffled epoch's batches.
 * Not a Vitest test because it needs a browser.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';

const probe = `
import { makeDataset, batches, GENERATORS } from ${JSON.stringify(join(import.meta.dirname, '../../src/data/index.ts'))};
const fp = (a) => { let h = 0x811c9dc5; for (const b of new Uint8Array(a.buffer, a.byteOffset, a.byteLength)) h = Math.imul(h ^ b, 0x01000193); return (h >>> 0).toString(16); };
const out = [];
for (const generator of Object.keys(GENERATORS)) for (const seed of [0, 1, 12345, 4294967295]) {
  const s = makeDataset({ source: 'generated', generator, n: 2000, noise: 35, seed, testFraction: 0.3, standardize: true });
  out.push([generator, seed, fp(s.train.x), fp(s.train.y), fp(s.test.x), fp(s.test.y), ...[...batches(s.train, 64, seed, 3)].map((b) => fp(b.x))].join(' '));
}
globalThis.RESULT = out.join('\\n');
`;

const dir = mkdtempSync(join(tmpdir(), 'sorix-cross-engine-'));
try {
  writeFileSync(join(dir, 'probe.js'), probe);
  await build({ entryPoints: [join(dir, 'probe.js')], bundle: true, format: 'iife', outfile: join(dir, 'bundle.js'), external: ['*?raw'], logLevel: 'warning' });
  const code = readFileSync(join(dir, 'bundle.js'), 'utf8');
  new Function(code)();
  const inNode = (globalThis as unknown as { RESULT: string }).RESULT;
  const browser = await chromium.launch({
    executablePath: process.env.SORIX_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage();
  await page.addScriptTag({ content: code });
  const inBrowser = await page.evaluate(() => (globalThis as unknown as { RESULT: string }).RESULT);
  console.log(`Node ${process.version}, Chromium ${browser.version()}: ${inNode.split('\n').length} data sets`);
  await browser.close();
  if (inNode !== inBrowser) {
    console.error('DIFFERENT:\n' + inNode.split('\n').filter((l, i) => l !== inBrowser.split('\n')[i]).join('\n'));
    process.exitCode = 1;
  } else {
    console.log('bit-identical');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
