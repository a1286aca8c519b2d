import type { ReactFlowInstance } from '@xyflow/react';
import type { Host } from '../platform/host';
import { registry } from '../kinds';
import type { EditorStore } from '../store/editor-store';
import { layoutPositions } from './canvas/auto-layout';
import { fitGraph, pasteOffset } from './canvas/view';
import * as files from './file-actions';
import type { Shortcut } from './shortcuts';

interface CommandContext { store: EditorStore; host: Host; flow: ReactFlowInstance }

/** Runs a command from a menu, the toolbar or the keyboard. */
export async function runCommand(command: Shortcut['command'], { store, host, flow }: CommandContext): Promise<void> {
  const s = store.getState();
  switch (command) {
    case 'file:new': return files.newDocument(store, host);
    case 'file:open': return files.openFile(store, host);
    case 'file:save': await files.save(store, host, false, flow.getViewport()); return;
    case 'file:saveAs': await files.save(store, host, true, flow.getViewport()); return;
    case 'file:exportJson': await files.save(store, host, true, flow.getViewport()); return;
    case 'file:exportPng': return files.exportPng(store, host, flow);
    case 'file:exportPytorch': await files.exportPytorchScript(store, host); return;
    case 'edit:undo': return s.undo();
    case 'edit:redo': return s.redo();
    case 'edit:copy': return s.copySelection();
    case 'edit:cut': s.copySelection(); return s.removeSelection();
    case 'edit:paste': return s.paste(pasteOffset(s.clipboard));
    case 'edit:duplicate': return s.duplicateSelection();
    case 'edit:selectAll': return s.select(s.doc.nodes.map((n) => n.id), s.doc.edges.map((e) => e.id));
    case 'edit:delete': return s.removeSelection();
    case 'edit:objective': {
      const id = s.selectedNodes[0];
      const node = s.doc.nodes.find((n) => n.id === id);
      const port = node && registry.get(node.kind)?.outputs[0]?.id;
      if (id && port) s.setObjective(s.doc.objective?.node === id ? null : { node: id, port });
      return;
    }
    case 'edit:escape': return s.setUi({ dialog: null, problems: null, refusal: null, selectedNodes: [], selectedEdges: [] });
    case 'view:zoomIn': await flow.zoomIn(); return;
    case 'view:zoomOut': await flow.zoomOut(); return;
    case 'view:fitView': return fitGraph(flow, s.presentation, true);
    case 'view:toggleMinimap': return s.setUi({ minimap: !s.minimap });
    case 'view:toggleTheme': return s.setUi({ theme: s.theme === 'dark' ? 'light' : 'dark' });
    case 'view:togglePresentation': return s.setUi({ presentation: !s.presentation });
    case 'view:toggleTraining': return s.setUi({ sideTab: s.sideTab === 'train' ? 'details' : 'train' });
    case 'view:autoLayout': {
      const sizes = new Map(flow.getNodes().map((n) => [n.id, { width: n.measured?.width ?? 180, height: n.measured?.height ?? 100 }]));
      const positions = await layoutPositions(s.doc, sizes);
      store.getState().moveNodes(positions);
      requestAnimationFrame(() => void fitGraph(flow, store.getState().presentation));
      return;
    }
    case 'help:shortcuts': return s.setUi({ dialog: 'help' });
    case 'help:about': return s.setUi({ dialog: 'about' });
  }
}
