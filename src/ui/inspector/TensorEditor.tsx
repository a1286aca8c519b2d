import { useState, type ClipboardEvent } from 'react';
import type { TensorParam } from '../../store/doc-api';
import { parseGridText, parseNumber, parseTensorText } from '../numbers';
import { CommitText } from './ParamField';

const GRID_LIMIT = 400;

function valuesText(v: TensorParam): string {
  if (v.shape.length <= 1) return `[${v.values.join(', ')}]`;
  const cols = v.shape[v.shape.length - 1]!;
  const rows: string[] = [];
  for (let i = 0; i < v.values.length; i += cols) rows.push(`[${v.values.slice(i, i + cols).join(', ')}]`);
  return v.shape.length === 2 ? `[${rows.join(', ')}]` : `[${v.values.join(', ')}]`;
}

/** Edits a tensor parameter: all values as text, a grid for up to 2-D, shape, dtype and paste from a spreadsheet. */
export function TensorEditor({ value, onChange, nodeId }: { value: TensorParam; onChange: (v: TensorParam) => void; nodeId: string }) {
  const [error, setError] = useState<string | null>(null);
  const apply = (r: { values: number[]; shape: number[] } | { error: string }): void => {
    if ('error' in r) { setError(r.error); return; }
    setError(null);
    onChange({ ...value, values: r.values, shape: r.shape });
  };
  const setShape = (text: string): void => {
    const dims = text.replace(/[()[\]]/g, '').split(/[,\s×x]+/).filter(Boolean).map(Number);
    if (dims.some((d) => !Number.isInteger(d) || d < 0)) { setError(`“${text}” is not a shape: use sizes like 3 or 2, 2.`); return; }
    const size = dims.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: size }, (_, i) => value.values[i] ?? 0);
    setError(null);
    onChange({ ...value, shape: dims, values });
  };
  const setCell = (i: number, text: string): void => {
    const v = parseNumber(text);
    if (v === null) { setError(`“${text}” is not a number.`); return; }
    setError(null);
    onChange({ ...value, values: value.values.map((x, j) => (j === i ? v : x)) });
  };
  const onPaste = (e: ClipboardEvent): void => {
    const text = e.clipboardData.getData('text/plain');
    if (!/[\t\n,;]/.test(text.trim())) return; // one number: let the cell take it
    e.preventDefault();
    const g = parseGridText(text);
    apply('error' in g ? g : g.rows.length === 1 ? { values: g.rows[0]!, shape: [g.rows[0]!.length] } : { values: g.rows.flat(), shape: [g.rows.length, g.rows[0]!.length] });
  };
  const cols = value.shape.length === 2 ? value.shape[1]! : value.shape.length === 1 ? value.shape[0]! : 1;
  const rows = value.shape.length === 2 ? value.shape[0]! : 1;
  const showGrid = value.shape.length <= 2 && value.values.length <= GRID_LIMIT;
  return (
    <div onPaste={onPaste}>
      <div className="field"><label htmlFor={`values-${nodeId}`}>Values</label>
        <CommitText id={`values-${nodeId}`} testId="tensor-values" value={valuesText(value)} onCommit={(t) => apply(parseTensorText(t))} />
      </div>
      <div className="field"><label htmlFor={`shape-${nodeId}`}>Shape</label>
        <CommitText id={`shape-${nodeId}`} testId="tensor-shape" value={value.shape.join(', ')} onCommit={setShape} />
      </div>
      <div className="field"><label htmlFor={`dtype-${nodeId}`}>dtype</label>
        <select id={`dtype-${nodeId}`} value={value.dtype} onChange={(e) => onChange({ ...value, dtype: e.target.value as TensorParam['dtype'] })}>
          <option value="float32">float32</option><option value="float64">float64</option>
        </select>
      </div>
      {error && <div className="error-box" role="alert">{error}</div>}
      {showGrid && (
        <div style={{ overflowX: 'auto' }}>
          <table className="grid-editor" aria-label="Tensor values (paste a block from a spreadsheet or CSV here)">
            <tbody>
              {Array.from({ length: rows }, (_, r) => (
                <tr key={r}>
                  {Array.from({ length: cols }, (_, c) => {
                    const i = r * cols + c;
                    const label = value.shape.length === 2 ? `element [${r}, ${c}]` : `element [${c}]`;
                    return <td key={c}><CommitText value={String(value.values[i])} ariaLabel={label} testId={`cell-${i}`} onCommit={(t) => setCell(i, t)} /></td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted" style={{ fontSize: 'var(--fs-small)' }}>Paste rows from a spreadsheet or CSV anywhere here to replace the values and shape.</p>
    </div>
  );
}
