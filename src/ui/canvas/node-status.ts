import type { NodeResult } from '../../document';

const NOT_CONNECTED = /input '([^']+)' is not connected$/;

/** The input a node waits for while the user is still building (a missing wire is not an error yet), or null. */
export function missingInput(result: NodeResult | undefined): string | null {
  if (result?.status !== 'error' || !result.error?.port) return null;
  return NOT_CONNECTED.test(result.error.message) ? result.error.port : null;
}
