import { useState, type ClipboardEvent } from 'react';
import { parseGridText, parseNumber, parseTensorText } from '../numbers';
import { CommitText, numberText, readList } from './ParamField';

const GRID_LIMIT = 400;

/** Nested-bracket text of flat row-major values in a shape, as one would type them. */
function valuesText(values: readonly number[], shape: readonly number[]): string {
  const walk = (dim: number, off: number): string => {
    if (dim >= shape.length) return numberText(values[off]!);
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return `[${Array.from({ length: shape[dim]! }, (_, i) => walk(dim + 1, off + i * stride)).join(', ')}]`;
  };
  return shape.length ? walk(0, 0) : numberText(values[0]!);
}

/**
 * Edits a tensor parameter: every value as text, a grid for up to 2-D, the shape (when the kind lets it change) and
 * paste from a spreadsheet or CSV. `onChange` gets values and, when it changed, the shape; it returns a refusal.
 */
export function TensorEditor({ values, shape, shapeEditable, onChange, nodeId }: {
  values: readonly number[]; shape: readonly number[]; shapeEditable: boolean; nodeId: string;
  onChange: (values: number[], shape?: number[]) => string | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const errorId = `tensor-error-${nodeId}`;
  // Each returns whether the node took the edit; a refused one stays in its field, marked invalid, beside the reason.
  const refuse = (message: string | null): boolean => { setError(message); return message === null; };
  const apply = (r: { values: number[]; shape: number[] } | { error: string }): boolean => {
    if ('error' in r) return refuse(r.error);
    const sameSize = r.values.length === values.length;
    if (!shapeEditable && !sameSize) return refuse(`This tensor has ${values.length} elements; got ${r.values.length}.`);
    return refuse(onChange(r.values, shapeEditable ? r.shape : undefined));
  };
  const setShape = (text: string): boolean => {
    const dims = readList(text);
    if (dims instanceof Error) return refuse(dims.message);
    const size = dims.reduce((a, b) => a * b, 1);
    return refuse(onChange(Array.from({ length: size }, (_, i) => values[i] ?? 0), dims));
  };
  const setCell = (i: number, text: string): boolean => {
    // nan, inf and -inf (also NaN, Infinity, -Infinity) are values a tensor may hold.
    const v = parseNumber(text);
    if (v === null) return refuse(`“${text}” is not a number (nan, inf and -inf are allowed).`);
    return refuse(onChange(values.map((x, j) => (j === i ? v : x))));
  };
  const clear = (): void => setError(null);
  const onPaste = (e: ClipboardEvent): void => {
    const text = e.clipboardData.getData('text/plain');
    if ((e.target as HTMLElement).dataset.testid === 'tensor-values' || !/[\t\n,;]/.test(text.trim())) return;
    e.preventDefault();
    const g = parseGridText(text);
    apply('error' in g ? g : g.rows.length === 1 ? { values: g.rows[0]!, shape: [g.rows[0]!.length] } : { values: g.rows.flat(), shape: [g.rows.length, g.rows[0]!.length] });
  };
  const cols = shape.length >= 1 ? shape[shape.length - 1]! : 1;
  const rows = shape.length === 2 ? shape[0]! : 1;
  const showGrid = shape.length <= 2 && values.length <= GRID_LIMIT;
  // Each column as wide as its longest number (every digit visible), within 4 to 24 characters.
  const widths = Array.from({ length: showGrid ? cols : 0 }, (_, c) => {
    let w = 4;
    for (let r = 0; r < rows; r++) w = Math.max(w, numberText(values[r * cols + c]!).length);
    return Math.min(w, 24);
  });
  return (
    <div onPaste={onPaste}>
      <div className="field"><label htmlFor={`values-${nodeId}`}>Values</label>
        <CommitText id={`values-${nodeId}`} testId="tensor-values" value={valuesText(values, shape)} errorId={errorId} onRevert={clear} onCommit={(t) => apply(parseTensorText(t))} />
      </div>
      {shapeEditable && (
        <div className="field"><label htmlFor={`shape-${nodeId}`}>Shape</label>
          <CommitText id={`shape-${nodeId}`} testId="tensor-shape" value={shape.join(', ')} errorId={errorId} onRevert={clear} onCommit={setShape} />
        </div>
      )}
      {error && <div className="error-box" role="alert" id={errorId} data-testid="tensor-error">{error}</div>}
      {showGrid && (
        <div className="grid-scroll">
          <table className="grid-editor" aria-label="Tensor values (paste a block from a spreadsheet or CSV here)">
            <tbody>
              {Array.from({ length: rows }, (_, r) => (
                <tr key={r}>
                  {Array.from({ length: cols }, (_, c) => {
                    const i = r * cols + c;
                    const label = shape.length === 2 ? `element [${r}, ${c}]` : `element [${c}]`;
                    const text = numberText(values[i]!);
                    return (
                      <td key={c}>
                        <CommitText value={text} ariaLabel={label} testId={`cell-${i}`} title={`${label} = ${text}`} errorId={errorId} onRevert={clear}
                          onCommit={(t) => setCell(i, t)} widthCh={widths[c]} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted" style={{ fontSize: 'var(--fs-small)' }}>Paste rows from a spreadsheet or CSV onto the grid to replace the values{shapeEditable ? ' and shape' : ''}.</p>
    </div>
  );
}
