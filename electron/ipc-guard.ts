import type { InboundChannel, ArgsOf } from './ipc-schemas';
import { ArgSchemas } from './ipc-schemas';

/** What main knows about who sent an IPC message (from `event.sender` and `event.senderFrame`). */
export interface SenderInfo {
  /** The id of the sending WebContents. */
  webContentsId: number;
  /** The URL of the sending frame; null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** Whether the sending frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
}

/** Who may talk to main: the top frame of one of our windows, showing our own app. */
export interface SenderPolicy {
  /** Ids of the WebContents of our windows. */
  windowIds: ReadonlySet<number>;
  /** The origin our renderer is served from, e.g. `app://sorix`. */
  appOrigin: string;
}

/** A message main refused; the reason is logged, the renderer only sees that the call failed. */
export class IpcRejected extends Error {
  override readonly name = 'IpcRejected';
}

/** Whether `url` is a page of our own app (same scheme and host as `appOrigin`). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const u = new URL(url);
    const o = new URL(appOrigin);
    return u.protocol === o.protocol && u.host === o.host;
  } catch {
    return false;
  }
}

/** Throws `IpcRejected` unless the message comes from the top frame of one of our windows showing our app. */
export function checkSender(sender: SenderInfo, policy: SenderPolicy): void {
  if (!policy.windowIds.has(sender.webContentsId)) throw new IpcRejected(`sender ${sender.webContentsId} is not one of our windows`);
  if (!sender.isMainFrame) throw new IpcRejected('sender is a subframe');
  if (sender.frameUrl === null || !isAppUrl(sender.frameUrl, policy.appOrigin)) {
    throw new IpcRejected(`sender frame ${sender.frameUrl ?? '(gone)'} is not the app`);
  }
}

/** Checks a message's arguments against its channel's schema; throws `IpcRejected` listing every problem. */
export function parseArgs<C extends InboundChannel>(channel: C, args: readonly unknown[]): ArgsOf<C> {
  const result = ArgSchemas[channel].safeParse(args);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(arguments)'}: ${i.message}`);
    throw new IpcRejected(`${channel}: bad arguments: ${problems.join('; ')}`);
  }
  return result.data as ArgsOf<C>;
}

/**
 * Wraps a handler so that it runs only for an allowed sender and valid arguments. main.ts adapts Electron's event
 * to `SenderInfo`; everything that decides is here, testable without Electron.
 */
export function guarded<C extends InboundChannel, R>(
  channel: C,
  policy: () => SenderPolicy,
  handler: (sender: SenderInfo, ...args: ArgsOf<C>) => R,
): (sender: SenderInfo, args: readonly unknown[]) => R {
  return (sender, args) => {
    checkSender(sender, policy());
    const parsed = parseArgs(channel, args);
    return handler(sender, ...parsed);
  };
}
