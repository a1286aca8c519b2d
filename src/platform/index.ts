import { BrowserHost } from './browser-host';
import { HOST_GLOBAL, type Host, type SorixBridge } from './host';

/**
 * The desktop host if the Sorix preload exposed its bridge (`window.sorixHost`, already a complete Host: each call is
 * one IPC message), else the browser host.
 */
export function detectHost(win: Window = window): Host {
  const bridge = (win as unknown as Record<string, SorixBridge | undefined>)[HOST_GLOBAL];
  return bridge ?? new BrowserHost();
}

export type { Host } from './host';
