import { memo, useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** A formula typeset by KaTeX (no eval; its fonts load from our own files). */
export const Formula = memo(function Formula({ latex, label }: { latex: string; label: string }) {
  const html = useMemo(() => katex.renderToString(latex, { throwOnError: false, displayMode: true, output: 'htmlAndMathml' }), [latex]);
  return (
    <div className="formula" aria-label={`${label}: ${latex}`}>
      <div className="muted" style={{ fontSize: 'var(--fs-small)' }}>{label}</div>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
});
