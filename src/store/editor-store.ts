import { createStore, type StoreApi } from 'zustand/vanilla';
import * as D from '../document';
import type { EvaluationResult, GraphDocument, PortRef, Problem } from '../document';
import { registry, type ParamValue } from '../kinds';
import { extractFragment, pasteFragment, type Fragment } from './fragment';
import type { EvalRunner } from '../runtime/eval-runner';
import { createEvalScheduler } from './eval-scheduler';
import { createRunActions, displayDocument, type FrameScheduler, type RunActions, type RunSlice, type TrainClientFactory } from './run-slice';

/** Document slice: the graph (the source of truth) and where it lives. */
export interface DocumentSlice {
  doc: GraphDocument;
  fileName: string;
  path?: string;
  /** The document as last saved or opened; dirty is `doc !== savedDoc`. */
  savedDoc: GraphDocument | null;
}

/** History slice: documents before and after the current one (immutable, so they share structure). */
export interface HistorySlice {
  past: GraphDocument[];
  future: GraphDocument[];
}

/** Evaluation slice: derived from the document at one choke point, never edited directly. */
export interface EvalSlice {
  results: EvaluationResult;
  evalMs: number;
  /**
   * Whether `results` belong to the current document. `current`: they do. `running`: a heavy evaluation runs off the
   * main thread and the results shown are from before the last change (stale); `progress` says how far it got.
   * `stopped`: the user stopped it and the results are from before the last change. `failed`: it broke (`message`).
   */
  evalStatus: EvalStatus;
}

export interface EvalStatus {
  readonly state: 'current' | 'running' | 'stopped' | 'failed';
  readonly progress: D.EvalProgress | null;
  /** The estimated work in element-operations, for a running evaluation. */
  readonly ops?: number;
  readonly message?: string;
}

export interface EditorStoreOptions {
  /**
   * Where heavy evaluations run: a Web Worker in the app (`createBrowserRunner`), the in-process runner in tests.
   * Without one, every evaluation runs synchronously.
   */
  runner?: EvalRunner;
  /** Estimated element-operations above which an evaluation goes to the runner (default `ASYNC_THRESHOLD_OPS`). */
  threshold?: number;
  /** Where training runs: a Web Worker in the app; by default the same host in this thread (tests). */
  trainClient?: TrainClientFactory;
  /** When the run's news reaches the store: once per animation frame in the app; at once by default (tests). */
  trainFrame?: FrameScheduler;
}

/**
 * About 30 ms of evaluation on a 2026 laptop core (a 256×256 MatMul with its backward pass measures ~36 ms at ~112
 * M estimated ops; see test/perf/eval-cost.ts). Below it the store evaluates synchronously, as it always did.
 */
export const ASYNC_THRESHOLD_OPS = 80e6;

const CURRENT: EvalStatus = { state: 'current', progress: null };
const EMPTY_RESULTS: EvaluationResult = { order: [], nodes: new Map(), objective: null, objectiveMessage: null, recomputed: 0 };

export type Theme = 'light' | 'dark';
/** UI slice: selection and view settings. Not history, never saved in the document. */
export interface UiSlice {
  selectedNodes: string[];
  selectedEdges: string[];
  theme: Theme;
  presentation: boolean;
  /** What the side panel shows: the selected node's details and charts, or training. */
  sideTab: 'details' | 'train';
  minimap: boolean;
  gradColors: boolean;
  fullPrecision: boolean;
  /** Why the last connection or edit was refused, shown until dismissed or the next attempt. */
  refusal: string | null;
  /**
   * While a wire is dragged: why an input port refuses it (undefined when it takes it). Ports are checked when first
   * asked, so each node on screen checks its own ports and only the nodes whose answer changes draw again.
   */
  connecting: { source: PortRef; refusal(node: string, port: string): string | undefined } | null;
  clipboard: Fragment | null;
  dialog: null | 'help' | 'about';
  /** Counts documents loaded (New, Open, restore): the canvas fits the view when it changes. */
  loadCount: number;
  /** A bundled example was opened: once its nodes are measured, the canvas arranges it if they are crowded. */
  arrangePending: boolean;
  /** Problems of the last file that failed to open. */
  problems: { fileName: string; problems: readonly Problem[] } | null;
}

export interface Actions {
  /** The one way the document changes: records history (unless `record` is false) and re-evaluates. */
  commit(doc: GraphDocument, opts?: { record?: boolean }): void;
  undo(): void;
  redo(): void;
  /** Replaces the whole document (New, Open, restore): history starts afresh. */
  load(doc: GraphDocument, file: { fileName: string; path?: string; dirty?: boolean; arrange?: boolean }): void;
  /** Lays out a just-opened example without a history step, keeping it clean if it was. */
  arrangeLoaded(moves: readonly { id: string; position: { x: number; y: number } }[]): void;
  /** After a save: `saved` (the document as written, with its modification date) becomes the clean document. */
  markSaved(file: { fileName: string; path?: string }, saved?: GraphDocument): void;
  addNode(kind: string, position: { x: number; y: number }): string | null;
  connect(source: PortRef, target: PortRef): boolean;
  removeSelection(): void;
  /** Removes the wire into one input, if there is one. */
  disconnectInput(target: PortRef): void;
  moveNodes(moves: readonly { id: string; position: { x: number; y: number } }[]): void;
  /** Sets params; a refused edit leaves the document as it was and returns the reason. */
  setParams(nodeId: string, patch: Record<string, ParamValue>): string | null;
  renameNode(nodeId: string, name: string): void;
  /** Sets the document's title and/or description: one undo step; a refused edit returns the reason. */
  setMeta(meta: { title?: string; description?: string }): string | null;
  setObjective(ref: PortRef | null): void;
  copySelection(): void;
  paste(offset?: { x: number; y: number }): void;
  duplicateSelection(): void;
  select(nodes: string[], edges?: string[]): void;
  startConnecting(source: PortRef): void;
  stopConnecting(): void;
  setUi(patch: Partial<UiSlice>): void;
  /** Stops a running off-thread evaluation; the results stay as they were before the last change. */
  stopEvaluation(): void;
}

export type EditorState = DocumentSlice & HistorySlice & EvalSlice & UiSlice & RunSlice & Actions & RunActions;
export type EditorStore = StoreApi<EditorState>;

const HISTORY_LIMIT = 200;

/** Runs a document command; a CommandError becomes the shown refusal instead of an exception. */
function attempt(fn: () => GraphDocument): GraphDocument | string {
  try {
    return fn();
  } catch (err) {
    if (err instanceof D.CommandError) return err.message;
    throw err;
  }
}

export function createEditorStore(initial: GraphDocument = D.createDocument(), opts: EditorStoreOptions = {}): EditorStore {
  return createStore<EditorState>()((set, get) => {
    // Evaluation scheduling (synchronous now, or in the runner's worker for heavy work) lives in its own module; the
    // store's actions only hand it each new document. While a training run exists, the canvas shows its weights.
    const scheduler = createEvalScheduler<EditorState>({ get, set, runner: opts.runner, threshold: opts.threshold ?? ASYNC_THRESHOLD_OPS, registry });
    const evaluate = (source: GraphDocument): Partial<EvalSlice> => scheduler.evaluate(displayDocument(source, runState()));
    const pruneSelection = (doc: GraphDocument) => {
      const nodes = new Set(doc.nodes.map((n) => n.id));
      const edges = new Set(doc.edges.map((e) => e.id));
      const s = get();
      return { selectedNodes: s.selectedNodes.filter((id) => nodes.has(id)), selectedEdges: s.selectedEdges.filter((id) => edges.has(id)) };
    };
    const apply = (result: GraphDocument | string): boolean => {
      if (typeof result === 'string') { set({ refusal: result }); return false; }
      get().commit(result);
      return true;
    };
    let runState = (): RunSlice['run'] => null;
    const runs = createRunActions<EditorState>({
      get,
      set: (patch) => set(patch),
      commit: (doc) => get().commit(doc),
      refresh: () => set(evaluate(get().doc)),
    }, opts.trainClient, opts.trainFrame);
    runState = () => get()?.run ?? null;
    return {
      run: null, runNotice: null,
      trainPlay: runs.trainPlay, trainPause: runs.trainPause, trainStep: runs.trainStep, trainReset: runs.trainReset,
      keepTrainedWeights: runs.keepTrainedWeights, setTraining: runs.setTraining,
      doc: initial, fileName: `Untitled${D.FILE_EXTENSION}`, savedDoc: initial,
      past: [], future: [],
      results: EMPTY_RESULTS, evalMs: 0, evalStatus: CURRENT,
      ...evaluate(initial),
      selectedNodes: [], selectedEdges: [], theme: 'light', presentation: false, sideTab: 'details', minimap: true, gradColors: false,
      fullPrecision: false, refusal: null, connecting: null, clipboard: null, dialog: null, problems: null, loadCount: 0, arrangePending: false,

      commit(doc, opts = {}) {
        const s = get();
        if (doc === s.doc) return;
        const record = opts.record ?? true;
        runs.documentChanged(doc);
        set({
          doc,
          // A change that went through makes an earlier refusal's banner stale.
          ...(record ? { past: [...s.past, s.doc].slice(-HISTORY_LIMIT), future: [], refusal: null } : {}),
          ...evaluate(doc),
          ...pruneSelection(doc),
        });
      },
      undo() {
        const s = get();
        const prev = s.past[s.past.length - 1];
        if (!prev) return;
        runs.documentChanged(prev);
        set({ doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], refusal: null, ...evaluate(prev), ...pruneSelection(prev) });
      },
      redo() {
        const s = get();
        const next = s.future[0];
        if (!next) return;
        runs.documentChanged(next);
        set({ doc: next, past: [...s.past, s.doc], future: s.future.slice(1), refusal: null, ...evaluate(next), ...pruneSelection(next) });
      },
      load(doc, file) {
        runs.discard();
        scheduler.reset();
        set({ doc, savedDoc: file.dirty ? null : doc, fileName: file.fileName, path: file.path, past: [], future: [],
          selectedNodes: [], selectedEdges: [], refusal: null, problems: null, loadCount: get().loadCount + 1,
          arrangePending: file.arrange ?? false, ...evaluate(doc) });
      },
      arrangeLoaded(moves) {
        const s = get();
        const clean = s.doc === s.savedDoc;
        const doc = attempt(() => D.moveNodes(s.doc, moves));
        if (typeof doc === 'string') { set({ arrangePending: false }); return; }
        set({ doc, arrangePending: false, loadCount: s.loadCount + 1, ...(clean ? { savedDoc: doc } : {}), ...evaluate(doc) });
      },
      markSaved(file, saved) {
        // The date stamp is not an edit: it replaces the document without a history step.
        const doc = saved ?? get().doc;
        set({ doc, savedDoc: doc, fileName: file.fileName, path: file.path, ...(doc !== get().doc ? evaluate(doc) : {}) });
      },
      addNode(kind, position) {
        const id = D.newNodeId(get().doc, kind);
        if (!apply(attempt(() => D.addNode(get().doc, { kind, position, id })))) return null;
        set({ selectedNodes: [id], selectedEdges: [] });
        return id;
      },
      connect(source, target) {
        const check = D.canConnect(get().doc, source, target);
        if (!check.ok) { set({ refusal: `Refused (${check.reason}): ${check.message}.` }); return false; }
        set({ refusal: null });
        return apply(attempt(() => D.connect(get().doc, source, target)));
      },
      removeSelection() {
        const s = get();
        if (!s.selectedNodes.length && !s.selectedEdges.length) return;
        s.commit(D.removeNodes(D.disconnect(s.doc, s.selectedEdges), s.selectedNodes));
      },
      disconnectInput(target) {
        const s = get();
        const ids = s.doc.edges.filter((e) => e.target.node === target.node && e.target.port === target.port).map((e) => e.id);
        if (ids.length) s.commit(D.disconnect(s.doc, ids));
      },
      moveNodes(moves) {
        apply(attempt(() => D.moveNodes(get().doc, moves)));
      },
      setParams(nodeId, patch) {
        const r = attempt(() => D.updateParams(get().doc, nodeId, patch));
        if (typeof r === 'string') return r;
        get().commit(r);
        return null;
      },
      renameNode(nodeId, name) {
        apply(attempt(() => D.renameNode(get().doc, nodeId, name || undefined)));
      },
      setMeta(meta) {
        const r = attempt(() => D.setMeta(get().doc, meta));
        if (typeof r === 'string') return r;
        get().commit(r);
        return null;
      },
      setObjective(ref) {
        apply(attempt(() => D.setObjective(get().doc, ref)));
      },
      copySelection() {
        const s = get();
        if (s.selectedNodes.length) set({ clipboard: extractFragment(s.doc, s.selectedNodes) });
      },
      paste(offset = { x: 40, y: 40 }) {
        const s = get();
        if (!s.clipboard) return;
        const r = pasteFragment(s.doc, s.clipboard, offset);
        if (typeof r === 'string') { set({ refusal: r }); return; }
        s.commit(r.doc);
        // Pasting again steps further, so copies do not stack exactly.
        set({ selectedNodes: r.ids, selectedEdges: [], clipboard: { ...s.clipboard, nodes: s.clipboard.nodes.map((n) => ({ ...n, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } })) } });
      },
      duplicateSelection() {
        const s = get();
        if (!s.selectedNodes.length) return;
        const before = new Set(s.doc.nodes.map((n) => n.id));
        if (!apply(attempt(() => D.duplicateNodes(s.doc, s.selectedNodes)))) return;
        set({ selectedNodes: get().doc.nodes.filter((n) => !before.has(n.id)).map((n) => n.id), selectedEdges: [] });
      },
      select(nodes, edges = []) {
        set({ selectedNodes: nodes, selectedEdges: edges });
      },
      startConnecting(source) {
        set({ connecting: { source, refusal: D.refusalLookup(get().doc, source) }, refusal: null });
      },
      stopConnecting() {
        set({ connecting: null });
      },
      setUi(patch) {
        set(patch);
      },
      stopEvaluation() {
        scheduler.stop();
      },
    };
  });
}

/** Unsaved changes exist. */
export const selectDirty = (s: EditorState): boolean => s.doc !== s.savedDoc;
export const selectCanUndo = (s: EditorState): boolean => s.past.length > 0;
export const selectCanRedo = (s: EditorState): boolean => s.future.length > 0;
