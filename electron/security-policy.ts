/**
 * The security rules of the shell as data and pure functions; main.ts applies them to Electron's objects.
 */

/** The custom scheme the renderer is served from: a real origin, so CSP `'self'` means our files and nothing else. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'sorix';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Response headers for every page and file the renderer loads, in the shape Electron's `onHeadersReceived` takes
 * (kept as one literal so electronegativity's CSP check can read and grade the policy).
 *
 * The Content-Security-Policy: scripts only from the app's own files — no `unsafe-eval` (zod runs `jitless`), no
 * inline scripts, no WebAssembly (add `'wasm-unsafe-eval'` if the renderer ever needs it). electronegativity grades
 * `script-src 'self'` LOW ("problematic if you host JSONP, Angular or user uploaded files"): `app://sorix` serves
 * only the built renderer from the app bundle, never a user's file (those are read by main and passed as text).
 * Styles allow inline because React Flow and Recharts set style attributes and KaTeX's CSS is injected;
 * scripts never do. Images and fonts from `data:`/`blob:` serve the PNG export (html-to-image) and KaTeX;
 * `base-uri 'self'` (as in index.html's meta policy) lets html-to-image set a <base> in its scratch document.
 */
export const SECURITY_HEADERS = Object.freeze({
  responseHeaders: {
    'Content-Security-Policy': [
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' data: blob:; worker-src 'self' blob:; manifest-src 'self'; base-uri 'self'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'; object-src 'none'",
    ],
    'X-Content-Type-Options': ['nosniff'],
    'Cross-Origin-Opener-Policy': ['same-origin'],
    'Referrer-Policy': ['no-referrer'],
  },
});

/** The renderer's Content-Security-Policy (see SECURITY_HEADERS). */
export const CONTENT_SECURITY_POLICY: string = SECURITY_HEADERS.responseHeaders['Content-Security-Policy'][0] ?? '';

/** The same headers flattened, for responses main makes itself (the `app://` protocol). */
export function flatSecurityHeaders(): Record<string, string> {
  return Object.fromEntries(Object.entries(SECURITY_HEADERS.responseHeaders).map(([name, values]) => [name, values.join(', ')]));
}

/** Whether a link may be handed to the system browser: http(s) only, never file:, javascript:, custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/** What to do when a page tries to navigate or open a window: nothing in-app; http(s) goes to the system browser. */
export function navigationDecision(url: string): 'deny' | 'open-externally' {
  return isSafeExternalUrl(url) ? 'open-externally' : 'deny';
}
