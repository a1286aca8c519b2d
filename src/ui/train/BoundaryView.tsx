import { memo, useEffect, useRef } from 'react';
import type { BoundaryGrid, RunPoints } from '../../runtime/train-session';

/** Class colours (colour-blind safe: orange / blue as the Playground, then more for multi-class). */
const CLASS_RGB: readonly (readonly [number, number, number])[] = [
  [245, 147, 34], [8, 119, 189], [46, 160, 67], [214, 39, 40], [148, 103, 189], [140, 86, 75], [227, 119, 194], [127, 127, 127], [188, 189, 34], [23, 190, 207],
];

/** A value in [0, 1] as the Playground colours it: orange at 0, white at ½, blue at 1. */
function diverging(v: number): [number, number, number] {
  const t = Math.max(0, Math.min(1, v));
  const [a, b] = t < 0.5 ? [CLASS_RGB[0]!, [255, 255, 255] as const] : [[255, 255, 255] as const, CLASS_RGB[1]!];
  const u = t < 0.5 ? t * 2 : (t - 0.5) * 2;
  return [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
}

function paintGrid(ctx: CanvasRenderingContext2D, res: number, size: number, colour: (i: number) => [number, number, number]): void {
  const img = ctx.createImageData(res, res);
  for (let i = 0; i < res * res; i++) {
    const [r, g, b] = colour(i);
    img.data[i * 4] = r; img.data[i * 4 + 1] = g; img.data[i * 4 + 2] = b; img.data[i * 4 + 3] = 255;
  }
  // Drawn at the grid's resolution, then scaled up smoothly (as the Playground does).
  const off = new OffscreenCanvas(res, res);
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, size, size);
}

/**
 * The decision boundary: the model's prediction over the plane of its two inputs as a heatmap (for a classifier the
 * probability of class 1, or the colour of the winning class), with the training points (filled) and test points
 * (ringed) on top.
 */
export const BoundaryView = memo(function BoundaryView({ grid, points, size, regression }: { grid: BoundaryGrid; points: RunPoints | null; size: number; regression: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = size * dpr; c.height = size * dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    let lo = 0, hi = 1;
    if (regression) {
      lo = Infinity; hi = -Infinity;
      for (const v of grid.values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (!(hi > lo)) { lo -= 1; hi += 1; }
    }
    const norm = (v: number): number => (v - lo) / (hi - lo);
    paintGrid(ctx, grid.res, size, (i) => {
      if (grid.classes) {
        const base = CLASS_RGB[grid.classes[i]! % CLASS_RGB.length]!;
        const a = 0.25 + 0.6 * grid.values[i]!; // confidence
        return [255 + (base[0] - 255) * a, 255 + (base[1] - 255) * a, 255 + (base[2] - 255) * a];
      }
      return diverging(norm(grid.values[i]!));
    });
    if (!points) return;
    const sx = (x: number): number => ((x - grid.x0) / (grid.x1 - grid.x0)) * size;
    const sy = (y: number): number => ((grid.y1 - y) / (grid.y1 - grid.y0)) * size;
    const dot = (p: Float32Array, test: boolean): void => {
      for (let i = 0; i < p.length; i += 3) {
        const label = p[i + 2]!;
        const [r, g, b] = regression ? diverging(norm(label)) : grid.classes ? CLASS_RGB[label % CLASS_RGB.length]! : diverging(label);
        ctx.beginPath();
        ctx.arc(sx(p[i]!), sy(p[i + 1]!), test ? 3.2 : 2.8, 0, Math.PI * 2);
        ctx.fillStyle = test ? 'rgba(255,255,255,0.9)' : `rgb(${r},${g},${b})`;
        ctx.strokeStyle = test ? `rgb(${r},${g},${b})` : 'rgba(255,255,255,0.9)';
        ctx.lineWidth = test ? 1.6 : 0.8;
        ctx.fill();
        ctx.stroke();
      }
    };
    dot(points.train, false);
    if (points.test) dot(points.test, true);
  }, [grid, points, size, regression]);
  return <canvas ref={ref} style={{ width: size, height: size, display: 'block', borderRadius: 4 }} data-testid="boundary" role="img"
    aria-label={`Decision boundary over x₀ from ${grid.x0.toFixed(1)} to ${grid.x1.toFixed(1)} and x₁ from ${grid.y0.toFixed(1)} to ${grid.y1.toFixed(1)}; filled dots are training examples, rings test examples`} />;
});

/** One hidden unit's output over the same plane, small (the Playground's per-neuron thumbnails). */
export const UnitView = memo(function UnitView({ values, res, size, label }: { values: Float32Array; res: number; size: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = size; c.height = size;
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    // Symmetric around 0 (tanh, ReLU units read as "off" at 0).
    const m = Math.max(Math.abs(lo), Math.abs(hi), 1e-12);
    paintGrid(ctx, res, size, (i) => diverging(0.5 + values[i]! / (2 * m)));
  }, [values, res, size]);
  return <canvas ref={ref} width={size} height={size} style={{ width: size, height: size }} title={label} aria-label={label} role="img" />;
});
