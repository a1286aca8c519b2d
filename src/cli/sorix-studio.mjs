#!/usr/bin/env node
// The `sorix-studio` command. It runs the TypeScript sources through tsx's API, so nothing generated is committed
// and the command always matches the code; tsx is installed by `npm ci` with the other development tools.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./main.ts', import.meta.url);
process.exitCode = main(process.argv.slice(2));
