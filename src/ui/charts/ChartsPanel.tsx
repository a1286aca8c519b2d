import { useEffect, useMemo, useRef, useState } from 'react';
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
  // Chart text, margins and axis room follow the panel's font size (larger in presentation mode).
  const presentation = useEditor((s) => s.presentation);
  const ref = useRef<HTMLElement>(null);
  const [fontSize, setFontSize] = useState(13);
  useEffect(() => {
    // Measured a frame later: the attribute that scales the CSS is set on <html> by an effect of the App, after ours.
    const raf = requestAnimationFrame(() => {
      const px = ref.current ? parseFloat(getComputedStyle(ref.current).fontSize) : NaN;
      if (Number.isFinite(px) && px > 0) setFontSize(px);
    });
    return () => cancelAnimationFrame(raf);
  }, [presentation]);
  const kind = node ? registry.get(node.kind) : undefined;
  const out = node ? mainOutput(result, node.kind) : undefined;
  return (
    <section ref={ref} className="charts" aria-label="Charts" data-testid="charts">
      {!node || !kind ? <p className="muted">Select a node to chart its values and gradients.</p> : (
        <>
          {kind.scalar && input && out && (
            <ActivationChart kind={kind} fn={kind.scalar} params={node.params} input={input} output={out.value} fontSize={fontSize} />
          )}
          {out ? <TensorCharts value={out.value} grad={out.grad} fontSize={fontSize} /> : <p className="muted">No value to chart{result?.status !== 'ok' ? ': the node did not compute.' : '.'}</p>}
        </>
      )}
    </section>
  );
}
