// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Layers that must stay free of React, the DOM and Electron (ui → store → runtime → document → kinds → engine). */
const pureLayers = ['src/engine/**', 'src/kinds/**', 'src/document/**', 'src/cli/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**', 'src/store/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: pureLayers,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'recharts', 'electron', 'electron/*'], message: 'The engine, kinds and document layers are pure TypeScript: no React, DOM or Electron.' },
          { group: ['**/ui/**', '**/store/**', '**/platform/**'], message: 'Dependencies point one way: ui → store → document → kinds → engine.' },
        ],
      }],
    },
  },
  {
    // Evaluation off the UI thread: the worker and the protocol it speaks sit below the store, which imports them.
    files: ['src/runtime/**', 'src/worker/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', 'react/*', '@xyflow/*', 'zustand', 'zustand/*', 'recharts', 'electron', 'electron/*'], message: 'The runtime and the worker need no React, zustand or Electron.' },
          { group: ['**/ui/**', '**/store/**', '**/platform/**'], message: 'Dependencies point one way: store → runtime → document (the worker uses runtime, never the store).' },
        ],
      }],
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', '@xyflow/*', 'zustand', 'recharts', 'electron'], message: 'The engine is pure TypeScript.' },
          { group: ['**/kinds/**', '**/document/**', '**/ui/**', '**/store/**', '**/platform/**'], message: 'The engine depends on nothing else in the app.' },
        ],
      }],
    },
  },
);
