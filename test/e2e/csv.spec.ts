import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { consoleErrors, documentText, dragFromPalette, openApp, selectNode, shot, wire } from './helpers';

/** 60 rows: an id, two features, a note of text and a yes/no label that the features separate (x1 + x2 > 0). */
function goodCsv(): string {
  const rows = ['id,x1,x2,note,label'];
  for (let i = 0; i < 60; i++) {
    const x1 = Math.round(Math.sin(i * 1.7) * 100) / 50;
    const x2 = Math.round(Math.cos(i * 2.3) * 100) / 50;
    rows.push(`${i + 1},${x1},${x2},n${i % 4},${x1 + x2 > 0 ? 'yes' : 'no'}`);
  }
  return rows.join('\n') + '\n';
}

/** A text cell in a number column (row 3), a missing value (row 5) and a short row (row 6). */
const BROKEN = 'x1,x2,label\n1,2,yes\nabc,0.5,no\n0.25,1,yes\n-1,,no\n2,1\n0,0,no\n';

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sorix-csv-')), name);
  writeFileSync(path, text);
  return path;
}

/** Drops a file onto the canvas at (x, y) as the system would: a drop event carrying it. */
async function dropFile(page: Page, name: string, text: string, x = 300, y = 200): Promise<void> {
  await page.evaluate(({ name, text, x, y }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'text/csv' }));
    const pane = document.querySelector('[data-testid=canvas] .react-flow__pane')!;
    const r = pane.getBoundingClientRect();
    for (const type of ['dragenter', 'dragover', 'drop']) {
      pane.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, clientX: r.x + x, clientY: r.y + y }));
    }
  }, { name, text, x, y });
}

interface NodeView { id: string; kind: string; position: { x: number; y: number }; params: Record<string, unknown> }
async function nodes(page: Page): Promise<NodeView[]> {
  return JSON.parse(await documentText(page)).nodes as NodeView[];
}

test.describe('CSV data', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('a user opens a CSV file, picks its columns from the preview, uses it, and trains CSV data → Linear → CrossEntropy', async ({ page }) => {
    test.setTimeout(120_000);
    await openApp(page);
    await dragFromPalette(page, 'csvData', 10, 20);
    await selectNode(page, 'csvData1');
    await expect(page.getByTestId('csv-data')).toContainText('No data yet');
    // No field for the stored values: they are set by the import only.
    await expect(page.locator('#param-csvData1-x')).toHaveCount(0);

    const file = tempFile('points.csv', goodCsv());
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('csv-choose').click();
    await (await chooser).setFiles(file);

    const dialog = page.getByTestId('csv-import');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('60 data rows, 5 columns');
    const preview = page.getByTestId('csv-preview');
    await expect(preview.locator('thead tr:first-child th')).toHaveText(['row', 'idnumber', 'x1number', 'x2number', 'notetext', 'labeltext']);
    await expect(preview.locator('tbody tr')).toHaveCount(8);
    await expect(preview.locator('tbody tr').first()).toContainText('1'); // spreadsheet row 2, id 1
    await expect(page.getByTestId('csv-header')).toBeChecked();
    // Defaults: the label (last column) is the target, the number columns the features; the id is no feature.
    await expect(dialog.getByLabel('Target: label')).toBeChecked();
    await expect(dialog.getByLabel('Feature: id')).toBeChecked();
    await dialog.getByLabel('Feature: id').uncheck();
    await expect(dialog.getByLabel('Feature: x1')).toBeChecked();
    await expect(dialog.getByLabel('Feature: note')).not.toBeChecked();
    // Turning the header off makes row 1 data (its names in the first row); the columns get numbered names.
    await page.getByTestId('csv-header').uncheck();
    await expect(preview.locator('thead tr:first-child th').nth(1)).toHaveText('column 1number');
    await expect(preview.locator('tbody tr').first()).toHaveText(/^1idx1x2notelabel$/);
    await page.getByTestId('csv-header').check();
    await dialog.getByLabel('Feature: id').uncheck();
    await page.getByTestId('csv-standardize').check();
    await shot(page, 'csv-01-preview-1280x720');

    const before = await documentText(page);
    await page.getByTestId('csv-use').click();
    await expect(dialog).toHaveCount(0);
    const [node] = await nodes(page);
    expect(node!.params.xShape).toEqual([60, 2]);
    expect(node!.params.features).toBe('["x1","x2"]');
    expect(node!.params.classes).toBe('["no","yes"]');
    expect(node!.params.standardize).toBe(true);
    await expect(page.getByTestId('csv-summary')).toContainText('points.csv: 60 rows, 2 features (x1, x2); target label (2 classes: no, yes)');
    await expect(page.getByTestId('node-csvData1')).toContainText('(6,2)');
    await shot(page, 'csv-02-used-1280x720');
    // One undoable step.
    await page.getByTestId('undo').click();
    expect(await documentText(page)).toBe(before);
    await page.getByTestId('redo').click();
    expect((await nodes(page))[0]!.params.xShape).toEqual([60, 2]);

    await dragFromPalette(page, 'linear', 330, 20);
    await dragFromPalette(page, 'crossEntropyLoss', 330, 330);
    await selectNode(page, 'linear1');
    for (const [name, value] of [['inFeatures', '2'], ['outFeatures', '2']] as const) {
      await page.locator(`#param-linear1-${name}`).fill(value);
      await page.locator(`#param-linear1-${name}`).press('Enter');
    }
    await wire(page, 'out-csvData1-x', 'in-linear1-x');
    await wire(page, 'out-linear1-out', 'in-crossEntropyLoss1-prediction');
    await wire(page, 'out-csvData1-y', 'in-crossEntropyLoss1-target');
    await expect(page.locator('.react-flow__edge')).toHaveCount(3);
    await selectNode(page, 'crossEntropyLoss1');
    await page.getByTestId('objective').click();
    await page.getByRole('button', { name: 'Arrange' }).click();
    await page.waitForTimeout(400);

    await page.getByTestId('train-toggle').click();
    await page.getByTestId('train-setup').click();
    await page.getByTestId('train-play').click();
    await expect.poll(() => page.evaluate(() => {
      const s = (window as unknown as { __sorix: { store: { getState(): { run: { epochs: unknown[] } | null } } } }).__sorix.store.getState();
      return s.run?.epochs.length ?? 0;
    }), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
    const run = await page.evaluate(() => {
      const s = (window as unknown as { __sorix: { store: { getState(): { run: { epochs: { trainLoss: number; testAccuracy?: number | null }[] } } } } }).__sorix.store.getState();
      return s.run.epochs.map((e) => ({ trainLoss: e.trainLoss, testAccuracy: e.testAccuracy }));
    });
    // A straight line separates the two classes: the loss falls and the held-out rows are mostly right.
    expect(run[run.length - 1]!.trainLoss).toBeLessThan(run[0]!.trainLoss);
    expect(run[run.length - 1]!.testAccuracy!).toBeGreaterThan(0.8);
    await shot(page, 'csv-03-trained-1280x720');
    expect(consoleErrors(page)).toEqual([]);
  });

  test('a broken CSV dropped on the canvas lists each bad cell and changes nothing; a good one adds a node where it fell; a huge one is refused unread', async ({ page }) => {
    await openApp(page);
    const before = await documentText(page);
    const broken = tempFile('broken.csv', BROKEN);
    await dropFile(page, 'broken.csv', readFileSync(broken, 'utf8'));
    const dialog = page.getByTestId('csv-import');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('csv-preview').locator('tbody tr')).toHaveCount(6);
    await page.getByTestId('csv-use').click();
    const problems = page.getByTestId('csv-problems');
    await expect(problems).toContainText('Nothing was changed');
    await expect(problems.locator('li')).toHaveText([
      "row 3, column 'x1': 'abc' is not a number",
      "row 5, column 'x2': missing value",
      'row 6 has 2 cells; the header has 3',
    ]);
    await shot(page, 'csv-04-problems-1280x720');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await documentText(page)).toBe(before);
    await expect(page.locator('.react-flow__node')).toHaveCount(0);

    // Over 5 MiB: refused before it is read or parsed, naming the limit.
    await dropFile(page, 'huge.csv', 'a,b\n' + '1,2\n'.repeat(1_400_000));
    await expect(page.getByTestId('csv-problems')).toContainText('a CSV file may be at most 5 MB');
    await page.keyboard.press('Escape');
    expect(await documentText(page)).toBe(before);

    // A good file dropped at (300, 200) becomes a CSV data node there, in one undoable step.
    await dropFile(page, 'points.csv', goodCsv(), 300, 200);
    await page.getByTestId('csv-use').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(1);
    const [node] = await nodes(page);
    expect(node!.kind).toBe('csvData');
    expect(node!.params.xShape).toEqual([60, 3]); // id, x1, x2: the number columns
    const box = (await page.getByTestId('node-csvData1').boundingBox())!;
    const pane = (await page.locator('[data-testid=canvas] .react-flow__pane').boundingBox())!;
    expect(Math.abs(box.x - (pane.x + 300))).toBeLessThan(15);
    expect(Math.abs(box.y - (pane.y + 200))).toBeLessThan(15);
    await shot(page, 'csv-05-dropped-1280x720');
    await page.getByTestId('undo').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    expect(consoleErrors(page)).toEqual([]);
  });
});
