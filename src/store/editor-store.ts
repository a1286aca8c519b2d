import { createStore, type StoreApi } from 'zustand/vanilla';
import * as D from './doc-api';
import type { GraphDoc, Results } from './doc-api';

/** Document slice: the graph (the source of truth) and where it lives. */
export interface DocumentSlice {
  doc: GraphDoc;
  fileName: string;
  path?: string;
  /** The document as last saved or opened; dirty is `doc !== savedDoc`. */
  savedDoc: GraphDoc;
}

/** History slice: documents before and after the current one. Selection and view are not history. */
export interface HistorySlice {
  past: GraphDoc[];
  future: GraphDoc[];
}

/** Evaluation slice: derived from the document at one choke point, never edited directly. */
export interface EvalSlice {
  results: Results;
  /** The document `results` belong to. */
  evaluatedDoc: GraphDoc | null;
  evalMs: number;
}

export type Theme = 'light' | 'dark';
export interface UiSlice {
  selectedNodes: string[];
  selectedEdges: string[];
  theme: Theme;
  presentation: boolean;
  minimap: boolean;
  gradColors: boolean;
  fullPrecision: boolean;
  /** The reason the last connection was refused, shown until the next attempt. */
  refusal: string | null;
  /** While a wire is dragged: where it starts. */
  connecting: D.PortRef | null;
  /** While a wire is dragged: `node:port` of each input it cannot reach, with the reason. */
  connectTargets: Record<string, string> | null;
  clipboard: D.Fragment | null;
  dialog: null | 'help' | 'about';
  /** Problems of the last failed open, shown in a dialog. */
  problems: { fileName: string; problems: D.Problem[] } | null;
}

export interface Actions {
  /** The one way the document changes: records history (unless `record` is false) and re-evaluates. */
  commit(doc: GraphDoc, opts?: { record?: boolean }): void;
  undo(): void;
  redo(): void;
  /** Replaces the whole document (New, Open, restore): history starts afresh. */
  load(doc: GraphDoc, file: { fileName: string; path?: string; dirty?: boolean }): void;
  markSaved(file: { fileName: string; path?: string }): void;
  addNode(kind: string, position: { x: number; y: number }): string;
  connect(source: D.PortRef, target: D.PortRef): boolean;
  removeSelection(): void;
  moveNodes(positions: ReadonlyMap<string, { x: number; y: number }>): void;
  setParam(nodeId: string, name: string, value: unknown): void;
  renameNode(nodeId: string, name: string): void;
  setObjective(nodeId: string | undefined): void;
  copySelection(): void;
  paste(offset?: { x: number; y: number }): void;
  duplicateSelection(): void;
  select(nodes: string[], edges?: string[]): void;
  /** A wire starts being dragged from an output: works out which inputs it cannot reach, and why. */
  startConnecting(source: D.PortRef): void;
  stopConnecting(): void;
  setUi(patch: Partial<UiSlice>): void;
}

export type EditorState = DocumentSlice & HistorySlice & EvalSlice & UiSlice & Actions;
export type EditorStore = StoreApi<EditorState>;

const HISTORY_LIMIT = 200;

export function createEditorStore(initial: GraphDoc = D.emptyDoc()): EditorStore {
  return createStore<EditorState>()((set, get) => {
    /** The evaluation choke point: every document change passes here. */
    const withResults = (doc: GraphDoc): Pick<EvalSlice, 'results' | 'evaluatedDoc' | 'evalMs'> => {
      const t0 = performance.now();
      const results = D.evaluate(doc);
      return { results, evaluatedDoc: doc, evalMs: performance.now() - t0 };
    };
    const pruneSelection = (doc: GraphDoc) => {
      const nodes = new Set(doc.nodes.map((n) => n.id));
      const edges = new Set(doc.edges.map((e) => e.id));
      const s = get();
      return { selectedNodes: s.selectedNodes.filter((id) => nodes.has(id)), selectedEdges: s.selectedEdges.filter((id) => edges.has(id)) };
    };
    return {
      doc: initial, fileName: 'Untitled.sorix.json', savedDoc: initial,
      past: [], future: [],
      ...withResults(initial),
      selectedNodes: [], selectedEdges: [], theme: 'light', presentation: false, minimap: true, gradColors: false,
      fullPrecision: false, refusal: null, connecting: null, connectTargets: null, clipboard: null, dialog: null, problems: null,

      commit(doc, opts = {}) {
        const s = get();
        if (doc === s.doc) return;
        const record = opts.record ?? true;
        set({
          doc,
          ...(record ? { past: [...s.past, s.doc].slice(-HISTORY_LIMIT), future: [] } : {}),
          ...withResults(doc),
          ...pruneSelection(doc),
        });
      },
      undo() {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        set({ doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], ...withResults(prev), ...pruneSelection(prev) });
      },
      redo() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        set({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), ...withResults(next), ...pruneSelection(next) });
      },
      load(doc, file) {
        set({ doc, savedDoc: file.dirty ? D.emptyDoc() : doc, fileName: file.fileName, path: file.path, past: [], future: [],
          selectedNodes: [], selectedEdges: [], refusal: null, problems: null, ...withResults(doc) });
      },
      markSaved(file) {
        set({ savedDoc: get().doc, fileName: file.fileName, path: file.path });
      },
      addNode(kind, position) {
        const r = D.addNode(get().doc, kind, position);
        get().commit(r.doc);
        set({ selectedNodes: [r.id], selectedEdges: [] });
        return r.id;
      },
      connect(source, target) {
        const s = get();
        const check = D.canConnect(s.doc, source, target, s.results);
        if (!check.ok) { set({ refusal: check.message }); return false; }
        set({ refusal: null });
        s.commit(D.connect(s.doc, source, target));
        return true;
      },
      removeSelection() {
        const s = get();
        if (!s.selectedNodes.length && !s.selectedEdges.length) return;
        s.commit(D.removeNodes(s.doc, s.selectedNodes, s.selectedEdges));
      },
      moveNodes(positions) {
        get().commit(D.moveNodes(get().doc, positions));
      },
      setParam(nodeId, name, value) {
        get().commit(D.setParam(get().doc, nodeId, name, value));
      },
      renameNode(nodeId, name) {
        get().commit(D.renameNode(get().doc, nodeId, name));
      },
      setObjective(nodeId) {
        get().commit(D.setObjective(get().doc, nodeId));
      },
      copySelection() {
        const s = get();
        if (s.selectedNodes.length) set({ clipboard: D.extractFragment(s.doc, s.selectedNodes) });
      },
      paste(offset = { x: 40, y: 40 }) {
        const s = get();
        if (!s.clipboard) return;
        const r = D.pasteFragment(s.doc, s.clipboard, offset);
        s.commit(r.doc);
        // Pasting again steps further, so copies do not stack exactly.
        set({ selectedNodes: r.ids, selectedEdges: [], clipboard: { nodes: s.clipboard.nodes.map((n) => ({ ...n, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } })), edges: s.clipboard.edges } });
      },
      duplicateSelection() {
        const s = get();
        if (!s.selectedNodes.length) return;
        const r = D.pasteFragment(s.doc, D.extractFragment(s.doc, s.selectedNodes), { x: 40, y: 40 });
        s.commit(r.doc);
        set({ selectedNodes: r.ids, selectedEdges: [] });
      },
      select(nodes, edges = []) {
        set({ selectedNodes: nodes, selectedEdges: edges });
      },
      startConnecting(source) {
        const s = get();
        const refused: Record<string, string> = {};
        for (const n of s.doc.nodes) {
          for (const p of D.getKind(n.kind)?.inputs ?? []) {
            const c = D.canConnect(s.doc, source, { node: n.id, port: p.name }, s.results);
            if (!c.ok) refused[`${n.id}:${p.name}`] = c.message;
          }
        }
        set({ connecting: source, connectTargets: refused, refusal: null });
      },
      stopConnecting() {
        set({ connecting: null, connectTargets: null });
      },
      setUi(patch) {
        set(patch);
      },
    };
  });
}

/** Unsaved changes exist. */
export const selectDirty = (s: EditorState): boolean => s.doc !== s.savedDoc;
export const selectCanUndo = (s: EditorState): boolean => s.past.length > 0;
export const selectCanRedo = (s: EditorState): boolean => s.future.length > 0;
