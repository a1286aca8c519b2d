import { useEffect, useRef, useState, type CSSProperties } from 'react';
import type { GraphDocument } from '../../document';
import { registry } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';
import { checkDocument, checkNode, runSliced, GRADCHECK_DEFAULTS, type CheckJob, type GradCheckReport, type InputCheck, type NodeCheck } from '../../train/gradcheck';

/** How the app says what the check compares and when it passes (the same words as the command line). */
const DEFINITION =
  `Central finite differences in float64 against the backward pass. Relative error = |analytic − numeric| / max(|analytic| + |numeric|, 1e-8); ` +
  `an input passes at most ${GRADCHECK_DEFAULTS.tolerance.toExponential(0)}. Inputs over ${GRADCHECK_DEFAULTS.maxElements} elements are checked on a seeded sample.`;

type Run<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly steps: number }
  | { readonly state: 'done'; readonly doc: GraphDocument; readonly result: T }
  | { readonly state: 'failed'; readonly message: string };

/**
 * Runs a check in slices (the page stays responsive), on the document and results the editor shows; stops it when
 * the component goes away. Refuses while the shown results are not the current document's.
 */
function useCheck<T>() {
  const api = useEditorApi();
  const current = useEditor((s) => s.evalStatus.state === 'current');
  const doc = useEditor((s) => s.doc);
  const [run, setRun] = useState<Run<T>>({ state: 'idle' });
  const stopper = useRef<AbortController | null>(null);
  useEffect(() => () => stopper.current?.abort(), []);
  const start = (make: (doc: GraphDocument, results: ReturnType<typeof api.getState>['results']) => CheckJob<T>): void => {
    stopper.current?.abort();
    const stop = new AbortController();
    stopper.current = stop;
    const { doc: d, results } = api.getState();
    setRun({ state: 'running', steps: 0 });
    runSliced(make(d, results), { signal: stop.signal, onProgress: (steps) => setRun({ state: 'running', steps }) }).then(
      (result) => setRun({ state: 'done', doc: d, result }),
      (err: Error) => setRun(err.name === 'AbortError' ? { state: 'idle' } : { state: 'failed', message: err.message }),
    );
  };
  const stop = (): void => { stopper.current?.abort(); stopper.current = null; };
  const stale = run.state === 'done' && run.doc !== doc;
  return { run, start, stop, current, stale };
}

const badgeStyle = (ok: boolean): CSSProperties => ({
  display: 'inline-block', padding: '1px 8px', borderRadius: 10, fontWeight: 600, fontSize: 'var(--fs-small)',
  color: ok ? 'var(--value)' : 'var(--error)', border: `1px solid ${ok ? 'var(--value)' : 'var(--error)'}`, background: ok ? 'transparent' : 'var(--error-bg)',
});

function Badge({ ok, testId }: { ok: boolean; testId: string }) {
  return <span style={badgeStyle(ok)} data-testid={testId}>{ok ? '✓ pass' : '✗ fail'}</span>;
}

const num = (v: number): string => (Number.isFinite(v) ? v.toExponential(1) : String(v));

/** One row per checked input: its largest relative error, how many elements, kinks, pass or fail. */
function CheckRows({ checks, name }: { checks: readonly InputCheck[]; name: (c: InputCheck) => string }) {
  const cell: CSSProperties = { padding: '2px 6px', textAlign: 'left', verticalAlign: 'top' };
  return (
    <table style={{ borderCollapse: 'collapse', fontSize: 'var(--fs-small)', marginTop: 4 }}>
      <thead><tr><th style={cell}>input</th><th style={cell}>max rel error</th><th style={cell}>elements</th><th style={cell} /></tr></thead>
      <tbody>
        {checks.map((c) => (
          <tr key={`${c.id}.${c.input}`} data-testid="gradcheck-row" data-input={c.input} data-node={c.id}>
            <td style={cell} className="mono">{name(c)}</td>
            {c.skipped
              ? <td style={cell} colSpan={3} className="muted">not checked: {c.skipped}</td>
              : <>
                <td style={cell} className="mono" data-testid="gradcheck-error">{num(c.maxRelError)}</td>
                <td style={cell}>{c.sampled ? `${c.checked} of ${c.size} (sample)` : `${c.checked}/${c.size}`}{c.kinks > 0 ? `; ${c.kinks} not differentiable here (a kink)` : ''}</td>
                <td style={cell}><Badge ok={c.ok} testId="gradcheck-row-badge" /></td>
              </>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Progress({ steps, onStop }: { steps: number; onStop: () => void }) {
  return <div role="status" data-testid="gradcheck-running">Checking… {steps} element{steps === 1 ? '' : 's'} done <button onClick={onStop}>Stop</button></div>;
}

const worstOf = (checks: readonly InputCheck[]): number => checks.reduce((m, c) => Math.max(m, c.maxRelError), 0);

/** The selected node's gradient check: a button, then the largest relative error per input and a pass/fail badge. */
export function NodeGradCheck({ id }: { id: string }) {
  const { run, start, stop, current, stale } = useCheck<NodeCheck>();
  return (
    <div data-testid="gradcheck-node-section">
      <h3>Gradient check</h3>
      <button data-testid="gradcheck-node" disabled={!current || run.state === 'running'} onClick={() => start((doc, results) => checkNode(doc, results, id))}
        title={current ? 'Compare this node’s backward pass with finite differences, in float64' : 'Wait for the evaluation to finish'}>
        Check this node’s gradients
      </button>
      {run.state === 'running' && <Progress steps={run.steps} onStop={stop} />}
      {run.state === 'failed' && <div className="error-box" role="alert">{run.message}</div>}
      {run.state === 'done' && (
        <div data-testid="gradcheck-result" style={{ marginTop: 6, opacity: stale ? 0.6 : 1 }}>
          {run.result.error
            ? <div className="error-box" role="alert" data-testid="gradcheck-message"><Badge ok={false} testId="gradcheck-badge" /> {run.result.error}</div>
            : <>
              <div><Badge ok={run.result.ok} testId="gradcheck-badge" /> largest relative error <span className="mono" data-testid="gradcheck-worst">{num(worstOf(run.result.inputs))}</span></div>
              <CheckRows checks={run.result.inputs} name={(c) => c.input} />
            </>}
          {stale && <p className="muted">The graph changed since: check again.</p>}
        </div>
      )}
      <p className="muted" style={{ fontSize: 'var(--fs-small)' }}>{DEFINITION} Each output gets a fixed random upstream gradient.</p>
    </div>
  );
}

/** The whole graph's gradient check: every node, and the objective with respect to every leaf. */
export function GraphGradCheck() {
  const { run, start, stop, current, stale } = useCheck<GradCheckReport>();
  const doc = useEditor((s) => s.doc);
  const name = (id: string): string => doc.nodes.find((n) => n.id === id)?.name ?? id;
  /** A leaf: a source's single output by the node's name (x), a param with it (hidden W). */
  const leafName = (c: InputCheck): string => {
    const kind = registry.get(doc.nodes.find((n) => n.id === c.id)?.kind ?? '');
    return kind && kind.inputs.length === 0 && kind.outputs.length === 1 ? name(c.id) : `${name(c.id)} ${c.input}`;
  };
  return (
    <div data-testid="gradcheck-graph-section">
      <h3>Gradient check</h3>
      <button data-testid="gradcheck-graph" disabled={!current || run.state === 'running'} onClick={() => start((d, results) => checkDocument(d, results))}
        title={current ? 'Compare every node’s backward pass, and the whole graph’s, with finite differences in float64' : 'Wait for the evaluation to finish'}>
        Check the whole graph’s gradients
      </button>
      {run.state === 'running' && <Progress steps={run.steps} onStop={stop} />}
      {run.state === 'failed' && <div className="error-box" role="alert">{run.message}</div>}
      {run.state === 'done' && (() => {
        const r = run.result;
        const all = [...r.nodes.flatMap((n) => n.inputs), ...r.graph.leaves];
        return (
          <div data-testid="gradcheck-result" style={{ marginTop: 6, opacity: stale ? 0.6 : 1 }}>
            <div><Badge ok={r.ok} testId="gradcheck-badge" /> largest relative error <span className="mono" data-testid="gradcheck-worst">{num(worstOf(all))}</span></div>
            <div className="table-label">The whole graph: {r.graph.objective ? `∂${name(r.graph.objective.node)}/∂ each leaf` : 'the objective with respect to each leaf'}</div>
            {r.graph.error && <div className="error-box" role="alert">{r.graph.error}</div>}
            {r.graph.skipped && <p className="muted">Not checked: {r.graph.skipped}.</p>}
            {r.graph.leaves.length > 0 && <CheckRows checks={r.graph.leaves} name={leafName} />}
            <div className="table-label">Each node</div>
            {r.nodes.filter((n) => n.error).map((n) => <div key={n.id} className="error-box" role="alert">{n.error}</div>)}
            <CheckRows checks={r.nodes.flatMap((n) => n.inputs)} name={(c) => `${name(c.id)} ${c.input}`} />
            {stale && <p className="muted">The graph changed since: check again.</p>}
          </div>
        );
      })()}
      <p className="muted" style={{ fontSize: 'var(--fs-small)' }}>{DEFINITION}</p>
    </div>
  );
}
