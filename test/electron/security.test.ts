import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeFor, resolveAppFile } from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY, flatSecurityHeaders, isSafeExternalUrl, navigationDecision } from '../../electron/security-policy';

interface CspFinding {
  severity: number;
  directive: string;
  value: string;
}
interface CspEvaluatorModule {
  CspParser: new (s: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: number) => { evaluate(): CspFinding[] };
  Version: { CSP3: number };
  severities: Record<string, number>;
}
// electronegativity's own CSP grader (Google's csp-evaluator), so this test grades the policy as the CI check does.
const csp = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

describe('Content-Security-Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('allows scripts only from the app itself: no eval, no inline, no remote hosts', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]); // html-to-image (PNG export) sets a <base> in its scratch document
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('grades no worse than "self may be problematic" (MEDIUM_MAYBE) in the CSP evaluator electronegativity uses', () => {
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const serious = findings.filter((f) => f.severity < (csp.severities.MEDIUM_MAYBE ?? 50));
    expect(serious).toEqual([]);
    expect(findings.map((f) => `${f.directive} ${f.value}`)).toEqual(["script-src 'self'"]);
  });

  it('is sent with every response the app serves', () => {
    expect(flatSecurityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(flatSecurityHeaders()['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('links and navigation', () => {
  it.each([
    ['https://github.com/Mitchell-Mirano/sorix', true],
    ['http://example.com/a?b#c', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['app://sorix/index.html', false],
    ['smb://server/share', false],
    ['ms-msdt:/id', false],
    ['https://user:pw@example.com/', false],
    ['not a url', false],
  ])('%s → system browser: %s', (url, safe) => {
    expect(isSafeExternalUrl(url)).toBe(safe);
    expect(navigationDecision(url)).toBe(safe ? 'open-externally' : 'deny');
  });
});

describe('the app:// protocol', () => {
  const root = path.resolve('/opt/sorix/dist/renderer');

  it('serves files under the renderer folder, index.html for /', () => {
    expect(resolveAppFile(root, 'app://sorix/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://sorix/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, 'app://sorix/assets/a%20b.css?v=1#x')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it.each([
    'app://sorix/../../../etc/passwd',
    'app://sorix/%2e%2e/%2e%2e/etc/passwd',
    'app://sorix/assets/..%2f..%2f..%2fetc/passwd',
    'app://sorix/a%5c..%5c..%5cx',
    'app://sorix/a%00.js',
    'app://sorix/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('never leaves the renderer folder for %s', (url) => {
    // `..` stops at the root, as on a web server: the worst case is a missing file inside the folder.
    const file = resolveAppFile(root, url);
    expect(file === null || file.startsWith(root + path.sep)).toBe(true);
  });

  it('refuses other hosts, other schemes, NUL, backslashes and bad escapes outright', () => {
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'app://sorix/a%00.js', 'app://sorix/a%5c..%5cx', 'app://sorix/%E0%A4%A']) {
      expect(resolveAppFile(root, url)).toBeNull();
    }
  });

  it('names the types of the files Vite emits', () => {
    expect(mimeTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
