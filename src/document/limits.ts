/**
 * Limits on what a document may hold. Files beyond them are refused with a message before any heavy work, so a hostile
 * or broken file can neither crash nor hang the app.
 */
export const LIMITS = {
  /** Characters of a file's text (about 32 MB). */
  maxFileChars: 32 * 1024 * 1024,
  /** Nesting depth of the JSON (a valid file needs 6). */
  maxDepth: 32,
  maxNodes: 10_000,
  maxEdges: 40_000,
  /** Elements of all tensor params together. */
  maxTotalTensorElements: 4_000_000,
  maxTitle: 200,
  maxDescription: 20_000,
  maxName: 100,
  maxId: 64,
  /** Any other string in a file (a param value). */
  maxString: 10_000,
  /** |x| and |y| of a position or the view. */
  maxCoordinate: 1e7,
  /** Problems reported before the reader stops looking. */
  maxProblems: 200,
  /**
   * Elements one node output may have (16 Mi: 128 MB in float64). Checked from the inferred shapes before anything is
   * computed, so a broadcast such as (1000000,1) + (1,1000000) is refused with a message instead of exhausting memory.
   * The same bound applies to a shape's dimensions multiplied with each 0 counted as 1: a shape such as
   * (1000000,1000000,0) has no values but would be shown as 10^12 nested empty lists.
   */
  maxComputedElements: 16 * 1024 * 1024,
  /**
   * Elements one evaluation may hold in all (48 Mi: 384 MB in float64): every node's outputs and trainable params,
   * and their gradients where the backward pass reaches. Estimated from the inferred shapes before anything is
   * computed; the node where the total runs out gets a message, and nodes that depend on it do not run.
   */
  maxGraphElements: 48 * 1024 * 1024,
} as const;

/** Ids of nodes, edges and ports: letters, digits, `_`, `-`, `.`, starting with a letter or `_`. */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
