import type { PortResult } from '../../document';
import type { KindDef } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';
import { nodeMessage } from '../../store/results';
import { scalarString, shapeString } from '../numbers';
import { ValueTable } from './ValueTable';

/** Read-only tables of a node's outputs (and trainable params) with their gradients, and its error if any. */
export function ResultsSection({ id, kind }: { id: string; kind: KindDef }) {
  const result = useEditor((s) => s.results.nodes.get(id));
  const nodes = useEditor((s) => s.doc.nodes);
  const fullPrecision = useEditor((s) => s.fullPrecision);
  const objectiveMessage = useEditor((s) => s.results.objectiveMessage);
  const api = useEditorApi();
  const message = nodeMessage(result, (b) => nodes.find((n) => n.id === b)?.name ?? b);
  const many = kind.outputs.length > 1;
  return (
    <>
      {message && <div className="error-box" role="alert" data-testid="inspector-error">{message}</div>}
      {result?.warnings.map((w) => <div key={w} className="warning-box" role="status" data-testid="inspector-warning">{w}</div>)}
      <label style={{ fontSize: 'var(--fs-small)', display: 'block', marginTop: 10 }}>
        <input type="checkbox" checked={fullPrecision} onChange={(e) => api.getState().setUi({ fullPrecision: e.target.checked })} data-testid="full-precision" /> full precision
      </label>
      {kind.outputs.map((p) => {
        const r = result?.outputs[p.id];
        return r ? <PortTables key={p.id} title={many ? `Output ${p.label}` : 'Output'} r={r} testId={many ? `-${p.id}` : ''} noGrad={objectiveMessage} /> : null;
      })}
      {Object.entries(result?.params ?? {}).map(([name, r]) => <PortTables key={name} title={`Parameter ${name}`} r={r} testId={`-param-${name}`} noGrad={objectiveMessage} />)}
    </>
  );
}

function PortTables({ title, r, testId, noGrad }: { title: string; r: PortResult; testId: string; noGrad: string | null }) {
  const st = r.stats;
  return (
    <>
      <h3>{title} <span className="mono">{shapeString(r.shape)} {r.dtype}</span></h3>
      <div className="muted">value</div>
      <ValueTable t={r.value} kind="value" testId={`inspector-value${testId}`} />
      <div className="muted">gradient</div>
      {r.grad ? <ValueTable t={r.grad} kind="grad" testId={`inspector-grad${testId}`} /> : <p className="muted" data-testid={`inspector-nograd${testId}`}>{noGrad ?? 'No gradient reaches this tensor.'}</p>}
      {st.count > 1 && (
        <p className="mono muted" style={{ fontSize: 'var(--fs-small)' }}>
          min {scalarString(st.min, r.dtype)} · max {scalarString(st.max, r.dtype)} · mean {scalarString(st.mean, r.dtype)} · std {scalarString(st.std, r.dtype)}
          {st.nan + st.posInf + st.negInf > 0 && ` · ${st.nan} nan, ${st.posInf} inf, ${st.negInf} -inf`}
        </p>
      )}
    </>
  );
}
