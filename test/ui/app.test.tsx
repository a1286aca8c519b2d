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

beforeAll(installDomStandIns);
afterEach(cleanup);

const seedText = readFileSync(join(import.meta.dirname, '../../assets/examples/seed.sorix.json'), 'utf8');

function setup() {
  const store = createEditorStore();
  const host = new MemoryHost();
  render(<App store={store} host={host} />);
  return { store, host };
}

async function openSeed(host: MemoryHost) {
  host.pickQueue.push({ name: 'seed.sorix.json', text: seedText });
  await act(async () => host.sendMenuCommand('file:open'));
}

describe('the window (jsdom, real store and document layer)', () => {
  it('opens a file through the host menu and shows the seed numbers on the nodes', async () => {
    const { store, host } = setup();
    await openSeed(host);
    expect(store.getState().fileName).toBe('seed.sorix.json');
    expect((await screen.findByTestId('value-sigmoid')).textContent).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(screen.getByTestId('grad-x').textContent).toBe('[3.8e-44 2.5e-01 0.0e+00]');
    expect(host.states.at(-1)).toEqual({ title: 'seed.sorix.json', dirty: false });
  });

  it('edits a tensor in the inspector; values, dirty state and undo follow', async () => {
    const { store, host } = setup();
    await openSeed(host);
    act(() => store.getState().select(['x']));
    const field = await screen.findByTestId('tensor-values');
    fireEvent.change(field, { target: { value: '[1, 2, 3]' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(screen.getByTestId('value-sigmoid').textContent).toBe('[0.7310586  0.8807971  0.95257413]');
    expect(screen.getByTestId('inspector-grad').textContent).toBe('[0.19661193 0.10499357 0.04517666]');
    expect(host.states.at(-1)?.dirty).toBe(true);
    await act(async () => host.sendMenuCommand('edit:undo'));
    expect(screen.getByTestId('value-sigmoid').textContent).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(host.states.at(-1)?.dirty).toBe(false);
  });

  it('a refused parameter shows its reason and changes nothing', async () => {
    const { store, host } = setup();
    await openSeed(host);
    act(() => store.getState().select(['x']));
    const doc = store.getState().doc;
    const shape = await screen.findByTestId('tensor-shape');
    fireEvent.change(shape, { target: { value: '2, -1' } });
    fireEvent.keyDown(shape, { key: 'Enter' });
    expect(screen.getByTestId('tensor-error').textContent).not.toBe('');
    expect(store.getState().doc).toBe(doc);
  });

  it('a file that fails to open lists every problem and leaves the graph as it was', async () => {
    const { store, host } = setup();
    await openSeed(host);
    const doc = store.getState().doc;
    host.pickQueue.push({ name: 'bad.sorix.json', text: seedText.replace('"sigmoid",\n        "position"', '"nope",\n        "position"').replace('"node": "x"', '"node": "ghost"') });
    await act(async () => host.sendMenuCommand('file:open'));
    const dialog = await screen.findByTestId('problems');
    expect(dialog.querySelectorAll('li').length).toBeGreaterThanOrEqual(2);
    expect(dialog.textContent).toContain('ghost');
    expect(store.getState().doc).toBe(doc);
  });

  it('saves through the host the text the document layer writes, and is clean afterwards', async () => {
    const { store, host } = setup();
    await openSeed(host);
    act(() => store.getState().renameNode('x', 'input'));
    await act(async () => host.sendMenuCommand('file:save'));
    const saved = host.saved.at(-1)!.request;
    expect(saved.suggestedName).toBe('seed.sorix.json');
    const back = parseDocument(saved.text);
    expect(back.ok && back.document.nodes[0]!.name).toBe('input');
    expect(host.states.at(-1)?.dirty).toBe(false);
  });

  it('autosaves unsaved work a moment after a change', async () => {
    const { store, host } = setup();
    await openSeed(host);
    act(() => store.getState().renameNode('x', 'kept'));
    await act(() => new Promise((r) => setTimeout(r, 1700)));
    const [entry] = await host.autosaveList();
    expect(entry?.title).toBe('seed.sorix.json');
    expect(entry && parseDocument(entry.text).ok).toBe(true);
  });

  it('the palette adds any registry kind at the centre with a click', async () => {
    const { store } = setup();
    fireEvent.click(screen.getByTestId('palette-linear'));
    expect(store.getState().doc.nodes.map((n) => n.kind)).toEqual(['linear']);
    expect(await screen.findByTestId('node-linear1')).toBeTruthy();
  });
});

describe('values a float32 cannot hold', () => {
  it('accepts inf and nan in the grid and shows the document layer’s overflow warning beside the node', async () => {
    const { store, host } = setup();
    await openSeed(host);
    act(() => store.getState().select(['x']));
    const field = await screen.findByTestId('tensor-values');
    fireEvent.change(field, { target: { value: '[1e40, nan, -inf]' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(screen.getByTestId('value-x').textContent).toBe('[ inf  nan -inf]');
    expect(screen.getByTestId('warning-x').textContent).toMatch(/overflow/);
    expect(screen.getByTestId('inspector-warning').textContent).toMatch(/float64/);
  });
});

describe('wiring without a mouse', () => {
  it('builds the seed from the palette and the inspector’s input lists; a cycle is offered disabled with its reason', async () => {
    const { store } = setup();
    for (const kind of ['tensor', 'sigmoid', 'sum']) fireEvent.click(screen.getByTestId(`palette-${kind}`));
    act(() => store.getState().select(['tensor1']));
    const values = await screen.findByTestId('tensor-values');
    fireEvent.change(values, { target: { value: '[-100, 0, 100]' } });
    fireEvent.keyDown(values, { key: 'Enter' });
    act(() => store.getState().select(['sigmoid1']));
    const x = await screen.findByTestId('input-source-x');
    fireEvent.focus(x);
    fireEvent.change(x, { target: { value: 'tensor1\u0000out' } });
    act(() => store.getState().select(['sum1']));
    const sx = await screen.findByTestId('input-source-x');
    fireEvent.focus(sx);
    fireEvent.change(sx, { target: { value: 'sigmoid1\u0000out' } });
    fireEvent.click(screen.getByTestId('objective'));
    expect(screen.getByTestId('value-sigmoid1').textContent).toBe('[3.8e-44 5.0e-01 1.0e+00]');
    expect(screen.getByTestId('grad-tensor1').textContent).toBe('[3.8e-44 2.5e-01 0.0e+00]');
    // Back on the Sigmoid: the Sum's output would close a cycle.
    act(() => store.getState().select(['sigmoid1']));
    const again = await screen.findByTestId('input-source-x');
    fireEvent.focus(again);
    const option = [...again.querySelectorAll('option')].find((o) => o.value === 'sum1\u0000out')!;
    expect(option.disabled).toBe(true);
    expect(option.textContent).toContain('(cycle)');
  });
});
