import { useEditor } from '../../store/context';

/** Counts, errors, the objective and how long the last evaluation took. */
export function StatusBar() {
  const nodes = useEditor((s) => s.doc.nodes.length);
  const edges = useEditor((s) => s.doc.edges.length);
  const objective = useEditor((s) => s.doc.objective);
  const evalMs = useEditor((s) => s.evalMs);
  const errors = useEditor((s) => { let n = 0; for (const r of s.results.values()) if (r.error && !r.blocked) n++; return n; });
  const selected = useEditor((s) => s.selectedNodes.length);
  return (
    <footer className="status" role="status" aria-live="polite" data-testid="status">
      <span>{nodes} nodes, {edges} wires{selected ? `, ${selected} selected` : ''}</span>
      <span>{objective ? `backward from ${objective}` : 'no objective: select a scalar node and press B'}</span>
      {errors > 0 && <span className="error">{errors} node{errors > 1 ? 's' : ''} with errors</span>}
      <span style={{ marginLeft: 'auto' }}>evaluated in {evalMs.toFixed(2)} ms</span>
    </footer>
  );
}
