import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { evaluateDocument, parseDocument } from '../../src/document';
import { registry } from '../../src/kinds';
import { numpyString } from '../../src/ui/numbers';
import { consoleErrors, openApp, openExample, selectNode, shot } from './helpers';

const dir = join(import.meta.dirname, '../../assets/examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('the examples list offers every file in assets/examples', async ({ page }) => {
  await openApp(page);
  const options = await page.getByTestId('examples').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(options.sort()).toEqual(files);
});

for (const file of files) {
  test(`example ${file} opens and shows its numbers`, async ({ page }) => {
    // The oracle: the document layer evaluating the same file outside the browser.
    const parsed = parseDocument(readFileSync(join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    const expected = evaluateDocument(parsed.document);

    await openApp(page);
    await openExample(page, file);
    await expect(page.locator('.react-flow__node')).toHaveCount(parsed.document.nodes.length);
    await expect(page.locator('.react-flow__edge')).toHaveCount(parsed.document.edges.length);
    for (const node of parsed.document.nodes) {
      const kind = registry.get(node.kind)!;
      const out = expected.nodes.get(node.id)!.outputs[kind.outputs[0]!.id];
      if (!out || out.value.size > 12 || kind.outputs.length > 1) continue;
      await expect(page.getByTestId(`value-${node.id}`)).toHaveText(numpyString(out.value.data, out.value.shape, out.value.dtype));
      if (out.grad) await expect(page.getByTestId(`grad-${node.id}`)).toHaveText(numpyString(out.grad.data, out.grad.shape, out.grad.dtype));
    }
    if (expected.objective) await expect(page.getByTestId('objective-status')).toContainText(`backward from ${expected.objective.node}`);
    await expect(page.locator('.snode-error')).toHaveCount(0);
    // The inspector shows the objective's numbers too.
    if (expected.objective) {
      await selectNode(page, expected.objective.node);
      const out = expected.nodes.get(expected.objective.node)!.outputs[expected.objective.port]!;
      await expect(page.getByTestId('inspector-value').first()).toHaveText(numpyString(out.value.data, out.value.shape, out.value.dtype));
    }
    await shot(page, `example-${file.replace('.sorix.json', '')}`);
    expect(consoleErrors(page)).toEqual([]);
  });
}

test('the seed example shows the seed page’s numbers', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await expect(page.getByTestId('value-sigmoid')).toHaveText('[3.8e-44 5.0e-01 1.0e+00]');
  await expect(page.getByTestId('grad-x')).toHaveText('[3.8e-44 2.5e-01 0.0e+00]');
});
