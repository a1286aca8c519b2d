import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addNode, parseDocument } from '../../src/document';
import { exportPytorch } from '../../src/export/pytorch';
import { MemoryHost } from '../../src/platform/memory-host';
import { createEditorStore } from '../../src/store/editor-store';
import { runCommand } from '../../src/ui/commands';
import type { ReactFlowInstance } from '@xyflow/react';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('File → Export as PyTorch script', () => {
  const parsed = parseDocument(readFileSync(join(root, 'assets/examples/xor.sorix.json'), 'utf8'));
  if (!parsed.ok) throw new Error('xor example does not parse');

  it('hands the host the script of the open graph, named after the file', async () => {
    const store = createEditorStore(parsed.document);
    store.getState().markSaved({ fileName: 'xor.sorix.json' }, parsed.document);
    const host = new MemoryHost();
    await runCommand('file:exportPytorch', { store, host, flow: {} as ReactFlowInstance });
    expect(host.texts).toEqual([{ text: exportPytorch(parsed.document), suggestedName: 'xor.py' }]);
    expect(store.getState().refusal).toBeNull();
  });

  it('refuses a graph with a node that does not compute: the banner says why, the node is selected, nothing is written', async () => {
    const doc = addNode(parsed.document, { id: 'dangling', kind: 'mul', position: { x: 0, y: 0 } });
    const store = createEditorStore(doc);
    const host = new MemoryHost();
    await runCommand('file:exportPytorch', { store, host, flow: {} as ReactFlowInstance });
    expect(host.texts).toEqual([]);
    expect(store.getState().refusal).toMatch(/^Not exported as a PyTorch script: cannot export: Mul 'dangling'.*input 'a' is not connected/);
    expect(store.getState().selectedNodes).toEqual(['dangling']);
    expect(store.getState().doc).toBe(doc);
  });
});
