import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-store';

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the window was and how big, to reopen it the same way. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

const RectSchema = z.object({ x: z.number().int(), y: z.number().int(), width: z.number().int().positive(), height: z.number().int().positive() });
const WindowStateSchema = z.object({ bounds: RectSchema, maximized: z.boolean() });

export const MIN_SIZE = { width: 640, height: 420 };
export const DEFAULT_SIZE = { width: 1280, height: 800 };

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The bounds to open a window with: the saved ones if enough of them is on a display that still exists (a laptop
 * unplugged from its second monitor must not open the window off-screen), else the default size centred on the
 * first display. Sizes are clamped to the display and to the minimum. Pure.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const centred = (width: number, height: number): Rect => ({
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
  });
  const fit = (w: number, h: number, area: Rect): { width: number; height: number } => ({
    width: Math.max(MIN_SIZE.width, Math.min(w, area.width)),
    height: Math.max(MIN_SIZE.height, Math.min(h, area.height)),
  });
  if (saved) {
    const b = saved.bounds;
    // The display that holds most of the window; "visible" means at least a quarter of it, or 200×100 pixels.
    let best: Rect | null = null;
    let bestArea = 0;
    for (const area of workAreas) {
      const o = overlap(b, area);
      if (o > bestArea) [best, bestArea] = [area, o];
    }
    if (best && (bestArea >= (b.width * b.height) / 4 || bestArea >= 200 * 100)) {
      const size = fit(b.width, b.height, best);
      return { bounds: { x: b.x, y: b.y, ...size }, maximized: saved.maximized };
    }
    const size = fit(b.width, b.height, primary);
    return { bounds: centred(size.width, size.height), maximized: saved.maximized };
  }
  const size = fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary);
  return { bounds: centred(size.width, size.height), maximized: false };
}

export function loadWindowState(file: string): Promise<WindowState | null> {
  return readJsonFile<WindowState | null>(file, WindowStateSchema, null);
}

export function saveWindowState(file: string, state: WindowState): Promise<void> {
  return writeJsonFile(file, state);
}
