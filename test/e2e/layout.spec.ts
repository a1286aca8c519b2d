import { expect, test, type Page } from '@playwright/test';
import { openApp, openExample, selectNode, shot } from './helpers';

const EXAMPLES = ['seed', 'sigmoid-curve', 'logistic-regression', 'xor', 'circle', 'spiral', 'iris'];

/** Pairs of nodes whose boxes on screen overlap. */
async function overlaps(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((els) => {
    const boxes = els.map((e) => ({ id: (e as HTMLElement).dataset.id, r: e.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r, b = boxes[j]!.r;
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.push(`${boxes[i]!.id}/${boxes[j]!.id}`);
      }
    }
    return out;
  });
}

/** The rendered height in screen pixels of a node's port label (its text size times the canvas zoom). */
const portTextHeight = (page: Page, id: string) => page.getByTestId(`node-${id}`).locator('.snode-port').first().evaluate((e) => e.getBoundingClientRect().height);

test.describe('at 1280×720, a classroom projector', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the toolbar stays one row, in both modes', async ({ page }) => {
    await openApp(page);
    const oneRow = async () => {
      const tb = page.locator('.toolbar');
      const h = await tb.evaluate((e) => e.getBoundingClientRect().height);
      const button = await page.getByTestId('save').evaluate((e) => e.getBoundingClientRect().height);
      expect(h).toBeLessThan(button * 2);
      expect(await tb.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    };
    await oneRow();
    await page.getByTestId('presentation').click();
    await oneRow();
  });

  for (const ex of EXAMPLES) {
    test(`example ${ex}: no node covers another, also after backward and in presentation mode`, async ({ page }) => {
      await openApp(page);
      await openExample(page, `${ex}.sorix.json`);
      expect(await overlaps(page)).toEqual([]);
      // Backward again from the objective (B twice: off, then on): gradients appear, widths stay.
      const objective = await page.evaluate(() => (window as unknown as { __sorix: { store: { getState(): { doc: { objective?: { node: string } } } } } }).__sorix.store.getState().doc.objective?.node);
      if (objective) {
        const width = await page.getByTestId(`node-${objective}`).evaluate((e) => e.getBoundingClientRect().width);
        await selectNode(page, objective);
        await page.keyboard.press('b');
        await page.keyboard.press('b');
        await expect(page.getByTestId('objective-status')).toContainText(`backward from ${objective}`);
        expect(await page.getByTestId(`node-${objective}`).evaluate((e) => e.getBoundingClientRect().width)).toBeCloseTo(width, 0);
        expect(await overlaps(page)).toEqual([]);
      }
      await page.getByTestId('presentation').click();
      await page.waitForTimeout(500);
      expect(await overlaps(page)).toEqual([]);
    });
  }

  test('presentation mode: larger node text on screen, the canvas the largest area, no minimap, palette folded', async ({ page }) => {
    await openApp(page);
    await openExample(page, 'xor.sorix.json');
    await page.keyboard.press('f');
    await page.waitForTimeout(300);
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    const before = await page.getByTestId('node-X').locator('.snode-head').evaluate((e) => e.getBoundingClientRect().height);
    await page.getByTestId('presentation').click();
    await page.waitForTimeout(600);
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await expect(page.getByTestId('palette-search')).toHaveCount(0);
    // Switching fits the view so node text is at least ~14 px on screen (11.5 px at zoom ≥ 1.2).
    const port = await portTextHeight(page, 'X');
    expect(port).toBeGreaterThanOrEqual(16);
    const after = await page.getByTestId('node-X').locator('.snode-head').evaluate((e) => e.getBoundingClientRect().height);
    expect(after).toBeGreaterThan(before * 1.5);
    const width = (sel: string) => page.locator(sel).evaluate((e) => e.getBoundingClientRect().width);
    const canvas = await width('.canvas');
    expect(canvas).toBeGreaterThan(await width('.side'));
    expect(canvas).toBeGreaterThan(1280 * 0.6);
    await shot(page, 'layout-xor-presentation-1280');
    // Fit shows every node, the objective at the far right included, however small that makes them.
    await page.keyboard.press('f');
    await page.waitForTimeout(400);
    const pane = (await page.locator('.canvas .react-flow').boundingBox())!;
    for (const box of await page.locator('.react-flow__node').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; }))) {
      expect(box.x).toBeGreaterThanOrEqual(pane.x - 1);
      expect(box.x + box.w).toBeLessThanOrEqual(pane.x + pane.width + 1);
    }
    // The palette opens on demand.
    await page.getByTestId('palette-toggle').click();
    await expect(page.getByTestId('palette-search')).toBeVisible();
  });
});

test('paste puts the copies at the mouse, never on top of the originals', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'sigmoid');
  await page.keyboard.press('Control+c');
  // Mouse over the copied node itself: the copy goes beside it.
  await page.getByTestId('node-sigmoid').locator('.snode-head').hover();
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(4);
  expect(await overlaps(page)).toEqual([]);
  // Mouse over empty canvas: the copy's corner is at the mouse.
  const c = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(c.x + 60, c.y + c.height - 140);
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  const pasted = await page.evaluate(() => (window as unknown as { __sorix: { store: { getState(): { selectedNodes: string[] } } } }).__sorix.store.getState().selectedNodes[0]);
  const box = (await page.getByTestId(`node-${pasted}`).boundingBox())!;
  expect(Math.abs(box.x - (c.x + 60))).toBeLessThan(20);
  expect(await overlaps(page)).toEqual([]);
});

test('the shortcuts dialog opens at its top; Enter in the palette search adds the first match', async ({ page }) => {
  await openApp(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.keyboard.press('?');
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  expect(await help.evaluate((e) => e.scrollTop)).toBe(0);
  await expect(help.locator('h2')).toBeInViewport();
  await page.keyboard.press('Escape');
  await page.getByTestId('palette-search').fill('tanh');
  await page.getByTestId('palette-search').press('Enter');
  await expect(page.locator('.react-flow__node')).toHaveCount(1);
  await expect(page.getByTestId('node-tanh1')).toBeVisible();
  await expect(page.getByTestId('hint-tanh1')).toHaveText('needs input x');
});
