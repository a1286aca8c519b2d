import type { Tensor } from '../../engine';
import { INLINE_LIMIT, numpyString, scalarString } from '../numbers';
import { MiniPlot } from './MiniPlot';

/** The compact value (or gradient) shown on a node: the numbers when few, a picture and the range when many. */
export function TensorPreview({ t, kind, testId }: { t: Tensor; kind: 'value' | 'grad'; testId: string }) {
  const cls = kind === 'value' ? 'value' : 'grad';
  if (t.size <= INLINE_LIMIT) {
    return <pre className={`num ${cls}`} style={{ margin: 0, whiteSpace: 'pre' }} data-testid={testId}>{numpyString(t.data, t.shape, t.dtype)}</pre>;
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
