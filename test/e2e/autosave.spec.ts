import { expect, test, type Page } from '@playwright/test';
import { openApp, openExample, selectNode } from './helpers';

/** Renames a node through the inspector, as a user does; returns when the name is committed (Enter). */
async function rename(page: Page, id: string, name: string): Promise<void> {
  await selectNode(page, id);
  await page.getByTestId('node-name').fill(name);
  await page.getByTestId('node-name').press('Enter');
  await expect(page.getByTestId(`node-${id}`).locator('.name')).toHaveText(name);
}

/** The autosave slots in the browser's storage: slot id → the document text it holds. */
async function slots(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k.startsWith('sorix-studio:autosave:'))
    .map((k) => [k.slice('sorix-studio:autosave:'.length), (JSON.parse(localStorage.getItem(k)!) as { text: string }).text])));
}

test('an edit made just before a reload is offered back after it (the pending autosave is written as the page goes)', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'xor.sorix.json');
  await selectNode(page, 'hidden');
  await page.getByTestId('node-name').fill('renamed just now');
  await page.getByTestId('node-name').press('Enter');
  const edited = Date.now();
  await expect(page.getByTestId('node-hidden').locator('.name')).toHaveText('renamed just now');
  // Well inside the autosave's 1.5 s wait: without the write on pagehide the edit would be lost.
  expect(Date.now() - edited).toBeLessThan(500);
  await page.reload();
  const prompt = page.getByTestId('restore');
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText('xor.sorix.json');
  await page.getByTestId('restore-accept').click();
  await expect(page.getByTestId('node-hidden').locator('.name')).toHaveText('renamed just now');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
});

test('two tabs keep separate autosave slots; a reloaded tab gets its own back, a closed tab\'s is offered to the next', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await openApp(b);
  await openExample(a, 'seed.sorix.json');
  await rename(a, 'x', 'from tab A');
  await openExample(b, 'xor.sorix.json');
  await rename(b, 'hidden', 'from tab B');
  await expect.poll(async () => Object.keys(await slots(a)).length).toBe(2);
  const all = await slots(a);
  const [slotA] = Object.entries(all).filter(([, text]) => text.includes('from tab A')).map(([id]) => id);
  const [slotB] = Object.entries(all).filter(([, text]) => text.includes('from tab B')).map(([id]) => id);
  expect(slotA).toBeTruthy();
  expect(slotB).toBeTruthy();
  expect(slotA).not.toBe(slotB);

  // B reloads: it is offered its own work only, not A's (A is still open and working on it).
  await b.reload();
  const promptB = b.getByTestId('restore');
  await expect(promptB).toBeVisible();
  await expect(promptB).toContainText('xor.sorix.json');
  await expect(promptB).not.toContainText('more after this');
  await b.getByTestId('restore-accept').click();
  await expect(b.getByTestId('node-hidden').locator('.name')).toHaveText('from tab B');
  // B's autosave goes on in its own slot; A's is untouched.
  await rename(b, 'hidden', 'B again');
  await expect.poll(async () => (await slots(b))[slotB!] ?? '').toContain('B again');
  expect((await slots(b))[slotA!]).toContain('from tab A');

  // A is closed with its work unsaved: a new tab is offered it (and not B's, which is open).
  await a.close();
  const c = await context.newPage();
  await openApp(c);
  const promptC = c.getByTestId('restore');
  await expect(promptC).toBeVisible();
  await expect(promptC).toContainText('seed.sorix.json');
  await expect(promptC).not.toContainText('more after this');
  await c.getByTestId('restore-accept').click();
  await expect(c.getByTestId('node-x').locator('.name')).toHaveText('from tab A');
});
