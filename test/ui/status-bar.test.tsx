// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorContext } from '../../src/store/context';
import { createEditorStore } from '../../src/store/editor-store';
import { createInProcessRunner } from '../../src/runtime/eval-runner';
import { StatusBar } from '../../src/ui/toolbar/StatusBar';

afterEach(cleanup);

describe('the status bar during an off-thread evaluation', () => {
  it('shows progress and Stop while it runs, the stopped state after Stop, and the time once current', async () => {
    // A tiny threshold: even a small graph goes through the (in-process) runner.
    const store = createEditorStore(undefined, { runner: createInProcessRunner(), threshold: 10 });
    render(<EditorContext.Provider value={store}><StatusBar /></EditorContext.Provider>);
    const s = () => store.getState();
    act(() => { s().addNode('randomTensor', { x: 0, y: 0 }); });
    expect(screen.getByTestId('eval-status').getAttribute('data-state')).toBe('running');
    expect(screen.getByTestId('eval-status').textContent).toBe('evaluating…');
    expect(document.documentElement.dataset.results).toBe('stale');
    act(() => { store.setState({ evalStatus: { state: 'running', progress: { phase: 'forward', done: 2, total: 7, node: 'x' } } }); });
    expect(screen.getByTestId('eval-status').textContent).toBe('evaluating 3 of 7 nodes…');
    fireEvent.click(screen.getByTestId('eval-stop'));
    expect(screen.getByTestId('eval-status').textContent).toBe('stopped — results are from before the last change');
    expect(screen.queryByTestId('eval-stop')).toBeNull();
    await act(async () => {
      s().setParams(s().doc.nodes[0]!.id, { seed: 3 });
      for (let i = 0; i < 100 && s().evalStatus.state === 'running'; i++) await new Promise((r) => setTimeout(r, 5));
    });
    expect(screen.getByTestId('eval-status').getAttribute('data-state')).toBe('current');
    expect(screen.getByTestId('eval-status').textContent).toMatch(/^evaluated in \d+\.\d\d ms$/);
    expect(document.documentElement.dataset.results).toBe('current');
  });
});
