import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, MIN_SIZE, loadWindowState, placeWindow, saveWindowState } from '../../electron/window-state';
import { tempDir } from './helpers';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('window state', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop])).toEqual({
      bounds: { x: (1440 - DEFAULT_SIZE.width) / 2, y: (900 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('reopens where it was when that display is still there', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop, monitor])).toEqual(saved);
  });

  it('comes back on screen when its display was unplugged, keeping its size where it fits', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1000 }, maximized: false };
    const placed = placeWindow(saved, [laptop]);
    expect(placed.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });

  it('never goes below the minimum size', () => {
    const saved = { bounds: { x: 10, y: 10, width: 100, height: 50 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toMatchObject({ x: 10, y: 10, ...MIN_SIZE });
  });

  it('persists and reloads; a damaged file gives null', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'nested', 'window-state.json');
    expect(await loadWindowState(file)).toBeNull();
    const state = { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: false };
    await saveWindowState(file, state);
    expect(await loadWindowState(file)).toEqual(state);
    await writeFile(file, '{"bounds":{"x":"left"}}');
    expect(await loadWindowState(file)).toBeNull();
  });
});
