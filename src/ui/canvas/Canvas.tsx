import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  applyNodeChanges, Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow,
  type Connection, type EdgeChange, type NodeChange, type OnConnectStart,
} from '@xyflow/react';
import { useEditor, useEditorApi } from '../../store/context';
import { syncFlowNodes, toFlowEdges, type FlowNode } from './adapter';
import { crowded, layoutPositions } from './auto-layout';
import { GraphNodeView } from './GraphNodeView';
import { ShapeEdge } from './ShapeEdge';

// Module scope, so React Flow never sees new type maps.
const nodeTypes = { sorix: GraphNodeView };
const edgeTypes = { sorix: ShapeEdge };
export const KIND_MIME = 'application/x-sorix-kind';
const PRESENTATION_ZOOM = 1.45;

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
  const [nodes, setNodes] = useState<FlowNode[]>([]);

  const loadCount = useEditor((s) => s.loadCount);
  useEffect(() => setNodes((prev) => syncFlowNodes(prev, doc, selectedNodes)), [doc, selectedNodes]);
  // A newly opened document is fitted into view (React Flow waits until its nodes are measured).
  useEffect(() => { if (loadCount > 0) void flow.fitView({ padding: 0.2, maxZoom: 1.2 }); }, [loadCount, flow]);
  // Bundled examples come laid out for smaller nodes: arrange them once measured, if they are crowded.
  const arrangePending = useEditor((s) => s.arrangePending);
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (!arrangePending || !initialized) return;
    const measured = flow.getNodes().map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }));
    if (!crowded(measured)) { api.getState().setUi({ arrangePending: false }); return; }
    void layoutPositions(api.getState().doc, new Map(measured.map((m) => [m.id, m]))).then((moves) => api.getState().arrangeLoaded(moves));
  }, [arrangePending, initialized, flow, api]);
  // Presentation mode enlarges the canvas by zooming it, like the panels' text.
  const presentation = useEditor((s) => s.presentation);
  const shownPresentation = useRef(presentation);
  useEffect(() => {
    if (shownPresentation.current === presentation) return;
    shownPresentation.current = presentation;
    void flow.zoomTo(flow.getZoom() * (presentation ? PRESENTATION_ZOOM : 1 / PRESENTATION_ZOOM), { duration: 150 });
  }, [presentation, flow]);
  const edges = useMemo(() => toFlowEdges(doc, results, selectedEdges), [doc, results, selectedEdges]);

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
    if (e.dataTransfer.types.includes(KIND_MIME)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; }
  }, []);
  const onDrop = useCallback((e: DragEvent) => {
    const kind = e.dataTransfer.getData(KIND_MIME);
    if (!kind) return;
    e.preventDefault();
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    api.getState().addNode(kind, { x: Math.round(p.x / 10) * 10, y: Math.round(p.y / 10) * 10 });
  }, [api, flow]);

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas" aria-busy={arrangePending}>
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
        onPaneClick={() => api.getState().select([], [])}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        snapToGrid
        snapGrid={[10, 10]}
        colorMode={theme}
        minZoom={0.1}
        maxZoom={3}
        defaultViewport={{ x: 0, y: 0, zoom: 1 }}
        onlyRenderVisibleElements
        ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select, arrow keys to move.' }}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        {minimap && <MiniMap pannable zoomable ariaLabel="Minimap" />}
      </ReactFlow>
      {refusal && (
        <div className="refusal" role="alert" data-testid="refusal">
          {refusal} <button onClick={() => api.getState().setUi({ refusal: null })} aria-label="Dismiss">✕</button>
        </div>
      )}
      {doc.nodes.length === 0 && (
        <div className="empty-hint muted" data-testid="empty-hint">Drag a node from the palette, or click one to add it. Press ? for shortcuts.</div>
      )}
    </div>
  );
}
