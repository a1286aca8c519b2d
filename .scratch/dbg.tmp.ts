import { chromium } from '@playwright/test';
import { chainGraph } from '../test/perf/graphs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
p.on('pageerror', (e) => console.log('pageerror', e.message));
await p.goto('http://127.0.0.1:4792/');
await p.evaluate(([t]) => (window as any).__sorix.openText('c.json', t), [chainGraph(200)]);
await p.waitForTimeout(1500);
for (const minimap of [true, false]) {
  await p.evaluate((m) => (window as any).__sorix.store.getState().setUi({ minimap: m }), minimap);
  await p.waitForTimeout(300);
  const r = [];
  for (let i = 0; i < 6; i++) {
    r.push(await p.evaluate((i) => new Promise<number[]>((res) => {
      const s = (window as any).__sorix.store.getState();
      const t0 = performance.now();
      s.setParams('src', { values: Array.from({ length: 16 }, (_, k) => k + i * 0.5) });
      const t1 = performance.now();
      requestAnimationFrame(() => { const t2 = performance.now(); setTimeout(() => res([t1 - t0, t2 - t0, performance.now() - t0]), 0); });
    }), i));
  }
  console.log('minimap', minimap, JSON.stringify(r.map((x) => x.map((v) => Math.round(v)))));
}
await b.close();
