import { useState, type KeyboardEvent } from 'react';
import type { ParamSpec, ParamValue } from '../../kinds';
import { parseNumber } from '../numbers';

/**
 * One parameter editor generated from its schema. Text fields commit on Enter or on leaving the field (one undo
 * step); `onChange` returns the reason when the document refuses the value, shown under the field.
 */
export function ParamField({ name, spec, value, onChange, nodeId }: { name: string; spec: ParamSpec; value: ParamValue | undefined; onChange: (v: ParamValue) => string | null; nodeId: string }) {
  const [error, setError] = useState<string | null>(null);
  const id = `param-${nodeId}-${name}`;
  const commit = (v: ParamValue | Error): void => setError(v instanceof Error ? v.message : onChange(v));
  let editor;
  switch (spec.type) {
    case 'boolean':
      editor = <input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => commit(e.target.checked)} />;
      break;
    case 'choice':
      editor = (
        <select id={id} value={String(value)} onChange={(e) => commit(e.target.value)}>
          {spec.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      );
      break;
    case 'number':
      editor = <CommitText id={id} value={String(value)} onCommit={(t) => commit(readNumber(t, spec.integer ?? false))} />;
      break;
    case 'string':
      editor = <CommitText id={id} value={String(value ?? '')} onCommit={commit} />;
      break;
    case 'axis':
      editor = <CommitText id={id} value={value === null ? (spec.nullable ? 'all' : '') : String(value)}
        onCommit={(t) => commit(spec.nullable && /^(all|none|)$/i.test(t.trim()) ? null : readNumber(t, true))} />;
      break;
    case 'shape':
    case 'axes':
      editor = <CommitText id={id} value={(value as readonly number[]).join(', ')} onCommit={(t) => commit(readList(t))} />;
      break;
    case 'tensor':
      return null; // Tensor values have their own editor.
  }
  return (
    <>
      <div className="field"><label htmlFor={id} title={spec.description}>{spec.label}</label>{editor}</div>
      {error && <div className="error-box" role="alert" data-testid={`param-error-${name}`}>{error}</div>}
    </>
  );
}

function readNumber(text: string, integer: boolean): number | Error {
  const v = parseNumber(text);
  // nan and ±inf pass: the document's schema decides whether the parameter may hold them.
  if (v === null) return new Error(`“${text}” is not a number.`);
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

/** A text input that reports its text on Enter or blur, and goes back to the stored value on Escape. */
export function CommitText({ id, value, onCommit, ariaLabel, testId }: { id?: string; value: string; onCommit: (text: string) => void; ariaLabel?: string; testId?: string }) {
  const [text, setText] = useState(value);
  const [prev, setPrev] = useState(value);
  if (prev !== value) { setPrev(value); setText(value); }
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') onCommit(text);
    if (e.key === 'Escape') setText(value);
  };
  return (
    <input id={id} type="text" value={text} aria-label={ariaLabel} data-testid={testId}
      onChange={(e) => setText(e.target.value)} onKeyDown={onKey} onBlur={() => { if (text !== value) onCommit(text); }} />
  );
}
