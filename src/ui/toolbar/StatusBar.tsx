import { useEditor } from '../../store/context';
import { errorCount } from '../../store/results';
import { formatNumber } from '../../engine';

/** Counts, errors, the objective and how long the last evaluation took. */
export function StatusBar() {
  const nodes = useEditor((s) => s.doc.nodes.length);
  const edges = useEditor((s) => s.doc.edges.length);
  const objective = useEditor((s) => s.results.objective);
  const objectiveDtype = useEditor((s) => (s.results.objective ? s.results.nodes.get(s.results.objective.node)?.outputs[s.results.objective.port]?.dtype : undefined));
  const evalMs = useEditor((s) => s.evalMs);
  const errors = useEditor((s) => errorCount(s.results));
  const objectiveMessage = useEditor((s) => s.results.objectiveMessage);
  const selected = useEditor((s) => s.selectedNodes.length);
  return (
    <footer className="status" role="status" aria-live="polite" data-testid="status">
      <span>{nodes} nodes, {edges} wires{selected ? `, ${selected} selected` : ''}</span>
      <span data-testid="objective-status">{objective ? `backward from ${objective.node} (= ${formatNumber(objective.value, objectiveDtype ?? 'float64')})` : objectiveMessage ?? 'no backward pass'}</span>
      {errors > 0 && <span className="error">{errors} node{errors > 1 ? 's' : ''} with errors</span>}
      <span style={{ marginLeft: 'auto' }}>evaluated in {evalMs.toFixed(2)} ms</span>
    </footer>
  );
}
