#!/usr/bin/env node
// `sorix-studio` as the launcher runs it, but reading files against the app's kinds plus the test-only planted one.
import { tsImport } from 'tsx/esm/api';

const { run } = await tsImport('./planted-main.ts', import.meta.url);
process.exitCode = run(process.argv.slice(2));
