// The security lint of the shell (`npm run lint:security`): runs @doyensec/electronegativity over the main-process
// and preload sources and fails if any finding is above LOW. Findings reviewed and accepted are marked in the code
// with `eng-disable <CHECK>` and a comment saying why. The CLI alone always exits 0, so CI could not rely on it.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

const input = path.resolve(process.argv[2] ?? 'electron');
const result = await run(
  {
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: true,
    electronUpgrade: undefined,
    // The version is read from package.json's devDependencies for lack of a lockfile beside the sources.
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  },
  false,
);

const LOW = 1;
for (const issue of result.issues) {
  console.log(`${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id} ${issue.file}:${issue.location.line} ${issue.manualReview ? '(review) ' : ''}${issue.description}`);
}
for (const error of result.errors) console.log(`error: ${error.file}: ${error.message ?? error}`);
const above = result.issues.filter((i) => i.severity.value > LOW);
console.log(`electronegativity ${input}: ${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} finding(s), ${above.length} above LOW, ${result.errors.length} parse error(s)`);
process.exit(above.length > 0 || result.errors.length > 0 ? 1 : 0);
