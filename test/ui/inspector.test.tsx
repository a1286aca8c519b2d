// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/document';
import { MemoryHost } from '../../src/platform/memory-host';
import { createEditorStore } from '../../src/store/editor-store';
import { App } from '../../src/ui/App';
import { installDomStandIns } from './setup-dom';

beforeAll(() => {
  installDomStandIns();
  // Recharts' ResponsiveContainer reads the entry's contentRect, which the shared stand-in leaves out.
  globalThis.ResizeObserver = class {
    constructor(private readonly cb: ResizeObserverCallback) {}
    observe(target: Element): void {
      this.cb([{ target, contentRect: { width: 300, height: 200 } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const seedText = readFileSync(join(import.meta.dirname, '../../assets/examples/seed.sorix.json'), 'utf8');

async function seed() {
  const store = createEditorStore();
  const host = new MemoryHost();
  render(<App store={store} host={host} />);
  host.pickQueue.push({ name: 'seed.sorix.json', text: seedText });
  await act(async () => host.sendMenuCommand('file:open'));
  return { store, host };
}

function type(el: HTMLElement, text: string, key = 'Enter') {
  fireEvent.change(el, { target: { value: text } });
  fireEvent.keyDown(el, { key });
}

describe('the inspector tells what its numbers are', () => {
  it('labels a Sigmoid’s gradient as ∂L/∂out from the objective and shows σ′ at its actual inputs', async () => {
    const { store } = await seed();
    act(() => store.getState().select(['sigmoid']));
    expect((await screen.findByTestId('inspector-grad')).textContent).toBe('[1. 1. 1.]');
    expect(screen.getByTestId('inspector-grad-label').textContent).toContain('∂L/∂out');
    expect(screen.getByTestId('inspector').textContent).toContain('From the objective L = sum');
    expect(screen.getByTestId('inspector-local-label').textContent).toContain('σ′(x)');
    // σ′ at [-100, 0, 100], as float32: what the input's gradient is (times ∂L/∂out = 1).
    expect(screen.getByTestId('inspector-local').textContent).toBe('[3.8e-44 2.5e-01 0.0e+00]');
  });

  it('prints full precision as NumPy does with floatmode=unique', async () => {
    const { store } = await seed();
    act(() => store.getState().select(['x']));
    fireEvent.click(await screen.findByTestId('full-precision'));
    expect(screen.getByTestId('inspector-value').textContent).toBe('[-100.    0.  100.]');
    act(() => store.getState().select(['sigmoid']));
    expect(screen.getByTestId('inspector-value').textContent).toBe('[3.8e-44 5.0e-01 1.0e+00]'); // NumPy: the float32 subnormal's shortest digits
  });

  it('statistics are over the finite values, and say so with the counts', async () => {
    const { store } = await seed();
    act(() => store.getState().select(['x']));
    type(await screen.findByTestId('tensor-values'), '[inf, -inf, 0]');
    expect(screen.getByTestId('inspector-stats').textContent).toBe('min 0.0 · max 0.0 · mean 0.0 · std 0.0 (over 1 finite of 3) · 1 inf, 1 \u2212inf');
    type(screen.getByTestId('tensor-values'), '[nan, inf, nan]');
    expect(screen.getByTestId('inspector-stats').textContent).toBe('no finite values · 2 nan, 1 inf');
  });

  it('the objective control has one name, and is offered where there is no objective', async () => {
    const { store } = await seed();
    act(() => store.getState().setObjective(null));
    act(() => store.getState().select(['sum']));
    const button = await screen.findByTestId('objective');
    expect(button.textContent).toBe('Set as objective (backward from here)');
    expect(screen.getByTestId('objective-box').className).toContain('suggest');
    fireEvent.click(button);
    expect(store.getState().doc.objective).toEqual({ node: 'sum', port: 'out' });
    expect(screen.getByTestId('objective').textContent).toContain('Objective L');
    act(() => store.getState().select([]));
    expect(screen.getByTestId('inspector').textContent).toContain('Set as objective (backward from here)');
  });

  it('shows a node’s warnings as notices, not errors', async () => {
    const { store } = await seed();
    act(() => store.getState().select(['x']));
    type(await screen.findByTestId('tensor-values'), '[1e40, 0, 1]');
    const notice = screen.getByTestId('inspector-warning');
    expect(notice.className).toBe('warning-box');
    expect(notice.getAttribute('role')).toBe('status');
    expect(screen.queryByTestId('inspector-error')).toBeNull();
  });
});

describe('typing values', () => {
  it('takes nan, inf, -inf, NaN, Infinity in tensor cells', async () => {
    const { store } = await seed();
    act(() => store.getState().select(['x']));
    type(await screen.findByTestId('cell-0'), 'Infinity');
    type(screen.getByTestId('cell-1'), 'NaN');
    type(screen.getByTestId('cell-2'), '-inf');
    const values = store.getState().doc.nodes.find((n) => n.id === 'x')!.params.values as number[];
    expect(values).toEqual([Infinity, NaN, -Infinity]);
    expect((screen.getByTestId('cell-0') as HTMLInputElement).value).toBe('inf');
    expect((screen.getByTestId('tensor-values') as HTMLInputElement).value).toBe('[inf, nan, -inf]');
  });

  it('a refused cell stays marked invalid beside the reason; Escape puts back what the node holds', async () => {
    const { store } = await seed();
    act(() => store.getState().select(['x']));
    const cell = await screen.findByTestId('cell-1');
    const doc = store.getState().doc;
    type(cell, 'abc');
    expect(store.getState().doc).toBe(doc);
    expect(cell.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('tensor-error').textContent).toContain('“abc” is not a number');
    expect(cell.getAttribute('aria-describedby')).toBe(screen.getByTestId('tensor-error').id);
    fireEvent.keyDown(cell, { key: 'Escape' });
    expect((cell as HTMLInputElement).value).toBe('0');
    expect(cell.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByTestId('tensor-error')).toBeNull();
  });

  it('a Scalar’s value may be inf; a Pow’s exponent may not, and says why', async () => {
    const { store } = await seed();
    const scalar = store.getState().addNode('scalar', { x: 0, y: 200 })!;
    act(() => store.getState().select([scalar]));
    type(await screen.findByLabelText('Value'), 'inf');
    expect(store.getState().doc.nodes.find((n) => n.id === scalar)!.params.value).toBe(Infinity);
    expect((screen.getByLabelText('Value') as HTMLInputElement).value).toBe('inf');
    const pow = store.getState().addNode('pow', { x: 0, y: 400 })!;
    act(() => store.getState().select([pow]));
    const exponent = await screen.findByLabelText('Exponent n');
    type(exponent, 'inf');
    expect(store.getState().doc.nodes.find((n) => n.id === pow)!.params.exponent).toBe(2);
    expect(screen.getByTestId('param-error-exponent').textContent).toContain('not a finite number');
    expect(exponent.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('saving', () => {
  it('the saved file carries recent ISO dates, and the open document is the saved one (clean)', async () => {
    const { store, host } = await seed();
    act(() => store.getState().renameNode('x', 'input'));
    const before = Date.now();
    await act(async () => host.sendMenuCommand('file:save'));
    const file = JSON.parse(host.saved.at(-1)!.request.text) as { created: string; modified: string };
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
    expect(file.modified).toMatch(iso);
    expect(file.created).toMatch(iso);
    expect(Date.parse(file.modified)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(file.modified)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(Date.parse(file.created)).toBeGreaterThan(Date.parse('2000-01-01'));
    expect(store.getState().doc.modified).toBe(file.modified);
    expect(store.getState().doc).toBe(store.getState().savedDoc);
    expect(host.states.at(-1)?.dirty).toBe(false);
  });

  it('a new document saved is created and modified now, not in 1970', async () => {
    const store = createEditorStore();
    const host = new MemoryHost();
    render(<App store={store} host={host} />);
    const before = Date.now();
    await act(async () => host.sendMenuCommand('file:new'));
    await act(async () => host.sendMenuCommand('file:save'));
    const file = JSON.parse(host.saved.at(-1)!.request.text) as { created: string; modified: string };
    for (const d of [file.created, file.modified]) {
      expect(Date.parse(d)).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(d).toISOString()).toBe(d);
    }
    const back = parseDocument(host.saved.at(-1)!.request.text);
    expect(back.ok).toBe(true);
  });
});
