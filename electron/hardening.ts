import { promises as fsp } from 'node:fs';
import { app, protocol, shell } from 'electron';
import type { Session, WebContents } from 'electron';
import { mimeTypeFor, resolveAppFile } from './app-protocol';
import { APP_SCHEME, SECURITY_HEADERS, flatSecurityHeaders, navigationDecision } from './security-policy';

/** Must run before `app.ready`: makes `app://` a standard, secure scheme (a real origin for CSP and storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer from `root` over `app://sorix/`, with the CSP and the other security headers. */
export function serveRenderer(root: string): void {
  const headers = flatSecurityHeaders();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(root, request.url) : null;
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const body = await fsp.readFile(file);
      return new Response(body, { status: 200, headers: { 'Content-Type': mimeTypeFor(file), ...headers } });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  });
}

/**
 * Session-wide rules: every permission request and check is refused (the app needs none: no camera, no
 * notifications, no clipboard-read permission — copy and paste go through the DOM's clipboard events), and every
 * response of any other scheme carries the same CSP.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, ...SECURITY_HEADERS.responseHeaders } });
  });
}

/** Hands an http(s) link to the system browser; anything else is dropped. */
function openExternally(url: string): void {
  if (navigationDecision(url) !== 'open-externally') return;
  // electronegativity OPEN_EXTERNAL_JS_CHECK (review required): `url` passed navigationDecision → isSafeExternalUrl
  // just above (http or https with a host, no credentials), so no file:, smb: or custom-scheme URL reaches the system.
  void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

/** Per-page rules for every WebContents the app ever creates: no navigation, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Applies `hardenWebContents` to every WebContents as it is created (windows, devtools, anything). */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
