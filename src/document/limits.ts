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
   */
  maxComputedElements: 16 * 1024 * 1024,
} as const;

/** Ids of nodes, edges and ports: letters, digits, `_`, `-`, `.`, starting with a letter or `_`. */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
