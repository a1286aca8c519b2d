import { useEffect } from 'react';
import { useEditor, useEditorApi } from '../../store/context';
import type { EvalStatus } from '../../store/editor-store';
import { missingInput } from '../canvas/node-status';
import { formatNumber } from '../../engine';

/** What a running, stopped or failed evaluation shows. */
function evalText(st: EvalStatus): string {
  if (st.state === 'stopped') return 'stopped — results are from before the last change';
  if (st.state === 'failed') return `evaluation failed: ${st.message ?? 'unknown error'} — results are from before the last change`;
  const p = st.progress;
  if (!p) return 'evaluating…';
  return p.phase === 'forward' ? `evaluating ${p.done + 1} of ${p.total} nodes…` : `backward pass: ${p.done + 1} of ${p.total} nodes…`;
}

/** Counts, errors, the objective and how long the last evaluation took — or how far a heavy one got, with Stop. */
export function StatusBar() {
  const api = useEditorApi();
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
  const evalStatus = useEditor((s) => s.evalStatus);
  const state = evalStatus.state;
  // Both are kept objects of the store (a new selector object per call would re-render for ever).
  const runStatus = useEditor((s) => s.run?.status ?? null);
  const runProgress = useEditor((s) => s.run?.progress ?? null);
  const run = runStatus && runProgress ? { status: runStatus, p: runProgress } : null;
  // The canvas, inspector and charts dim their numbers while they are from an older document (see styles.css).
  useEffect(() => {
    document.documentElement.dataset.results = state === 'current' ? 'current' : 'stale';
  }, [state]);
  return (
    <footer className="status" role="status" aria-live="polite" data-testid="status">
      <span>{nodes} nodes, {edges} wires{selected ? `, ${selected} selected` : ''}</span>
      {/* While results are from an older document, its messages and counts would contradict the graph on screen. */}
      {state === 'current' || objective
        ? <span data-testid="objective-status">{objective ? `backward from ${objective.node} (= ${formatNumber(objective.value, objectiveDtype ?? 'float64')})` : objectiveMessage ?? 'no backward pass'}</span>
        : null}
      {state === 'current' && errors > 0 && <span className="error">{errors} node{errors > 1 ? 's' : ''} with errors</span>}
      {state === 'current' && waiting > 0 && <span data-testid="waiting-status">{waiting} input{waiting > 1 ? 's' : ''} to connect</span>}
      {run && (
        <span data-testid="train-status-bar" title="The training run (the Training tab has its controls)">
          training: epoch {run.p.epoch} / {run.p.epochs}, step {run.p.step.toLocaleString('en')}
          {run.status === 'running' ? `, ${Math.round(run.p.stepsPerSecond).toLocaleString('en')} steps/s` : ` (${run.status === 'done' ? 'finished' : run.status})`}
        </span>
      )}
      <span style={{ marginLeft: 'auto', display: 'flex', gap: 8, alignItems: 'center' }}>
        {state === 'current'
          ? <span data-testid="eval-status" data-state="current">evaluated in {evalMs.toFixed(2)} ms</span>
          : <span data-testid="eval-status" data-state={state} className={state === 'running' ? undefined : 'error'}>{evalText(evalStatus)}</span>}
        {state === 'running' && (
          <button type="button" data-testid="eval-stop" onClick={() => api.getState().stopEvaluation()} title="Stop this evaluation; the results stay as they were before the last change">Stop</button>
        )}
      </span>
    </footer>
  );
}
