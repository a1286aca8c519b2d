import type { Host } from '../src/platform/host';

/**
 * What the preload exposes to the renderer as `window.sorixHost` (host.ts's HOST_GLOBAL): one function per IPC
 * message and the host's kind, nothing else (never `ipcRenderer`). It is the renderer's `Host` itself, so the
 * preload, which declares its object
 * `satisfies SorixBridge`, fails type-checking the moment it offers one function more or fewer than the host interface.
 */
export type SorixBridge = Host & {
  /** A constant, so the exposed object is a complete `Host` the renderer can use as it is. */
  readonly kind: 'electron';
};
