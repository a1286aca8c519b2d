import { registry, type ParamValue, type TensorParamSpec } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';
import { Formula } from './Formula';
import { CommitText, ParamField } from './ParamField';
import { InputsSection } from './InputsSection';
import { ResultsSection } from './ResultsSection';
import { TensorEditor } from './TensorEditor';

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
  const description = useEditor((s) => s.doc.description);
  return (
    <>
      <h2>{title}</h2>
      {description && <p>{description}</p>}
      <p className="muted">Select a node to see and edit its parameters, its value and gradient, and its formulas.</p>
      <p className="muted">Numbers print as NumPy prints them. Select a one-number node and press <kbd>B</kbd> (or “Backward from here”) to run backward from it.</p>
    </>
  );
}

function NodeInspector({ id }: { id: string }) {
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === id));
  const isObjective = useEditor((s) => s.results.objective?.node === id);
  const api = useEditorApi().getState();
  if (!node) return null;
  const kind = registry.get(node.kind);
  if (!kind) return <div className="error-box">Unknown kind {node.kind}</div>;
  const specs = Object.entries(kind.params);
  const tensors = specs.filter((e): e is [string, TensorParamSpec] => e[1].type === 'tensor');
  const shapeParams = new Set(tensors.map(([, s]) => s.shapeParam).filter(Boolean));
  const set = (patch: Record<string, ParamValue>): string | null => api.setParams(id, patch);
  const out = kind.outputs[0]!.id;
  return (
    <>
      <h2>{kind.label} <span className="muted mono" style={{ fontWeight: 400 }}>{id}</span></h2>
      <div className="field"><label htmlFor={`name-${id}`}>Name</label>
        <CommitText id={`name-${id}`} value={node.name ?? ''} onCommit={(t) => api.renameNode(id, t.trim())} testId="node-name" />
      </div>
      {specs.filter(([name]) => !shapeParams.has(name)).map(([name, spec]) => (
        <ParamField key={name} name={name} spec={spec} value={node.params[name]} nodeId={id} onChange={(v) => set({ [name]: v })} />
      ))}
      {tensors.map(([name, spec]) => {
        const shape = spec.shapeParam ? (node.params[spec.shapeParam] as readonly number[]) : spec.shapeOf?.(node.params) ?? [(node.params[name] as readonly number[]).length];
        return (
          <div key={name}>
            <h3>{spec.label}</h3>
            <TensorEditor nodeId={id} values={node.params[name] as readonly number[]} shape={shape} shapeEditable={Boolean(spec.shapeParam)}
              onChange={(values, newShape) => set(newShape && spec.shapeParam ? { [name]: values, [spec.shapeParam]: newShape } : { [name]: values })} />
          </div>
        );
      })}
      <InputsSection id={id} kind={kind} />
      <div style={{ margin: '8px 0' }}>
        <button aria-pressed={isObjective} onClick={() => api.setObjective(isObjective ? null : { node: id, port: out })} data-testid="objective"
          title="Run backward from this node's output (it must hold one number)">
          {isObjective ? 'Objective: backward runs from here' : 'Backward from here'}
        </button>
      </div>
      <ResultsSection id={id} kind={kind} />
      <h3>Formulas</h3>
      <Formula label="forward" latex={kind.formulas.forward} />
      <Formula label="local gradient" latex={kind.formulas.gradient} />
      {kind.formulas.notes?.map((n, i) => <Formula key={i} label={i === 0 ? 'notes' : ''} latex={n} />)}
      <p>{kind.description}</p>
    </>
  );
}
