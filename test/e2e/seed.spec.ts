import { expect, test } from '@playwright/test';
import { consoleErrors, dragFromPalette, openApp, selectNode, shot, wire } from './helpers';

test('a new user builds the seed graph from an empty canvas by dragging, and reads the seed page’s numbers', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await shot(page, '01-empty');

  await dragFromPalette(page, 'tensor', 60, 260);
  await dragFromPalette(page, 'sigmoid', 340, 260);
  await dragFromPalette(page, 'sum', 620, 260);
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  // Type the seed's values into the tensor.
  await selectNode(page, 'tensor1');
  const values = page.getByTestId('tensor-values');
  await values.fill('[-100, 0, 100]');
  await values.press('Enter');
  await expect(page.getByTestId('value-tensor1')).toHaveText('[-100.    0.  100.]');

  await wire(page, 'out-tensor1-out', 'in-sigmoid1-x');
  await wire(page, 'out-sigmoid1-out', 'in-sum1-x');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);

  // Backward from the Sum.
  await selectNode(page, 'sum1');
  await page.getByTestId('objective').click();
  await expect(page.getByTestId('objective-status')).toContainText('backward from sum1');

  // On the canvas, as the seed page prints them.
  await expect(page.getByTestId('value-sigmoid1')).toHaveText('[3.8e-44 5.0e-01 1.0e+00]');
  await expect(page.getByTestId('grad-tensor1')).toHaveText('[3.8e-44 2.5e-01 0.0e+00]');
  await expect(page.getByTestId('value-sum1')).toHaveText('1.5');
  await expect(page.getByTestId('edge-label-e1')).toHaveText('(3,)');

  // And in the inspector.
  await selectNode(page, 'sigmoid1');
  await expect(page.getByTestId('inspector-value')).toHaveText('[3.8e-44 5.0e-01 1.0e+00]');
  await expect(page.getByTestId('inspector-grad')).toHaveText('[1. 1. 1.]');
  await expect(page.getByTestId('activation-chart')).toBeVisible();
  await expect(page.getByTestId('activation-chart').locator('svg.recharts-surface').first().locator('.recharts-cartesian-axis')).toHaveCount(3);
  await shot(page, '02-seed-built-sigmoid-selected');
  await selectNode(page, 'tensor1');
  await expect(page.getByTestId('inspector-grad')).toHaveText('[3.8e-44 2.5e-01 0.0e+00]');
  await page.getByTestId('full-precision').check();
  await expect(page.getByTestId('inspector-value')).toHaveText('[-100.    0.  100.]');
  await shot(page, '03-seed-tensor-selected');

  expect(consoleErrors(page)).toEqual([]);
});

test('presentation mode and the dark theme keep the numbers inside their nodes', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('examples').selectOption('xor.sorix.json');
  await page.getByTestId('presentation').click();
  await page.keyboard.press('t');
  await selectNode(page, 'tanh');
  await page.getByTestId('node-tanh').locator('.snode-head').hover();
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -150);
  await page.waitForTimeout(300);
  await expect(page.getByTestId('value-tanh')).toBeVisible();
  await page.waitForTimeout(300);
  await shot(page, '04-xor-presentation-dark');
  for (const node of await page.locator('.snode').all()) {
    const overflow = await node.evaluate((el) => [...el.querySelectorAll('pre, .snode-meta, .snode-head')].some((c) => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1));
    expect(overflow).toBe(false);
  }
});
