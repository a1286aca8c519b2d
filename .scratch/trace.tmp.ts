import { chromium } from '@playwright/test';
import { chainGraph } from './graphs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
await p.goto('http://127.0.0.1:4793/');
await p.evaluate(([t]) => (window as any).__sorix.openText('c.json', t), [chainGraph(200)]);
await p.waitForTimeout(1500);
await p.evaluate(() => (window as any).__sorix.store.getState().select(['src']));
for (let i = 0; i < 30; i++) {
  const box = await p.getByTestId('rf__node-src').boundingBox();
  const scale = Number((await p.locator('.react-flow__viewport').getAttribute('style'))?.match(/scale\(([\d.]+)\)/)?.[1] ?? 1);
  if (!box || scale >= 0.9) break;
  await p.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await p.mouse.wheel(0, -200);
  await p.waitForTimeout(120);
}
await p.waitForTimeout(500);
console.log(await p.locator('.react-flow__node').count());
const sel = process.argv[2] === 'sel';
await p.evaluate((sel) => { const s = (window as any).__sorix.store.getState(); s.setUi({ minimap: false }); s.select(sel ? ['src'] : []); }, sel);
await p.waitForTimeout(500);
const cdp = await p.context().newCDPSession(p);
const events: any[] = [];
cdp.on('Tracing.dataCollected', (e: any) => events.push(...e.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
for (let i = 0; i < 5; i++) {
  await p.evaluate((i) => new Promise<void>((res) => {
    (window as any).__sorix.store.getState().setParams('src', { values: Array.from({ length: 16 }, (_, k) => k + i * 0.5) });
    requestAnimationFrame(() => setTimeout(res, 300));
  }), i);
}
await cdp.send('Tracing.end');
await done;
const sum = new Map<string, number>();
for (const e of events) if (e.ph === 'X' && e.dur) sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
console.log(sel ? 'selected' : 'none', [...sum.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${k} ${(v / 5).toFixed(1)}`).join(' | '));
await b.close();
