import type { ReactNode } from 'react';
import { axisLabelOffset } from './layout';

interface Box { x?: number; y?: number; width?: number; height?: number }

/**
 * An axis title drawn by us rather than by Recharts' label positions, so it sits a fixed, font-relative distance from
 * the outer edge of the axis box, centred along it, and never over the tick labels (the axis box is sized for both).
 */
export function AxisTitle({ viewBox, text, side, fontSize, color }: { viewBox?: Box; text: string; side: 'left' | 'right' | 'bottom'; fontSize: number; color: string }) {
  const { x = 0, y = 0, width = 0, height = 0 } = viewBox ?? {};
  const off = axisLabelOffset(fontSize);
  if (side === 'bottom') {
    return <text x={x + width / 2} y={y + height - off} textAnchor="middle" dominantBaseline="central" fontSize={fontSize} fill={color}>{text}</text>;
  }
  const cx = side === 'left' ? x + off : x + width - off;
  const cy = y + height / 2;
  return (
    <text x={cx} y={cy} transform={`rotate(-90 ${cx} ${cy})`} textAnchor="middle" dominantBaseline="central" fontSize={fontSize} fill={color}>{text}</text>
  );
}

/** A legend in HTML: it wraps on a narrow panel and grows with the app's font size. */
export function LegendRow({ items }: { items: { key: string; swatch: ReactNode; label: string }[] }) {
  return (
    <div className="chart-note" style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 12px', margin: '0 0 2px' }} data-testid="chart-legend">
      {items.map((it) => (
        <span key={it.key} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }}>{it.swatch}{it.label}</span>
      ))}
    </div>
  );
}

export const lineSwatch = (color: string, dashed = false) => (
  <svg width="18" height="10" aria-hidden="true"><line x1="1" y1="5" x2="17" y2="5" stroke={color} strokeWidth="2.5" strokeDasharray={dashed ? '4 2' : undefined} /></svg>
);
export const dotSwatch = (color: string) => <svg width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="4" fill={color} /></svg>;
export const boxSwatch = (color: string) => <svg width="12" height="10" aria-hidden="true"><rect x="1" y="1" width="10" height="8" fill={color} /></svg>;
export const edgeSwatch = (color: string) => <svg width="12" height="10" aria-hidden="true"><path d="M2 1 L11 5 L2 9 Z" fill="none" stroke={color} strokeWidth="1.6" /></svg>;

/** Tooltip body: a few lines of text on the panel's colours. */
export function TipBox({ lines }: { lines: (string | null)[] }) {
  return (
    <div style={{ background: 'var(--panel)', border: '1px solid var(--border)', borderRadius: 6, padding: '4px 8px', color: 'var(--text)' }}>
      {lines.filter((l): l is string => l !== null).map((l, i) => <div key={i} className="mono">{l}</div>)}
    </div>
  );
}

/** Full-ish precision for tooltips: 6 significant digits, NaN and ±∞ by name. */
export function precise(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+∞' : '−∞';
  return String(Number(v.toPrecision(6))).replace('-', '−');
}
