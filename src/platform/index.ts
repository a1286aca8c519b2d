import { BrowserHost } from './browser-host';
import { HOST_GLOBAL, type Host } from './host';

/** The desktop host if the preload exposed one, else the browser host. */
export function detectHost(): Host {
  const exposed = (window as unknown as Record<string, unknown>)[HOST_GLOBAL] as Host | undefined;
  return exposed ?? new BrowserHost();
}

export type { Host } from './host';
