import { useEditor } from '../../store/context';
import { missingInput } from '../canvas/node-status';
import { formatNumber } from '../../engine';

/** Counts, errors, the objective and how long the last evaluation took. */
export function StatusBar() {
  const nodes = useEditor((s) => s.doc.nodes.length);
  const edges = useEditor((s) => s.doc.edges.length);
  const objective = useEditor((s) => s.results.objective);
  const objectiveDtype = useEditor((s) => (s.results.objective ? s.results.nodes.get(s.results.objective.node)?.outputs[s.results.objective.port]?.dtype : undefined));
  const evalMs = useEditor((s) => s.evalMs);
  // Nodes that only wait for a wire are still being built, not failing: they are counted apart.
  const errors = useEditor((s) => { let n = 0; for (const r of s.results.nodes.values()) if (r.status === 'error' && missingInput(r) === null) n++; return n; });
  const waiting = useEditor((s) => { let n = 0; for (const r of s.results.nodes.values()) if (missingInput(r) !== null) n++; return n; });
  const objectiveMessage = useEditor((s) => s.results.objectiveMessage);
  const selected = useEditor((s) => s.selectedNodes.length);
  return (
    <footer className="status" role="status" aria-live="polite" data-testid="status">
      <span>{nodes} nodes, {edges} wires{selected ? `, ${selected} selected` : ''}</span>
      <span data-testid="objective-status">{objective ? `backward from ${objective.node} (= ${formatNumber(objective.value, objectiveDtype ?? 'float64')})` : objectiveMessage ?? 'no backward pass'}</span>
      {errors > 0 && <span className="error">{errors} node{errors > 1 ? 's' : ''} with errors</span>}
      {waiting > 0 && <span data-testid="waiting-status">{waiting} input{waiting > 1 ? 's' : ''} to connect</span>}
      <span style={{ marginLeft: 'auto' }}>evaluated in {evalMs.toFixed(2)} ms</span>
    </footer>
  );
}
