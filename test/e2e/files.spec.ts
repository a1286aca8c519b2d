import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { consoleErrors, documentText, openApp, openExample, selectNode, shot } from './helpers';

test('save, reload and open give the same graph', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'x');
  await page.getByTestId('tensor-values').fill('[-1, 0.5, 2]');
  await page.getByTestId('tensor-values').press('Enter');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const sigmoidBefore = await page.getByTestId('value-sigmoid').textContent();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save').click()]);
  expect(download.suggestedFilename()).toBe('seed.sorix.json');
  const file = test.info().outputPath('saved.sorix.json');
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8')).toContain('"format": "sorix-studio-graph"');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  // Saving stamps the modification date; that document is what the file holds.
  const before = await documentText(page);
  expect(JSON.parse(before).modified).toBe(JSON.parse(readFileSync(file, 'utf8')).modified);
  // Dated now (ISO 8601), not 1970: modified by this save, created when the example was written or later.
  const dates = JSON.parse(readFileSync(file, 'utf8')) as { created: string; modified: string };
  for (const d of [dates.created, dates.modified]) expect(new Date(d).toISOString()).toBe(d);
  expect(Math.abs(Date.now() - Date.parse(dates.modified))).toBeLessThan(60_000);
  expect(Date.parse(dates.created)).toBeGreaterThan(Date.parse('2020-01-01'));

  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByTestId('restore')).toHaveCount(0); // saved work leaves nothing to restore

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open').click()]);
  await chooser.setFiles(file);
  await expect(page.getByTestId('doc-title')).toContainText('saved.sorix.json');
  await expect(page.getByTestId('value-sigmoid')).toHaveText(sigmoidBefore!);
  expect(await documentText(page)).toBe(before);
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
});

test('unsaved work survives a reload: the app offers to restore it and says from when', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'xor.sorix.json');
  await selectNode(page, 'hidden');
  await page.getByTestId('node-name').fill('first layer');
  await page.getByTestId('node-name').press('Enter');
  const before = await documentText(page);
  // Autosave runs a moment after the last change.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('sorix-studio:autosave:')));
  await page.reload();
  const prompt = page.getByTestId('restore');
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('xor.sorix.json');
  await shot(page, '08-restore-prompt');
  await page.getByTestId('restore-accept').click();
  await expect(page.getByTestId('node-hidden').locator('.name')).toHaveText('first layer');
  // Everything comes back, and the autosave also recorded where the canvas was (the example opened fitted to it).
  const after = JSON.parse(await documentText(page)) as { view?: { zoom: number } };
  expect({ ...after, view: undefined }).toEqual({ ...JSON.parse(before), view: undefined });
  expect(after.view?.zoom).toBeGreaterThan(0);
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
});

const BROKEN = JSON.stringify({
  format: 'sorix-studio-graph',
  version: 1,
  app: { name: 'Sorix Studio', version: '0.1.0' },
  title: 'broken',
  graph: {
    nodes: [
      { id: 'a', kind: 'tensor', position: { x: 0, y: 0 }, params: { values: [1, 2], shape: [3], dtype: 'float32', requiresGrad: true } },
      { id: 'b', kind: 'noSuchKind', position: { x: 200, y: 0 }, params: {} },
    ],
    edges: [{ id: 'e1', source: { node: 'a', port: 'out' }, target: { node: 'ghost', port: 'x' } }],
    objective: null,
    view: { x: 0, y: 0, zoom: 1 },
  },
});

test('a broken file shows every problem and changes nothing', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  const before = await documentText(page);
  for (const [name, text] of [['broken.sorix.json', BROKEN], ['notjson.sorix.json', '{"format": "sorix-studio-graph", ']] as const) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open').click()]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const dialog = page.getByTestId('problems');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(name);
    if (name === 'broken.sorix.json') {
      expect(await dialog.locator('li').count()).toBeGreaterThanOrEqual(3);
      await expect(dialog).toContainText('noSuchKind');
      await expect(dialog).toContainText('ghost');
      await expect(dialog).toContainText('$.graph.nodes[0]');
      await shot(page, '09-broken-file');
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await documentText(page)).toBe(before);
    await expect(page.getByTestId('doc-title')).toContainText('seed.sorix.json');
    await expect(page.getByTestId('value-sigmoid')).toHaveText('[3.8e-44 5.0e-01 1.0e+00]');
  }
});

test('New asks before discarding unsaved changes', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'x');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(2);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
});

test('PNG export downloads a picture of the whole graph', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe('seed.png');
  const file = test.info().outputPath('seed.png');
  await download.saveAs(file);
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
  expect(consoleErrors(page)).toEqual([]);
});

test('PyTorch export downloads a script of the open graph, with its current values', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pytorch').click()]);
  expect(download.suggestedFilename()).toBe('seed.py');
  const file = test.info().outputPath('seed.py');
  await download.saveAs(file);
  const script = readFileSync(file, 'utf8');
  expect(script).toMatch(/^class Model\(nn\.Module\):$/m);
  expect(script).toContain('torch.tensor([-100, 0, 100], dtype=torch.float32)');
  expect(script).toContain('sigmoid = torch.sigmoid(x)');
  expect(consoleErrors(page)).toEqual([]);
});
