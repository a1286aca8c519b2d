import type { DType, Tensor } from '../engine';
import type { ParamValue, Shape } from '../kinds/types';
import type { TrainingSetup } from './schema';

export type { TrainingSetup, OptimizerConfig, ScheduleConfig } from './schema';

/** A point on the canvas. */
export interface Position {
  readonly x: number;
  readonly y: number;
}

/** One end of an edge: a node and one of its ports (never packed into a string). */
export interface PortRef {
  readonly node: string;
  readonly port: string;
}

/** A node: an instance of a kind with its params. `params` is replaced (never mutated) on every edit. */
export interface GraphNode {
  readonly id: string;
  /** A registered kind id (see `src/kinds/`). */
  readonly kind: string;
  readonly position: Position;
  readonly params: Readonly<Record<string, ParamValue>>;
  /** A user-given name shown on the node (defaults to the kind's label). */
  readonly name?: string;
}

/** An edge from an output port to an input port. An input port takes at most one edge. */
export interface GraphEdge {
  readonly id: string;
  readonly source: PortRef;
  readonly target: PortRef;
}

/** The canvas viewport. */
export interface ViewState {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * A graph document as the app holds it: immutable (commands return a new document), always valid in structure
 * (unique ids, edges between existing ports, no cycles), though a node may still fail to evaluate (a shape mismatch,
 * a missing input).
 */
export interface GraphDocument {
  readonly title: string;
  readonly description: string;
  /** ISO 8601 date-times. */
  readonly created: string;
  readonly modified: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /**
   * The scalar output the backward pass starts from. null: the document's single loss node if it has exactly one,
   * otherwise no backward pass.
   */
  readonly objective: PortRef | null;
  readonly view: ViewState;
  /**
   * How the graph trains (file format version 2), every default filled in; absent when it does not train. The loss is
   * the objective above.
   */
  readonly training?: TrainingSetup;
}

/** One problem found while reading a file or checking a document: where (a JSON path) and what, in plain words. */
export interface Problem {
  /** A JSON path into the file, e.g. `$.graph.nodes[2].params.shape`; `$` for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** The outcome of `parseDocument`: the document, or every problem found. */
export type ParseResult =
  | { readonly ok: true; readonly document: GraphDocument; readonly migratedFrom: number | null; readonly warnings: readonly Problem[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The answer of `canConnect`. */
export type ConnectCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'cycle' | 'type' | 'shape' | 'port' | 'self'; readonly message: string };

/**
 * Summary statistics of a tensor's values. Read them as two parts:
 * - `min`, `max`, `mean`, `std` are over the **finite** values only (`finite` of them), and are NaN when there are
 *   none — so `[inf, -inf, 0]` has min 0 and max 0, with `posInf` 1 and `negInf` 1;
 * - `nan`, `posInf`, `negInf` count the values left out.
 * `count` = `finite` + `nan` + `posInf` + `negInf`. Show min/max together with the counts whenever `finite < count`
 * (e.g. "min 0 · max 0 over 1 finite of 3 · 1 inf, 1 -inf"), never alone.
 */
export interface TensorStats {
  /** Every element. */
  readonly count: number;
  /** The finite elements: what min, max, mean and std are over. */
  readonly finite: number;
  /** Smallest finite value; NaN when no value is finite. */
  readonly min: number;
  /** Largest finite value; NaN when no value is finite. */
  readonly max: number;
  /** Mean of the finite values; NaN when no value is finite. */
  readonly mean: number;
  /** Population standard deviation of the finite values; NaN when no value is finite. */
  readonly std: number;
  /** How many values are NaN (left out of min/max/mean/std). */
  readonly nan: number;
  /** How many values are +Infinity (left out of min/max/mean/std). */
  readonly posInf: number;
  /** How many values are −Infinity (left out of min/max/mean/std). */
  readonly negInf: number;
}

/** A computed tensor at a port (or a trainable param), with its gradient after the backward pass. */
export interface PortResult {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly value: Tensor;
  readonly stats: TensorStats;
  /** ∂objective/∂value; null when there is no backward pass or no gradient reaches this tensor. */
  readonly grad: Tensor | null;
  readonly gradStats: TensorStats | null;
}

/** A node's evaluation: `ok`, `error` (it failed: see `error`), or `blocked` (an upstream node failed). */
export interface NodeResult {
  readonly status: 'ok' | 'error' | 'blocked';
  /** By output port id (only when ok). */
  readonly outputs: Readonly<Record<string, PortResult>>;
  /** Trainable params (Linear's W and b), by param name (only when ok). */
  readonly params: Readonly<Record<string, PortResult>>;
  /**
   * What the node computed but silently changed, in plain words (only when ok; otherwise empty): values its dtype
   * cannot hold, e.g. "values 0 and 1 (1e40, -1e40) overflow float32 and become ±inf; use float64", or nonzero values
   * that underflow to 0. The node still computes; the editor shows these beside it.
   */
  readonly warnings: readonly string[];
  /** For `error`: a message naming the node, the port and the shapes. */
  /**
   * Why the node did not compute. `missingInput` marks the one case that is not a mistake but a graph still being
   * built (an input without a wire), so views can show it calmly.
   */
  readonly error?: { readonly message: string; readonly port?: string; readonly missingInput?: boolean };
  /** For `blocked`: the failing upstream nodes. */
  readonly blockedBy?: readonly string[];
}

/** Everything one evaluation computed. */
export interface EvaluationResult {
  /** Node ids in the order they were evaluated (topological). */
  readonly order: readonly string[];
  readonly nodes: ReadonlyMap<string, NodeResult>;
  /** The port backward started from, and its value; null when there is none. */
  readonly objective: { readonly node: string; readonly port: string; readonly value: number } | null;
  /** Why there is no backward pass (no objective, a non-scalar objective, a failed objective), if so. */
  readonly objectiveMessage: string | null;
  /** How many nodes ran their forward computation this time (the rest came from the cache). */
  readonly recomputed: number;
}
