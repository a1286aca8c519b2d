import { expect, test } from '@playwright/test';
import { openApp, openExample, selectNode, shot, wire } from './helpers';

test('a refused connection dims the ports it cannot reach while dragging, then says why', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(2);
  // From the Sum's output back into the Sigmoid's input: a cycle.
  await wire(page, 'out-sum-out', 'in-sigmoid-x', {
    check: async (p) => {
      await expect(p.getByTestId('in-sigmoid-x')).toHaveClass(/dimmed/);
      await expect(p.getByTestId('in-sum-x')).toHaveClass(/dimmed/);
      await shot(p, '05-dragging-wire-dimmed-ports');
    },
  });
  await expect(page.getByTestId('refusal')).toContainText('cycle');
  await expect(page.getByTestId('in-sigmoid-x')).not.toHaveClass(/dimmed/);
  await expect(edges).toHaveCount(2);
  await shot(page, '06-refused-cycle');
});

test('a shape mismatch is refused with both shapes named', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'logistic-regression.sorix.json');
  // y has shape (6, 1); the Linear layer takes (…, 2) inputs.
  await wire(page, 'out-y-out', 'in-linear-x');
  await expect(page.getByTestId('refusal')).toContainText('(6,1)');
  await expect(page.getByTestId('refusal')).toContainText('shape');
});

test('undo and redo walk back and forth through edits, with values and gradients following', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'x');
  const values = page.getByTestId('tensor-values');
  await values.fill('[1, 2, 3]');
  await values.press('Enter');
  await expect(page.getByTestId('value-sigmoid')).toHaveText('[0.7310586  0.8807971  0.95257413]');
  await page.getByTestId('node-name').fill('input');
  await page.getByTestId('node-name').press('Enter');
  await expect(page.getByTestId('node-x').locator('.name')).toHaveText('input');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  // Undo with the keyboard (focus on the canvas, not in a text field).
  await page.getByTestId('node-sum').locator('.snode-head').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-x').locator('.name')).toHaveText('x');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('value-sigmoid')).toHaveText('[3.8e-44 5.0e-01 1.0e+00]');
  await expect(page.getByTestId('grad-x')).toHaveText('[3.8e-44 2.5e-01 0.0e+00]');
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('value-sigmoid')).toHaveText('[0.7310586  0.8807971  0.95257413]');
  await expect(page.getByTestId('grad-x')).toHaveText('[0.19661193 0.10499357 0.04517666]');
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('node-x').locator('.name')).toHaveText('input');
  await expect(page.getByTestId('redo')).toBeDisabled();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('node-x').locator('.name')).toHaveText('x');
});

test('a node drag is one undo step', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  const head = page.getByTestId('node-sum').locator('.snode-head');
  const transform = () => page.getByTestId('rf__node-sum').evaluate((el) => (el as HTMLElement).style.transform);
  const before = await transform();
  const box = (await head.boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 8);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 8, box.y + 8 + i * 10);
  await page.mouse.up();
  await expect.poll(transform).not.toBe(before);
  const steps = await page.evaluate(() => (window as unknown as { __sorix: { store: { getState(): { past: unknown[] } } } }).__sorix.store.getState().past.length);
  expect(steps).toBe(1);
  await page.keyboard.press('Control+z');
  await expect.poll(transform).toBe(before);
});

test('copy, paste and duplicate keep the wires inside the selection; delete removes', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'x');
  await page.getByTestId('node-sigmoid').locator('.snode-head').click({ modifiers: ['Control'] });
  await page.keyboard.press('Control+d');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);
  await selectNode(page, 'sigmoid');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
});

test('the help dialog lists the keyboard shortcuts', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('?');
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Ctrl+Shift+Z');
  await expect(help).toContainText('Duplicate');
  await shot(page, '07-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('palette search filters and a click adds the node', async ({ page }) => {
  await openApp(page);
  const all = await page.locator('.palette-item').count();
  await page.getByTestId('palette-search').fill('sigmoid');
  // Kinds whose explanation mentions the sigmoid stay too, after the Sigmoid itself.
  await expect(page.locator('.palette-item').first()).toHaveText('Sigmoid');
  expect(await page.locator('.palette-item').count()).toBeLessThan(all);
  await page.getByTestId('palette-search').fill('matmul');
  await expect(page.locator('.palette-item').first()).toHaveText('MatMul');
  await page.getByTestId('palette-search').fill('sigmoid');
  await page.getByTestId('palette-sigmoid').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  // A node that only waits for a wire gets a calm hint, not an error.
  await expect(page.getByTestId('hint-sigmoid1')).toHaveText('needs input x');
  await expect(page.getByTestId('error-sigmoid1')).toHaveCount(0);
  await expect(page.getByTestId('node-sigmoid1')).not.toHaveClass(/has-error/);
});

test('gradient colours paint each wire by the size of the gradient it carries back', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'xor.sorix.json');
  const strokes = () => page.locator('.react-flow__edge-path').evaluateAll((ps) => ps.map((p) => (p as SVGPathElement).style.stroke));
  expect(new Set(await strokes()).size).toBe(1);
  await page.getByRole('button', { name: 'Grad colours' }).click();
  await expect.poll(async () => new Set(await strokes()).size).toBeGreaterThan(2);
  await shot(page, '10-xor-gradient-colours');
});
