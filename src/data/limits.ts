/**
 * Limits on a user's CSV file and on the table a document stores. A file beyond them is refused with a message
 * before it is parsed, so a wrong file (a 2 GB log, a genome) can neither hang nor exhaust the app.
 */
export const DATA_LIMITS = {
  /** Characters of CSV text (5 MiB; a file's size in bytes can be checked against it before it is read). */
  maxCsvChars: 5 * 1024 * 1024,
  /** Data rows of a CSV file (the header row not counted). */
  maxRows: 100_000,
  /** Columns of a CSV file. */
  maxColumns: 1_000,
  /**
   * Values (rows × stored columns) of one data set stored in a document. The document parser refuses any list over
   * 1,000,000 entries and a document holds at most 4,000,000 values in all (src/document/limits.ts).
   */
  maxStoredValues: 1_000_000,
  /** Rows of a generated data set. */
  maxGeneratedRows: 100_000,
  /** Problems listed for one file; beyond this the list ends with a count of the rest. */
  maxProblems: 100,
} as const;
