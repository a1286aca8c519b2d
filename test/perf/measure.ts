/**
 * Speed figures for the editor, printed (not a pass/fail test): the built renderer's size, its load time in Chromium,
 * parameter edit → updated numbers on screen in a 200-node graph, panning frames per second with 500 nodes, and the
 * start of a wire drag (every input port checked) at 100, 400 and 1,000 nodes.
 * Run: npm run measure   (builds, serves dist/renderer with vite preview, drives Debian's Chromium or SORIX_CHROMIUM).
 */
import { execSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chainGraph } from './graphs';

const PORT = Number(process.env.SORIX_MEASURE_PORT ?? 4792);
const root = join(import.meta.dirname, '../..');
const out = join(root, 'dist/renderer');

function sizes(): { files: number; bytes: number; js: number; jsGz: number; initialJsGz: number } {
  let files = 0, bytes = 0, js = 0, jsGz = 0, initialJsGz = 0;
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const walk = (dir: string): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      files++;
      const size = statSync(p).size;
      bytes += size;
      if (f.endsWith('.js')) {
        js += size;
        const gz = gzipSync(readFileSync(p)).length;
        jsGz += gz;
        if (html.includes(f)) initialJsGz += gz;
      }
    }
  };
  walk(out);
  return { files, bytes, js, jsGz, initialJsGz };
}

const kb = (b: number): string => `${(b / 1024).toFixed(0)} kB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function openGraph(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(([n, t]) => (window as unknown as { __sorix: { openText(n: string, t: string): boolean } }).__sorix.openText(n!, t!), [name, text]);
  await page.waitForTimeout(800);
}

/** Types a new value into the source tensor's field and times Enter → `watch` changed on screen, to the next frame. */
async function editToScreen(page: Page, i: number, watch: string): Promise<{ total: number; evalMs: number }> {
  const field = page.getByTestId('tensor-values');
  await field.fill(`[${Array.from({ length: 16 }, (_, k) => ((k - 8) / 4 + i * 0.37).toFixed(3)).join(', ')}]`);
  return page.evaluate((watch) => new Promise<{ total: number; evalMs: number }>((resolve) => {
    const target = document.querySelector(`[data-testid="${watch}"]`)!;
    const input = document.querySelector<HTMLInputElement>('[data-testid="tensor-values"]')!;
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        const s = (window as unknown as { __sorix: { store: { getState(): { evalMs: number } } } }).__sorix.store.getState();
        resolve({ total: performance.now() - t0, evalMs: s.evalMs });
      }, 0));
    });
    obs.observe(target, { characterData: true, subtree: true, childList: true });
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  }), watch);
}

async function panFps(page: Page): Promise<{ fps: number; frames: number; ms: number }> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  // A string, so that the bundler's name helpers do not end up in the page.
  await page.evaluate(`(() => {
    window.__frames = 0; window.__count = true;
    const tick = () => { if (!window.__count) return; window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const t0 = Date.now();
  const cx = pane.x + pane.width / 2, cy = pane.y + pane.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let k = 0; k < 120; k++) await page.mouse.move(cx + 200 * Math.sin(k / 10), cy + 120 * Math.cos(k / 13));
  await page.mouse.up();
  const ms = Date.now() - t0;
  const frames = await page.evaluate(() => { const w = window as unknown as { __frames: number; __count: boolean }; w.__count = false; return w.__frames; });
  return { fps: (frames * 1000) / ms, frames, ms };
}

async function main(): Promise<void> {
  execSync('npx vite build', { cwd: root, stdio: 'ignore' });
  const s = sizes();
  console.log(`renderer: ${s.files} files, ${kb(s.bytes)} in all; JavaScript ${kb(s.js)} (${kb(s.jsGz)} gzipped), loaded at start ${kb(s.initialJsGz)} gzipped (ELK loads only on Arrange)`);
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  try {
    await new Promise((r) => setTimeout(r, 2500));
    const env = process.env.SORIX_CHROMIUM;
    const browser = await chromium.launch({
      ...(env === '' ? {} : { executablePath: env ?? '/usr/bin/chromium' }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // SORIX_MEASURE=wire measures the wire drag alone (a quicker loop while working on it).
    const only = process.env.SORIX_MEASURE;
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = Date.now();
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.getByTestId('palette-tensor').waitFor();
      loads.push(Date.now() - t0);
    }
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming; return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; });
    console.log(`load: window ready (palette on screen) in ${median(loads)} ms median of 5 (DOMContentLoaded ${nav.dcl.toFixed(0)} ms, load event ${nav.load.toFixed(0)} ms)`);

    if (only !== 'wire') {
      await openGraph(page, 'chain200.sorix.json', chainGraph(200));
      await page.evaluate(() => (window as unknown as { __sorix: { store: { getState(): { select(ids: string[]): void } } } }).__sorix.store.getState().select(['src']));
      const setUi = (patch: object) => page.evaluate((p) => (window as unknown as { __sorix: { store: { getState(): { setUi(p: object): void } } } }).__sorix.store.getState().setUi(p), patch);
      const report = async (label: string, watch: string): Promise<void> => {
        const edits: { total: number; evalMs: number }[] = [];
        for (let i = 0; i < 12; i++) {
          edits.push(await editToScreen(page, i + 1, watch));
          // A person's edits are seconds apart: let the charts (drawn 120 ms after the numbers) finish first.
          await page.waitForTimeout(400);
        }
        const rest = edits.slice(2);
        const rendered = await page.locator('.react-flow__node').count();
        console.log(`edit → screen, 200 nodes, ${label} (${rendered} nodes rendered): median ${median(rest.map((e) => e.total)).toFixed(1)} ms, worst ${Math.max(...rest.map((e) => e.total)).toFixed(1)} ms; evaluation ${median(rest.map((e) => e.evalMs)).toFixed(2)} ms of it`);
      };
      console.log('graph: a Tensor of 16 values, a chain of 198 Adds (node k holds k·x) and a Sum as objective; an edit of x recomputes every value and gradient');
      await report('whole graph fitted (nodes in outline: too small to read), minimap on', 'status');
      await setUi({ minimap: false });
      await page.waitForTimeout(300);
      await report('whole graph fitted, minimap off', 'status');
      await setUi({ minimap: true });
      // Zoomed in to read the numbers, with the source and the Sum side by side on screen.
      await page.evaluate(() => {
        const s = (window as unknown as { __sorix: { store: { getState(): { moveNodes(m: object[]): void } } } }).__sorix.store.getState();
        s.moveNodes([{ id: 'total', position: { x: 600, y: 0 } }]);
      });
      await page.waitForTimeout(300);
      // Wheel-zoom around the source node, as a user does, until the numbers are readable.
      for (let i = 0; i < 30; i++) {
        const box = await page.getByTestId('rf__node-src').boundingBox();
        const scale = Number((await page.locator('.react-flow__viewport').getAttribute('style'))?.match(/scale\(([\d.]+)\)/)?.[1] ?? 1);
        if (!box || scale >= 0.9) break;
        await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
        await page.mouse.wheel(0, -200);
        await page.waitForTimeout(120);
      }
      await page.waitForTimeout(300);
      const vp = await page.locator('.react-flow__viewport').getAttribute('style');
      await page.evaluate(() => (window as unknown as { __sorix: { store: { getState(): { select(ids: string[]): void } } } }).__sorix.store.getState().select(['src']));
      await page.waitForTimeout(200);
      await report(`zoomed in to read (${vp?.match(/scale\(([\d.]+)\)/)?.[1] ?? '?'}×), minimap on`, 'value-total');

      await openGraph(page, 'chain500.sorix.json', chainGraph(500, 16, 25));
      await page.keyboard.press('Escape');
      const visible = await page.locator('.react-flow__node').count();
      const fit = await panFps(page);
      await page.evaluate(() => (window as unknown as { __sorix: { store: { getState(): { setUi(p: object): void } } } }).__sorix.store.getState().setUi({ minimap: false }));
      await page.getByRole('button', { name: 'Zoom In' }).click();
      await page.getByRole('button', { name: 'Zoom In' }).click();
      await page.waitForTimeout(300);
      const close = await panFps(page);
      const closeVisible = await page.locator('.react-flow__node').count();
      console.log(`pan, 500 nodes: ${fit.fps.toFixed(0)} fps with all ${visible} nodes on screen (fitted); ${close.fps.toFixed(0)} fps zoomed in (${closeVisible} nodes rendered)`);
    }

    // Starting a wire drag: the dragged output is checked against the input ports of the nodes drawn (target ≤ 16 ms
    // at 1,000 nodes). Timed twice: the store call alone, and from the call to the next frame (React has re-drawn the
    // nodes whose ports are dimmed). Half the drags are from the source (nothing refused), half from the middle node
    // (every node before it refused: a cycle).
    for (const n of [100, 400, 1000]) {
      await openGraph(page, `chain${n}.sorix.json`, chainGraph(n, 16, 25));
      const rendered = await page.locator('.react-flow__node').count();
      const times: { store: number; frame: number }[] = [];
      // The control: from doing nothing to the next frame, on the same page (a frame of this many nodes costs this
      // much by itself, whatever a drag does).
      const idle: number[] = [];
      for (let i = 0; i < 5; i++) {
        idle.push(await page.evaluate(() => new Promise<number>((resolve) => {
          const t0 = performance.now();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        })));
      }
      for (let i = 0; i < 11; i++) {
        times.push(await page.evaluate((from) => new Promise<{ store: number; frame: number }>((resolve) => {
          const s = (window as unknown as { __sorix: { store: { getState(): { startConnecting(p: object): void; stopConnecting(): void } } } }).__sorix.store.getState();
          const t0 = performance.now();
          s.startConnecting({ node: from, port: 'out' });
          const store = performance.now() - t0;
          requestAnimationFrame(() => setTimeout(() => {
            const frame = performance.now() - t0;
            s.stopConnecting();
            requestAnimationFrame(() => setTimeout(() => resolve({ store, frame }), 0));
          }, 0));
        }), i % 2 ? `n${Math.floor(n / 2)}` : 'src'));
      }
      const fmt = (xs: number[]): string => `median ${median(xs).toFixed(1)} ms, worst ${Math.max(...xs).toFixed(1)} ms`;
      const fromSrc = times.filter((_, i) => i % 2 === 0), fromMid = times.filter((_, i) => i % 2 === 1);
      console.log(`wire drag start, ${n} nodes (${2 * n - 3} input ports, ${rendered} nodes rendered), 11 drags: store ${fmt(times.map((t) => t.store))}; `
        + `to the next frame ${fmt(fromSrc.map((t) => t.frame))} from the source (nothing dimmed), ${fmt(fromMid.map((t) => t.frame))} from the middle (half dimmed); an idle frame ${fmt(idle)}`);
    }
    await browser.close();
  } finally {
    try { if (server.pid) process.kill(-server.pid); } catch { /* already gone */ }
  }
}

await main();
