import type { ReactFlowInstance, Viewport } from '@xyflow/react';
import { setView, type GraphDocument } from '../../document';
import type { Fragment } from '../../store/fragment';

/** Nodes have one width in canvas units (styles.css `.snode`), so layouts and paste offsets can rely on it. */
const NODE_WIDTH = 240;
/** A typical node's height, for spacing pasted copies (the real one depends on its numbers). */
const NODE_HEIGHT = 110;
/** Below this zoom nodes show their outline only (GraphNodeView): Fit stays at or above it, so numbers stay on screen. */
export const FAR_ZOOM = 0.45;
/** In presentation mode Fit never zooms out below this: node text (11.5 px) stays at least ~14 px on screen. */
const PRESENTATION_MIN_ZOOM = 1.2;
/** Graphs bigger than this are fitted whole, as an overview (outlines): numbers of 100+ nodes cannot all be read anyway. */
const OVERVIEW_ABOVE = 100;
const MARGIN = 24;

/**
 * Fits the graph into view. `whole` (the Fit command) shows every node, however small that makes them: Fit means
 * "show me everything", and the objective at the far right must not hide behind the panel. Otherwise (opening a file,
 * switching to presentation) it keeps the numbers legible: on a desk at least the zoom where nodes still show their
 * numbers, in presentation mode at least ~14 px text, and a graph too big for that is shown from its left (where the
 * inputs are) with the rest a pan away. Large graphs on a desk are fitted whole, as an overview.
 */
export async function fitGraph(flow: ReactFlowInstance, presentation: boolean, whole = false): Promise<void> {
  if (whole || (!presentation && flow.getNodes().length > OVERVIEW_ABOVE)) {
    await flow.fitView({ padding: presentation ? 0.08 : 0.12, minZoom: 0.05, maxZoom: presentation ? 1.75 : 1.2 });
    return;
  }
  const minZoom = presentation ? PRESENTATION_MIN_ZOOM : FAR_ZOOM + 0.05;
  await flow.fitView({ padding: presentation ? 0.08 : 0.12, minZoom, maxZoom: presentation ? 1.75 : 1.2 });
  const nodes = flow.getNodes();
  const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
  if (!nodes.length || !pane) return;
  const b = flow.getNodesBounds(nodes);
  const { x, y, zoom } = flow.getViewport();
  const nx = b.width * zoom > pane.width - 2 * MARGIN ? MARGIN - b.x * zoom : x;
  const ny = b.height * zoom > pane.height - 2 * MARGIN ? MARGIN - b.y * zoom : y;
  if (nx !== x || ny !== y) await flow.setViewport({ x: nx, y: ny, zoom });
}

/**
 * Whether a document's `view` was recorded by a save. A new document's view, and what reading fills in for a file
 * without one, is exactly { x: 0, y: 0, zoom: 1 }: such a document is fitted into view instead.
 */
function hasRecordedView(doc: GraphDocument): boolean {
  return !(doc.view.x === 0 && doc.view.y === 0 && doc.view.zoom === 1);
}

/** A just-opened document: back where it was left when its file recorded a view, else fitted into view. */
export async function showOpened(flow: ReactFlowInstance, doc: GraphDocument, presentation: boolean): Promise<void> {
  if (hasRecordedView(doc)) await flow.setViewport(doc.view);
  else await fitGraph(flow, presentation);
}

/**
 * The document with the canvas viewport recorded in it, for saving (rounded: whole pixels, zoom to 4 decimals). A
 * viewport the file format cannot hold leaves the document's view as it was.
 */
export function withViewport(doc: GraphDocument, vp: Viewport): GraphDocument {
  const view = { x: Math.round(vp.x), y: Math.round(vp.y), zoom: Math.round(vp.zoom * 1e4) / 1e4 };
  if (view.x === doc.view.x && view.y === doc.view.y && view.zoom === doc.view.zoom) return doc;
  try {
    return setView(doc, view);
  } catch {
    return doc;
  }
}

/** Where the mouse last was over the canvas, in canvas coordinates (null once it leaves): paste puts copies there. */
let pointer: { x: number; y: number } | null = null;
let lastPasteAt: { x: number; y: number } | null = null;
export function setCanvasPointer(p: { x: number; y: number } | null): void { pointer = p; }

/**
 * How far to shift the clipboard's nodes when pasting: to the mouse when it is over the canvas (the copies' top-left
 * corner at the pointer), otherwise, or when pasting again without moving the mouse, beside the copied nodes by
 * their own width, so copies never cover what they were copied from.
 */
export function pasteOffset(clip: Fragment | null): { x: number; y: number } {
  if (!clip || clip.nodes.length === 0) return { x: 0, y: 0 };
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of clip.nodes) {
    minX = Math.min(minX, n.position.x); minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + NODE_WIDTH); maxY = Math.max(maxY, n.position.y + NODE_HEIGHT);
  }
  const snap = (v: number): number => Math.round(v / 10) * 10;
  const p = pointer;
  const overOriginals = p && p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY;
  if (p && !overOriginals && !(lastPasteAt && lastPasteAt.x === p.x && lastPasteAt.y === p.y)) {
    lastPasteAt = p;
    return { x: snap(p.x - minX), y: snap(p.y - minY) };
  }
  // Wide selections step down, tall or single ones step right.
  return maxX - minX > (maxY - minY) * 2 ? { x: 0, y: snap(maxY - minY + 40) } : { x: snap(maxX - minX + 40), y: 0 };
}
