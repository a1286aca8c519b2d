import { defineConfig } from '@playwright/test';

// Runs the BUILT renderer (vite build → vite preview) in Chromium. Chromium comes from SORIX_CHROMIUM, else Debian's
// /usr/bin/chromium; set SORIX_CHROMIUM= (empty) to use Playwright's own downloaded browser instead.
const env = process.env.SORIX_CHROMIUM;
const executablePath = env === '' ? undefined : (env ?? '/usr/bin/chromium');

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4791',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'npx vite build && npx vite preview --host 127.0.0.1 --port 4791 --strictPort',
    url: 'http://127.0.0.1:4791',
    reuseExistingServer: false,
    timeout: 120_000,
  },
});
