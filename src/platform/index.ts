import { BrowserHost } from './browser-host';
import { electronHostFromWindow } from './electron-host';
import type { Host } from './host';

/** The desktop host if the Sorix preload exposed its bridge, else the browser host. */
export function detectHost(): Host {
  return electronHostFromWindow() ?? new BrowserHost();
}

export type { Host } from './host';
