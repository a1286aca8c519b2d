import { registry, type ParamValue, type TensorParamSpec } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';
import { Formula } from './Formula';
import { useState } from 'react';
import { CommitText, CommitTextArea, ParamField } from './ParamField';
import { InputsSection } from './InputsSection';
import { ResultsSection } from './ResultsSection';
import { TensorEditor } from './TensorEditor';
import { CsvDataSection, commitImport } from './CsvImport';
import { updateParams } from '../../document';
import { csvDataKind } from '../../kinds/csv-data';
import { GraphGradCheck, NodeGradCheck } from './GradCheckSection';
import { checkable } from '../../train/gradcheck';

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

/** With nothing selected: the document's title and description, editable (each change one undo step), and how to start. */
function DocInfo() {
  const title = useEditor((s) => s.doc.title);
  const description = useEditor((s) => s.doc.description);
  const api = useEditorApi();
  const [error, setError] = useState<string | null>(null);
  const setMeta = (meta: { title?: string; description?: string }): boolean => {
    const refused = api.getState().setMeta(meta);
    setError(refused && `Not changed: ${refused}.`);
    return refused === null;
  };
  return (
    <>
      <h2 data-testid="doc-heading">{title || 'Untitled graph'}</h2>
      <div className="field"><label htmlFor="doc-title-field">Title</label>
        <CommitText id="doc-title-field" value={title} testId="doc-title-field" errorId="doc-meta-error"
          onCommit={(t) => t.trim() === title || setMeta({ title: t.trim() })} onRevert={() => setError(null)} />
      </div>
      <label htmlFor="doc-description-field" className="muted">Description</label>
      <CommitTextArea id="doc-description-field" value={description} testId="doc-description-field" errorId="doc-meta-error"
        placeholder="What this graph shows; saved in the file." onCommit={(t) => t === description || setMeta({ description: t })} onRevert={() => setError(null)} />
      {error && <div className="error-box" role="alert" id="doc-meta-error">{error}</div>}
      <p className="muted">Select a node to see and edit its parameters, its value and gradient, and its formulas.</p>
      <p className="muted">Numbers print as NumPy prints them. To see gradients, select a node that holds one number (a loss, or a Sum) and press <kbd>B</kbd> or “{OBJECTIVE_ACTION}” in the inspector.</p>
      <GraphGradCheck />
    </>
  );
}

/** The one name of the control that makes a node the objective, used wherever the editor mentions it. */
const OBJECTIVE_ACTION = 'Set as objective (backward from here)';

function NodeInspector({ id }: { id: string }) {
  const node = useEditor((s) => s.doc.nodes.find((n) => n.id === id));
  const isObjective = useEditor((s) => s.results.objective?.node === id);
  const explicit = useEditor((s) => s.doc.objective?.node === id);
  const hasObjective = useEditor((s) => s.results.objective !== null);
  const oneNumber = useEditor((s) => {
    const r = s.results.nodes.get(id);
    const out = node ? registry.get(node.kind)?.outputs[0]?.id : undefined;
    return out !== undefined && r?.outputs[out]?.value.size === 1;
  });
  const store = useEditorApi();
  const api = store.getState();
  if (!node) return null;
  const kind = registry.get(node.kind);
  if (!kind) return <div className="error-box">Unknown kind {node.kind}</div>;
  const specs = Object.entries(kind.params);
  const tensors = specs.filter((e): e is [string, TensorParamSpec] => e[1].type === 'tensor' && !e[1].hidden);
  const shapeParams = new Set(tensors.map(([, s]) => s.shapeParam).filter(Boolean));
  const set = (patch: Record<string, ParamValue>): string | null => api.setParams(id, patch);
  const out = kind.outputs[0]!.id;
  return (
    <>
      <h2>{kind.label} <span className="muted mono" style={{ fontWeight: 400 }}>{id}</span></h2>
      <div className="field"><label htmlFor={`name-${id}`}>Name</label>
        <CommitText id={`name-${id}`} value={node.name ?? ''} onCommit={(t) => api.renameNode(id, t.trim())} testId="node-name" />
      </div>
      {kind.id === csvDataKind.id && <CsvDataSection params={node.params} onUse={(p) => commitImport(store, (doc) => updateParams(doc, id, p))} />}
      {specs.filter(([name, spec]) => !shapeParams.has(name) && !spec.hidden).map(([name, spec]) => (
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
      <div className={`objective-box${!hasObjective && oneNumber ? ' suggest' : ''}`} data-testid="objective-box">
        <button aria-pressed={isObjective} data-testid="objective" className={!hasObjective && oneNumber ? 'primary' : undefined}
          onClick={() => api.setObjective(explicit ? null : { node: id, port: out })}
          title="The objective L is the number backward starts from: every gradient shown is ∂L/∂(that tensor). Shortcut: B">
          {isObjective ? '✓ Objective L (backward runs from here)' : OBJECTIVE_ACTION}
        </button>
        <div className="muted objective-help">
          {isObjective
            ? explicit ? 'Every gradient in the graph is ∂L/∂ of its tensor, with L this node’s output. Click again to clear.' : 'The only loss in the graph is the objective. Every gradient is ∂L/∂ of its tensor.'
            : oneNumber
              ? hasObjective ? 'Make this node the objective L instead: gradients become ∂(this)/∂ of each tensor.' : 'No gradients yet: this node holds one number, so it can be the objective L that backward starts from.'
              : 'The objective must hold one number (a loss, or a Sum or Mean of this output).'}
        </div>
      </div>
      <ResultsSection id={id} kind={kind} />
      {checkable(kind) && <NodeGradCheck key={id} id={id} />}
      <h3>Formulas</h3>
      <Formula label="forward" latex={kind.formulas.forward} />
      <Formula label="local gradient" latex={kind.formulas.gradient} />
      {kind.formulas.notes?.map((n, i) => <Formula key={i} label={i === 0 ? 'notes' : ''} latex={n} />)}
      <p>{kind.description}</p>
    </>
  );
}
