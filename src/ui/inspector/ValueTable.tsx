import type { Tensor } from '../../engine';
import { useEditor } from '../../store/context';
import { fullPrecisionString, numpyString } from '../numbers';

/** A tensor printed as NumPy prints it, or with every digit when full precision is on. Read-only. */
export function ValueTable({ t, kind, testId }: { t: Tensor; kind: 'value' | 'grad'; testId: string }) {
  const full = useEditor((s) => s.fullPrecision);
  const text = full ? fullPrecisionString(t.data, t.shape) : numpyString(t.data, t.shape, t.dtype);
  return <pre className={`array num ${kind === 'value' ? 'value' : 'grad'}`} data-testid={testId} tabIndex={0} aria-label={`${kind}: ${text}`}>{text}</pre>;
}
