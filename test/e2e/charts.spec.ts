import { expect, test, type Locator, type Page } from '@playwright/test';
import { consoleErrors, openApp, openExample, selectNode, shot } from './helpers';

/** Boxes of the text in an SVG chart that overlap each other or poke out of the chart: what the eye would catch. */
async function textCollisions(chart: Locator): Promise<string[]> {
  return chart.evaluate((fig) => {
    const problems: string[] = [];
    for (const svg of fig.querySelectorAll('svg.recharts-surface')) {
      const outer = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '');
      const boxes = texts.map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
      for (const b of boxes) {
        if (b.r.left < outer.left - 1 || b.r.right > outer.right + 1 || b.r.top < outer.top - 1 || b.r.bottom > outer.bottom + 1) problems.push(`“${b.text}” is cut off`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!.r;
          const c = boxes[j]!.r;
          const overlap = Math.min(a.right, c.right) - Math.max(a.left, c.left) > 1 && Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top) > 1;
          if (overlap) problems.push(`“${boxes[i]!.text}” overlaps “${boxes[j]!.text}”`);
        }
      }
    }
    return problems;
  });
}

async function checkLayout(page: Page): Promise<void> {
  for (const chart of await page.getByTestId('charts').locator('figure').all()) expect(await textCollisions(chart)).toEqual([]);
}

test('the seed’s sigmoid: the S-curve over −10…10, with −100 and 100 shown at the edges and on an overview', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'seed.sorix.json');
  await selectNode(page, 'sigmoid');
  const chart = page.getByTestId('activation-chart');
  await expect(chart).toBeVisible();
  const xTicks = chart.locator('svg.recharts-surface').first().locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(xTicks.first()).toHaveText('−10');
  await expect(xTicks.last()).toHaveText('10');
  await expect(chart.getByTestId('edge-label-below')).toHaveText('◀ x = −100');
  await expect(chart.getByTestId('edge-label-above')).toHaveText('x = 100 ▶');
  await expect(chart.getByTestId('activation-overview')).toContainText('x = 100 → f = 1, f′ = 0');
  await checkLayout(page);
  await shot(page, 'charts-01-seed-sigmoid');

  // The tensor: values and gradients on separate charts, each on its own scale.
  await selectNode(page, 'x');
  await expect(page.getByTestId('element-chart-value').locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').last()).toHaveText('100');
  await expect(page.getByTestId('element-chart-gradient').locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').last()).toHaveText('0.3');
  await checkLayout(page);

  // Presentation mode and the dark theme: bigger text, and still nothing collides or is cut off.
  await page.getByTestId('presentation').click();
  await page.keyboard.press('t');
  await page.waitForTimeout(400);
  await checkLayout(page);
  await selectNode(page, 'sigmoid');
  await page.waitForTimeout(400);
  await checkLayout(page);
  await shot(page, 'charts-02-seed-sigmoid-presentation-dark');
  expect(consoleErrors(page)).toEqual([]);
});

test('histograms of a large tensor have axes and count NaN and ±∞ apart', async ({ page }) => {
  await openApp(page);
  await openExample(page, 'sigmoid-curve.sorix.json');
  await selectNode(page, 'sigmoid');
  const hist = page.getByTestId('hist-value');
  await expect(hist.locator('.recharts-cartesian-axis')).toHaveCount(2);
  await expect(hist).toContainText('count');
  await expect(hist.getByTestId('hist-nonfinite')).toHaveText('100 finite values binned; none is NaN or ±∞.');
  await checkLayout(page);
  await page.getByTestId('presentation').click();
  await page.waitForTimeout(400);
  await checkLayout(page);
  await shot(page, 'charts-03-sigmoid-curve-presentation');
  expect(consoleErrors(page)).toEqual([]);
});
