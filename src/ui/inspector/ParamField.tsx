import { useState, type KeyboardEvent } from 'react';
import type { ParamSpec } from '../../store/doc-api';
import { parseNumber } from '../numbers';

/** One parameter editor generated from its schema. Text fields commit on Enter or leaving the field: one undo step. */
export function ParamField({ spec, value, onChange, nodeId }: { spec: ParamSpec; value: unknown; onChange: (v: unknown) => void; nodeId: string }) {
  const id = `param-${nodeId}-${spec.name}`;
  const label = <label htmlFor={id} title={spec.description}>{spec.label}</label>;
  switch (spec.type) {
    case 'boolean':
      return <div className="field">{label}<input id={id} type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} /></div>;
    case 'choice':
      return (
        <div className="field">{label}
          <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {spec.choices.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
      );
    case 'number':
    case 'integer':
      return <div className="field">{label}<NumberInput id={id} value={Number(value)} spec={spec} onCommit={onChange} /></div>;
    case 'string':
      return <div className="field">{label}<CommitText id={id} value={String(value ?? '')} onCommit={onChange} /></div>;
    case 'tensor':
      return null; // The tensor editor has its own section.
  }
}

function NumberInput({ id, value, spec, onCommit }: { id: string; value: number; spec: Extract<ParamSpec, { type: 'number' | 'integer' }>; onCommit: (v: number) => void }) {
  const [error, setError] = useState<string | null>(null);
  const check = (text: string): number | null => {
    const v = parseNumber(text);
    if (v === null || !Number.isFinite(v)) return fail(`“${text}” is not a number.`);
    if (spec.type === 'integer' && !Number.isInteger(v)) return fail('Must be a whole number.');
    if (spec.min !== undefined && v < spec.min) return fail(`At least ${spec.min}.`);
    if (spec.max !== undefined && v > spec.max) return fail(`At most ${spec.max}.`);
    setError(null);
    return v;
  };
  function fail(msg: string): null { setError(msg); return null; }
  return (
    <span>
      <CommitText id={id} value={String(value)} onCommit={(t) => { const v = check(t); if (v !== null && v !== value) onCommit(v); }} invalid={error !== null} />
      {error && <span className="error-box" role="alert">{error}</span>}
    </span>
  );
}

/** A text input that reports its text on Enter or blur, and goes back to the stored value on Escape. */
export function CommitText({ id, value, onCommit, invalid, ariaLabel, testId }: { id?: string; value: string; onCommit: (text: string) => void; invalid?: boolean; ariaLabel?: string; testId?: string }) {
  const [text, setText] = useState(value);
  const [prev, setPrev] = useState(value);
  if (prev !== value) { setPrev(value); setText(value); }
  const onKey = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') onCommit(text);
    if (e.key === 'Escape') setText(value);
  };
  return (
    <input id={id} type="text" value={text} aria-invalid={invalid || undefined} aria-label={ariaLabel} data-testid={testId}
      onChange={(e) => setText(e.target.value)} onKeyDown={onKey} onBlur={() => { if (text !== value) onCommit(text); }} />
  );
}
