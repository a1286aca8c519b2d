import { useState, type KeyboardEvent } from 'react';
import { allowsNonFinite, type ParamSpec, type ParamValue } from '../../kinds';
import { parseNumber } from '../numbers';

/** A number as the field shows it: as typed back (`nan`, `inf`, `-inf` for the non-finite ones). */
export function numberText(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  return String(v);
}

/**
 * One parameter editor generated from its schema. Text fields commit on Enter or on leaving the field (one undo
 * step); `onChange` returns the reason when the document refuses the value, shown under the field.
 */
export function ParamField({ name, spec, value, onChange, nodeId }: { name: string; spec: ParamSpec; value: ParamValue | undefined; onChange: (v: ParamValue) => string | null; nodeId: string }) {
  const [error, setError] = useState<string | null>(null);
  const id = `param-${nodeId}-${name}`;
  const errorId = `${id}-error`;
  // Returns whether the node took the value (a refused one stays in the field, marked invalid, beside the reason).
  const commit = (v: ParamValue | Error): boolean => {
    const e = v instanceof Error ? v.message : onChange(v);
    setError(e);
    return e === null;
  };
  const revert = (): void => setError(null);
  let editor;
  switch (spec.type) {
    case 'boolean':
      editor = <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => { commit(e.target.checked); }} />;
      break;
    case 'choice':
      editor = (
        <select id={id} value={String(value)} onChange={(e) => { commit(e.target.value); }}>
          {spec.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      );
      break;
    case 'number':
      editor = <CommitText id={id} value={numberText(value as number)} errorId={errorId} onRevert={revert}
        onCommit={(t) => commit(readNumber(t, spec.integer ?? false, allowsNonFinite(spec)))} />;
      break;
    case 'string':
      editor = <CommitText id={id} value={String(value ?? '')} errorId={errorId} onRevert={revert} onCommit={commit} />;
      break;
    case 'axis':
      editor = <CommitText id={id} value={value === null ? (spec.nullable ? 'all' : '') : String(value)} errorId={errorId} onRevert={revert}
        onCommit={(t) => commit(spec.nullable && /^(all|none|)$/i.test(t.trim()) ? null : readNumber(t, true))} />;
      break;
    case 'shape':
    case 'axes':
      editor = <CommitText id={id} value={(value as readonly number[]).join(', ')} errorId={errorId} onRevert={revert} onCommit={(t) => commit(readList(t))} />;
      break;
    case 'tensor':
      return null; // Tensor values have their own editor.
  }
  return (
    <>
      <div className="field"><label htmlFor={id} title={spec.description}>{spec.label}</label>{editor}</div>
      {error && <div className="error-box" role="alert" id={errorId} data-testid={`param-error-${name}`}>{error}</div>}
    </>
  );
}

/** A number as typed: nan and ±inf only where the parameter holds a value (not a limit, count or size). */
function readNumber(text: string, integer: boolean, nonFinite = false): number | Error {
  const v = parseNumber(text);
  if (v === null) return new Error(`“${text}” is not a number.`);
  if (!Number.isFinite(v) && !nonFinite) return new Error(`“${text}” is not a finite number; this parameter needs one.`);
  if (integer && !Number.isInteger(v)) return new Error(`“${text}” is not a whole number.`);
  return v;
}

/** `2, 3`, `(2, 3)`, `[2, 3]` or `2 3` into [2, 3]; empty gives []. */
export function readList(text: string): number[] | Error {
  const parts = text.replace(/[()[\]]/g, ' ').split(/[,\s×]+/).filter(Boolean);
  const out: number[] = [];
  for (const p of parts) {
    const v = readNumber(p, true);
    if (v instanceof Error) return v;
    out.push(v);
  }
  return out;
}

/**
 * The state of a field that commits its text: it follows the stored `value` when that changes, keeps a refused text
 * (marked invalid) so it can be corrected, and `revert` puts back the stored value.
 */
function useCommitField(value: string, onCommit: (text: string) => boolean | void, onRevert?: () => void) {
  const [text, setText] = useState(value);
  const [prev, setPrev] = useState(value);
  const [invalid, setInvalid] = useState(false);
  if (prev !== value) { setPrev(value); setText(value); setInvalid(false); }
  return {
    text, setText, invalid,
    commit: (): void => setInvalid(onCommit(text) === false),
    revert: (): void => { setText(value); setInvalid(false); onRevert?.(); },
    onBlur: (): void => { if (text !== value) setInvalid(onCommit(text) === false); },
  };
}

/**
 * A text input that reports its text on Enter or blur, and goes back to the stored value on Escape. When `onCommit`
 * refuses the text (returns false) the field keeps it so it can be corrected, marked invalid (red, `aria-invalid`,
 * described by `errorId`), so the screen never passes off text the node does not hold; Escape puts back the stored
 * value and calls `onRevert`.
 */
export function CommitText({ id, value, onCommit, onRevert, ariaLabel, testId, errorId, title, widthCh }: {
  id?: string; value: string; onCommit: (text: string) => boolean | void; onRevert?: () => void; ariaLabel?: string; testId?: string;
  errorId?: string; title?: string; widthCh?: number;
}) {
  const f = useCommitField(value, onCommit, onRevert);
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') f.commit();
    if (e.key === 'Escape') f.revert();
  };
  return (
    <input id={id} type="text" value={f.text} aria-label={ariaLabel} data-testid={testId} title={title}
      className={f.invalid ? 'invalid' : undefined} style={widthCh ? { width: `${widthCh}ch` } : undefined}
      aria-invalid={f.invalid || undefined} aria-describedby={f.invalid ? errorId : undefined}
      onChange={(e) => f.setText(e.target.value)} onKeyDown={onKey} onBlur={f.onBlur} />
  );
}

/**
 * A multi-line text field that reports its text on blur or Ctrl+Enter (Enter starts a new line), and goes back to the
 * stored value on Escape; like `CommitText`, a refused text stays, marked invalid.
 */
export function CommitTextArea({ id, value, onCommit, onRevert, testId, errorId, placeholder }: {
  id: string; value: string; onCommit: (text: string) => boolean | void; onRevert?: () => void; testId?: string; errorId?: string; placeholder?: string;
}) {
  const f = useCommitField(value, onCommit, onRevert);
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); f.commit(); }
    if (e.key === 'Escape') f.revert();
  };
  return (
    <textarea id={id} value={f.text} data-testid={testId} rows={4} placeholder={placeholder} title="Ctrl+Enter or leaving the field keeps the text; Escape puts it back"
      className={f.invalid ? 'doc-description invalid' : 'doc-description'} aria-invalid={f.invalid || undefined} aria-describedby={f.invalid ? errorId : undefined}
      onChange={(e) => f.setText(e.target.value)} onKeyDown={onKey} onBlur={f.onBlur} />
  );
}
