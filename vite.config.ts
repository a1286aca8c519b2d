/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server needs inline scripts (React Refresh's preamble) that the strict Content-Security-Policy in
 * index.html forbids; drop the policy while serving only. Built files always keep it.
 */
function relaxCspInDev(): Plugin {
  return {
    name: 'sorix-relax-csp-in-dev',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
  };
}

export default defineConfig({
  plugins: [react(), relaxCspInDev()],
  base: './',
  build: { outDir: 'dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  preview: { port: 4791, strictPort: true },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30000,
  },
});
