import { expect, test, type Page } from '@playwright/test';
import { consoleErrors, openApp, openExample, selectNode, shot } from './helpers';

/** Whether any of the elements is cut: content wider than its box, or reaching past the inspector's right edge. */
async function cut(page: Page, selector: string): Promise<string[]> {
  return page.getByTestId('inspector').evaluate((panel, sel) => {
    const right = panel.getBoundingClientRect().right;
    return [...panel.querySelectorAll<HTMLElement>(sel)]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 1)
      .map((el) => el.dataset.testid ?? el.getAttribute('aria-label') ?? el.tagName);
  }, selector);
}

for (const [width, height] of [[1440, 900], [1280, 720]] as const) {
  test(`inspector tables and the W grid fit the panel at ${width}×${height}, in full precision too`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openApp(page);
    await openExample(page, 'xor.sorix.json');
    await selectNode(page, 'hidden');
    await expect(page.getByTestId('inspector-value')).toBeVisible();
    expect(await cut(page, 'pre.array, .grid-editor input')).toEqual([]);
    // W's grid shows every digit of every weight.
    await expect(page.getByRole('textbox', { name: 'element [0, 0]' }).first()).toHaveValue('-0.49224874');
    await page.getByTestId('full-precision').check();
    expect(await cut(page, 'pre.array')).toEqual([]);
    const lineWidth = Number(await page.getByTestId('inspector-value').getAttribute('data-line-width'));
    expect(lineWidth).toBeLessThanOrEqual(75);
    for (const line of (await page.getByTestId('inspector-value').textContent())!.split('\n')) expect(line.length).toBeLessThanOrEqual(lineWidth);
    await shot(page, `inspector-xor-hidden-full-${width}`);
    expect(consoleErrors(page)).toEqual([]);
  });
}

test('nan and ±inf: typed into a tensor, counted beside statistics over the finite values, marked on the node', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'x');
  await page.getByTestId('cell-0').fill('inf');
  await page.getByTestId('cell-0').press('Enter');
  await page.getByTestId('cell-1').fill('-Infinity');
  await page.getByTestId('cell-1').press('Enter');
  await page.getByTestId('cell-2').fill('0');
  await page.getByTestId('cell-2').press('Enter');
  await expect(page.getByTestId('inspector-stats')).toHaveText('min 0.0 · max 0.0 · mean 0.0 · std 0.0 (over 1 finite of 3) · 1 inf, 1 \u2212inf');
  await expect(page.getByTestId('value-x')).toHaveText('[ inf -inf   0.]');
  // A refused cell keeps what was typed, marked invalid beside the reason; Escape restores the node's value.
  await page.getByTestId('cell-2').fill('abc');
  await page.getByTestId('cell-2').press('Enter');
  await expect(page.getByTestId('cell-2')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('tensor-error')).toContainText('“abc” is not a number');
  await page.getByTestId('cell-2').press('Escape');
  await expect(page.getByTestId('cell-2')).toHaveValue('0');
  await expect(page.getByTestId('tensor-error')).toHaveCount(0);
  // A larger tensor: the node shows the finite range and counts the others (red cells in its heatmap).
  await page.getByTestId('tensor-values').fill('[[nan, 1, 2, 3], [4, inf, 6, 7], [8, 9, 10, 11], [12, 13, 14, -inf]]');
  await page.getByTestId('tensor-values').press('Enter');
  await expect(page.getByTestId('value-x-range')).toHaveText('1.0 … 14.0');
  await expect(page.getByTestId('value-x-nonfinite')).toHaveText(/1 nan, 1 inf, 1 \u2212inf/);
  await expect(page.getByTestId('value-x')).toHaveAttribute('title', /3 of 16 values are not finite .*red cells.*13 finite values/);
  await shot(page, 'inspector-nonfinite');
  expect(consoleErrors(page)).toEqual([]);
});

test('a Sigmoid’s gradient is labelled ∂L/∂out, its local derivative shown; the objective control has one name', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'sigmoid');
  await expect(page.getByTestId('inspector-grad-label')).toHaveText('gradient ∂L/∂out');
  await expect(page.getByTestId('inspector-grad')).toHaveText('[1. 1. 1.]');
  await expect(page.getByTestId('inspector-local-label')).toContainText('σ′(x)');
  await expect(page.getByTestId('inspector-local')).toHaveText('[3.8e-44 2.5e-01 0.0e+00]');
  await selectNode(page, 'sum');
  await page.getByTestId('objective').click();
  await expect(page.getByTestId('objective')).toHaveText('Set as objective (backward from here)');
  await expect(page.getByTestId('objective-box')).toHaveClass(/suggest/);
  await shot(page, 'inspector-no-objective');
  await page.getByTestId('objective').click();
  await expect(page.getByTestId('objective-status')).toContainText('backward from sum');
});
