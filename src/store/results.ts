import type { NodeResult, PortResult } from '../document';
import { registry } from '../kinds';

/** Selectors over evaluation results: what the canvas, inspector and charts read. */

/** The node's first output (the one most kinds have), if it computed. */
export function mainOutput(r: NodeResult | undefined, kindId: string): PortResult | undefined {
  const port = registry.get(kindId)?.outputs[0]?.id;
  return port && r ? r.outputs[port] : undefined;
}

/** The message to show on a node: its own error, or what it waits for. */
export function nodeMessage(r: NodeResult | undefined, describe: (id: string) => string): string | null {
  if (!r) return null;
  if (r.status === 'error') return r.error?.message ?? 'This node failed.';
  if (r.status === 'blocked') return `Waiting for ${(r.blockedBy ?? []).map(describe).join(', ')}, which ${r.blockedBy && r.blockedBy.length > 1 ? 'have' : 'has'} an error.`;
  return null;
}

/**
 * Everything to tell about a node beside its numbers: `error` (its own failure, or what it waits for; shown as an
 * error) and `warnings` (what it computed but silently changed, e.g. float32 overflow; shown as notices, not errors).
 */
export function nodeNotices(r: NodeResult | undefined, describe: (id: string) => string): { error: string | null; warnings: readonly string[] } {
  return { error: nodeMessage(r, describe), warnings: r?.status === 'ok' ? r.warnings : [] };
}

