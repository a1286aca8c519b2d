import { expect, test, type Locator, type Page } from '@playwright/test';
import { consoleErrors, openApp, openExample, selectNode, shot } from './helpers';

/** The relative errors shown in the rows under `scope`, as numbers. */
async function errors(scope: Locator): Promise<number[]> {
  return (await scope.getByTestId('gradcheck-error').allTextContents()).map(Number);
}

/** Clicks the empty canvas: nothing selected, the inspector shows the document. */
async function deselect(page: Page): Promise<void> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.click(pane.x + pane.width / 2, pane.y + 60);
  await expect(page.getByTestId('doc-heading')).toBeVisible();
}

test('the gradient check from its buttons: the seed’s Sigmoid, then the whole graph, pass at 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page);
  await openExample(page, 'seed.sorix.json');

  await selectNode(page, 'sigmoid');
  const node = page.getByTestId('gradcheck-node-section');
  await node.getByTestId('gradcheck-node').scrollIntoViewIfNeeded();
  await node.getByTestId('gradcheck-node').click();
  await expect(node.getByTestId('gradcheck-badge')).toHaveText('✓ pass');
  const rows = node.getByTestId('gradcheck-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-input', 'x');
  await expect(rows.first()).toContainText('3/3');
  const nodeErrors = await errors(node);
  expect(nodeErrors).toHaveLength(1);
  expect(nodeErrors[0]).toBeGreaterThan(0);
  expect(nodeErrors[0]).toBeLessThanOrEqual(1e-6);
  expect(Number(await node.getByTestId('gradcheck-worst').textContent())).toBe(nodeErrors[0]);
  await node.scrollIntoViewIfNeeded();
  await shot(page, 'gradcheck-node-seed-1280');

  // A source node has nothing to check: no button.
  await selectNode(page, 'x');
  await expect(page.getByTestId('gradcheck-node')).toHaveCount(0);

  await deselect(page);
  const graph = page.getByTestId('gradcheck-graph-section');
  await graph.getByTestId('gradcheck-graph').scrollIntoViewIfNeeded();
  await graph.getByTestId('gradcheck-graph').click();
  await expect(graph.getByTestId('gradcheck-badge')).toHaveText('✓ pass');
  // The objective with respect to the leaf x, then each node's inputs (Sigmoid x, Sum x).
  const graphRows = graph.getByTestId('gradcheck-row');
  await expect(graphRows).toHaveCount(3);
  expect(await graphRows.evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.node}.${(e as HTMLElement).dataset.input}`))).toEqual(['x.out', 'sigmoid.x', 'sum.x']);
  for (const e of await errors(graph)) expect(e).toBeLessThanOrEqual(1e-6);
  await expect(graph.getByTestId('gradcheck-row-badge')).toHaveText(['✓ pass', '✓ pass', '✓ pass']);
  await graph.scrollIntoViewIfNeeded();
  await expect(graph.getByTestId('gradcheck-result')).toContainText('The whole graph: ∂sum/∂ each leaf');
  await shot(page, 'gradcheck-graph-seed-1280');

  expect(consoleErrors(page)).toEqual([]);
});

test('the whole-graph check of the spiral runs without freezing the page and passes', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'spiral.sorix.json');
  const graph = page.getByTestId('gradcheck-graph-section');
  await graph.getByTestId('gradcheck-graph').click();
  // While it runs (its progress shows), the page answers: a timer fires within a few frames of being set.
  await expect(graph.getByTestId('gradcheck-running')).toBeVisible();
  const lag = await page.evaluate(() => new Promise<number>((resolve) => { const t0 = performance.now(); setTimeout(() => resolve(performance.now() - t0), 0); }));
  expect(lag).toBeLessThan(100);
  await expect(graph.getByTestId('gradcheck-badge')).toHaveText('✓ pass', { timeout: 30_000 });
  const all = await errors(graph);
  expect(all.length).toBeGreaterThan(10);
  for (const e of all) expect(e).toBeLessThanOrEqual(1e-6);
  await expect(graph.getByTestId('gradcheck-result')).toContainText('64 of 256 (sample)');
  expect(consoleErrors(page)).toEqual([]);
});
