import { expect, test, type Page } from '@playwright/test';
import { consoleErrors, dragFromPalette, openApp, selectNode, shot, wire } from './helpers';

/** Records the main thread's long tasks (over 50 ms) from the first script on. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest main-thread task that started between `from` and `to` (page time, ms). */
async function longestTask(page: Page, from: number, to = Infinity): Promise<number> {
  return page.evaluate(({ a, b }) => {
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    return tasks.filter((x) => x.start + x.duration >= a && x.start < b).reduce((m, x) => Math.max(m, x.duration), 0);
  }, { a: from, b: to === Infinity ? Number.MAX_VALUE : to });
}

async function setShape(page: Page, text: string): Promise<void> {
  const field = page.locator('#param-randomTensor1-shape');
  await field.fill(text);
  await field.press('Enter');
}

const status = (page: Page) => page.getByTestId('eval-status');

test('a heavy MatMul runs off the main thread: progress, Stop, a stopped state, then live results again', async ({ page }) => {
  test.setTimeout(120_000);
  await watchLongTasks(page);
  await openApp(page);

  await dragFromPalette(page, 'randomTensor', 60, 260);
  await dragFromPalette(page, 'matmul', 360, 260);
  await dragFromPalette(page, 'sum', 660, 260);
  await selectNode(page, 'randomTensor1');
  await setShape(page, '3, 3');
  await page.locator('#param-randomTensor1-requiresGrad').check();
  await wire(page, 'out-randomTensor1-out', 'in-matmul1-a');
  await wire(page, 'out-randomTensor1-out', 'in-matmul1-b');
  await wire(page, 'out-matmul1-out', 'in-sum1-x');
  await selectNode(page, 'sum1');
  await page.getByTestId('objective').click();
  await expect(page.getByTestId('objective-status')).toContainText('backward from sum1');
  await expect(status(page)).toHaveAttribute('data-state', 'current');
  const small = await page.getByTestId('value-matmul1').textContent();

  // 1000×1000 @ 1000×1000: about 2 GFLOP forward, twice that backward.
  await selectNode(page, 'randomTensor1');
  const t0 = await page.evaluate(() => performance.now());
  await setShape(page, '1000, 1000');
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  await expect(status(page)).toContainText(/evaluating \d of 3 nodes…|backward pass: \d of 3 nodes…/);
  await expect(page.getByTestId('eval-stop')).toBeVisible();
  // The previous results stay on screen (dimmed) while it runs.
  await expect(page.getByTestId('value-matmul1')).toHaveText(small!);
  await expect(page.locator('html')).toHaveAttribute('data-results', 'stale');
  await shot(page, '20-heavy-running');

  // The page stays responsive: the theme toggles and a palette click adds a node while the worker computes.
  const c0 = Date.now();
  const dark = page.getByRole('button', { name: 'Dark' });
  await dark.click();
  await expect(dark).toHaveAttribute('aria-pressed', 'true', { timeout: 1000 });
  await dark.click();
  await expect(dark).toHaveAttribute('aria-pressed', 'false', { timeout: 1000 });
  const toggleMs = Date.now() - c0;
  // A palette click is handled too (a new node appears; the evaluation it asks for waits for the running one).
  await page.getByTestId('palette-relu').click();
  await expect(page.getByTestId('node-relu1')).toBeVisible({ timeout: 1000 });
  await expect(status(page)).toHaveAttribute('data-state', 'running');

  await page.getByTestId('eval-stop').click();
  await expect(status(page)).toHaveAttribute('data-state', 'stopped');
  await expect(status(page)).toHaveText('stopped — results are from before the last change');
  await expect(page.getByTestId('eval-stop')).toHaveCount(0);
  await expect(page.getByTestId('value-matmul1')).toHaveText(small!);
  const stoppedAfter = (await page.evaluate(() => performance.now())) - t0;
  await shot(page, '21-heavy-stopped');

  // Something small again: evaluated at once, on the main thread.
  await selectNode(page, 'randomTensor1');
  await setShape(page, '2, 2');
  await expect(status(page)).toHaveAttribute('data-state', 'current');
  await expect(page.locator('html')).toHaveAttribute('data-results', 'current');
  await expect(page.getByTestId('meta-matmul1')).toContainText('(2,2)');
  await expect(page.getByTestId('value-sum1')).not.toBeEmpty();

  // The heavy run to the end this time: its time, and the main thread's longest task meanwhile.
  const t1 = await page.evaluate(() => performance.now());
  await setShape(page, '1000, 1000');
  await expect(status(page)).toHaveAttribute('data-state', 'running');
  const during = page.evaluate(() => new Promise<{ worst: number; end: number }>((resolve) => {
    // The longest gap between animation frames while the worker runs: how long the page could not paint.
    let last = performance.now(), worst = 0;
    // (The frame that follows the reply is left out: it renders the new results, measured by the long tasks.)
    const tick = () => {
      const now = performance.now();
      if (document.querySelector('[data-testid="eval-status"]')?.getAttribute('data-state') !== 'running') { resolve({ worst, end: last }); return; }
      worst = Math.max(worst, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
  await expect(status(page)).toHaveAttribute('data-state', 'current', { timeout: 90_000 });
  const { worst: worstFrameGap, end: lastRunningFrame } = await during;
  const t2 = await page.evaluate(() => performance.now());
  await expect(page.getByTestId('meta-matmul1')).toContainText('(1000,1000)');
  await expect(page.getByTestId('objective-status')).toContainText('backward from sum1');
  const longestWhileRunning = await longestTask(page, t1, lastRunningFrame);
  const longest = await longestTask(page, t1);
  const evalText = await status(page).textContent();
  await shot(page, '22-heavy-done');
  console.log(`heavy MatMul 1000×1000: ${Math.round(t2 - t1)} ms to results (${evalText}); longest main-thread task while the worker ran `
    + `${Math.round(longestWhileRunning)} ms, overall (with rendering the results) ${Math.round(longest)} ms; longest frame gap while the worker ran `
    + `${Math.round(worstFrameGap)} ms; theme toggled twice in ${toggleMs} ms while it ran; stopped after ${Math.round(stoppedAfter)} ms`);
  // Before: one task of the whole evaluation (about 5 s here). These bounds only tell "the window froze" from "it
  // did not", with room for a loaded machine; they are not speed targets (figures go to the log above). The frame
  // gap bound is loosest: the compositor may skip frames although the main thread is free.
  expect(longestWhileRunning).toBeLessThan(500);
  expect(worstFrameGap).toBeLessThan(1500);
  expect(longest).toBeLessThan(2000);
  expect(consoleErrors(page)).toEqual([]);
});
