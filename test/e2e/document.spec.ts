import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { documentText, openApp, openExample } from './helpers';

/** The canvas viewport as React Flow shows it (the transform of its viewport layer). */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  return page.locator('.react-flow__viewport').evaluate((el) => {
    const m = new DOMMatrixReadOnly(getComputedStyle(el).transform);
    return { x: m.e, y: m.f, zoom: m.a };
  });
}

async function saveToFile(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save').click()]);
  const file = test.info().outputPath(name);
  await download.saveAs(file);
  return file;
}

async function openFile(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open').click()]);
  await chooser.setFiles(file);
}

test('a file reopens where it was left: the viewport is recorded on save, restored on open; panning is no edit', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  const fitted = await viewport(page);
  // An example is fitted, not shown at the file's { 0, 0, 1 }.
  expect(fitted).not.toEqual({ x: 0, y: 0, zoom: 1 });

  // Pan with the mouse and zoom out with the keyboard: the view changes, the document does not.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + 40, pane.y + pane.height - 40);
  await page.mouse.down();
  await page.mouse.move(pane.x + 160, pane.y + pane.height - 100, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('Control+-');
  await page.waitForTimeout(400);
  const left = await viewport(page);
  expect(left).not.toEqual(fitted);
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await expect(page.getByTestId('undo')).toBeDisabled();

  const file = await saveToFile(page, 'left.sorix.json');
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { graph: { view: { x: number; y: number; zoom: number } } };
  expect(saved.graph.view.x).toBe(Math.round(left.x));
  expect(saved.graph.view.y).toBe(Math.round(left.y));
  expect(saved.graph.view.zoom).toBeCloseTo(left.zoom, 4);
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await openFile(page, file);
  await expect(page.getByTestId('doc-title')).toContainText('left.sorix.json');
  await expect.poll(() => viewport(page)).toEqual(saved.graph.view);

  // The same file without a view is fitted instead.
  const bare = JSON.parse(readFileSync(file, 'utf8')) as { graph: Record<string, unknown> };
  delete bare.graph.view;
  const bareFile = test.info().outputPath('bare.sorix.json');
  writeFileSync(bareFile, JSON.stringify(bare));
  await openFile(page, bareFile);
  await expect(page.getByTestId('doc-title')).toContainText('bare.sorix.json');
  await expect.poll(async () => (await viewport(page)).zoom).toBeCloseTo(fitted.zoom, 3);
});

test('title and description are edited in the inspector, one undo step each, and saved in the file', async ({ page }) => {
  await openApp(page);
  const heading = page.getByTestId('doc-heading');
  await expect(heading).toHaveText('Untitled graph');
  // Keyboard only: focus the field, type, Enter.
  await page.getByTestId('doc-title-field').focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Gradients of a sigmoid');
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText('Gradients of a sigmoid');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();

  await page.getByTestId('doc-description-field').focus();
  await page.keyboard.type('Line one.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Line two.');
  await page.keyboard.press('Control+Enter');
  expect(JSON.parse(await documentText(page))).toMatchObject({ title: 'Gradients of a sigmoid', description: 'Line one.\nLine two.' });

  // Escape puts back what is stored.
  await page.keyboard.type(' Not kept.');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('doc-description-field')).toHaveValue('Line one.\nLine two.');

  await page.getByTestId('undo').click();
  expect(JSON.parse(await documentText(page))).toMatchObject({ title: 'Gradients of a sigmoid', description: '' });
  await page.getByTestId('undo').click();
  await expect(heading).toHaveText('Untitled graph');
  await expect(page.getByTestId('doc-title-field')).toHaveValue('Untitled graph');
  await page.getByTestId('redo').click();
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('doc-description-field')).toHaveValue('Line one.\nLine two.');

  const file = await saveToFile(page, 'titled.sorix.json');
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ title: 'Gradients of a sigmoid', description: 'Line one.\nLine two.' });
});
