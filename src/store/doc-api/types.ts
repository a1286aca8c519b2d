import type { DType, Tensor } from '../../engine';

/**
 * The document as the editor sees it. This seam is the one place the editor meets the document layer (issue 3):
 * while `src/document` and `src/kinds` were not yet published, these are the editor's own minimal versions, shaped
 * as issue 3 specifies them (nodes `{id, kind, position, params}`, edges with structured `{node, port}` ends).
 */
export interface PortRef { node: string; port: string }
export interface GraphNode {
  id: string;
  kind: string;
  name?: string;
  position: { x: number; y: number };
  params: Record<string, unknown>;
}
export interface GraphEdge { id: string; source: PortRef; target: PortRef }
export interface GraphDoc {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The scalar node backward starts from, if any. */
  objective?: string;
}

export interface PortSpec { name: string; label: string }
export type ParamSpec =
  | { name: string; label: string; type: 'number'; default: number; min?: number; max?: number; step?: number; description?: string }
  | { name: string; label: string; type: 'integer'; default: number; min?: number; max?: number; description?: string }
  | { name: string; label: string; type: 'boolean'; default: boolean; description?: string }
  | { name: string; label: string; type: 'string'; default: string; description?: string }
  | { name: string; label: string; type: 'choice'; default: string; choices: readonly string[]; description?: string }
  | { name: string; label: string; type: 'tensor'; default: TensorParam; description?: string };

/** A tensor stored in the document: flat row-major values, shape and dtype. */
export interface TensorParam { values: number[]; shape: number[]; dtype: DType }

export interface Formula { label: string; latex: string }
export interface KindInfo {
  id: string;
  label: string;
  category: string;
  description: string;
  formulas: Formula[];
  inputs: PortSpec[];
  outputs: PortSpec[];
  params: ParamSpec[];
  /** Applies the same scalar function to each element: the charts plot it and its derivative. */
  elementwise?: boolean;
}

export interface Stats { min: number; max: number; mean: number; std: number; nan: number; posInf: number; negInf: number }

/** What evaluation gives for one node. */
export interface NodeResult {
  value: Tensor | null;
  grad: Tensor | null;
  shape: readonly number[] | null;
  dtype: DType | null;
  stats: Stats | null;
  /** A message naming the node, port and shapes. */
  error?: string;
  /** Not computed because something upstream failed. */
  blocked?: boolean;
}
export type Results = ReadonlyMap<string, NodeResult>;

export type ConnectCheck = { ok: true } | { ok: false; reason: 'cycle' | 'type' | 'shape' | 'occupied' | 'self'; message: string };

export interface Problem { path: string; message: string }
export type ParseResult = { ok: true; doc: GraphDoc } | { ok: false; problems: Problem[] };
