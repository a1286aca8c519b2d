import { registry } from '../../kinds';
import { useEditor } from '../../store/context';
import { mainOutput } from '../../store/results';
import { ActivationChart } from './ActivationChart';
import { TensorCharts } from './TensorCharts';

/** Charts for the selected node; they follow the selection and update as the graph changes. */
export function ChartsPanel() {
  const id = useEditor((s) => (s.selectedNodes.length === 1 ? s.selectedNodes[0]! : null));
  const node = useEditor((s) => (id ? s.doc.nodes.find((n) => n.id === id) : undefined));
  const result = useEditor((s) => (id ? s.results.nodes.get(id) : undefined));
  const input = useEditor((s) => {
    if (!node) return null;
    const port = registry.get(node.kind)?.inputs[0]?.id;
    const e = port ? s.doc.edges.find((x) => x.target.node === node.id && x.target.port === port) : undefined;
    return e ? s.results.nodes.get(e.source.node)?.outputs[e.source.port]?.value ?? null : null;
  });
  const presentation = useEditor((s) => s.presentation);
  const height = presentation ? 230 : 170;
  const kind = node ? registry.get(node.kind) : undefined;
  const out = node ? mainOutput(result, node.kind) : undefined;
  return (
    <section className="charts" aria-label="Charts" data-testid="charts">
      {!node || !kind ? <p className="muted">Select a node to chart its values and gradients.</p> : (
        <>
          {kind.scalar && input && out && (
            <ActivationChart kind={kind} fn={kind.scalar} params={node.params} input={input} output={out.value} height={height} />
          )}
          {out ? <TensorCharts value={out.value} grad={out.grad} height={height} /> : <p className="muted">No value to chart{result?.status !== 'ok' ? ': the node did not compute.' : '.'}</p>}
        </>
      )}
    </section>
  );
}
