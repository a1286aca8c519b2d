import { useMemo } from 'react';
import { registry } from '../../kinds';
import { useEditor } from '../../store/context';
import { mainOutput } from '../../store/results';
import { ActivationChart } from './ActivationChart';
import { TensorCharts } from './TensorCharts';
import { useSettled } from './use-settled';

const CHART_DELAY_MS = 120;

/** Charts for the selected node; they follow the selection and update as the graph changes, just after the numbers. */
export function ChartsPanel() {
  const id = useEditor((s) => (s.selectedNodes.length === 1 ? s.selectedNodes[0]! : null));
  const liveNode = useEditor((s) => (id ? s.doc.nodes.find((n) => n.id === id) : undefined));
  const liveResult = useEditor((s) => (id ? s.results.nodes.get(id) : undefined));
  const liveInput = useEditor((s) => {
    if (!liveNode) return null;
    const port = registry.get(liveNode.kind)?.inputs[0]?.id;
    const e = port ? s.doc.edges.find((x) => x.target.node === liveNode.id && x.target.port === port) : undefined;
    return e ? s.results.nodes.get(e.source.node)?.outputs[e.source.port]?.value ?? null : null;
  });
  const live = useMemo(() => ({ node: liveNode, result: liveResult, input: liveInput }), [liveNode, liveResult, liveInput]);
  // Charts redraw a moment after the numbers are on screen, once per burst of edits: Recharts is the slowest thing
  // to render, and the numbers come first.
  const { node, result, input } = useSettled(live, CHART_DELAY_MS);
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
