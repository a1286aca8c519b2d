import { useMemo } from 'react';
import type { GraphDocument, PortResult } from '../../document';
import { fmtShape, type DType, type TypedArray } from '../../engine';
import type { KindDef, Params } from '../../kinds';
import { useEditor, useEditorApi } from '../../store/context';
import { nodeNotices } from '../../store/results';
import { statsText } from '../numbers';
import { ValueTable } from './ValueTable';

/** Read-only tables of a node's outputs (and trainable params) with their gradients, and its error if any. */
export function ResultsSection({ id, kind }: { id: string; kind: KindDef }) {
  const result = useEditor((s) => s.results.nodes.get(id));
  const doc = useEditor((s) => s.doc);
  const fullPrecision = useEditor((s) => s.fullPrecision);
  const objectiveMessage = useEditor((s) => s.results.objectiveMessage);
  const objective = useEditor((s) => s.results.objective);
  const api = useEditorApi();
  const nameOf = (n: string): string => doc.nodes.find((x) => x.id === n)?.name ?? n;
  const { error, warnings } = nodeNotices(result, nameOf);
  const many = kind.outputs.length > 1;
  const objectiveName = objective ? nameOf(objective.node) : null;
  const isObjective = objective?.node === id;
  const local = useLocalDerivative(doc, id, kind, result?.outputs[kind.outputs[0]!.id]?.dtype);
  return (
    <>
      {error && (result?.error?.missingInput
        ? <div className="hint-box" role="status" data-testid="inspector-needs-input">Needs input <b>{result.error.port}</b>: connect a wire to it (or pick a source under Inputs above).</div>
        : <div className="error-box" role="alert" data-testid="inspector-error">{error}</div>)}
      {warnings.map((w) => <div key={w} className="warning-box" role="status" data-testid="inspector-warning"><span aria-hidden="true">△ </span>{w}</div>)}
      <label style={{ fontSize: 'var(--fs-small)', display: 'block', marginTop: 10 }}>
        <input type="checkbox" checked={fullPrecision} onChange={(e) => api.getState().setUi({ fullPrecision: e.target.checked })} data-testid="full-precision" /> full precision
        <span className="muted"> (every digit: NumPy’s floatmode=&apos;unique&apos;)</span>
      </label>
      {kind.outputs.map((p) => {
        const r = result?.outputs[p.id];
        if (!r) return null;
        return (
          <PortTables key={p.id} title={many ? `Output ${p.label}` : 'Output'} r={r} testId={many ? `-${p.id}` : ''} noGrad={objectiveMessage}
            gradLabel={isObjective && objective?.port === p.id ? 'gradient ∂L/∂out (this is the objective L)' : 'gradient ∂L/∂out'}
            gradHelp={gradHelp(objectiveName, isObjective && objective?.port === p.id, 'this output')}
            local={!many ? local : null} />
        );
      })}
      {Object.entries(result?.params ?? {}).map(([name, r]) => (
        <PortTables key={name} title={`Parameter ${name}`} r={r} testId={`-param-${name}`} noGrad={objectiveMessage}
          gradLabel={`gradient ∂L/∂${name}`} gradHelp={gradHelp(objectiveName, false, name)} local={null} />
      ))}
    </>
  );
}

function gradHelp(objectiveName: string | null, self: boolean, what: string): string | null {
  if (!objectiveName) return null;
  if (self) return 'Backward starts here: ∂L/∂L = 1.';
  return `From the objective L = ${objectiveName}: how much L changes per unit change of each element of ${what}. It is not this node’s own derivative.`;
}

interface Local { data: TypedArray; shape: readonly number[]; dtype: DType; symbol: string }

/** For an elementwise activation: its own derivative f′ at the inputs it actually received. */
function useLocalDerivative(doc: GraphDocument, id: string, kind: KindDef, dtype: DType | undefined): Local | null {
  const edge = kind.scalar && kind.inputs.length === 1 ? doc.edges.find((e) => e.target.node === id && e.target.port === kind.inputs[0]!.id) : undefined;
  const input = useEditor((s) => (edge ? s.results.nodes.get(edge.source.node)?.outputs[edge.source.port]?.value : undefined));
  const params = doc.nodes.find((n) => n.id === id)?.params;
  return useMemo(() => {
    if (!kind.scalar || !input || !params || !dtype) return null;
    const data = dtype === 'float64' ? new Float64Array(input.size) : new Float32Array(input.size);
    for (let i = 0; i < data.length; i++) data[i] = kind.scalar.df(input.data[i]!, params as Params);
    return { data, shape: input.shape, dtype, symbol: kind.id === 'sigmoid' ? 'σ′' : `${kind.label}′` };
  }, [kind, input, params, dtype]);
}

function PortTables({ title, r, testId, noGrad, gradLabel, gradHelp, local }: {
  title: string; r: PortResult; testId: string; noGrad: string | null; gradLabel: string; gradHelp: string | null; local: Local | null;
}) {
  const gst = r.grad ? r.gradStats : null;
  return (
    <>
      <h3>{title} <span className="mono">{fmtShape(r.shape)} {r.dtype}</span></h3>
      <div className="table-label value">value</div>
      <ValueTable t={r.value} kind="value" testId={`inspector-value${testId}`} />
      <Stats st={r.stats} dtype={r.dtype} testId={`inspector-stats${testId}`} />
      <div className="table-label grad" data-testid={`inspector-grad-label${testId}`}>{gradLabel}</div>
      {gradHelp && r.grad && <div className="table-help muted">{gradHelp}</div>}
      {r.grad ? <ValueTable t={r.grad} kind="grad" testId={`inspector-grad${testId}`} /> : <p className="muted" data-testid={`inspector-nograd${testId}`}>{noGrad ?? 'No gradient reaches this tensor.'}</p>}
      {gst && <Stats st={gst} dtype={r.dtype} testId={`inspector-grad-stats${testId}`} />}
      {local && (
        <>
          <div className="table-label local" data-testid="inspector-local-label">local derivative {local.symbol}(x) at this node’s inputs</div>
          <div className="table-help muted">∂out/∂in elementwise, from the kind’s formula; {r.grad ? 'the input’s gradient is ∂L/∂out × this.' : 'backward multiplies ∂L/∂out by this.'}</div>
          <ValueTable t={local} kind="local" testId="inspector-local" />
        </>
      )}
    </>
  );
}

function Stats({ st, dtype, testId }: { st: PortResult['stats']; dtype: DType; testId: string }) {
  if (st.count <= 1 && st.finite === st.count) return null;
  const partial = st.finite < st.count;
  return (
    <p className={`stats mono muted${partial ? ' partial' : ''}`} data-testid={testId}
      title={partial ? 'min, max, mean and std are over the finite values only; NaN and ±inf are counted apart.' : undefined}>
      {statsText(st, dtype)}
    </p>
  );
}
