import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent } from 'react';
import {
  applyNodeChanges, Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow,
  type Connection, type EdgeChange, type NodeChange, type OnConnectStart,
} from '@xyflow/react';
import { useEditor, useEditorApi } from '../../store/context';
import { syncFlowNodes, toFlowEdges, type FlowEdge, type FlowNode } from './adapter';
import { crowded, layoutPositions } from './auto-layout';
import { GraphNodeView } from './GraphNodeView';
import { ShapeEdge } from './ShapeEdge';
import { fitGraph, setCanvasPointer, showOpened } from './view';
import { CsvImportDialog, commitImport, isCsvFile, readCsvFile, type CsvFile } from '../inspector/CsvImport';
import { addNode, newNodeId } from '../../document';
import type { ParamValue } from '../../kinds';

// Module scope, so React Flow never sees new type maps.
const nodeTypes = { sorix: GraphNodeView };
const edgeTypes = { sorix: ShapeEdge };
export const KIND_MIME = 'application/x-sorix-kind';
/** Past this many nodes, only those on screen are rendered (culling costs more than it saves on small graphs). */
const CULL_ABOVE = 100;
// Props React Flow copies into its store when they change by identity: made once, so a re-render of the canvas
// (every edit) does not push new arrays and objects into its store and wake its subscribers.
const SNAP_GRID: [number, number] = [10, 10];
const MULTI_SELECT_KEYS = ['Control', 'Meta'];
const DEFAULT_VIEWPORT = { x: 0, y: 0, zoom: 1 };
const ARIA_LABELS = { 'node.a11yDescription.default': 'Press Enter or Space to select, arrow keys to move.' };
const PRO_OPTIONS = { hideAttribution: true };

/** The canvas: a view of the document. Changes go to the store as document commands; drags commit once, at the end. */
export function Canvas() {
  const api = useEditorApi();
  const doc = useEditor((s) => s.doc);
  const results = useEditor((s) => s.results);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const minimap = useEditor((s) => s.minimap);
  const theme = useEditor((s) => s.theme);
  const refusal = useEditor((s) => s.refusal);
  const flow = useReactFlow();
  const presentation = useEditor((s) => s.presentation);
  // React Flow's node and edge lists follow the document during this render, not in an effect after it: an edit then
  // costs one render pass instead of two. Nodes stay local state, since React Flow writes drags and sizes into them.
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);
  const [shown, setShown] = useState({ doc: null as typeof doc | null, selectedNodes, results: null as typeof results | null, selectedEdges });
  if (shown.doc !== doc || shown.selectedNodes !== selectedNodes || shown.results !== results || shown.selectedEdges !== selectedEdges) {
    if (shown.doc !== doc || shown.selectedNodes !== selectedNodes) setNodes((prev) => syncFlowNodes(prev, doc, selectedNodes));
    if (shown.doc !== doc || shown.results !== results || shown.selectedEdges !== selectedEdges) setEdges((prev) => toFlowEdges(doc, results, selectedEdges, prev));
    setShown({ doc, selectedNodes, results, selectedEdges });
  }

  const loadCount = useEditor((s) => s.loadCount);
  // A newly opened document goes back to the view its file recorded, or is fitted into view (React Flow waits until
  // its nodes are measured); an example being arranged is fitted once arranged.
  useEffect(() => {
    if (loadCount === 0) return;
    const s = api.getState();
    void (s.arrangePending ? fitGraph(flow, s.presentation) : showOpened(flow, s.doc, s.presentation));
  }, [loadCount, flow, api]);
  // Bundled examples come laid out for smaller nodes: arrange them once measured, if they are crowded.
  const arrangePending = useEditor((s) => s.arrangePending);
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!arrangePending || !initialized) return;
    const measured = flow.getNodes().map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }));
    if (!crowded(measured)) { api.getState().setUi({ arrangePending: false }); return; }
    void layoutPositions(api.getState().doc, new Map(measured.map((m) => [m.id, m]))).then((moves) => api.getState().arrangeLoaded(moves));
  }, [arrangePending, initialized, flow, api]);
  // Presentation mode enlarges the graph by zooming the canvas (nodes keep their size in canvas units, so layouts
  // never change): once the panels have resized, the graph is fitted again at a zoom whose text reads on a projector.
  const shownPresentation = useRef(presentation);
  useEffect(() => {
    if (shownPresentation.current === presentation) return;
    shownPresentation.current = presentation;
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => void fitGraph(flow, presentation)));
    return () => cancelAnimationFrame(frame);
  }, [presentation, flow]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    const moved: { id: string; position: { x: number; y: number } }[] = [];
    for (const c of changes) if (c.type === 'position' && c.dragging !== true && c.position) moved.push({ id: c.id, position: c.position });
    if (moved.length) api.getState().moveNodes(moved);
    if (changes.some((c) => c.type === 'select')) {
      const s = api.getState();
      const sel = new Set(s.selectedNodes);
      for (const c of changes) if (c.type === 'select') { if (c.selected) sel.add(c.id); else sel.delete(c.id); }
      s.select([...sel], s.selectedEdges);
    }
  }, [api]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const s = api.getState();
    const sel = new Set(s.selectedEdges);
    let touched = false;
    for (const c of changes) if (c.type === 'select') { touched = true; if (c.selected) sel.add(c.id); else sel.delete(c.id); }
    if (touched) s.select(s.selectedNodes, [...sel]);
  }, [api]);

  const onConnect = useCallback((c: Connection) => {
    api.getState().connect({ node: c.source, port: c.sourceHandle ?? 'out' }, { node: c.target, port: c.targetHandle ?? 'x' });
  }, [api]);
  const onConnectStart: OnConnectStart = useCallback((_e, p) => {
    if (p.handleType === 'source' && p.nodeId && p.handleId) api.getState().startConnecting({ node: p.nodeId, port: p.handleId });
  }, [api]);
  const onConnectEnd = useCallback(() => api.getState().stopConnecting(), [api]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(KIND_MIME) || e.dataTransfer.types.includes('Files')) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
  }, []);
  // A CSV file dropped on the canvas opens the import; "Use this data" adds a CSV data node there (one undo step).
  const [droppedCsv, setDroppedCsv] = useState<{ file: CsvFile; position: { x: number; y: number } } | null>(null);
  const onDrop = useCallback((e: DragEvent) => {
    const kind = e.dataTransfer.getData(KIND_MIME);
    const file = e.dataTransfer.files[0];
    if (!kind && !file) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const position = { x: Math.round(p.x / 10) * 10, y: Math.round(p.y / 10) * 10 };
    if (kind) api.getState().addNode(kind, position);
    else if (file && isCsvFile(file)) void readCsvFile(file).then((f) => setDroppedCsv({ file: f, position }));
    else if (file) api.getState().setUi({ refusal: `“${file.name}” is not a CSV file: drop a .csv file to use it as data, or open a graph with File ▸ Open.` });
  }, [api, flow]);
  const useDroppedCsv = useCallback((params: Record<string, ParamValue>): string | null => {
    const id = newNodeId(api.getState().doc, 'csvData');
    const refused = commitImport(api, (doc) => addNode(doc, { kind: 'csvData', id, position: droppedCsv!.position, params }));
    if (!refused) api.getState().select([id], []);
    return refused;
  }, [api, droppedCsv]);
  const onMouseMove = useCallback((e: MouseEvent) => setCanvasPointer(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })), [flow]);
  const onMouseLeave = useCallback(() => setCanvasPointer(null), []);
  const onPaneClick = useCallback(() => api.getState().select([], []), [api]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} onMouseMove={onMouseMove} onMouseLeave={onMouseLeave}
      data-testid="canvas" aria-busy={arrangePending}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectStart={onConnectStart}
        onConnectEnd={onConnectEnd}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        snapToGrid
        snapGrid={SNAP_GRID}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={3}
        defaultViewport={DEFAULT_VIEWPORT}
        onlyRenderVisibleElements={doc.nodes.length > CULL_ABOVE}
        ariaLabelConfig={ARIA_LABELS}
        proOptions={PRO_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        {/* On a projector the graph needs every pixel: presentation mode hides the minimap. */}
        {minimap && !presentation && <MiniMap pannable zoomable ariaLabel="Minimap" className="minimap" />}
      </ReactFlow>
      {refusal && (
        <div className="refusal" role="alert" data-testid="refusal">
          {refusal} <button onClick={() => api.getState().setUi({ refusal: null })} aria-label="Dismiss">✕</button>
        </div>
      )}
      {droppedCsv && <CsvImportDialog file={droppedCsv.file} onClose={() => setDroppedCsv(null)} onUse={useDroppedCsv} />}
      {doc.nodes.length === 0 && (
        <div className="empty-hint muted" data-testid="empty-hint">Drag a node from the palette, or click one to add it. Press ? for shortcuts.</div>
      )}
    </div>
  );
}
