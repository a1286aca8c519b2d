/** The command line with the test-only kind whose gradient is planted wrong (test/train/planted-kind.ts). */
import { main } from '../../src/cli/main';
import { plantedRegistry } from '../train/planted-kind';

export function run(argv: readonly string[]): number {
  return main(argv, undefined, { registry: plantedRegistry });
}
