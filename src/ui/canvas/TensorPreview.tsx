import type { Tensor } from '../../engine';
import { INLINE_LIMIT, numpyString, scalarString } from '../numbers';
import { MiniPlot } from './MiniPlot';

/** The compact value (or gradient) shown on a node: the numbers when few, a picture and the range when many. */
export function TensorPreview({ t, kind, testId }: { t: Tensor; kind: 'value' | 'grad'; testId: string }) {
  const cls = kind === 'value' ? 'value' : 'grad';
  if (t.size <= INLINE_LIMIT) {
    const text = numpyString(t.data, t.shape, t.dtype);
    // Nodes have a fixed width: a long row is cut with an ellipsis; the full text is in the tooltip and the inspector.
    return <pre className={`num ${cls}`} style={{ margin: 0 }} data-testid={testId} title={text}>{text}</pre>;
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of t.data) { if (v < lo) lo = v; if (v > hi) hi = v; }
  return (
    <div data-testid={testId}>
      <MiniPlot data={t.data} shape={t.shape} color={kind === 'value' ? '--value' : '--grad'} label={`${kind} of ${t.size} elements`} />
      <div className={`num ${cls}`}>{scalarString(lo, t.dtype)} … {scalarString(hi, t.dtype)}</div>
    </div>
  );
}
