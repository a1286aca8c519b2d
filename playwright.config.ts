import { chromium, defineConfig } from '@playwright/test';
import { chooseChromium, thisMachine } from './test/support/chromium';

// Runs the BUILT renderer (vite build → vite preview) in Chromium: SORIX_CHROMIUM, else a Chromium or Chrome on the
// PATH, else Playwright's own (installed on first use); see test/support/chromium.ts. The choice is passed on to the
// worker processes through SORIX_CHROMIUM, so they neither search nor install again.
const executablePath = chooseChromium(thisMachine(() => chromium.executablePath())).path;
process.env.SORIX_CHROMIUM = executablePath ?? '';
// The port of the preview server; set SORIX_E2E_PORT when 4791 is taken.
const port = Number(process.env.SORIX_E2E_PORT ?? 4791);

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
