import type { NodeResult } from '../../document';

/** The input a node waits for while the user is still building (a missing wire is not an error yet), or null. */
export function missingInput(result: NodeResult | undefined): string | null {
  if (result?.status !== 'error' || !result.error?.missingInput) return null;
  return result.error.port ?? null;
}

/**
 * A node's state in one string, for views that need no numbers: 'ok', 'error', 'blocked', 'needs:<input>' (only a
 * wire missing) or 'waiting' (blocked only by nodes that miss a wire). Being a string, it compares equal across edits
 * that change only numbers, so a subscriber does not re-render.
 */
export function nodeSummary(r: NodeResult | undefined, all: ReadonlyMap<string, NodeResult>): string {
  if (!r) return 'ok';
  const needs = missingInput(r);
  if (needs !== null) return `needs:${needs}`;
  if (r.status === 'blocked' && (r.blockedBy ?? []).every((b) => missingInput(all.get(b)) !== null)) return 'waiting';
  return r.status;
}
