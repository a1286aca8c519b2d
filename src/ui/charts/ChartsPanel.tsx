import { getKind } from '../../store/doc-api';
import { useEditor } from '../../store/context';
import { ActivationChart } from './ActivationChart';
import { TensorCharts } from './TensorCharts';

/** Charts for the selected node; they follow the selection and update as the graph changes. */
export function ChartsPanel() {
  const id = useEditor((s) => (s.selectedNodes.length === 1 ? s.selectedNodes[0]! : null));
  const node = useEditor((s) => (id ? s.doc.nodes.find((n) => n.id === id) : undefined));
  const result = useEditor((s) => (id ? s.results.get(id) : undefined));
  const inputValue = useEditor((s) => {
    if (!node) return null;
    const port = getKind(node.kind)?.inputs[0]?.name;
    const e = port ? s.doc.edges.find((x) => x.target.node === node.id && x.target.port === port) : undefined;
    return e ? s.results.get(e.source.node)?.value ?? null : null;
  });
  const presentation = useEditor((s) => s.presentation);
  const height = presentation ? 230 : 170;
  const kind = node ? getKind(node.kind) : undefined;
  return (
    <section className="charts" aria-label="Charts" data-testid="charts">
      {!node || !kind ? <p className="muted">Select a node to chart its values and gradients.</p> : (
        <>
          {kind.elementwise && inputValue && kind.inputs.length === 1 && (
            <ActivationChart kind={kind} params={node.params} input={inputValue} height={height} />
          )}
          {result?.value ? <TensorCharts value={result.value} grad={result.grad} height={height} /> : <p className="muted">No value to chart{result?.error ? ': the node has an error.' : '.'}</p>}
        </>
      )}
    </section>
  );
}
