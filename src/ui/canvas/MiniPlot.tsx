import { memo, useEffect, useRef } from 'react';
import type { TypedArray } from '../../engine';
import { finiteRange } from '../numbers';

const colorCache = new Map<string, string>();
/**
 * A CSS variable's colour for drawing on a canvas. Read once per theme: getComputedStyle forces a style recalculation,
 * which with hundreds of nodes on screen costs more than everything else in an update.
 */
function themeColor(variable: string): string {
  const key = `${document.documentElement.dataset.theme}:${variable}`;
  let c = colorCache.get(key);
  if (!c) {
    c = getComputedStyle(document.documentElement).getPropertyValue(variable).trim() || '#1d6fd6';
    colorCache.set(key, c);
  }
  return c;
}

/** A tiny picture of many numbers: a heatmap for 2-D, a sparkline otherwise. */
export const MiniPlot = memo(function MiniPlot({ data, shape, color, label }: { data: TypedArray; shape: readonly number[]; color: string; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const heat = shape.length === 2;
  const w = 140;
  const h = heat ? Math.max(8, Math.min(60, Math.round((w * shape[0]!) / shape[1]!))) : 26;
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const [lo, hi] = finiteRange(data);
    const span = hi - lo || 1;
    ctx.clearRect(0, 0, c.width, c.height);
    if (heat) {
      const [rows, cols] = [shape[0]!, shape[1]!];
      // At most one cell per pixel: a (1000, 1000) tensor samples 140×60 values instead of drawing a million rects.
      const R = Math.min(rows, c.height), K = Math.min(cols, c.width);
      const cw = c.width / K, ch = c.height / R;
      for (let r = 0; r < R; r++) for (let k = 0; k < K; k++) {
        const v = data[Math.floor((r * rows) / R) * cols + Math.floor((k * cols) / K)]!;
        const t = Number.isFinite(v) ? (v - lo) / span : 0;
        ctx.fillStyle = Number.isFinite(v) ? `hsl(${220 - 190 * t} 75% ${30 + 35 * t}%)` : '#d00';
        ctx.fillRect(k * cw, r * ch, Math.ceil(cw), Math.ceil(ch));
      }
      return;
    }
    ctx.strokeStyle = themeColor(color);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    const n = data.length;
    const step = Math.max(1, Math.floor(n / (c.width * 2)));
    for (let i = 0; i < n; i += step) {
      const v = data[i]!;
      const x = n > 1 ? (i / (n - 1)) * (c.width - 2) + 1 : c.width / 2;
      const y = c.height - 2 - (Number.isFinite(v) ? (v - lo) / span : 0) * (c.height - 4);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }, [data, shape, heat, color]);
  return <canvas ref={ref} width={w} height={h} style={{ width: w, height: h }} role="img" aria-label={label} />;
});
