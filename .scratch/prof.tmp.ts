import { chromium } from '@playwright/test';
import { chainGraph } from '../test/perf/graphs';
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
const cdp = await p.context().newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
for (let i = 0; i < 5; i++) {
  await p.evaluate((i) => new Promise<void>((res) => {
    (window as any).__sorix.store.getState().setParams('src', { values: Array.from({ length: 16 }, (_, k) => k + i * 0.5), shape: [16] });
    requestAnimationFrame(() => setTimeout(res, 100));
  }), i);
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map<string, number>();
const dt = profile.timeDeltas!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples!.forEach((id, i) => {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
});
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
await b.close();
