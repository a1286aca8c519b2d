import { getNodesBounds, getViewportForBounds, type ReactFlowInstance, type Viewport } from '@xyflow/react';
import { toPng } from 'html-to-image';
import { FILE_EXTENSION, createDocument, parseDocument, saveDocument } from '../document';
import { ExportError, exportPytorch } from '../export/pytorch';
import { autosaveSlotId } from '../platform/autosave-slot';
import type { Host, HostFile } from '../platform/host';
import { selectDirty, type EditorStore } from '../store/editor-store';
import { withViewport } from './canvas/view';

/** File commands: the store changes the document, the host does the I/O. Nothing here touches the disk itself. */

export const UNSAVED_QUESTION = 'Discard the unsaved changes in this graph?';

async function okToReplace(store: EditorStore, host: Host): Promise<boolean> {
  return !selectDirty(store.getState()) || host.confirm(UNSAVED_QUESTION);
}

export async function newDocument(store: EditorStore, host: Host): Promise<void> {
  if (!(await okToReplace(store, host))) return;
  const now = new Date().toISOString();
  store.getState().load(createDocument({ now }), { fileName: `Untitled${FILE_EXTENSION}` });
}

/**
 * Opens a file's text. A file that does not read leaves the open graph exactly as it was and shows every problem.
 * Returns whether it opened.
 */
export function openText(store: EditorStore, file: HostFile, opts: { dirty?: boolean; arrange?: boolean } = {}): boolean {
  const r = parseDocument(file.text);
  if (!r.ok) {
    store.getState().setUi({ problems: { fileName: file.name, problems: r.problems } });
    return false;
  }
  store.getState().load(r.document, { fileName: file.name, ...(file.path ? { path: file.path } : {}), ...(opts.dirty ? { dirty: true } : {}), ...(opts.arrange ? { arrange: true } : {}) });
  return true;
}

export async function openFile(store: EditorStore, host: Host): Promise<void> {
  if (!(await okToReplace(store, host))) return;
  const file = await host.openFile();
  if (file) openText(store, file);
}

export async function openExample(store: EditorStore, host: Host, example: { file: string; text: string }): Promise<void> {
  if (!(await okToReplace(store, host))) return;
  openText(store, { name: example.file, text: example.text }, { arrange: true });
}

/** Saves the document, with the canvas viewport `view` recorded in it (the file reopens where it was left). */
export async function save(store: EditorStore, host: Host, as = false, view?: Viewport): Promise<boolean> {
  const s = store.getState();
  const saved = saveDocument(view ? withViewport(s.doc, view) : s.doc);
  const request = { text: saved.text, suggestedName: s.fileName, ...(s.path ? { path: s.path } : {}) };
  const r = as ? await host.saveFileAs(request) : await host.saveFile(request);
  if (!r) return false;
  // The saved text is the document as it was when asked; edits made meanwhile stay dirty.
  if (store.getState().doc === s.doc) store.getState().markSaved({ fileName: r.name, ...(r.path ? { path: r.path } : {}) }, saved.document);
  await host.autosaveClear(autosaveId());
  return true;
}

/** Exports the whole graph (not just what is on screen) as a PNG, as React Flow's image-export pattern does. */
export async function exportPng(store: EditorStore, host: Host, flow: ReactFlowInstance): Promise<void> {
  const nodes = flow.getNodes();
  const el = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!el || !nodes.length) return;
  const bounds = getNodesBounds(nodes);
  const width = Math.min(4000, Math.ceil(bounds.width + 80));
  const height = Math.min(4000, Math.ceil(bounds.height + 80));
  const vp = getViewportForBounds(bounds, width, height, 0.1, 2, 0.08);
  const bg = getComputedStyle(document.body).getPropertyValue('--bg').trim() || '#ffffff';
  const url = await toPng(el, {
    backgroundColor: bg, width, height, pixelRatio: 2,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  });
  await host.exportPng(url, store.getState().fileName.replace(/(\.sorix)?\.json$/, '') + '.png');
}

/**
 * Exports the graph as a PyTorch script (`<name>.py`). A graph that cannot be exported is refused with the reason in
 * the canvas's banner, its node selected; nothing is written.
 */
export async function exportPytorchScript(store: EditorStore, host: Host): Promise<boolean> {
  const s = store.getState();
  let text: string;
  try {
    text = exportPytorch(s.doc);
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    s.setUi({ refusal: `Not exported as a PyTorch script: ${err.message}`, ...(err.node ? { selectedNodes: [err.node], selectedEdges: [] } : {}) });
    return false;
  }
  return host.exportText(text, `${s.fileName.replace(/(\.sorix)?\.json$/, '')}.py`);
}

/** This tab's or window's autosave slot (kept per tab, so a reload finds its own again). */
export function autosaveId(): string {
  return autosaveSlotId();
}
