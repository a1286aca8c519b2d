import { chromium } from '@playwright/test';
import { chainGraph } from './graphs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 } });
await p.goto('http://127.0.0.1:4793/');
await p.evaluate(([t]) => (window as unknown as { __sorix: { openText(a: string, b: string): void } }).__sorix.openText('c.json', t!), [chainGraph(200)]);
await p.waitForTimeout(1500);
const S = (code: string) => p.evaluate(`(() => { const s = window.__sorix.store.getState(); ${code} })()`);
await S(`s.select(['src'])`);
for (let i = 0; i < 30; i++) {
  const box = await p.getByTestId('rf__node-src').boundingBox();
  const scale = Number((await p.locator('.react-flow__viewport').getAttribute('style'))?.match(/scale\(([\d.]+)\)/)?.[1] ?? 1);
  if (!box || scale >= 0.9) break;
  await p.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await p.mouse.wheel(0, -200);
  await p.waitForTimeout(120);
}
await p.waitForTimeout(500);
const cdp = await p.context().newCDPSession(p);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
for (const [label, setup] of [['selected src, minimap', `s.select(['src']); s.setUi({minimap: true})`], ['no selection, minimap', `s.select([]); s.setUi({minimap: true})`], ['no selection, no minimap', `s.select([]); s.setUi({minimap: false})`], ['selected src, no minimap', `s.select(['src']); s.setUi({minimap: false})`]] as const) {
  await S(setup); await p.waitForTimeout(400);
  const m0 = await metrics();
  const t: number[] = [];
  for (let i = 0; i < 6; i++) {
    t.push(await p.evaluate(`new Promise((res) => { const t0 = performance.now(); window.__sorix.store.getState().setParams('src', { values: Array.from({ length: 16 }, (_, k) => k + ${i} * 0.5 + Math.random()) }); requestAnimationFrame(() => setTimeout(() => res(performance.now() - t0), 0)); })`) as number);
    await p.waitForTimeout(100);
  }
  const m1 = await metrics();
  const d = (k: string) => (((m1[k] ?? 0) - (m0[k] ?? 0)) * 1000 / 6).toFixed(1);
  console.log(label, 'per edit ms: total', t.map((x) => x.toFixed(0)).join(','), '| script', d('ScriptDuration'), 'layout', d('LayoutDuration'), 'style', d('RecalcStyleDuration'), 'task', d('TaskDuration'));
}
await b.close();
