import { expect, test, type Page } from '@playwright/test';
import { consoleErrors, dragFromPalette, openApp, selectNode, shot, wire } from './helpers';

interface RunView { status: string; epochs: { trainLoss: number; testAccuracy?: number | null }[]; step: number }

/** The run as the store holds it (what the panel draws from). */
async function runState(page: Page): Promise<RunView | null> {
  return page.evaluate(() => {
    const s = (window as unknown as { __sorix: { store: { getState(): { run: RunView | null } } } }).__sorix.store.getState();
    return s.run ? { status: s.run.status, epochs: s.run.epochs.map((e) => ({ trainLoss: e.trainLoss, testAccuracy: e.testAccuracy })), step: s.run.step } : null;
  });
}

async function weights(page: Page, node: string): Promise<number[]> {
  return page.evaluate((id) => {
    const s = (window as unknown as { __sorix: { store: { getState(): { doc: { nodes: { id: string; params: { W: number[] } }[] } } } } }).__sorix.store.getState();
    return s.doc.nodes.find((n) => n.id === id)!.params.W;
  }, node);
}

async function setParam(page: Page, node: string, name: string, value: string): Promise<void> {
  await selectNode(page, node);
  const field = page.locator(`#param-${node}-${name}`);
  await field.fill(value);
  await field.press('Enter');
}

for (const viewport of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
  test(`at ${viewport.width}×${viewport.height}: a new user builds circle data → Linear(8) → Tanh → Linear(1) → Sigmoid → BCE by dragging, trains it, pauses, keeps the weights, undoes and redoes`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    const tag = `${viewport.width}x${viewport.height}`;
    await openApp(page);

    // Where a user would drop them: three columns on a laptop screen, two on the projector's narrower canvas.
    const spots: Record<string, [number, number]> = viewport.width < 1400
      ? { dataset: [10, 20], linear1: [330, 20], tanh: [330, 170], linear2: [10, 330], sigmoid: [10, 480], bceLoss: [330, 480] }
      : { dataset: [10, 30], linear1: [300, 30], tanh: [590, 30], linear2: [10, 440], sigmoid: [300, 440], bceLoss: [590, 440] };
    await dragFromPalette(page, 'dataset', ...spots.dataset!);
    await dragFromPalette(page, 'linear', ...spots.linear1!);
    await dragFromPalette(page, 'tanh', ...spots.tanh!);
    await dragFromPalette(page, 'linear', ...spots.linear2!);
    await dragFromPalette(page, 'sigmoid', ...spots.sigmoid!);
    await dragFromPalette(page, 'bceLoss', ...spots.bceLoss!);
    await expect(page.locator('.react-flow__node')).toHaveCount(6);

    // The data node shows its first rows: ten examples of two inputs, and their labels.
    await expect(page.getByTestId('node-dataset1')).toContainText('(6,2)');
    await setParam(page, 'linear1', 'inFeatures', '2');
    await setParam(page, 'linear1', 'outFeatures', '8');
    await setParam(page, 'linear2', 'inFeatures', '8');
    await setParam(page, 'linear2', 'outFeatures', '1');

    await wire(page, 'out-dataset1-x', 'in-linear1-x');
    await wire(page, 'out-linear1-out', 'in-tanh1-x');
    await wire(page, 'out-tanh1-out', 'in-linear2-x');
    await wire(page, 'out-linear2-out', 'in-sigmoid1-x');
    await wire(page, 'out-sigmoid1-out', 'in-bceLoss1-prediction');
    await wire(page, 'out-dataset1-y', 'in-bceLoss1-target');
    await expect(page.locator('.react-flow__edge')).toHaveCount(6);
    await selectNode(page, 'bceLoss1');
    await page.getByTestId('objective').click();
    await page.getByRole('button', { name: 'Arrange' }).click();
    await page.waitForTimeout(400);
    await shot(page, `train-01-built-${tag}`);

    // The training panel proposes a set-up read off the graph.
    await page.getByTestId('train-toggle').click();
    await expect(page.getByTestId('train-proposal')).toContainText('Data set');
    await page.getByTestId('train-setup').click();
    // Long enough to pause it midway (the proposed 100 epochs take about a second here).
    await page.getByTestId('train-epochs').fill('100000');
    await page.getByTestId('train-epochs').press('Enter');
    const initial = await weights(page, 'linear1');

    await page.getByTestId('train-play').click();
    await expect(page.getByTestId('boundary')).toBeVisible();
    await expect.poll(async () => (await runState(page))?.epochs.length ?? 0, { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('train-status-bar')).toContainText(/training: epoch \d+ \/ 100000, step [\d,]+, [\d,]+ steps\/s/);
    await shot(page, `train-02-training-${tag}`);

    await page.getByTestId('train-pause').click();
    await expect(page.getByTestId('train-status')).toHaveAttribute('data-status', 'paused');
    const paused = (await runState(page))!;
    await page.waitForTimeout(600);
    expect((await runState(page))!.step).toBe(paused.step); // Pause holds
    // The loss fell and the boundary took shape: the circle is learnt to well above chance.
    expect(paused.epochs[paused.epochs.length - 1]!.trainLoss).toBeLessThan(paused.epochs[0]!.trainLoss);
    expect(paused.epochs[paused.epochs.length - 1]!.testAccuracy!).toBeGreaterThan(0.8);
    await expect(page.getByTestId('train-units').locator('canvas')).toHaveCount(8);
    await expect(page.locator('[aria-label="Curves"] svg.recharts-surface').first()).toBeVisible();
    // The canvas shows the run's weights while the document still holds the initial ones.
    expect(await weights(page, 'linear1')).toEqual(initial);
    await shot(page, `train-03-paused-${tag}`);

    // Keep the trained weights: one undoable step.
    await page.getByTestId('train-keep').click();
    const trained = await weights(page, 'linear1');
    expect(trained).not.toEqual(initial);
    await expect(page.getByTestId('dirty-marker')).toBeVisible();
    await page.getByTestId('undo').click();
    expect(await weights(page, 'linear1')).toEqual(initial);
    await page.getByTestId('redo').click();
    expect(await weights(page, 'linear1')).toEqual(trained);
    await shot(page, `train-04-kept-${tag}`);

    expect(consoleErrors(page)).toEqual([]);
  });
}
