import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: focus moves into it, Escape closes it, and assistive technology is told it is modal. `actions`
 * replaces the single Close button.
 */
export function Dialog({ title, onClose, children, testId, actions }: { title: string; onClose: () => void; children: ReactNode; testId: string; actions?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    // Focus the first control without scrolling to it (in the shortcuts list that is Close, at the very bottom):
    // the dialog opens at its top, title first.
    ref.current?.querySelector<HTMLElement>('button, [href], input, select, textarea')?.focus({ preventScroll: true });
    if (ref.current) ref.current.scrollTop = 0;
    return () => prev?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title} ref={ref} data-testid={testId}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}>
        <h2>{title}</h2>
        {children}
        <div className="actions">{actions ?? <button className="primary" onClick={onClose}>Close</button>}</div>
      </div>
    </div>
  );
}
