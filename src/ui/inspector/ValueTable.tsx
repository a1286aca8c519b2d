import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Tensor } from '../../engine';
import { useEditor } from '../../store/context';
import { NUMPY_LINE_WIDTH, fullPrecisionString, numpyString } from '../numbers';

let measureCanvas: HTMLCanvasElement | null = null;

/** Characters of the element's monospace font that fit on one line inside it; null when it cannot be measured. */
function charsThatFit(el: HTMLElement): number | null {
  const cs = getComputedStyle(el);
  const inner = el.clientWidth - parseFloat(cs.paddingLeft || '0') - parseFloat(cs.paddingRight || '0');
  if (!(inner > 0)) return null;
  measureCanvas ??= document.createElement('canvas');
  let ctx: CanvasRenderingContext2D | null;
  try { ctx = measureCanvas.getContext('2d'); } catch { return null; }
  if (!ctx) return null;
  ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
  const ch = ctx.measureText('0'.repeat(20)).width / 20;
  return ch > 0 ? Math.floor(inner / ch) : null;
}

/**
 * The line width NumPy would wrap at if its terminal were this panel: the characters that fit, at most NumPy's 75 (a
 * wide panel prints exactly what NumPy prints), at least 20. Follows the panel's size and the presentation setting.
 */
function usePanelLineWidth(ref: RefObject<HTMLElement | null>): number {
  const presentation = useEditor((s) => s.presentation);
  const [width, setWidth] = useState(NUMPY_LINE_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = (): void => {
      const n = charsThatFit(el);
      if (n !== null) setWidth(Math.max(20, Math.min(NUMPY_LINE_WIDTH, n)));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, presentation]);
  return width;
}

/**
 * A tensor printed as NumPy prints it (`str(array)`), or with every element's shortest round-trip digits when full
 * precision is on (`floatmode='unique'`), wrapped at the panel's width as NumPy wraps at its line width. Read-only.
 */
export function ValueTable({ t, kind, testId }: { t: Pick<Tensor, 'data' | 'shape' | 'dtype'>; kind: 'value' | 'grad' | 'local'; testId: string }) {
  const full = useEditor((s) => s.fullPrecision);
  const ref = useRef<HTMLPreElement>(null);
  const lineWidth = usePanelLineWidth(ref);
  const text = full ? fullPrecisionString(t.data, t.shape, t.dtype, lineWidth) : numpyString(t.data, t.shape, t.dtype, lineWidth);
  return (
    <pre ref={ref} className={`array num ${kind}`} data-testid={testId} data-line-width={lineWidth} tabIndex={0}
      aria-label={`${kind === 'local' ? 'local derivative' : kind}: ${text}`}>{text}</pre>
  );
}
