/**
 * A user's CSV file → a checked table. Parsing is papaparse's (quotes, delimiters, line endings); the rules about
 * what a cell may hold are ours. Every bad cell is listed with its row (1-based, as a spreadsheet numbers rows, the
 * header being row 1) and its column's name, and nothing is loaded until there are none.
 */
import Papa from 'papaparse';
import { DATA_LIMITS } from './limits';
import { datasetFromTable, guessTask, type StoredColumn, type StoredTable } from './table';
import type { Dataset, Task } from './types';

export type CsvProblemKind =
  | 'tooLarge' // the text is over DATA_LIMITS.maxCsvChars
  | 'tooManyRows'
  | 'tooManyColumns'
  | 'tooManyValues' // the chosen columns hold more than DATA_LIMITS.maxStoredValues
  | 'empty' // no data rows
  | 'syntax' // a quote left open or misplaced
  | 'ragged' // a row with more or fewer cells than the first
  | 'notNumber' // text in a number column
  | 'missing' // an empty cell, or NA / NaN / null / ?
  | 'column' // a chosen column that does not exist, or a bad choice of columns
  | 'target'; // a target that cannot serve the task (one class, text for regression)

export interface CsvProblem {
  kind: CsvProblemKind;
  /** 1-based row as a spreadsheet shows it (the header is row 1). */
  row?: number;
  /** The column's header name (or 'column 3' when the file has no header). */
  column?: string;
  message: string;
}

export type ColumnKind = 'number' | 'text';

/** The first rows of a file, as a table to show before loading. */
export interface CsvPreview {
  hasHeader: boolean;
  columns: { name: string; kind: ColumnKind }[];
  /** The first data rows' cells as written in the file (ragged rows as they are). */
  rows: string[][];
  /** The spreadsheet row number of each preview row. */
  rowNumbers: number[];
  /** Data rows in the whole file (empty lines not counted). */
  totalRows: number;
}

export interface CsvOptions {
  /** Shown in messages and kept as the data set's name, e.g. the file name. */
  name?: string;
  /** The cell separator; default: guessed from the first rows (',', ';', tab or '|'). */
  delimiter?: string;
  /** Whether row 1 holds column names; 'auto' (default): yes when none of its cells is a number (and not all are blank). */
  header?: 'auto' | boolean;
  /** The target column; default the last column. */
  target?: string;
  /** Feature columns; default every other column that holds mostly numbers (all others when none does). */
  features?: string[];
  /** Default 'auto': text or few whole numbers → classes, otherwise regression. */
  task?: 'auto' | Task;
  /** Rows in the preview (default 20). */
  previewRows?: number;
}

export type CsvResult =
  | { ok: true; table: StoredTable; dataset: Dataset; features: string[]; target: string; task: Task; preview: CsvPreview }
  | { ok: false; problems: CsvProblem[]; preview?: CsvPreview };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

export function isMissing(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase());
}

/** The number a cell holds, or null when it holds text (or a number too large for float64). */
export function parseNumber(cell: string): number | null {
  const s = cell.trim();
  if (!NUMBER.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

const fmt = (n: number): string => n.toLocaleString('en');

/**
 * Refusals that need no full parse: text too long, too many lines, too many columns in the first row. Returns the
 * delimiter to parse with when the text may be parsed.
 */
function checkSize(text: string, name: string, given: string | undefined): CsvProblem | { delimiter: string } {
  if (text.length > DATA_LIMITS.maxCsvChars) {
    return { kind: 'tooLarge', message: `${name} is ${(text.length / 1048576).toFixed(1)} MB; a CSV file may be at most ${DATA_LIMITS.maxCsvChars / 1048576} MB` };
  }
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (++lines > DATA_LIMITS.maxRows + 2) {
      return { kind: 'tooManyRows', message: `${name} has more than ${fmt(DATA_LIMITS.maxRows)} rows; a CSV file may have at most ${fmt(DATA_LIMITS.maxRows)}` };
    }
  }
  const delimiter = given ?? guessDelimiter(text);
  const first = Papa.parse<string[]>(text, { preview: 1, delimiter }).data[0] ?? [];
  if (first.length > DATA_LIMITS.maxColumns) {
    return { kind: 'tooManyColumns', message: `${name} has ${fmt(first.length)} columns; a CSV file may have at most ${fmt(DATA_LIMITS.maxColumns)}` };
  }
  return { delimiter };
}

interface Grid {
  hasHeader: boolean;
  names: string[];
  /** Data rows, each with its spreadsheet row number. */
  rows: { cells: string[]; row: number }[];
  problems: CsvProblem[];
}

const DELIMITERS = [',', ';', '\t', '|'];

/**
 * The delimiter that splits the first 50 rows into the same number (> 1) of cells each, the most cells winning (','
 * on a tie). Papaparse's own guess takes ',' for `x;y` / `1,5;0`, the usual form of a file written with decimal commas;
 * when no candidate is consistent its guess is used.
 */
export function guessDelimiter(text: string): string {
  let best = '';
  let bestCount = 1;
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 50 }).data.filter((r) => r.some((c) => c.trim() !== ''));
    const count = rows[0]?.length ?? 0;
    if (count > bestCount && rows.every((r) => r.length === count)) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Parses the text into rows of cells, drops blank lines, decides on the header and names the columns. */
function toGrid(text: string, header: 'auto' | boolean, delimiter: string): Grid {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter });
  const problems: CsvProblem[] = [];
  for (const e of parsed.errors) {
    if (e.type === 'Quotes') problems.push({ kind: 'syntax', row: (e.row ?? 0) + 1, message: `row ${(e.row ?? 0) + 1}: ${e.message}` });
  }
  const records = parsed.data
    .map((cells, i) => ({ cells, row: i + 1 }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  const first = records[0];
  const hasHeader = header === 'auto' ? first !== undefined && first.cells.every((c) => parseNumber(c) === null) && first.cells.some((c) => !isMissing(c)) : header;
  const width = first?.cells.length ?? 0;
  const names: string[] = [];
  for (let j = 0; j < width; j++) {
    let name = hasHeader ? first!.cells[j]!.trim() : '';
    if (name === '') name = `column ${j + 1}`;
    // Two columns with one name would make a choice by name ambiguous: the second becomes 'name (2)'.
    for (let k = 2, base = name; names.includes(name); k++) name = `${base} (${k})`;
    names.push(name);
  }
  return { hasHeader, names, rows: hasHeader ? records.slice(1) : records, problems };
}

function columnKinds(grid: Grid): ColumnKind[] {
  return grid.names.map((_, j) => {
    let numbers = 0;
    let texts = 0;
    for (const { cells } of grid.rows) {
      const c = cells[j];
      if (c === undefined || isMissing(c)) continue;
      if (parseNumber(c) === null) texts++;
      else numbers++;
    }
    return numbers > texts ? 'number' : 'text';
  });
}

function makePreview(grid: Grid, kinds: ColumnKind[], count: number): CsvPreview {
  const shown = grid.rows.slice(0, count);
  return {
    hasHeader: grid.hasHeader,
    columns: grid.names.map((name, j) => ({ name, kind: kinds[j]! })),
    rows: shown.map((r) => r.cells),
    rowNumbers: shown.map((r) => r.row),
    totalRows: grid.rows.length,
  };
}

/** The first rows of a CSV text and what each column seems to hold, to show before the user picks columns. */
export function previewCsv(text: string, options: Pick<CsvOptions, 'header' | 'previewRows' | 'name' | 'delimiter'> = {}): { ok: true; preview: CsvPreview } | { ok: false; problems: CsvProblem[] } {
  const size = checkSize(text, options.name ?? 'The file', options.delimiter);
  if ('kind' in size) return { ok: false, problems: [size] };
  const grid = toGrid(text, options.header ?? 'auto', size.delimiter);
  return { ok: true, preview: makePreview(grid, columnKinds(grid), options.previewRows ?? 20) };
}

/** Collects problems up to the limit, then counts the rest. */
class ProblemList {
  readonly items: CsvProblem[] = [];
  private more = 0;
  add(p: CsvProblem): void {
    if (this.items.length < DATA_LIMITS.maxProblems) this.items.push(p);
    else this.more++;
  }
  get count(): number {
    return this.items.length + this.more;
  }
  done(): CsvProblem[] {
    if (this.more > 0) this.items.push({ kind: this.items[this.items.length - 1]!.kind, message: `… and ${fmt(this.more)} more problems` });
    return this.items;
  }
}

/**
 * Reads a CSV text into a stored table of the chosen columns and a data set of all its rows (split and
 * standardise it with makeDataset). Returns every problem found instead when there is any.
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvResult {
  const fileName = options.name ?? 'data.csv';
  const size = checkSize(text, fileName, options.delimiter);
  if ('kind' in size) return { ok: false, problems: [size] };
  const grid = toGrid(text, options.header ?? 'auto', size.delimiter);
  const kinds = columnKinds(grid);
  const preview = makePreview(grid, kinds, options.previewRows ?? 20);
  const fail = (problems: CsvProblem[]): CsvResult => ({ ok: false, problems, preview });
  if (grid.problems.length > 0) return fail(grid.problems);
  if (grid.rows.length === 0) return fail([{ kind: 'empty', message: `${fileName} has no data rows` }]);

  const target = options.target ?? grid.names[grid.names.length - 1]!;
  const targetIndex = grid.names.indexOf(target);
  const others = grid.names.filter((_, j) => j !== targetIndex);
  const numberColumns = others.filter((n) => kinds[grid.names.indexOf(n)] === 'number');
  // Without any column of mostly numbers, take them all, so the cells that are not numbers get listed.
  const features = options.features ?? (numberColumns.length > 0 ? numberColumns : others);
  const unknown = [target, ...features].filter((n) => !grid.names.includes(n));
  if (unknown.length > 0) {
    return fail(unknown.map((n) => ({ kind: 'column', column: n, message: `${fileName} has no column '${n}' (its columns: ${grid.names.join(', ')})` })));
  }
  if (features.length === 0) return fail([{ kind: 'column', message: `${fileName}: choose at least one feature column of numbers` }]);
  if (features.includes(target)) return fail([{ kind: 'column', column: target, message: `'${target}' cannot be both a feature and the target` }]);
  const chosen = [...features, target];
  if (grid.rows.length * chosen.length > DATA_LIMITS.maxStoredValues) {
    return fail([{
      kind: 'tooManyValues',
      message: `${fmt(grid.rows.length)} rows × ${chosen.length} columns = ${fmt(grid.rows.length * chosen.length)} values; a data set may hold at most ${fmt(DATA_LIMITS.maxStoredValues)} (choose fewer columns or rows)`,
    }]);
  }

  // A target of text (or a regression target of numbers) is decided from its cells; features are always numbers.
  const targetCol = grid.names.indexOf(target);
  const targetIsText = options.task !== 'regression' && kinds[targetCol] === 'text';
  const picked = chosen.map((name) => ({ name, j: grid.names.indexOf(name), values: [] as number[], labels: [] as string[] }));
  const width = grid.names.length;
  const problems = new ProblemList();
  // Row by row, so that the problems come in the order a reader of the file meets them.
  for (const { cells, row } of grid.rows) {
    if (cells.length !== width) {
      problems.add({ kind: 'ragged', row, message: `row ${row} has ${cells.length} cells; the ${grid.hasHeader ? 'header' : 'first row'} has ${width}` });
    }
    for (const col of picked) {
      const cell = cells[col.j];
      if (cell === undefined) continue; // reported as a ragged row
      if (isMissing(cell)) {
        problems.add({ kind: 'missing', row, column: col.name, message: `row ${row}, column '${col.name}': missing value` });
      } else if (col.j === targetCol && targetIsText) {
        col.labels.push(cell.trim());
      } else {
        const v = parseNumber(cell);
        if (v !== null) {
          col.values.push(v);
        } else {
          const hint = /^[+-]?\d+,\d+$/.test(cell.trim()) ? ' (a decimal comma? write 1.5, not 1,5)' : '';
          problems.add({ kind: 'notNumber', row, column: col.name, message: `row ${row}, column '${col.name}': '${cell}' is not a number${hint}` });
        }
      }
    }
  }
  if (problems.count > 0) return fail(problems.done());

  const columns: StoredColumn[] = picked.map(({ name, j, values, labels }): StoredColumn => {
    if (!(j === targetCol && targetIsText)) return { name, values };
    // Classes in code-point order of their labels, so that the order does not depend on which row comes first.
    const categories = [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const code = new Map(categories.map((c, i) => [c, i]));
    return { name, categories, codes: labels.map((l) => code.get(l)!) };
  });
  const table: StoredTable = { name: fileName, rows: grid.rows.length, columns };
  const tcol = columns[columns.length - 1]!;
  const task = !options.task || options.task === 'auto' ? guessTask(tcol) : options.task;
  if (task === 'regression' && 'categories' in tcol) {
    return fail([{ kind: 'target', column: target, message: `target '${target}' holds text, so it cannot be a regression target` }]);
  }
  try {
    const dataset = datasetFromTable(table, features, target, task);
    return { ok: true, table, dataset, features, target, task, preview };
  } catch (e) {
    return fail([{ kind: 'target', column: target, message: (e as Error).message }]);
  }
}
