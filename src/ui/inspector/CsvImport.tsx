import { useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { DATA_LIMITS, parseCsv, previewCsv, type CsvPreview, type CsvProblem, type Task } from '../../data';
import { csvDataParams } from '../../kinds/csv-data';
import { registry, type ParamValue } from '../../kinds';
import { LIMITS, serializeDocument, type GraphDocument } from '../../document';
import type { EditorStore } from '../../store/editor-store';
import { Dialog } from '../dialogs/Dialog';

/** A CSV file's text as picked or dropped, or why it was refused before reading. */
export type CsvFile = { name: string; text: string } | { name: string; error: string };

/** Rows shown in the import preview. */
const PREVIEW_ROWS = 8;

/**
 * Why a document could not be saved and opened again, or null: the tensor values of all its nodes together and its
 * file's text must stay within the limits a file is read with (src/document/limits.ts). Checked before an import
 * changes anything, since a large table can pass either.
 */
export function unsavable(doc: GraphDocument): string | null {
  let values = 0;
  let valueChars = 0;
  // The document without its tensor values, to print quickly; the values' own text is counted apart.
  const bare: GraphDocument = {
    ...doc,
    nodes: doc.nodes.map((node) => {
      const params = { ...node.params };
      for (const [name, spec] of Object.entries(registry.get(node.kind)?.params ?? {})) {
        const v = params[name];
        if (spec.type !== 'tensor' || !Array.isArray(v)) continue;
        values += v.length;
        for (const x of v as readonly number[]) valueChars += (Number.isFinite(x) ? String(x).length : 11) + 2;
        params[name] = [];
      }
      return { ...node, params };
    }),
  };
  const hint = '(choose fewer columns, or remove another data node)';
  if (values > LIMITS.maxTotalTensorElements) {
    return `with this data the document would hold ${values.toLocaleString('en')} tensor values; a document may hold at most ${LIMITS.maxTotalTensorElements.toLocaleString('en')} ${hint}`;
  }
  // Long lists are printed in lines of at most 100 characters, each indented: 30 % more bounds that from above. Only a
  // document that may be near the limit is printed in full (seconds for millions of values).
  if (serializeDocument(bare).length + valueChars * 1.3 <= LIMITS.maxFileChars) return null;
  const chars = serializeDocument(doc).length;
  if (chars > LIMITS.maxFileChars) {
    return `with this data the document's file would be ${(chars / 1048576).toFixed(1)} MB; a document file may be at most ${LIMITS.maxFileChars / 1048576} MB ${hint}`;
  }
  return null;
}

/** Makes the import's change as one undoable step, if the document takes it and stays savable; else says why. */
export function commitImport(store: EditorStore, change: (doc: GraphDocument) => GraphDocument): string | null {
  let next: GraphDocument;
  try {
    next = change(store.getState().doc);
  } catch (err) {
    return (err as Error).message;
  }
  const why = unsavable(next);
  if (why) return why;
  store.getState().commit(next);
  return null;
}

/** Whether a dropped or picked file looks like CSV (by name or type). */
export const isCsvFile = (file: File): boolean => /\.(csv|tsv|txt)$/i.test(file.name) || file.type === 'text/csv';

/** Reads a file's text, refusing one over the documented size before reading or parsing it. */
export async function readCsvFile(file: File): Promise<CsvFile> {
  if (file.size > DATA_LIMITS.maxCsvChars) {
    return { name: file.name, error: `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; a CSV file may be at most ${DATA_LIMITS.maxCsvChars / 1048576} MB. Nothing was read.` };
  }
  try {
    return { name: file.name, text: await file.text() };
  } catch (e) {
    return { name: file.name, error: `${file.name} could not be read: ${(e as Error).message}` };
  }
}

/**
 * Asks the user for a CSV file with the system's file dialog (an `<input type=file>`, which both the browser and the
 * desktop shell offer; the host's openFile is for graph files and remembers them as the document's own).
 */
export function pickCsvFile(onFile: (file: CsvFile) => void): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.csv,.tsv,.txt,text/csv';
  input.style.display = 'none';
  input.setAttribute('data-testid', 'csv-file-picker');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.remove();
    if (file) void readCsvFile(file).then(onFile);
  });
  input.addEventListener('cancel', () => input.remove());
  document.body.appendChild(input);
  input.click();
}

/** The columns offered as features by default: the number columns other than the target (all others when none is). */
function defaultFeatures(preview: CsvPreview, target: string): string[] {
  const others = preview.columns.filter((c) => c.name !== target);
  const numbers = others.filter((c) => c.kind === 'number');
  return (numbers.length > 0 ? numbers : others).map((c) => c.name);
}

/**
 * The CSV import: a preview of the first rows with each column's kind, header detection, the choice of feature and
 * target columns, the target's encoding and standardisation, then "Use this data". The file is read in full only
 * then; every bad cell is listed by row and column and `onUse` is not called, so the document stays as it was.
 * `onUse` makes the change (one undoable step) and returns the reason when the document refuses it.
 */
export function CsvImportDialog(props: { file: CsvFile; onClose: () => void; onUse: (params: Record<string, ParamValue>) => string | null }) {
  // Into the page's body: opened from the inspector or the canvas, it must not be clipped by either panel.
  return createPortal(<ImportDialog {...props} />, document.body);
}

function ImportDialog({ file, onClose, onUse }: { file: CsvFile; onClose: () => void; onUse: (params: Record<string, ParamValue>) => string | null }): ReactNode {
  const [header, setHeader] = useState<boolean | 'auto'>('auto');
  const [chosen, setChosen] = useState<{ target: string; features: string[] } | null>(null);
  const [task, setTask] = useState<'auto' | Task>('auto');
  const [targets, setTargets] = useState<'index' | 'oneHot'>('index');
  const [standardize, setStandardize] = useState(false);
  const [problems, setProblems] = useState<CsvProblem[] | null>(null);
  const text = 'text' in file ? file.text : null;
  const pv = useMemo(() => (text === null ? null : previewCsv(text, { name: file.name, header, previewRows: PREVIEW_ROWS })), [text, file.name, header]);
  const refusal = 'error' in file ? [file.error] : pv && !pv.ok ? pv.problems.map((p) => p.message) : null;
  const title = `Import CSV data: ${file.name}`;
  if (refusal || !pv?.ok || text === null) {
    return (
      <Dialog title={title} onClose={onClose} testId="csv-import">
        <div className="error-box" role="alert" data-testid="csv-problems">{refusal?.join('\n')}</div>
        <p>Nothing was changed.</p>
      </Dialog>
    );
  }
  const { preview } = pv;
  const lastColumn = preview.columns[preview.columns.length - 1]?.name ?? '';
  const target = chosen?.target ?? lastColumn;
  const features = chosen?.features ?? defaultFeatures(preview, target);
  const choose = (next: { target: string; features: string[] }) => { setChosen(next); setProblems(null); };
  const toggleFeature = (name: string, on: boolean) => {
    const set = new Set(on ? [...features, name] : features.filter((f) => f !== name));
    choose({ target, features: preview.columns.map((c) => c.name).filter((c) => set.has(c)) });
  };
  const use = () => {
    const r = parseCsv(text, { name: file.name, header, features, target, task, previewRows: 0 });
    if (!r.ok) { setProblems(r.problems); return; }
    const refused = onUse({ ...csvDataParams(r.dataset), standardize, targets });
    if (refused) setProblems([{ kind: 'column', message: refused }]);
    else onClose();
  };
  const actions = (
    <>
      <button onClick={onClose}>Cancel</button>
      <button className="primary" onClick={use} disabled={features.length === 0} data-testid="csv-use">Use this data</button>
    </>
  );
  return (
    <Dialog title={title} onClose={onClose} testId="csv-import" actions={actions}>
      <p className="muted">
        {preview.totalRows.toLocaleString('en')} data rows, {preview.columns.length} columns. Tick the feature columns (inputs x) and pick the
        target column (y).
      </p>
      <label className="csv-option">
        <input type="checkbox" checked={preview.hasHeader} data-testid="csv-header"
          onChange={(e) => { setHeader(e.target.checked); setChosen(null); setProblems(null); }} />
        First row holds the column names
      </label>
      <div className="csv-preview">
        <table data-testid="csv-preview">
          <thead>
            <tr><th scope="col">row</th>{preview.columns.map((c) => <th key={c.name} scope="col">{c.name}<div className="muted">{c.kind}</div></th>)}</tr>
            <tr>
              <th scope="row">feature</th>
              {preview.columns.map((c) => (
                <td key={c.name}><input type="checkbox" aria-label={`Feature: ${c.name}`} checked={features.includes(c.name)} disabled={c.name === target}
                  onChange={(e) => toggleFeature(c.name, e.target.checked)} /></td>
              ))}
            </tr>
            <tr>
              <th scope="row">target</th>
              {preview.columns.map((c) => (
                <td key={c.name}><input type="radio" name="csv-target" aria-label={`Target: ${c.name}`} checked={c.name === target}
                  onChange={() => choose({ target: c.name, features: features.filter((f) => f !== c.name) })} /></td>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((cells, i) => (
              <tr key={preview.rowNumbers[i]}>
                <th scope="row" className="muted">{preview.rowNumbers[i]}</th>
                {preview.columns.map((c, j) => <td key={c.name} className={c.kind === 'number' ? 'mono' : undefined}>{cells[j] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.totalRows > preview.rows.length && <p className="muted">… and {(preview.totalRows - preview.rows.length).toLocaleString('en')} more rows.</p>}
      <div className="field"><label htmlFor="csv-task">Task</label>
        <select id="csv-task" value={task} onChange={(e) => { setTask(e.target.value as 'auto' | Task); setProblems(null); }}>
          <option value="auto">Guess from the target</option>
          <option value="binary">2 classes</option>
          <option value="multiclass">Several classes</option>
          <option value="regression">Regression (a number)</option>
        </select>
      </div>
      <div className="field"><label htmlFor="csv-targets">Class targets</label>
        <select id="csv-targets" value={targets} onChange={(e) => setTargets(e.target.value as 'index' | 'oneHot')}>
          <option value="index">Class index</option>
          <option value="oneHot">One-hot</option>
        </select>
      </div>
      <label className="csv-option">
        <input type="checkbox" checked={standardize} onChange={(e) => setStandardize(e.target.checked)} data-testid="csv-standardize" />
        Standardise the features (by the training rows’ mean and standard deviation)
      </label>
      {problems && (
        <div className="error-box" role="alert" data-testid="csv-problems">
          <strong>Not loaded: {problems.length === 1 ? 'a problem' : `${problems.length} problems`}. Nothing was changed.</strong>
          <ul className="problems">{problems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>
        </div>
      )}
    </Dialog>
  );
}

/** The inspector's part for a CSV data node: what data it holds, and the button that imports a file into it. */
export function CsvDataSection({ params, onUse }: { params: Readonly<Record<string, ParamValue>>; onUse: (params: Record<string, ParamValue>) => string | null }) {
  const [file, setFile] = useState<CsvFile | null>(null);
  const [rows = 0, d = 0] = params.xShape as readonly number[];
  const list = (v: ParamValue | undefined): string[] => { try { return JSON.parse(v as string) as string[]; } catch { return []; } };
  const classes = list(params.classes);
  return (
    <div className="csv-data" data-testid="csv-data">
      {rows === 0
        ? <p className="muted">No data yet. Choose a CSV file, or drop one on the canvas.</p>
        : (
          <p data-testid="csv-summary">
            <strong>{String(params.file)}</strong>: {rows.toLocaleString('en')} rows, {d} feature{d === 1 ? '' : 's'} ({list(params.features).join(', ')});
            target <strong>{String(params.target)}</strong>{' '}
            {params.task === 'regression' ? '(a number)' : `(${classes.length} classes: ${classes.join(', ')})`}.
          </p>
        )}
      <button className={rows === 0 ? 'primary' : undefined} onClick={() => pickCsvFile(setFile)} data-testid="csv-choose">Choose a CSV file…</button>
      {file && <CsvImportDialog file={file} onClose={() => setFile(null)} onUse={onUse} />}
    </div>
  );
}
