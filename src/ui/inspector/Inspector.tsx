import { getKind, type TensorParam } from '../../store/doc-api';
import { useEditor, useEditorApi } from '../../store/context';
import { shapeString, scalarString } from '../numbers';
import { Formula } from './Formula';
import { CommitText, ParamField } from './ParamField';
import { TensorEditor } from './TensorEditor';
import { ValueTable } from './ValueTable';

/** Everything about the selected node: name, parameters, value and gradient, formulas and explanation. */
export function Inspector() {
  const selected = useEditor((s) => s.selectedNodes);
  const id = selected.length === 1 ? selected[0]! : null;
  return (
    <section className="inspector" aria-label="Inspector" data-testid="inspector">
      {id ? <NodeInspector id={id} /> : selected.length > 1 ? <p>{selected.length} nodes selected.</p> : <DocInfo />}
    </section>
  );
}

function DocInfo() {
  const title = useEditor((s) => s.doc.title);
  return (
    <>
      <h2>{title}</h2>
      <p className="muted">Select a node to see and edit its parameters, its value and gradient, and its formulas.</p>
      <p className="muted">Values print as NumPy prints them. Select a one-number node and press <kbd>B</kbd> to run backward from it.</p>
    </>
  );
}

function NodeInspector({ id }: { id: string }) {
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === id));
  const result = useEditor((s) => s.results.get(id));
  const isObjective = useEditor((s) => s.doc.objective === id);
  const fullPrecision = useEditor((s) => s.fullPrecision);
  const api = useEditorApi().getState();
  if (!node) return null;
  const kind = getKind(node.kind);
  if (!kind) return <div className="error-box">Unknown kind {node.kind}</div>;
  const tensorParams = kind.params.filter((p) => p.type === 'tensor');
  return (
    <>
      <h2>{kind.label} <span className="muted mono" style={{ fontWeight: 400 }}>{id}</span></h2>
      <div className="field"><label htmlFor={`name-${id}`}>Name</label>
        <CommitText id={`name-${id}`} value={node.name ?? ''} onCommit={(t) => api.renameNode(id, t.trim())} testId="node-name" />
      </div>
      {kind.params.map((p) => <ParamField key={p.name} spec={p} value={node.params[p.name]} nodeId={id} onChange={(v) => api.setParam(id, p.name, v)} />)}
      {tensorParams.map((p) => (
        <div key={p.name}>
          <h3>{p.label}</h3>
          <TensorEditor nodeId={id} value={node.params[p.name] as TensorParam} onChange={(v) => api.setParam(id, p.name, v)} />
        </div>
      ))}
      <div style={{ margin: '8px 0' }}>
        <button aria-pressed={isObjective} onClick={() => api.setObjective(isObjective ? undefined : id)} data-testid="objective"
          title="Run backward from this node (it must hold one number)">
          {isObjective ? 'Objective: backward runs from here' : 'Backward from here'}
        </button>
      </div>
      {result?.error && <div className="error-box" role="alert" data-testid="inspector-error">{result.error}</div>}
      <h3>Output {result?.shape ? <span className="mono">{shapeString(result.shape)} {result.dtype}</span> : null}</h3>
      <label style={{ fontSize: 'var(--fs-small)' }}>
        <input type="checkbox" checked={fullPrecision} onChange={(e) => api.setUi({ fullPrecision: e.target.checked })} data-testid="full-precision" /> full precision
      </label>
      {result?.value ? <><div className="muted">value</div><ValueTable t={result.value} kind="value" testId="inspector-value" /></> : <p className="muted">No value.</p>}
      {result?.grad ? <><div className="muted">gradient</div><ValueTable t={result.grad} kind="grad" testId="inspector-grad" /></>
        : <p className="muted">{result?.value ? 'No gradient: choose an objective that depends on this node and that requires grad.' : ''}</p>}
      {result?.stats && result.value && result.value.size > 1 && (
        <p className="mono muted" style={{ fontSize: 'var(--fs-small)' }}>
          min {scalarString(result.stats.min, result.value.dtype)} · max {scalarString(result.stats.max, result.value.dtype)} · mean {scalarString(result.stats.mean, result.value.dtype)} · std {scalarString(result.stats.std, result.value.dtype)}
          {result.stats.nan + result.stats.posInf + result.stats.negInf > 0 && ` · ${result.stats.nan} nan, ${result.stats.posInf} inf, ${result.stats.negInf} -inf`}
        </p>
      )}
      <h3>Formulas</h3>
      {kind.formulas.map((f) => <Formula key={f.label} label={f.label} latex={f.latex} />)}
      <p>{kind.description}</p>
    </>
  );
}
