import { useMemo } from 'react';
import { tensorStats } from '../../document';
import type { Tensor } from '../../engine';
import { INLINE_LIMIT, numpyString, scalarString } from '../numbers';
import { MiniPlot } from './MiniPlot';

/**
 * The compact value (or gradient) shown on a node: the numbers when few; when many, a picture and the range of the
 * finite values, with NaN and ±inf counted apart (they are the red cells of a heatmap) so none slips in silently.
 */
export function TensorPreview({ t, kind, testId }: { t: Tensor; kind: 'value' | 'grad'; testId: string }) {
  const cls = kind === 'value' ? 'value' : 'grad';
  const big = t.size > INLINE_LIMIT;
  const st = useMemo(() => (big ? tensorStats(t.data) : null), [big, t.data]);
  if (!st) {
    const text = numpyString(t.data, t.shape, t.dtype);
    // Nodes have a fixed width: a long row is cut with an ellipsis; the full text is in the tooltip and the inspector.
    return <pre className={`num ${cls}`} style={{ margin: 0 }} data-testid={testId} title={text}>{text}</pre>;
  }
  const bad = st.count - st.finite;
  const counts = [st.nan && `${st.nan} nan`, st.posInf && `${st.posInf} inf`, st.negInf && `${st.negInf} \u2212inf`].filter(Boolean).join(', ');
  const legend = bad > 0
    ? `${bad} of ${st.count} values are not finite (${counts})${t.shape.length === 2 ? ', drawn as red cells' : ''}; ${st.finite > 0 ? `the colours and the range are over the ${st.finite} finite values` : 'no value is finite'}.`
    : undefined;
  return (
    <div data-testid={testId} title={legend}>
      <MiniPlot data={t.data} shape={t.shape} color={kind === 'value' ? '--value' : '--grad'} label={`${kind} of ${t.size} elements${legend ? `; ${legend}` : ''}`} />
      <div className={`num ${cls}`} data-testid={`${testId}-range`}>
        {st.finite > 0 ? `${scalarString(st.min, t.dtype)} … ${scalarString(st.max, t.dtype)}` : 'no finite values'}
      </div>
      {bad > 0 && <div className="preview-nonfinite" data-testid={`${testId}-nonfinite`}><span className="swatch" aria-hidden="true" /> {counts}</div>}
    </div>
  );
}
