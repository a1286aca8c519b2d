import { expect, type Page } from '@playwright/test';

/** Opens the built app on an empty canvas with fresh storage (each test gets a new browser context). */
export async function openApp(page: Page): Promise<void> {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { consoleErrors?: string[] }).consoleErrors = errors;
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
}

/** Console errors and uncaught exceptions seen so far (CSP violations show up here too). */
export function consoleErrors(page: Page): string[] {
  return (page as Page & { consoleErrors?: string[] }).consoleErrors ?? [];
}

/** Drags a kind from the palette onto the canvas at (x, y) relative to the canvas, as a user does. */
export async function dragFromPalette(page: Page, kind: string, x: number, y: number): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.getByTestId('canvas'), { targetPosition: { x, y } });
}

/** Drags a wire from an output handle to an input handle with the mouse. */
export async function wire(page: Page, from: string, to: string, opts: { check?: (page: Page) => Promise<void> } = {}): Promise<void> {
  const a = await page.getByTestId(from).boundingBox();
  const b = await page.getByTestId(to).boundingBox();
  if (!a || !b) throw new Error(`handle not found: ${!a ? from : to}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  if (opts.check) await opts.check(page);
  await page.mouse.up();
}

/** Selects a node by clicking its title bar. */
export async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).locator('.snode-head').click();
  await expect(page.getByTestId('inspector').locator('h2')).toContainText(id);
}

/** Picks an example from the toolbar's list by its file name. */
export async function openExample(page: Page, file: string): Promise<void> {
  await page.getByTestId('examples').selectOption(file);
  await expect(page.getByTestId('doc-title')).toContainText(file);
  // Wait until the canvas has finished arranging the example and fitting it into view.
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false');
  await page.waitForTimeout(250);
}

/** The open document as the app would save it (read through the page's store). */
export async function documentText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const w = window as unknown as { __sorix: { store: { getState(): { doc: unknown } } }; __sorixSerialize?: (d: unknown) => string };
    return JSON.stringify(w.__sorix.store.getState().doc);
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}
